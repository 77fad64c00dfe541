"""The window fits the screen it opens on (a 1366x768 laptop), and the start screen
quits with Ctrl+Q as the main window does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from leap_desktop.views.shell.app import Launcher
from leap_desktop.views.shell.main_window import FIRST_SIZE, MainWindow


def inside_screen(window) -> bool:
    area = QGuiApplication.primaryScreen().availableGeometry()
    return area.contains(window.frameGeometry())


def test_the_first_window_fits_a_screen_smaller_than_its_first_size(demo_ctx, appearance, qtbot):
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.width() < FIRST_SIZE[0]  # the test screen (800x800) is smaller, as a laptop's may be
    window = MainWindow(demo_ctx, None, appearance=appearance)
    qtbot.addWidget(window)
    assert window.width() <= area.width() and window.height() < area.height()
    window.show()
    qtbot.waitExposed(window)
    assert inside_screen(window)


def test_a_size_remembered_from_a_larger_screen_is_made_to_fit(demo_ctx, appearance, settings, qtbot):
    big = MainWindow(demo_ctx, None, appearance=appearance)
    qtbot.addWidget(big)
    big.setGeometry(900, 700, 1900, 1150)  # as on a large monitor, placed off this screen
    settings.setValue("window/geometry", big.saveGeometry())
    big.remember = False
    big.close()
    from leap_desktop.services import PanelService
    from leap_desktop.models.context import AppContext

    with PanelService.open(demo_ctx.path) as service:
        ctx = AppContext(service, settings)
        window = MainWindow(ctx, None, appearance=appearance)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert inside_screen(window)
        window.remember = False
        window.close()


def test_ctrl_q_on_the_start_screen_quits(settings, appearance, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "data"))
    launcher = Launcher(settings, appearance)
    quits = []
    launcher.quit = lambda: quits.append(True)
    launcher.show_start()
    screen = launcher.start_screen
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is screen.windowHandle())
    qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quits == [True]
    screen.close()
