"""Run the benchmarks: ``python -m benchmarks [name ...]`` (``make bench`` runs them all).

Each ``benchmarks/bench_<name>.py`` has a ``main()`` that builds what it needs in a
temporary folder, prints its figures and their targets, and returns 0 when every
target is met (1 otherwise). Figures live here, never in timed unit tests.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def available() -> list[str]:
    return sorted(p.stem[len("bench_"):] for p in Path(__file__).parent.glob("bench_*.py"))


def run(names: list[str]) -> int:
    failed = []
    for name in names or available():
        if name not in available():
            print(f"No benchmark called {name!r}; there are: {', '.join(available())}", file=sys.stderr)
            return 2
        print(f"== {name} ==", flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        if module.main() != 0:
            failed.append(name)
        print(flush=True)
    if failed:
        print(f"Targets missed in: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
