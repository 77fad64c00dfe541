"""Meeting screens on a ten-year panel: a contribution must be saved and shown the
moment Enter is pressed, and the meetings screens must open without a wait."""

from __future__ import annotations

import os
import time

from .common import report, ten_year_panel, timed

CAPTURE_TARGET = 0.100  # seconds from Enter to saved (synchronous=FULL) and shown in the list
OPEN_TARGET = 0.300  # seconds to build and fill a screen


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from leap_desktop.services import PanelService
    from leap_desktop.models.context import AppContext
    from leap_desktop.views.pages.meeting_mode import MeetingMode
    from leap_desktop.views.pages.meeting_workspace import MeetingWorkspace
    from leap_desktop.views.pages.meetings import MeetingsPage

    app = QApplication.instance() or QApplication([])
    path = ten_year_panel()
    ok = True
    with PanelService.open(path) as svc:
        ctx = AppContext(svc)
        meeting = svc.meetings()[-1]
        item = svc.agenda(meeting.id)[0]
        speaker = svc.people(active_on=meeting.day)[0]
        print(f"  panel: {len(svc.meetings())} meetings; capturing on {item.ref} of {meeting.ref}")
        ok &= report("service: add a contribution (one transaction)",
                     timed(lambda: svc.add_contribution(item.id, speaker.id, "idea", "Timed idea"), repeat=15),
                     CAPTURE_TARGET)
        mode = MeetingMode(ctx)
        mode.show_record(meeting.id)
        mode.show()
        app.processEvents()

        def capture() -> None:
            mode.ui.whoEdit.setText(speaker.display_name)
            mode.ui.textEdit.setPlainText("A contribution typed in meeting mode")
            assert mode.capture.save_contribution() is not None
            app.processEvents()

        ok &= report("meeting mode: Enter to saved and shown", timed(capture, repeat=15), CAPTURE_TARGET)
        others = iter([m.id for m in svc.meetings()] * 2)
        ok &= report("meeting mode: open on another meeting", timed(lambda: (mode.show_record(next(others)), app.processEvents()), repeat=5),
                     OPEN_TARGET)
        started = time.perf_counter()
        page = MeetingsPage(ctx)
        page.show()
        app.processEvents()
        ok &= report("meetings page: build and list every meeting", time.perf_counter() - started, OPEN_TARGET)
        workspace = MeetingWorkspace(ctx)
        workspace.show()
        ok &= report("workspace: open another meeting", timed(lambda: (workspace.show_record(next(others)), app.processEvents()), repeat=5),
                     OPEN_TARGET)
        for widget in (mode, page, workspace):
            widget.deleteLater()
        app.processEvents()
        svc.store.listeners.clear()
    return 0 if ok else 1
