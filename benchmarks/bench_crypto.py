"""Encrypted versus plain panel files on the same workload (issue: protect the panel's data).

The ten-year panel, once unencrypted and once encrypted (SQLCipher 4, raw 256-bit key):
open it, capture 1,000 contributions (one transaction each, synchronous=FULL, as in a
meeting), load the whole decision log, search, trace a decision. Each encrypted timing
must be within 1.3x of the plain one. Opening is timed without the once-a-day backup,
which is timed on its own.
"""

from __future__ import annotations

import time

from leap_desktop.services import PanelService
from leap_desktop.store import backup

from .common import ten_year_panel, timed

RATIO = 1.3
CAPTURED = 1_000


def workload(path) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures["open (unlock, check, schema)"] = timed(lambda: PanelService.open(path, backups=False).close(), repeat=5)
    with PanelService.open(path, backups=False) as svc:
        item = svc.agenda(svc.meetings()[-1].id)[0]
        person = svc.people()[0]
        started = time.perf_counter()
        for n in range(CAPTURED):
            svc.add_contribution(item.id, person.id, "idea", f"Captured during the meeting, number {n}")
        figures[f"capture {CAPTURED:,} contributions"] = time.perf_counter() - started
        figures["load the whole decision log"] = timed(lambda: svc.decision_log(), repeat=3)
        figures["search 'carer'"] = timed(lambda: svc.search("carer"))
        middle = svc.decision_log(limit=200)[100].decision
        figures[f"trace {middle.ref}"] = timed(lambda: svc.trace(middle.id))
        figures["daily backup (backup API)"] = timed(
            lambda: backup.make_automatic(svc.store.conn, path, svc.store.security.key, "bench"), repeat=3)
    return figures


def main() -> int:
    plain_path = ten_year_panel(encrypted=False)
    secret_path = ten_year_panel(encrypted=True)
    plain = workload(plain_path)
    secret = workload(secret_path)
    ok = True
    print(f"  {'workload (ten-year panel)':<36} {'plain':>10} {'encrypted':>10} {'ratio':>7}   target <= {RATIO}x")
    for name in plain:
        ratio = secret[name] / plain[name] if plain[name] else float("inf")
        passed = ratio <= RATIO
        ok &= passed
        print(f"  {name:<36} {plain[name] * 1000:8.1f}ms {secret[name] * 1000:8.1f}ms {ratio:6.2f}x   {'ok' if passed else 'MISSED'}")
    total_plain, total_secret = sum(plain.values()), sum(secret.values())
    print(f"  {'whole workload':<36} {total_plain * 1000:8.1f}ms {total_secret * 1000:8.1f}ms "
          f"{total_secret / total_plain:6.2f}x")
    return 0 if ok else 1
