#!/usr/bin/env python3
"""`make bundle-check`: run the built bundle as a coordinator's first start would.

    python packaging/bundle_check.py [dist/leap-desktop]

Everything runs from the bundle folder alone, in a fresh, empty home folder, with no
keyring (keyring's "fail" backend), no data folder, and nothing from a development
set-up in the environment. With no keyring, a coordinator gives a passphrase
(LEAP_PASSPHRASE) or keeps the recovery key printed when a panel is made; the check
does both. It checks, in turn:

1. `leap --version` names the version in pyproject.toml;
2. the bundle holds the icons, every form in ui/, the high-contrast colours, python-docx's
   templates and the Qt plugins the app needs, leaves out the Qt modules it does not
   use, and is under 250 MB;
3. `leap demo` creates the data folder (owner-only) and an encrypted demo panel in it,
   and says where the panel, the data folder and the key are;
4. `leap trace D-1` and `leap check` read it back with the passphrase; the printed
   recovery key alone opens it too; with neither, it is refused plainly;
5. `leap-desktop --db PANEL --screenshot FILE.png` draws the window off screen (a PNG
   with a real picture in it, kept as dist/bundle-check-window.png to look at);
6. `leap export-minutes` writes Word minutes that python-docx reads back;
7. the charts (matplotlib): `leap report participation` writes a Word report with its
   chart pictures and no warning, and `leap-desktop --screenshot --page reports` draws
   the Reports page (kept as dist/bundle-check-reports.png to look at);
8. on a virtual X display (Xvfb): `leap-desktop` with no arguments, from another empty
   home, shows the start screen, makes the data folder and says where; `leap-desktop
   --db PANEL` shows the panel's window and closes it cleanly (lock let go, log folded in);
9. with a Secret Service keyring (GNOME Keyring on a private D-Bus), when installed: the
   key goes into the keyring and the panel opens with no passphrase (else skipped);
10. no file written anywhere in those home folders holds the key, the recovery key or
   the passphrase in plain text.

Each output is checked to be more than an empty shell. Every step runs even when an
earlier one failed, so the summary names every missing capability. Nothing printed
here shows a recovery key or the passphrase. The exit status is 0 only when no step
failed.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "leap-desktop"
TIMEOUT = 180  # seconds for any one step; a cold start on a busy 2-core machine is slow
NO_KEYRING = "keyring.backends.fail.Keyring"
# The passphrase a coordinator without a keyring would choose (the check's own, made up).
PASSPHRASE = "bundle check: a passphrase only this check uses"
SIZE_LIMIT_MB = 250
SHOWN = "LEAP_SHOWN"

# What the app needs at run time from inside the bundle (paths under _internal/).
NEEDED_FILES = {
    "resources/styles/high-contrast.ini": "the high-contrast theme's colours",
    "resources/icons/leap-desktop.svg": "the start screen's logo",
    "docx/templates/default.docx": "python-docx's document template",
    "docx/templates/default-header.xml": "python-docx's header template (minutes have page headers)",
    "PySide6/Qt/plugins/platforms/libqxcb.so": "Qt's X11 platform",
    "PySide6/Qt/plugins/platforms/libqwayland.so": "Qt's Wayland platform",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so": "Qt's off-screen platform (--screenshot)",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so": "the desktop's file dialogs and colours",
    "PySide6/Qt/plugins/imageformats/libqsvg.so": "SVG pictures (the start screen's logo)",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so": "SVG icons (status markers)",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so": "printers (Print the recovery key)",
    "PySide6/QtPrintSupport.abi3.so": "QtPrintSupport (the recovery key's Print button)",
    "PySide6/QtUiTools.abi3.so": "QtUiTools (the forms in ui/)",
    "PySide6/QtNetwork.abi3.so": "QtNetwork (QLocalServer: a second start hands over to the first)",
}
# Qt modules the app never uses: none of them may be in the bundle.
UNWANTED = ("libQt6Qml", "libQt6Quick", "libQt6WebEngine", "libQt6Multimedia", "libQt6Pdf",
            "QtQml.abi3", "QtSql.abi3", "translations")

RECOVERY_KEY = re.compile(r"\b[0-9A-F]{4}(?:-[0-9A-F]{4}){3}\b")  # one printed line of four groups


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def clean_env(home: Path, *, passphrase: bool = True, **extra: str) -> dict[str, str]:
    """An environment like a new user's on a machine without Python or a keyring.

    Nothing from a development setup leaks in (virtualenv, PYTHONPATH, LEAP_* settings,
    XDG folders), so the bundle finds its data folder under ``home`` as it would for them.
    With ``passphrase``, LEAP_PASSPHRASE is set, as a coordinator without a keyring does.
    """
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(home / "tmp"),
    }
    if passphrase:
        env["LEAP_PASSPHRASE"] = PASSPHRASE
    (home / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


def redact(text: str) -> str:
    """``text`` without any recovery key or the check's passphrase in it."""
    return RECOVERY_KEY.sub("XXXX-XXXX-XXXX-XXXX", text).replace(PASSPHRASE, "(the passphrase)")


def recovery_key_in(text: str) -> str | None:
    """The recovery key printed in ``text`` (four lines of four groups), or None."""
    lines = RECOVERY_KEY.findall(text)
    return "-".join(lines[:4]) if len(lines) >= 4 else None


@dataclass
class Result:
    name: str
    ok: bool
    detail: str
    skipped: bool = False


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        return (self.out + "\n" + self.err).strip()


def run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = TIMEOUT) -> Run:
    try:
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        return Run(124, out, err + f"\n(stopped after {timeout:.0f} s without finishing)")
    except OSError as exc:
        return Run(126, "", f"could not run {argv[0]}: {exc}")
    return Run(done.returncode, done.stdout, done.stderr)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return redact(lines[-1].strip()) if lines else "(it printed nothing)"


def unknown_command(result: Run, command: str) -> bool:
    """argparse's "invalid choice" / "unrecognized arguments": the program lacks it."""
    text = result.err
    return result.code == 2 and (f"invalid choice: '{command}'" in text or "unrecognized arguments" in text)


def png_size(path: Path) -> tuple[int, int] | None:
    data = path.read_bytes()[:24]
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    return struct.unpack(">II", data[16:24])


def picture_variety(path: Path) -> tuple[int, float]:
    """(distinct colours, share of the commonest colour) over a grid of points of a PNG.

    A blank or one-colour window has a handful of colours, most of them one; a drawn
    window with text, tables and icons has dozens. Read with Qt (the check runs in the
    development environment, which has it).
    """
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        return 0, 1.0
    counts: dict[int, int] = {}
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return len(counts), max(counts.values()) / sum(counts.values())


def disk_usage(folder: Path) -> int:
    """Bytes on disk, as `du` counts them (links not followed)."""
    return sum(path.lstat().st_blocks * 512 for path in [folder, *folder.rglob("*")])


def start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    """A private virtual X display (Xvfb), or (None, None) when Xvfb is not installed."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None, None
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        process.kill()
        process.wait()
        return None, None
    return process, f":{number}"


def stop(process: subprocess.Popen | None) -> None:
    if process is not None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class BundleCheck:
    def __init__(self, bundle: Path, work: Path):
        self.bundle = bundle
        self.leap = bundle / "leap"
        self.desktop = bundle / "leap-desktop"
        self.work = work
        self.home = self.new_home("home")
        self.env = clean_env(self.home)
        self.data = self.home / ".local" / "share" / "leap-desktop"
        self.panel = self.data / "panel.leap"
        self.recovery_key: str | None = None  # as printed by `leap demo`; never shown here
        self.display: str | None = None
        self.results: list[Result] = []

    def new_home(self, name: str) -> Path:
        home = self.work / name
        home.mkdir()
        return home

    def check(self, name: str, step: Callable[[], str]) -> None:
        try:
            detail = step()
            self.results.append(Result(name, True, detail))
        except CheckSkipped as exc:
            self.results.append(Result(name, True, str(exc), skipped=True))
        except CheckFailed as exc:
            self.results.append(Result(name, False, str(exc)))
        result = self.results[-1]
        mark = "skipped" if result.skipped else "ok     " if result.ok else "FAILED "
        result.detail = redact(result.detail)
        print(f"  {mark} {name}: {result.detail}", flush=True)

    # -- the steps ---------------------------------------------------------------------------

    def version(self) -> str:
        result = run([str(self.leap), "--version"], self.env, self.work)
        expected = project_version()
        if result.code != 0 or expected not in result.out:
            raise CheckFailed(f"expected 'leap {expected}', got exit {result.code}: {last_line(result.said)}")
        return result.out.strip()

    def contents(self) -> str:
        internal = self.bundle / "_internal"
        icons = sorted(p.name for p in (internal / "resources" / "icons").glob("leap-desktop-*.png"))
        if len(icons) < 8:
            raise CheckFailed(f"the application icons are missing from {internal / 'resources' / 'icons'}")
        forms_in_source = sorted(p.name for p in (ROOT / "ui").glob("*.ui"))
        forms_in_bundle = sorted(p.name for p in (internal / "ui").glob("*.ui"))
        if forms_in_source != forms_in_bundle:
            missing = sorted(set(forms_in_source) - set(forms_in_bundle))
            raise CheckFailed(f"forms from ui/ missing in the bundle: {', '.join(missing)} (run make bundle again)")
        missing = [f"{what} ({path})" for path, what in NEEDED_FILES.items() if not (internal / path).exists()]
        if missing:
            raise CheckFailed("missing from the bundle: " + "; ".join(missing))
        unwanted = sorted({str(p.relative_to(internal)) for p in internal.rglob("*")
                           if any(name in p.name for name in UNWANTED)})
        if unwanted:
            raise CheckFailed(f"Qt pieces the app does not use are in the bundle: {', '.join(unwanted[:5])}")
        size_mb = disk_usage(self.bundle) / 1e6
        if size_mb >= SIZE_LIMIT_MB:
            raise CheckFailed(f"the bundle takes {size_mb:.0f} MB on disk, over the {SIZE_LIMIT_MB} MB limit")
        return (f"{len(icons)} icon sizes, {len(forms_in_bundle)} forms, {len(NEEDED_FILES)} run-time pieces "
                f"(theme, templates, Qt plugins); no unused Qt modules; {size_mb:.0f} MB on disk")

    def first_start(self) -> str:
        if self.data.exists():
            raise CheckFailed(f"{self.data} existed before the first start")
        result = run([str(self.leap), "demo"], self.env, self.work)
        if result.code != 0:
            raise CheckFailed(f"`leap demo` failed (exit {result.code}): {last_line(result.said)}")
        if not self.panel.is_file() or self.panel.stat().st_size < 10_000:
            raise CheckFailed(f"`leap demo` did not create the demo panel at {self.panel}")
        mode = self.data.stat().st_mode & 0o777
        if mode != 0o700:
            raise CheckFailed(f"the data folder {self.data} is open to others (mode {mode:o}, expected 700)")
        if str(self.panel) not in result.said:
            raise CheckFailed(f"`leap demo` did not say where the panel is: {last_line(result.said)}")
        if f"data folder {self.data}" not in result.said:
            raise CheckFailed("`leap demo` did not say where it created the data folder")
        if self.panel.read_bytes()[:16] == b"SQLite format 3\x00":
            raise CheckFailed(f"{self.panel.name} is not encrypted: it is a plain SQLite file")
        if "is not stored on this computer" not in result.said:
            raise CheckFailed("`leap demo` did not say where the key is (with no keyring: not on this computer)")
        self.recovery_key = recovery_key_in(result.err)
        if self.recovery_key is None:
            raise CheckFailed("`leap demo` did not show the new panel's recovery key")
        return (f"created {self.data} (owner-only) and an encrypted demo panel in it "
                f"({self.panel.stat().st_size // 1024} KB); said where the data folder, the panel and the key are "
                "(no keyring: not on this computer) and showed the recovery key once")

    def read_back(self) -> str:
        trace = run([str(self.leap), "trace", "D-1"], self.env, self.work)
        if trace.code != 0 or "D-1" not in trace.out:
            raise CheckFailed(f"`leap trace D-1` failed (exit {trace.code}): {last_line(trace.said)}")
        check = run([str(self.leap), "check"], self.env, self.work)
        if check.code != 0:
            raise CheckFailed(f"`leap check` failed (exit {check.code}): {last_line(check.said)}")
        if self.recovery_key is None:
            raise CheckFailed("no recovery key was shown to try (the first start failed)")
        by_key = run([str(self.leap), "check"],
                     clean_env(self.home, passphrase=False, LEAP_RECOVERY_KEY=self.recovery_key), self.work)
        if by_key.code != 0:
            raise CheckFailed(f"the printed recovery key does not open the panel: {last_line(by_key.said)}")
        shut = run([str(self.leap), "check"], clean_env(self.home, passphrase=False), self.work)
        if shut.code == 0 or "LEAP_RECOVERY_KEY" not in shut.err or "Traceback" in shut.said:
            raise CheckFailed(f"with no key at all, `leap check` did not refuse plainly: {last_line(shut.said)}")
        return (f"trace D-1 ({len(trace.out.splitlines())} lines); check: {last_line(check.said)}; "
                "the recovery key alone opens it; with neither it says to set LEAP_RECOVERY_KEY")

    def screenshot(self) -> str:
        if not self.panel.exists():
            raise CheckFailed("no demo panel to open (the first start failed)")
        out, size, colours, kept = self.drawn("window")
        return (f"{size[0]}x{size[1]} PNG, {out.stat().st_size // 1024} KB, {colours} colours "
                f"(kept as {kept.relative_to(ROOT)}: look at it)")

    def drawn(self, name: str, *page: str) -> tuple[Path, tuple[int, int], int, Path]:
        """``leap-desktop --db PANEL --screenshot FILE`` (with ``page``, e.g. ``--page
        reports``), checked to be a real picture of the window and kept as
        dist/bundle-check-NAME.png: (the picture, its size, its colours, where it is kept)."""
        out = self.work / f"{name}.png"
        command = " ".join(["`leap-desktop --screenshot", *page]) + "`"
        result = run([str(self.desktop), "--db", str(self.panel), "--screenshot", str(out), *page], self.env, self.work)
        if unknown_command(result, "--screenshot"):
            raise CheckFailed(f"the bundled leap-desktop cannot render a screenshot: {last_line(result.said)}")
        if result.code != 0:
            raise CheckFailed(f"{command} failed (exit {result.code}): {last_line(result.said)}")
        size = png_size(out) if out.exists() else None
        if size is None:
            raise CheckFailed(f"{command} exited 0 but {out} is not a PNG")
        if size[0] < 400 or size[1] < 300 or out.stat().st_size < 10_000:
            raise CheckFailed(f"the screenshot is {size[0]}x{size[1]}, {out.stat().st_size} bytes: too small to be the window")
        colours, commonest = picture_variety(out)
        if colours < 16 or commonest > 0.95:
            raise CheckFailed(f"the screenshot is nearly blank ({colours} colours, {commonest:.0%} of it one colour)")
        kept = ROOT / "dist" / f"bundle-check-{name}.png"
        shutil.copyfile(out, kept)
        return out, size, colours, kept

    def minutes(self) -> str:
        if not self.panel.exists():
            raise CheckFailed("no demo panel to export from (the first start failed)")
        out = self.work / "minutes.docx"
        result = run([str(self.leap), "--db", str(self.panel), "export-minutes", "M-1", "--out", str(out)], self.env, self.work)
        if unknown_command(result, "export-minutes"):
            raise CheckFailed("the bundled leap has no `export-minutes` command")
        if result.code != 0:
            raise CheckFailed(f"`leap export-minutes M-1` failed (exit {result.code}): {last_line(result.said)}")
        if not out.is_file():
            raise CheckFailed(f"`leap export-minutes` exited 0 but wrote no {out.name}")
        try:
            with zipfile.ZipFile(out) as docx:
                broken = docx.testzip()
                body = docx.read("word/document.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError) as exc:
            raise CheckFailed(f"{out.name} is not a Word document: {exc}") from None
        if broken:
            raise CheckFailed(f"{out.name} is damaged: {broken} does not match its checksum")
        words = len(re.findall(r"<w:t[ >][^<]*", body))
        if words < 20:
            raise CheckFailed(f"{out.name} has only {words} runs of text: the minutes are empty")
        paragraphs, title, headings = read_docx(out)
        if not title.startswith("Minutes: ") or "Attendance" not in headings:
            raise CheckFailed(f"{out.name} is not set out as minutes (title {title!r}, headings {headings[:3]})")
        kept = ROOT / "dist" / "bundle-check-minutes.docx"
        shutil.copyfile(out, kept)
        return (f"{out.stat().st_size // 1024} KB Word document; python-docx reads {paragraphs} paragraphs, "
                f"titled '{title}', {len(headings)} headings (kept as {kept.relative_to(ROOT)})")

    def charts(self) -> str:
        """matplotlib in both programs: the Word report's pictures (Agg) and the Reports
        page (QtAgg). A library the bundle breaks or leaves out stops both."""
        if not self.panel.exists():
            raise CheckFailed("no demo panel to report on (the first start failed)")
        out = self.work / "participation.docx"
        result = run([str(self.leap), "--db", str(self.panel), "report", "participation", "--out", str(out)],
                     self.env, self.work)
        if result.code != 0:
            raise CheckFailed(f"`leap report participation` failed (exit {result.code}): {last_line(result.said)}")
        if "Warning" in result.said:
            raise CheckFailed(f"`leap report participation` printed a warning: {last_line(result.said)}")
        try:
            with zipfile.ZipFile(out) as docx:
                pictures = [n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        except (OSError, zipfile.BadZipFile) as exc:
            raise CheckFailed(f"{out.name} is not a Word document: {exc}") from None
        if not pictures:
            raise CheckFailed(f"{out.name} has no chart in it")
        _, _, colours, kept = self.drawn("reports", "--page", "reports")
        return (f"{len(pictures)} charts in the Word report; the Reports page drawn, {colours} colours "
                f"(kept as {kept.relative_to(ROOT)}: look at it)")

    # -- a real window, on a virtual X display --------------------------------------------------

    def x_env(self, home: Path, *, passphrase: bool = True) -> dict[str, str]:
        """Drawing on the virtual display; LEAP_EXIT_WHEN_SHOWN: report the first window, then quit."""
        return clean_env(home, passphrase=passphrase, QT_QPA_PLATFORM="xcb", DISPLAY=self.display or "",
                         LEAP_EXIT_WHEN_SHOWN="1")

    def need_display(self) -> None:
        if self.display is None:
            raise CheckFailed("no virtual display: Xvfb is not installed (apt-get install xvfb; "
                              "`make bundle-check` installs it)")

    def window_first_start(self) -> str:
        self.need_display()
        home = self.new_home("first-start-home")
        data = home / ".local" / "share" / "leap-desktop"
        result = run([str(self.desktop)], self.x_env(home, passphrase=False), self.work)
        shown = [line for line in result.out.splitlines() if line.startswith(SHOWN)]
        if result.code != 0 or not shown:
            raise CheckFailed(f"`leap-desktop` did not show a window (exit {result.code}): {last_line(result.said)}")
        if not shown[0].endswith(": LEAP Desktop"):
            raise CheckFailed(f"the first window was not the start screen: {shown[0]}")
        if "Traceback" in result.said:
            raise CheckFailed(f"`leap-desktop` printed a traceback: {last_line(result.err)}")
        if not data.is_dir() or data.stat().st_mode & 0o777 != 0o700:
            raise CheckFailed(f"the first start did not make the data folder {data} (owner-only)")
        if f"data folder {data}" not in result.err:
            raise CheckFailed("the first start did not say where the data folder is")
        seconds = shown[0].split()[1]
        return f"the start screen was on screen {seconds} s after launch; made {data} (owner-only) and said where"

    def window_panel(self) -> str:
        self.need_display()
        if not self.panel.exists():
            raise CheckFailed("no demo panel to open (the first start failed)")
        result = run([str(self.desktop), "--db", str(self.panel)], self.x_env(self.home), self.work)
        shown = [line for line in result.out.splitlines() if line.startswith(SHOWN)]
        if result.code != 0 or not shown:
            raise CheckFailed(f"`leap-desktop --db PANEL` did not show a window (exit {result.code}): "
                              f"{last_line(result.said)}")
        if str(self.panel) not in shown[0]:
            raise CheckFailed(f"the window shown was not the panel's: {shown[0]}")
        leftovers = [p.name for p in (self.data / f".{self.panel.name}.lock", Path(f"{self.panel}-wal")) if p.exists()]
        if leftovers:
            raise CheckFailed(f"the window did not close the panel cleanly: {', '.join(leftovers)} left behind")
        title = shown[0].split(": ", 1)[1]
        return (f"'{title}' on screen {shown[0].split()[1]} s after launch; "
                "closed as File > Quit does (lock let go, nothing left to fold in)")

    # -- a real keyring --------------------------------------------------------------------------

    def system_keyring(self) -> str:
        tools = {name: shutil.which(name) for name in ("dbus-run-session", "gnome-keyring-daemon")}
        absent = [name for name, path in tools.items() if path is None]
        if absent:
            raise CheckSkipped(f"{' and '.join(absent)} not installed (Debian: dbus-daemon, gnome-keyring)")
        home = self.new_home("keyring-home")
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        env = clean_env(home, passphrase=False, XDG_RUNTIME_DIR=str(runtime))
        del env["PYTHON_KEYRING_BACKEND"]  # the keyring picks the Secret Service, as on a desktop
        panel = home / "keyring.leap"
        script = (
            'printf "%s" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n'
            f'"{self.leap}" --db "{panel}" demo 2>&1 || exit 1\n'
            'echo "--- key-info"\n'
            f'"{self.leap}" --db "{panel}" key-info 2>&1 || exit 2\n'
            'echo "--- check"\n'
            f'"{self.leap}" --db "{panel}" check 2>&1 || exit 3\n'
        )
        env["KEYRING_PASSWORD"] = "keyring password of the check"
        result = run([tools["dbus-run-session"], "--", "sh", "-c", script], env, home)
        said = result.out.split("--- key-info", 1)[-1]
        if result.code != 0:
            raise CheckFailed(f"with a Secret Service keyring, step {result.code} failed: {last_line(result.said)}")
        if "kept in the system keyring (Secret Service" not in said:
            raise CheckFailed(f"the key did not go into the Secret Service keyring: {last_line(said)}")
        return "GNOME Keyring on a private D-Bus: the key went into it and the panel opened with no passphrase"

    # -- secrets on disk -----------------------------------------------------------------------

    def no_secrets_on_disk(self) -> str:
        if self.recovery_key is None:
            raise CheckFailed("no recovery key to look for (the first start failed)")
        hex_key = self.recovery_key.replace("-", "")
        needles = {
            "the recovery key": [self.recovery_key.encode(), self.recovery_key.lower().encode()],
            "the key in hexadecimal": [hex_key.encode(), hex_key.lower().encode()],
            "the raw key": [bytes.fromhex(hex_key)],
            "the passphrase": [PASSPHRASE.encode(), PASSPHRASE.encode("utf-16-le")],
        }
        files = [p for p in self.work.rglob("*") if p.is_file() and not p.is_symlink()]
        files += [ROOT / "dist" / "bundle-check-window.png", ROOT / "dist" / "bundle-check-minutes.docx"]
        found = []
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            found += [f"{what} in {path.name}" for what, forms in needles.items() if any(f in data for f in forms)]
        if found:
            raise CheckFailed("secrets written in plain text: " + "; ".join(found))
        return f"none of the key, the recovery key or the passphrase in any of {len(files)} files written"


def read_docx(path: Path) -> tuple[int, str, list[str]]:
    """(paragraphs, title, headings) as python-docx reads them (it is in the development
    environment): a document Word would open, with the minutes' shape."""
    import docx

    document = docx.Document(str(path))
    styled = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    title = next((text for style, text in styled if style == "Title"), "")
    headings = [text for style, text in styled if style.startswith("Heading")]
    return len(document.paragraphs), title, headings


class CheckFailed(Exception):
    pass


class CheckSkipped(Exception):
    """A step that needs a tool this machine lacks; the reason is printed."""


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]).resolve() if argv else DEFAULT_BUNDLE
    for program in ("leap", "leap-desktop"):
        if not os.access(bundle / program, os.X_OK):
            print(f"bundle-check: no bundle at {bundle} ({program} is missing); build it with `make bundle`", file=sys.stderr)
            return 1
    print(f"Checking the bundle in {bundle}, from an empty home folder, with no keyring:")
    xvfb = None
    with tempfile.TemporaryDirectory(prefix="leap-bundle-check-") as tmp:
        checker = BundleCheck(bundle, Path(tmp))
        try:
            checker.check("version", checker.version)
            checker.check("contents", checker.contents)
            checker.check("first start: leap demo", checker.first_start)
            checker.check("leap trace D-1, leap check, the recovery key", checker.read_back)
            checker.check("leap-desktop draws the demo panel off screen (--screenshot)", checker.screenshot)
            checker.check("leap export-minutes writes Word minutes", checker.minutes)
            checker.check("charts: leap report participation, and the Reports page", checker.charts)
            xvfb, checker.display = start_xvfb()
            checker.check("leap-desktop, first start on a virtual X display: the start screen", checker.window_first_start)
            checker.check("leap-desktop --db PANEL on a virtual X display: shown and closed cleanly", checker.window_panel)
            checker.check("with a Secret Service keyring", checker.system_keyring)
            checker.check("no secrets written in plain text", checker.no_secrets_on_disk)
        finally:
            stop(xvfb)
    failed = [r for r in checker.results if not r.ok]
    skipped = [r for r in checker.results if r.skipped]
    passed = len(checker.results) - len(failed) - len(skipped)
    print()
    tail = f", {len(skipped)} skipped" if skipped else ""
    if failed:
        print(f"bundle-check: {passed} passed, {len(failed)} failed{tail}. Missing or broken:")
        for result in failed:
            print(f"  - {result.name}: {result.detail}")
        return 1
    print(f"bundle-check: {passed} passed, 0 failed{tail}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
