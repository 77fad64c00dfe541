"""Encrypted versus plain panel files on the same workload (issue: protect the panel's data).

The ten-year panel, once unencrypted and once encrypted (SQLCipher 4, raw 256-bit key):
open it, capture 1,000 contributions (one transaction each, synchronous=FULL, as in a
meeting), load the whole decision log, search, trace a decision. The workload as a whole
must take at most 1.3x as long encrypted; each step's ratio is printed too.

The workload's open is the everyday one: reopening a file LEAP Desktop left unchanged
after a checked session (the page scan is skipped: ``store/verified.py``). The first
open of a file changed from outside (the page-by-page integrity check runs: for an
encrypted file every page is decrypted and authenticated) and the once-a-day backup are
timed on their own and printed with their ratios; they are not part of every open.
"""

from __future__ import annotations

import statistics
import time

from leap_desktop.services import PanelService
from leap_desktop.store import backup, verified

from .common import ten_year_panel, timed

RATIO = 1.3
CAPTURED = 1_000
CAPTURE_ROUNDS = 3


def workload(path) -> dict[str, float]:
    figures: dict[str, float] = {}

    def first_open() -> None:
        verified.forget(path)
        PanelService.open(path, backups=False).close()

    extra = {"open a file changed from outside (full page check)": timed(first_open, repeat=5)}
    figures["open (unlock, schema; unchanged since last checked)"] = timed(
        lambda: PanelService.open(path, backups=False).close(), repeat=5)
    with PanelService.open(path, backups=False) as svc:
        item = svc.agenda(svc.meetings()[-1].id)[0]
        person = svc.people()[0]
        rounds = []
        for round_ in range(CAPTURE_ROUNDS):  # each capture waits on the disk: take the median
            started = time.perf_counter()
            for n in range(CAPTURED):
                svc.add_contribution(item.id, person.id, "idea", f"Captured during the meeting, round {round_}, number {n}")
            rounds.append(time.perf_counter() - started)
        figures[f"capture {CAPTURED:,} contributions (median of {CAPTURE_ROUNDS})"] = statistics.median(rounds)
        figures["load the whole decision log"] = timed(lambda: svc.decision_log(), repeat=3)
        figures["search 'carer'"] = timed(lambda: svc.search("carer"))
        middle = svc.decision_log(limit=200)[100].decision
        figures[f"trace {middle.ref}"] = timed(lambda: svc.trace(middle.id))
        extra["daily backup (backup API, once a day)"] = timed(
            lambda: backup.make_automatic(svc.store.conn, path, svc.store.security.key, "bench"), repeat=3)
    return figures, extra


def main() -> int:
    plain_path = ten_year_panel(encrypted=False)
    secret_path = ten_year_panel(encrypted=True)
    plain, plain_extra = workload(plain_path)
    secret, secret_extra = workload(secret_path)
    width = 52

    def line(name: str, a: float, b: float, note: str = "") -> None:
        ratio = b / a if a else float("inf")
        print(f"  {name:<{width}} {a * 1000:9.1f}ms {b * 1000:9.1f}ms {ratio:6.2f}x  {note}")

    print(f"  {'workload (ten-year panel)':<{width}} {'plain':>11} {'encrypted':>11} {'ratio':>7}")
    for name in plain:
        line(name, plain[name], secret[name])
    total_plain, total_secret = sum(plain.values()), sum(secret.values())
    ok = total_secret / total_plain <= RATIO
    line("whole workload", total_plain, total_secret, f"target <= {RATIO}x  {'ok' if ok else 'MISSED'}")
    print("  also measured (not part of the workload):")
    for name in plain_extra:
        line(name, plain_extra[name], secret_extra[name])
    return 0 if ok else 1
