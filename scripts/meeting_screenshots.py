"""Render the meetings screens on the demo panel to PNG files, to look at them.

    .venv/bin/python scripts/meeting_screenshots.py [out-folder]

Writes meetings.png, meeting.png and meeting-mode.png (default: docs/screenshots/).
Runs offscreen; the demo panel is built in a temporary folder with the clock on the
day of its next meeting, so the workspace and meeting mode show a meeting in progress.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from leap_desktop.services import PanelService  # noqa: E402
from leap_desktop.services.demo import build_demo  # noqa: E402
from leap_desktop.views.context import AppContext  # noqa: E402

SIZE = (1280, 800)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="leap-shots-"))
    build_clock = lambda: dt.datetime(2026, 6, 20, 12, 0, tzinfo=dt.timezone.utc)  # noqa: E731
    with PanelService.open(folder / "demo.leap", create=True, clock=build_clock) as svc:
        build_demo(svc.store)
    # Three days before the next meeting: it is upcoming, and its papers are due.
    clock = lambda: dt.datetime(2026, 6, 29, 9, 0, tzinfo=dt.timezone.utc)  # noqa: E731
    service = PanelService.open(folder / "demo.leap", clock=clock)
    ctx = AppContext(service, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    made = []
    for name, make in pages(ctx):  # one at a time: each picture shows the panel as it is then
        page = make()
        made.append(page)
        page.resize(*SIZE)
        page.show()
        app.processEvents()
        path = out / f"{name}.png"
        page.grab().save(str(path))
        print(f"wrote {path}")
        page.hide()
    for page in made:
        page.deleteLater()
    app.processEvents()
    ctx.close()
    return 0


def pages(ctx: AppContext):
    """(file name, how to make the page) for each screen."""
    from leap_desktop.views.meeting_mode import MeetingMode
    from leap_desktop.views.meeting_workspace import MeetingWorkspace
    from leap_desktop.views.meetings import MeetingsPage

    upcoming = [m for m in ctx.service.meetings() if m.status.value == "planned"][-1]

    def workspace():
        page = MeetingWorkspace(ctx)
        page.show_record(upcoming.id)
        return page

    def mode():
        page = MeetingMode(ctx)
        page.show_record(upcoming.id)
        _a_meeting_in_progress(ctx, page)
        return page

    return [("meetings", lambda: MeetingsPage(ctx)), ("meeting", workspace), ("meeting-mode", mode)]


def _a_meeting_in_progress(ctx: AppContext, mode) -> None:
    """Twenty minutes into the third item, with three contributions and one typed."""
    from PySide6.QtTest import QTest

    from leap_desktop.domain.vocab import ContributionKind

    service = ctx.service
    start = [0.0]
    mode.clock = lambda: start[0]
    mode.restart_clocks()
    for _ in range(2):
        mode.next_item()
    start[0] = 25 * 60
    mode.restart_clock()
    item = mode.item
    people = {p.display_name.split()[0]: p for p in service.people()}
    said = [
        ("Amira", "insight", "Hearing what changed made me feel the panel was listened to for the first time."),
        ("Ben", "suggestion", "Send the summary as a one-page letter too: not everyone reads email."),
        ("Dev", "concern", "Some changes were small; we should say plainly what did not change, and why."),
    ]
    for name, kind, text in said[:2]:
        service.add_contribution(item.id, people[name].id, kind, text)
    # The third as a note-taker enters it: "dev", Enter, Alt+3, the words, Enter.
    name, kind, text = said[2]
    mode.ui.whoEdit.setText(name.lower())
    mode.pick_speaker()
    mode.set_kind(ContributionKind(kind))
    mode.ui.textEdit.setPlainText(text)
    mode.save_contribution()
    for contribution in service.contributions(item.id)[:2]:
        mode.contributions.set_ticked(contribution.id)
    mode.ui.decisionTitleEdit.setText("Send the year's 'You said, we did' as a one-page letter")
    QTest.keyClicks(mode.ui.whoEdit, "lin")
    start[0] = 45 * 60 + 5
    mode._tick()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
