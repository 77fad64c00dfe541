"""Minutes of a busy meeting (20 agenda items, 200 contributions, decisions and actions)
must export to Word in under a second (issue: co-authored minutes)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from leap_desktop.domain.model import Meeting
from leap_desktop.export import minutes_docx
from leap_desktop.services import PanelService, minutes

from .common import report, timed

TARGET = 1.0  # seconds
KINDS = ["insight", "idea", "concern", "question", "suggestion", "agreement", "dissent"]


def busy_meeting(svc: PanelService) -> Meeting:
    svc.set_panel(name="Benchmark LEAP")
    people = [
        svc.add_person(display_name=f"Member {n} Example", roles=[role], consent=consent)
        for n, (role, consent) in enumerate(
            [(r, c) for r in ("lived_experience", "carer", "researcher", "practitioner") for c in ("named", "initials", "role_only", "anonymous")]
        )
    ]
    previous = svc.add_meeting(title="Previous meeting", starts_at="2026-02-05 14:00", status="held")
    meeting = svc.add_meeting(title="A very busy meeting", starts_at="2026-03-05 14:00", place="Room 2", status="held")
    for p in people:
        svc.set_attendance(meeting.id, p.id)
    for i in range(20):
        item = svc.add_item(meeting.id, title=f"Agenda item {i + 1} about the study", purpose="decision", presenter_id=people[8].id)
        said = [
            svc.add_contribution(item.id, people[(i + k) % len(people)].id, KINDS[k % len(KINDS)],
                                 f"Contribution {k + 1} on item {i + 1}: " + "what the panel said, at the length people speak. " * 3)
            for k in range(10)
        ]
        decision = svc.record_decision(
            title=f"Decision on item {i + 1}", text="What was decided, in full.", rationale="Why, in full.",
            summary="In plain words.", item_id=item.id, method="vote", votes_for=8, votes_against=2, votes_abstain=1,
            status="agreed", level="collaborate", sources=[(c.id, "Adopted as worded") for c in said[:4]],
            coproducers=[people[0].id], dissent=[(people[5].id, "I disagree with this.")],
        )
        for k in range(2):
            svc.add_action(title=f"Action {k + 1} on item {i + 1}", owner_id=people[k].id, due_on="2026-04-01", decision_id=decision.id)
    old = svc.add_action(title="Something from last time", owner_id=people[1].id, due_on="2026-02-20")
    svc.set_action_status(old.id, "done", outcome="Done, and reported back.")
    del previous
    return meeting


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="leap-bench-minutes-"))
    clock = lambda: dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
    with PanelService.open(folder / "busy.leap", create=True, clock=clock) as svc:
        meeting = busy_meeting(svc)
        built = minutes.build_minutes(svc, meeting)
        print(f"  meeting: {len(built.items)} items, {built.contribution_count} contributions, "
              f"{len(built.decisions)} decisions, {len(built.actions)} actions")

        def export(anonymised: bool) -> bytes:
            return minutes_docx.render(minutes.build_minutes(svc, meeting, anonymised=anonymised))

        ok = True
        for label, anonymised in (("export minutes (assemble + Word)", False), ("export anonymised minutes", True)):
            seconds = timed(lambda: export(anonymised), repeat=5)
            ok &= report(label, seconds, TARGET)
            print(f"  {'':<48} {seconds / TARGET:9.2f} x target")
        size = len(export(False))
        print(f"  document size: {size / 1024:.0f} KiB")
    return 0 if ok else 1
