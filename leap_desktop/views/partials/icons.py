"""The application icon, from ``resources/icons/`` (drawn by ``scripts/render-icons``).

The main window's start-up calls ``QApplication.setWindowIcon(app_icon())`` once, so every
window and dialog, the task bar and the window switcher show it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from ...paths import resource

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The name the Linux desktop file and `make install-desktop` use for the themed icon.
ICON_NAME = "leap-desktop"


def icon_file(size: int) -> str:
    return str(resource("icons", f"{ICON_NAME}-{size}.png"))


def app_icon() -> QIcon:
    """LEAP Desktop's icon at every size it is drawn at (Qt picks the nearest)."""
    icon = QIcon()
    for size in SIZES:
        icon.addFile(icon_file(size), QSize(size, size))
    return icon
