#!/usr/bin/env python3
"""`make bundle-check`: run the built bundle as a coordinator's first start would.

    python packaging/bundle_check.py [dist/leap-desktop]

Everything runs from the bundle folder alone, in a fresh, empty home folder, with no
keyring (keyring's "fail" backend), no data folder and Qt drawing off screen:

1. `leap --version` names the version in pyproject.toml;
2. `leap demo` creates the data folder (owner-only) and the demo panel in it, and says where;
3. `leap trace D-1` and `leap check` read it back;
4. `leap-desktop --db PANEL --screenshot FILE.png` opens the demo panel and draws the window;
5. `leap --db PANEL export-minutes M-1 --out FILE.docx` writes Word minutes.

Each output is checked to exist and to be more than an empty shell. Every step runs even
when an earlier one failed, so the summary names every missing capability. The exit
status is 0 only when all of them passed.
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


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment like a new user's on a machine without Python or a keyring.

    Nothing from a development setup leaks in (virtualenv, PYTHONPATH, LEAP_* settings,
    XDG folders), so the bundle finds its data folder under ``home`` as it would for them.
    """
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(home / "tmp"),
    }
    (home / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


@dataclass
class Result:
    name: str
    ok: bool
    detail: str


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
    return lines[-1].strip() if lines else "(it printed nothing)"


def unknown_command(result: Run, command: str) -> bool:
    """argparse's "invalid choice" / "unrecognized arguments": the program lacks it."""
    text = result.err
    return result.code == 2 and (f"invalid choice: '{command}'" in text or "unrecognized arguments" in text)


def png_size(path: Path) -> tuple[int, int] | None:
    data = path.read_bytes()[:24]
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    return struct.unpack(">II", data[16:24])


class BundleCheck:
    def __init__(self, bundle: Path, work: Path):
        self.bundle = bundle
        self.leap = bundle / "leap"
        self.desktop = bundle / "leap-desktop"
        self.work = work
        self.home = work / "home"
        self.home.mkdir()
        self.env = clean_env(self.home)
        self.data = self.home / ".local" / "share" / "leap-desktop"
        self.panel = self.data / "panel.leap"
        self.results: list[Result] = []

    def check(self, name: str, step: Callable[[], str]) -> None:
        try:
            detail = step()
            self.results.append(Result(name, True, detail))
        except CheckFailed as exc:
            self.results.append(Result(name, False, str(exc)))
        mark = "ok    " if self.results[-1].ok else "FAILED"
        print(f"  {mark} {name}: {self.results[-1].detail}", flush=True)

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
        return f"{len(icons)} icon sizes, {len(forms_in_bundle)} forms from ui/"

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
            raise CheckFailed(f"`leap demo` did not say where it created the data folder: {result.said}")
        return f"created {self.data} (owner-only) and the demo panel in it ({self.panel.stat().st_size // 1024} KB), and said where"

    def read_back(self) -> str:
        trace = run([str(self.leap), "trace", "D-1"], self.env, self.work)
        if trace.code != 0 or "D-1" not in trace.out:
            raise CheckFailed(f"`leap trace D-1` failed (exit {trace.code}): {last_line(trace.said)}")
        check = run([str(self.leap), "check"], self.env, self.work)
        if check.code != 0:
            raise CheckFailed(f"`leap check` failed (exit {check.code}): {last_line(check.said)}")
        return f"trace D-1 ({len(trace.out.splitlines())} lines); check: {last_line(check.said)}"

    def screenshot(self) -> str:
        if not self.panel.exists():
            raise CheckFailed("no demo panel to open (the first start failed)")
        out = self.work / "window.png"
        result = run([str(self.desktop), "--db", str(self.panel), "--screenshot", str(out)], self.env, self.work)
        if unknown_command(result, "--screenshot") or "not built yet" in result.said:
            raise CheckFailed(
                "the bundled leap-desktop cannot open a panel and render a screenshot yet "
                f"(`leap-desktop --db PANEL --screenshot FILE.png` said: {last_line(result.said)}); "
                "it arrives with the desktop window (branch desktop-shell)"
            )
        if result.code != 0:
            raise CheckFailed(f"`leap-desktop --screenshot` failed (exit {result.code}): {last_line(result.said)}")
        size = png_size(out) if out.exists() else None
        if size is None:
            raise CheckFailed(f"`leap-desktop --screenshot` exited 0 but {out} is not a PNG")
        if size[0] < 400 or size[1] < 300 or out.stat().st_size < 10_000:
            raise CheckFailed(f"the screenshot is {size[0]}x{size[1]}, {out.stat().st_size} bytes: too small to be the window")
        kept = ROOT / "dist" / "bundle-check-window.png"
        shutil.copyfile(out, kept)
        return f"{size[0]}x{size[1]} PNG, {out.stat().st_size // 1024} KB (kept as {kept.relative_to(ROOT)})"

    def minutes(self) -> str:
        if not self.panel.exists():
            raise CheckFailed("no demo panel to export from (the first start failed)")
        out = self.work / "minutes.docx"
        result = run([str(self.leap), "--db", str(self.panel), "export-minutes", "M-1", "--out", str(out)], self.env, self.work)
        if unknown_command(result, "export-minutes"):
            raise CheckFailed(
                "the bundled leap has no `export-minutes` command yet; Word minutes arrive with branch minutes"
            )
        if result.code != 0:
            raise CheckFailed(f"`leap export-minutes M-1` failed (exit {result.code}): {last_line(result.said)}")
        if not out.is_file():
            raise CheckFailed(f"`leap export-minutes` exited 0 but wrote no {out.name}")
        try:
            with zipfile.ZipFile(out) as docx:
                body = docx.read("word/document.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError) as exc:
            raise CheckFailed(f"{out.name} is not a Word document: {exc}") from None
        words = len(re.findall(r"<w:t[ >][^<]*", body))
        if words < 20:
            raise CheckFailed(f"{out.name} has only {words} runs of text: the minutes are empty")
        kept = ROOT / "dist" / "bundle-check-minutes.docx"
        shutil.copyfile(out, kept)
        return f"{out.stat().st_size // 1024} KB Word document, {words} runs of text (kept as {kept.relative_to(ROOT)})"


class CheckFailed(Exception):
    pass


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]).resolve() if argv else DEFAULT_BUNDLE
    for program in ("leap", "leap-desktop"):
        if not os.access(bundle / program, os.X_OK):
            print(f"bundle-check: no bundle at {bundle} ({program} is missing); build it with `make bundle`", file=sys.stderr)
            return 1
    print(f"Checking the bundle in {bundle}, from an empty home folder, with no keyring, off screen:")
    with tempfile.TemporaryDirectory(prefix="leap-bundle-check-") as tmp:
        checker = BundleCheck(bundle, Path(tmp))
        checker.check("version", checker.version)
        checker.check("contents", checker.contents)
        checker.check("first start: leap demo", checker.first_start)
        checker.check("leap trace D-1, leap check", checker.read_back)
        checker.check("leap-desktop opens the demo panel and renders a screenshot", checker.screenshot)
        checker.check("leap export-minutes writes Word minutes", checker.minutes)
    failed = [r for r in checker.results if not r.ok]
    passed = len(checker.results) - len(failed)
    print()
    if failed:
        print(f"bundle-check: {passed} passed, {len(failed)} failed. Missing or broken:")
        for result in failed:
            print(f"  - {result.name}: {result.detail}")
        return 1
    print(f"bundle-check: {passed} passed, 0 failed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
