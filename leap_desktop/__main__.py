"""`leap-desktop` / `python -m leap_desktop`: the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("The LEAP Desktop window is not built yet; use the `leap` command for now.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
