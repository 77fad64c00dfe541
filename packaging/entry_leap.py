"""Entry point of the bundled `leap` command: the same as `python -m leap_desktop.cli`."""

import sys

from leap_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
