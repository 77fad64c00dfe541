"""The main window's size and place: fitted to the screen, remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QStyle

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
#: The window's first size, made smaller on a smaller screen (fit_to_screen).
FIRST_SIZE = (1200, 780)
#: Allowed for a window border on each side before the window manager has drawn one.
WINDOW_BORDER = 4


def restore(window: QMainWindow, settings: QSettings, remember: bool) -> None:
    """The size and place it had last time (``remember``), else the first size."""
    geometry = settings.value(GEOMETRY_KEY) if remember else None
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*FIRST_SIZE)


def save(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.setValue(STATE_KEY, window.saveState())
    settings.sync()


def fit_to_screen(window: QMainWindow) -> None:
    """Keep the window, with its title bar and frame, inside the screen's free area
    (a 1366x768 laptop with a panel has about 1366x740): never larger, and never
    placed off it. The first size and a size remembered from a larger screen alike."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    inner, frame = window.geometry(), window.frameGeometry()
    if window.isVisible() and frame != inner:
        left, top = inner.x() - frame.x(), inner.y() - frame.y()
        right, bottom = frame.width() - inner.width() - left, frame.height() - inner.height() - top
    else:  # no frame yet: allow for a title bar and borders as the style draws them
        left = right = bottom = WINDOW_BORDER
        top = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + WINDOW_BORDER
    width = min(inner.width(), area.width() - left - right)
    height = min(inner.height(), area.height() - top - bottom)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    outer_w, outer_h = width + left + right, height + top + bottom
    x = min(max(inner.x() - left, area.left()), area.left() + area.width() - outer_w)
    y = min(max(inner.y() - top, area.top()), area.top() + area.height() - outer_h)
    if (x, y) != (inner.x() - left, inner.y() - top):
        window.move(x, y)  # a window's position is its frame's
