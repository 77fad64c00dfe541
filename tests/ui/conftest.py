"""Qt test set-up: an AppContext over a temporary panel, settings kept out of the home folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(service, settings, qapp):
    from leap_desktop.views.context import AppContext

    context = AppContext(service, settings)
    yield context
    if context._on_change in service.store.listeners:
        service.store.listeners.remove(context._on_change)
