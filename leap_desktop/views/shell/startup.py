"""Timing the start: how long from launching LEAP Desktop until its first window is on screen.

With ``LEAP_EXIT_WHEN_SHOWN=1`` in the environment, the app prints one line as soon as
its main window has been drawn, then quits (exit status 0)::

    LEAP_SHOWN 0.842 s after the process started: LEAP Desktop

``benchmarks/bench_bundle.py`` and ``make bundle-check`` use it to measure a cold start
of the bundle. Set it to a file path instead of ``1`` to have the line appended to that
file (useful where a windowed program has no console, as on Windows).

The start-up code calls ``exit_when_shown(window)`` once, before ``app.exec()``; without
the variable it does nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

ENV = "LEAP_EXIT_WHEN_SHOWN"
MARKER = "LEAP_SHOWN"
_IMPORTED_AT = time.time()


def process_start_time() -> float:
    """When this process started (seconds since the epoch), as exactly as the system says.

    On Linux, from /proc, to 1/100 s: the process's start and the time now, both counted
    from boot (``btime`` in /proc/stat is whole seconds, too coarse for a start-up
    figure). Elsewhere, when this module was imported.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        started_after_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 of the whole line
        with open("/proc/uptime", encoding="ascii") as handle:
            now_after_boot = float(handle.read().split()[0])
        return time.time() - max(0.0, now_after_boot - started_after_boot)
    except (OSError, ValueError, IndexError):
        return _IMPORTED_AT


class _ShownWatcher(QObject):
    """Waits for the window's first expose, lets it paint, then reports and quits."""

    def __init__(self, window: QWidget, report: Callable[[str], None], quit: Callable[[], None]):
        super().__init__(window)
        self.window = window
        self.report = report
        self.quit = quit
        self.done = False
        window.installEventFilter(self)
        self._watch_handle()

    def _watch_handle(self) -> None:
        handle = self.window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
            if handle.isExposed():
                self._shown()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.done:
            if obj is self.window and event.type() == QEvent.Type.Show:
                self._watch_handle()  # the native window exists from the first show
            elif isinstance(obj, QWindow) and event.type() == QEvent.Type.Expose and obj.isExposed():
                self._shown()
        return False

    def _shown(self) -> None:
        self.done = True
        # Queued: the expose is handled and the window painted before we look at the clock.
        QTimer.singleShot(0, self._finish)

    def _finish(self) -> None:
        elapsed = time.time() - process_start_time()
        self.report(f"{MARKER} {elapsed:.3f} s after the process started: {self.window.windowTitle()}")
        self.quit()


def exit_when_shown(
    window: QWidget,
    *,
    out: TextIO | None = None,
    quit: Callable[[], None] | None = None,
    environ: dict[str, str] | None = None,
) -> bool:
    """If ``LEAP_EXIT_WHEN_SHOWN`` is set, report and quit once ``window`` is on screen.

    Returns True when it is watching. Call it before (or just after) ``window.show()``.
    """
    value = (environ if environ is not None else os.environ).get(ENV, "").strip()
    if not value or value == "0":
        return False

    def report(line: str) -> None:
        if value != "1":
            with open(value, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
            return
        stream = out if out is not None else sys.stdout
        if stream is not None:  # a windowed program on Windows has no stdout
            print(line, file=stream, flush=True)

    _ShownWatcher(window, report, quit or (lambda: QCoreApplication.exit(0)))
    return True
