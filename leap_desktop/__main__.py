"""`leap-desktop` / `python -m leap_desktop`: the desktop app.

    leap-desktop                      the last panel used, or the start screen
    leap-desktop --db PATH            open this panel file (in the LEAP Desktop already
                                      open, if there is one: this start then ends)
    leap-desktop --demo               open the demo panel (made on first use)
    leap-desktop --screenshot F.png [--page PAGE] [--record REF] [--high-contrast]
                 [--text-size PERCENT] [--size WxH]
                                      draw the window to a PNG without showing it, then exit
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .domain.errors import shown


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leap-desktop",
        description=f"{APP_NAME}: meetings, contributions and traceable decisions for Lived "
        "Experience Advisory Panels.",
    )
    parser.add_argument("--version", action="version", version=f"leap-desktop {__version__}")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--db", metavar="PATH", type=Path, help="the panel file to open (in the LEAP Desktop window already open, if there is one)")
    which.add_argument("--demo", action="store_true",
                       help="open the demo panel (made in your LEAP Desktop data folder on first use)")
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path,
                        help="draw the window to FILE.png without showing it, and exit "
                        "(the panel from --db, otherwise the demo panel)")
    parser.add_argument("--page", metavar="PAGE",
                        help="with --screenshot: the page to draw (people, meetings, meeting, meeting_mode, "
                        "decisions, actions, person)")
    parser.add_argument("--record", metavar="REF",
                        help="with --screenshot: the record to show on the page, like D-12, P-3, M-12, "
                        "or an agenda item I-49 (for meeting and meeting_mode)")
    parser.add_argument("--high-contrast", action="store_true",
                        help="with --screenshot: draw it in the high-contrast theme")
    parser.add_argument("--text-size", metavar="PERCENT", type=_percent,
                        help="with --screenshot: draw it at this text size, as View > Text size sets it "
                        "(85 to 250; default 100)")
    parser.add_argument("--size", metavar="WxH", type=_size,
                        help="with --screenshot: the window's size in pixels (default 1280x800)")
    return parser


def _percent(text: str) -> float:
    from .views.shell.theme import TEXT_SCALES

    try:
        scale = int(text.rstrip("%")) / 100
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a percentage like 150, got {shown(text)}") from None
    if not TEXT_SCALES[0] <= scale <= TEXT_SCALES[-1]:
        raise argparse.ArgumentTypeError(
            f"text size goes from {round(TEXT_SCALES[0] * 100)} to {round(TEXT_SCALES[-1] * 100)} per cent")
    return min(TEXT_SCALES, key=lambda step: abs(step - scale))  # the nearest step View > Text size offers


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit() or not (320 <= int(width) <= 8000 and 240 <= int(height) <= 8000):
        raise argparse.ArgumentTypeError(f"expected a size like 1280x800, got {shown(text)}")
    return int(width), int(height)


def has_display() -> bool:
    """Whether a window can be shown (always true off Linux; on Linux, X11 or Wayland)."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def quiet_offscreen_notes() -> None:
    """Drawing offscreen, Qt notes what that platform cannot do (raise a window, ...):
    true, and no concern of someone asking for a picture."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context, message: str) -> None:
        if message.startswith("This plugin does not support"):
            return
        if kind != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def prepare_data_folder() -> None:
    """A first start: make the data folder (owner-only) and say where, as ``leap`` does.

    The start screen says where it is too; this line is for a start from a terminal.
    """
    from .paths import data_dir

    folder = data_dir(create=False)
    if folder.exists():
        return
    try:
        data_dir()
    except OSError as exc:  # a read-only home: panels can still be opened from elsewhere
        print(f"leap-desktop: could not create your LEAP Desktop data folder {folder}: {exc.strerror}",
              file=sys.stderr)
        return
    print(f"Created your LEAP Desktop data folder {folder} (only your user account can open it)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if (args.page or args.record or args.high_contrast or args.text_size or args.size) and not args.screenshot:
        print("leap-desktop: --page, --record, --high-contrast, --text-size and --size go with --screenshot",
              file=sys.stderr)
        return 2

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    if args.screenshot:
        prepare_data_folder()
        if QApplication.instance() is None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # draw without a display, never flash a window
            quiet_offscreen_notes()
        app = QApplication.instance() or QApplication(sys.argv[:1])
        from .views.shell.app import configure_application, demo_path, take_screenshot

        configure_application(app)
        db = args.db if args.db else (demo_path() if args.demo else None)
        return take_screenshot(args.screenshot, page_id=args.page, db=db, record=args.record,
                               high_contrast=args.high_contrast, text_scale=args.text_size or 1.0,
                               **({"size": args.size} if args.size else {}))

    if not has_display():
        print(
            "leap-desktop: there is no display here (no DISPLAY or WAYLAND_DISPLAY), so the window "
            "cannot open. To draw it to a picture instead: leap-desktop --screenshot window.png",
            file=sys.stderr,
        )
        return 2

    prepare_data_folder()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from .views.shell.app import Launcher, configure_application
    from .views.shell.errors import install_excepthook

    configure_application(app)
    install_excepthook()
    from .views.shell import single_instance

    listen = single_instance.enabled()
    if listen:
        # LEAP Desktop already open: it takes this start's file, and this start ends.
        try:
            answer = single_instance.hand_over(single_instance.request_for(args.db, args.demo),
                                               single_instance.server_name())
        except single_instance.NotAnswering as exc:
            print(f"leap-desktop: {exc}", file=sys.stderr)
            answer, listen = None, False  # never take the socket of one that is busy
        if answer is not None:
            print(answer)
            return 0
    launcher = Launcher()
    launcher.appearance.apply()
    stop_cleanly_on_signals(launcher)
    servers: list = []  # the one listening for later starts, once it is

    def listen_for_later_starts() -> None:
        server = single_instance.serve(launcher)
        if server is not None:
            servers.append(server)

    if listen:
        # As soon as Qt's event loop runs: once the window is on screen, or while the unlock
        # dialog waits for an answer (a later start then hands over to this one).
        QTimer.singleShot(0, listen_for_later_starts)
    try:
        launcher.start(db=args.db, demo=args.demo)
        from .views.shell.startup import exit_when_shown

        # LEAP_EXIT_WHEN_SHOWN: time the start, then quit as File > Quit does (the panel closed cleanly).
        exit_when_shown(launcher.window or launcher.start_screen, quit=launcher.quit)
        return app.exec()
    finally:
        for server in servers:
            server.close()


def stop_cleanly_on_signals(launcher) -> None:
    """Ctrl+C in the terminal (or a polite kill) closes the panel properly, as Quit does."""
    import signal

    from PySide6.QtCore import QTimer

    def stop(*_args) -> None:
        QTimer.singleShot(0, launcher.quit)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Qt's event loop is not Python: wake Python now and then so it sees the signal.
    ticker = QTimer(launcher)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


if __name__ == "__main__":
    sys.exit(main())
