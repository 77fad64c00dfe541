"""The Qt binding keeps Python's reference counts right when a model answers "nothing".

PySide6 6.12.0 drops a reference to ``None`` every time a Python model's ``data()`` or
``headerData()`` returns None to Qt; on Python before 3.12 that frees ``None`` after a
few thousand calls and the app crashes ("none_dealloc"). pyproject.toml excludes that
version; this test fails if a release with the same fault is installed.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QSortFilterProxyModel, Qt

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its reference count cannot run out"
)


class Quiet(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "shown" if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_returning_none_from_a_model_keeps_none_alive(qapp):
    model = Quiet()
    proxy = QSortFilterProxyModel()  # a C++ caller, as every view is
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(500):
        assert proxy.data(index, Qt.ItemDataRole.FontRole) is None
        assert proxy.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) is None
    assert sys.getrefcount(None) - before > -50, "the Qt binding is losing references to None"
    assert proxy.data(index) == "shown"
