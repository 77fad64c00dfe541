"""The item-data roles every model in this package answers, in one place.

A view asks any model for the same things the same way: ``index.data(RecordRole)`` is
the domain record a row shows (a Person, a Decision), ``RecordIdRole`` its id (for
selecting and opening rows by id), ``RowRole`` the whole row object (a record or a
summary with more in it), ``SortRole`` a key to sort the column by (dates as ISO
text, numbers as numbers). :class:`~leap_desktop.models.table.TableModel` declares
them on the class too, as ``Model.RecordRole``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

RecordRole = Qt.ItemDataRole.UserRole + 1
RecordIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4

__all__ = ["RecordIdRole", "RecordRole", "RowRole", "SortRole"]
