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


@pytest.fixture
def demo_ctx(demo_service, settings, qapp):
    """An AppContext over a copy of the demo panel (clock at 15 June 2026)."""
    from leap_desktop.views.context import AppContext

    context = AppContext(demo_service, settings)
    yield context
    if context._on_change in demo_service.store.listeners:
        demo_service.store.listeners.remove(context._on_change)


@pytest.fixture
def appearance(settings, qapp):
    """The app's text size and theme, put back to normal after the test."""
    from leap_desktop.views.theme import Appearance

    look = Appearance(settings, qapp)
    yield look
    look.scale, look.high_contrast = 1.0, False
    look.apply()


@pytest.fixture
def window(demo_ctx, appearance, qtbot, monkeypatch):
    """The main window over the demo panel, as a person would see it."""
    from leap_desktop.views.main_window import MainWindow

    win = MainWindow(demo_ctx, None, appearance=appearance)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def dialogs_of(widget, cls):
    """Open dialogs of a type, among a widget's children."""
    return [d for d in widget.findChildren(cls) if d.isVisible()]
