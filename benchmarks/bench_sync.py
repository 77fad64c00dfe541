"""Sync through a shared folder (docs/sync.md): a year of one laptop's changes taken in
by another, a ten-year panel's whole history in one sync, and what a year costs the
shared folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .common import isolate, report, ten_year_panel

YEAR_TARGET = 1.000  # seconds for a laptop to take in a year of another's changes (a monthly panel)


def _year_of_meetings(svc) -> int:
    """What a monthly panel records in a year: 12 meetings, each with 12 attending, 6 items,
    40 contributions, 3 decisions (one replacing an earlier one) and 4 actions."""
    people = [svc.add_person(display_name=f"Member {n}", roles=["lived_experience"], consent="named") for n in range(12)]
    earlier = None
    for month in range(1, 13):
        meeting = svc.add_meeting(title=f"Panel meeting {month}", starts_at=f"2025-{month:02d}-10 14:00")
        svc.set_attendance_many(meeting.id, [p.id for p in people], status="present", hours=2)
        items = [svc.add_item(meeting.id, title=f"Item {n}", purpose="decision") for n in range(6)]
        said = []
        for n in range(40):
            said.append(svc.add_contribution(items[n % 6].id, people[n % 12].id, "idea", f"Point {n} in month {month}"))
        for n in range(3):
            values = dict(title=f"Decision {n} of month {month}", status="agreed", method="consensus",
                          level="collaborate", item_id=items[n].id, meeting_id=meeting.id)
            if n == 0 and earlier is not None:
                values["supersedes_id"] = earlier.id
            made = svc.record_decision(sources=[said[n].id, said[n + 6].id], **values)
            earlier = made if n == 0 else earlier
            svc.add_action(title=f"Follow up {n} of month {month}", owner_id=people[n].id, decision_id=made.id,
                           due_on=f"2025-{month:02d}-28")
        svc.add_action(title=f"Send the papers for month {month}", owner_id=people[0].id, due_on=f"2025-{month:02d}-03")
    return 12


def _join(folder: Path, secret: str, path: Path):
    from leap_desktop.services import PanelService
    from leap_desktop.store import sync_join

    digest, key = sync_join.find_panel(folder, secret)
    sync_join.make_file(path, key)
    with PanelService.open(path, ask=lambda r: secret) as svc:
        started = time.perf_counter()
        report_ = svc.sync.sync(folder, digest=digest)
        return time.perf_counter() - started, report_


def main() -> int:
    from leap_desktop.services import PanelService

    isolate()
    ok = True
    work = Path(tempfile.mkdtemp(prefix="leap-bench-sync-"))
    folder = work / "shared"
    folder.mkdir()
    a_path = work / "a.leap"
    with PanelService.open(a_path, create=True, backups=False) as a:
        secret = a.store.security.key.recovery_key
        a.set_panel(name="Bench panel")
        a.sync.sync(folder)
    _join(folder, secret, work / "b.leap")
    with PanelService.open(a_path, backups=False) as a:
        _year_of_meetings(a)
        started = time.perf_counter()
        sent = a.sync.sync(folder)
        send_time = time.perf_counter() - started
    year_files = [p for p in folder.rglob("*.leapsync")]
    size = sum(p.stat().st_size for p in year_files)
    with PanelService.open(work / "b.leap", backups=False) as b:
        started = time.perf_counter()
        taken = b.sync.sync(folder)
        take_time = time.perf_counter() - started
    print(f"  a year of a monthly panel: {sent.sent:,} changes sent, {taken.received:,} taken in")
    ok &= report("send a year of changes", send_time)
    ok &= report("take in a year of another laptop's changes", take_time, YEAR_TARGET)
    print(f"  the shared folder after a year: {len(year_files)} files, {size / 1024:,.0f} KiB")

    path = ten_year_panel()
    with PanelService.open(path, backups=False) as ten:
        secret = ten.store.security.key.recovery_key
        big = work / "ten"
        big.mkdir()
        started = time.perf_counter()
        first = ten.sync.sync(big)
        first_time = time.perf_counter() - started
    size = sum(p.stat().st_size for p in big.rglob("*.leapsync"))
    print(f"  a ten-year panel: {first.sent:,} changes in one file of {size / 1024 / 1024:,.1f} MiB")
    ok &= report("a ten-year panel's first sync (send it all)", first_time)
    join_time, joined = _join(big, secret, work / "ten-b.leap")
    print(f"  joined with {joined.received:,} changes taken in")
    ok &= report("a laptop joining a ten-year panel (take it all)", join_time)
    return 0 if ok else 1
