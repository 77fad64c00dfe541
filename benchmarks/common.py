"""Helpers shared by the benchmarks: a cached ten-year panel, timing, reporting."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backend

from leap_desktop.services import PanelService
from leap_desktop.services.demo import build_demo
from leap_desktop.store.keys import new_key

CACHE = Path(tempfile.gettempdir()) / "leap-bench-3"  # 3: the demo has payments


class BenchKeyring(keyring.backend.KeyringBackend):
    """Benchmarks keep keys in memory: never in the real OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


def isolate() -> None:
    """Keys in memory and backups in a temporary folder, for this benchmark process."""
    if not isinstance(keyring.get_keyring(), BenchKeyring):
        keyring.set_keyring(BenchKeyring())
    os.environ["LEAP_DATA_DIR"] = tempfile.mkdtemp(prefix="leap-bench-data-")


def ten_year_panel(years: int = 10, *, encrypted: bool = True) -> Path:
    """A ten-year demo panel, built once (unencrypted) and reused between runs.

    Returns a fresh copy each call so a benchmark that writes cannot spoil the next;
    ``encrypted`` copies are encrypted with a new key kept in the in-memory keyring."""
    isolate()
    CACHE.mkdir(exist_ok=True)
    master = CACHE / f"demo-{years}y.leap"
    if not master.exists():
        tmp = CACHE / f"demo-{years}y.building.leap"
        for leftover in CACHE.glob("." + tmp.name + "*") :
            leftover.unlink()
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        with PanelService.open(tmp, create=True, encrypt=False, backups=False) as svc:
            counts = build_demo(svc.store, years=years)
        tmp.rename(master)
        print(f"built the {years}-year demo panel in {time.perf_counter() - started:.1f} s: "
              + ", ".join(f"{n:,} {k}" for k, n in counts.items()))
    copy = Path(tempfile.mkdtemp(prefix="leap-bench-")) / "panel.leap"
    shutil.copyfile(master, copy)  # not live: nothing has it open
    if encrypted:
        with PanelService.open(copy, backups=False) as svc:
            svc.store.encrypt(new_key())
    return copy


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of ``fn`` in seconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(label: str, seconds: float, target: float | None = None) -> bool:
    ms = seconds * 1000
    if target is None:
        print(f"  {label:<48} {ms:9.1f} ms")
        return True
    ok = seconds <= target
    print(f"  {label:<48} {ms:9.1f} ms   target {target * 1000:.0f} ms   {'ok' if ok else 'MISSED'}")
    return ok
