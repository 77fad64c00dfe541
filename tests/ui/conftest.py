"""Qt test set-up for windows: the appearance and the main window (the context and the
settings are in tests/conftest.py, shared with the model tests)."""

from __future__ import annotations

import pytest


@pytest.fixture
def appearance(settings, qapp):
    """The app's text size and theme, put back to normal after the test."""
    from leap_desktop.views.shell.theme import Appearance

    look = Appearance(settings, qapp)
    yield look
    look.scale, look.high_contrast = 1.0, False
    look.apply()


@pytest.fixture
def window(demo_ctx, appearance, qtbot, monkeypatch):
    """The main window over the demo panel, as a person would see it."""
    from leap_desktop.views.shell.main_window import MainWindow

    win = MainWindow(demo_ctx, None, appearance=appearance)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def dialogs_of(widget, cls):
    """Open dialogs of a type, among a widget's children."""
    return [d for d in widget.findChildren(cls) if d.isVisible()]
