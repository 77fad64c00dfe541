"""Entry point of the bundled `leap-desktop` (the window): the same as `python -m leap_desktop`."""

import sys

from leap_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
