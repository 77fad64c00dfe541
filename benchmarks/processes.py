"""Timing new processes, for the benchmarks that start the app afresh.

Imports nothing of keyring's: ``keyring_session`` runs with a real Secret Service, and a
keyring backend class defined in its process (as ``common.BenchKeyring`` is) would be
chained in by keyring's own choice of backend.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_timed(args: list[str], env: dict[str, str]) -> float:
    """Seconds a new process running ``args`` (from the repository's root) took; a failed
    one ends the benchmark with the end of what it printed."""
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, env=env, cwd=ROOT, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args[1:4]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-800:]}")
    return took
