"""Run by tests/ui/test_atspi_tree.py (not a test itself): the main window over a copy of
a new demo panel (in-memory keyring), stepping through the states a member meets. Before each state it prints
"STATE <name>" and waits for a line on stdin (the walker has read the tree)."""

from __future__ import annotations

import sys
from pathlib import Path


def main(folder: str) -> None:
    import keyring

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the real keyring
    from leap_desktop.services import PanelService
    from leap_desktop.services.demo import build_demo

    panel = Path(folder) / "demo.leap"
    with PanelService.open(panel, create=True) as made:
        build_demo(made.store)
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    app.setApplicationName("leap-atspi-check")
    from leap_desktop.models.context import AppContext
    from leap_desktop.views.shell.main_window import MainWindow
    from PySide6.QtCore import QSettings

    settings = QSettings(str(panel.with_suffix(".ini")), QSettings.Format.IniFormat)
    service = PanelService.open(panel)
    window = MainWindow(AppContext(service, settings), None, remember=False)
    window.resize(1366, 768)
    window.show()
    meeting = service.meetings()[-2].id

    def search():
        page = window.show_page("decisions")
        page.ui.searchEdit.setText("easy-read")

    def chosen():
        page = window.show_page("decisions")
        page.ui.searchEdit.clear()
        page.ui.decisionsTable.selectRow(1)

    def dialog():
        window.show_page("people").edit_action.trigger()  # the member dialog

    steps = [(p, (lambda p=p: window.show_page(p, meeting if p in ("meeting", "meeting_mode") else None) and None))
             for p in ("people", "meetings", "decisions", "actions", "payments", "person", "meeting",
                       "meeting_mode")]
    def link_reached():
        """The details of a decision, read by keyboard: the driver listens for what is
        announced (LISTEN), then Tab moves to the first and the second link."""
        from PySide6.QtTest import QTest

        page = window.show_page("decisions")
        page.ui.decisionsTable.selectRow(1)
        window.activateWindow()
        page.focus_trace()
        print("LISTEN links of the details", flush=True)

        def press_tabs():
            QTest.keyClick(page.ui.traceView, Qt.Key.Key_Tab)
            QTimer.singleShot(300, lambda: QTest.keyClick(page.ui.traceView, Qt.Key.Key_Tab))
        return press_tabs

    steps += [("a search typed", search), ("a decision chosen", chosen), ("links of the details", link_reached),
              ("a dialog open", dialog)]
    on_line = []  # what the next line from the driver does (next step unless a step says)

    def next_step():
        if not steps:
            print("DONE", flush=True)
            app.quit()
            return
        name, step = steps.pop(0)
        then = step()
        if then is None:
            QTimer.singleShot(600, lambda: print(f"STATE {name}", flush=True))
        else:  # the driver is listening: act, then let it walk the tree
            on_line.append(lambda: (then(), QTimer.singleShot(1200, lambda: print(f"STATE {name}", flush=True))))

    # the walker's "read it" line is awaited without blocking the event loop: Qt's bridge
    # answers the walker's questions from this loop, so a blocking read would leave the
    # tree empty
    from PySide6.QtCore import QSocketNotifier

    def walker_done():
        sys.stdin.readline()
        (on_line.pop() if on_line else next_step)()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(walker_done)
    QTimer.singleShot(500, next_step)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
