"""The bundle (dist/leap-desktop, from `make bundle`): its size, and how fast it starts.

Targets: the folder under 250 MB; a cold start of `leap-desktop` to a visible window in
under 2 seconds. Also measured, without a target: `leap --version` (the command line's
start-up cost) and a warm start of the window.

Conditions: every start is a fresh process, run from an empty home folder with no
keyring. "Cold" means the bundle's own files are evicted from the page cache before each
start (posix_fadvise DONTNEED on every file: no root needed); system libraries stay
cached, since dropping those needs root. The window is drawn on a virtual X display
(Xvfb) when one can be started, as on a desktop, otherwise off screen (QT_QPA_PLATFORM=
offscreen). The app reports a start through LEAP_EXIT_WHEN_SHOWN (views/startup.py); the
time counted here is from spawning the process to reading its LEAP_SHOWN line.
"""

from __future__ import annotations

import importlib.util
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import report

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "leap-desktop"
SIZE_TARGET_MB = 250
START_TARGET_S = 2.0
RUNS = 5
MARKER = "LEAP_SHOWN"


def _bundle_check():
    """packaging/bundle_check.py (clean_env): loaded from its file, as packaging/ is no package."""
    spec = importlib.util.spec_from_file_location("leap_packaging_bundle_check", ROOT / "packaging" / "bundle_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def disk_usage(folder: Path) -> int:
    """Bytes on disk, as `du` counts them (links not followed)."""
    total = 0
    for path in [folder, *folder.rglob("*")]:
        total += path.lstat().st_blocks * 512
    return total


def evict(folder: Path) -> None:
    """Drop the folder's files from the page cache, so the next start reads them from disk."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    """A private virtual display, or (None, None) when Xvfb is not installed."""
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


def time_command(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace').strip()}")
    return elapsed


def time_window(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 60) -> tuple[float | None, str]:
    """Seconds from spawn to the app's LEAP_SHOWN line, or (None, what it said instead)."""
    env = dict(env, LEAP_EXIT_WHEN_SHOWN="1")
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    fd = process.stdout.fileno()
    shown, output = None, b""
    try:
        while (remaining := started + timeout - time.perf_counter()) > 0:
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                break
            chunk = os.read(fd, 65536)
            if not chunk:  # it exited
                break
            output += chunk
            if MARKER.encode() in output:
                shown = time.perf_counter() - started
                break
    finally:
        try:
            process.wait(timeout=10 if shown else 0.5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
    text = " ".join(output.decode(errors="replace").split())
    return shown, text[-300:] or "(nothing)"


def main() -> int:
    leap, desktop = BUNDLE / "leap", BUNDLE / "leap-desktop"
    if not (leap.exists() and desktop.exists()):
        print(f"  skipped: no bundle in {BUNDLE.relative_to(ROOT)} (build it with `make bundle`)")
        return 0

    ok = True
    size_mb = disk_usage(BUNDLE) / 1e6
    verdict = "ok" if size_mb < SIZE_TARGET_MB else "MISSED"
    print(f"  {'bundle size (dist/leap-desktop, on disk)':<48} {size_mb:9.1f} MB   target {SIZE_TARGET_MB} MB   {verdict}")
    ok &= size_mb < SIZE_TARGET_MB

    clean_env = _bundle_check().clean_env
    with tempfile.TemporaryDirectory(prefix="leap-bench-bundle-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = clean_env(home)

        cold = []
        for _ in range(RUNS):
            evict(BUNDLE)
            cold.append(time_command([str(leap), "--version"], env, home))
        warm = [time_command([str(leap), "--version"], env, home) for _ in range(RUNS)]
        report(f"leap --version, cold (median of {RUNS})", statistics.median(cold))
        report(f"leap --version, warm (median of {RUNS})", statistics.median(warm))

        panel = home / "demo.leap"
        subprocess.run([str(leap), "--db", str(panel), "demo"], env=env, cwd=home, capture_output=True, timeout=300, check=True)
        xvfb, display = start_xvfb()
        try:
            if display:
                env = dict(env, QT_QPA_PLATFORM="xcb", DISPLAY=display)
            where = f"on Xvfb {display}" if display else "off screen"
            argv = [str(desktop), "--db", str(panel)]
            evict(BUNDLE)
            first, said = time_window(argv, env, home)
            if first is None:
                print("  window start: skipped: the bundled leap-desktop does not report its first window yet "
                      "(LEAP_EXIT_WHEN_SHOWN; the start-up code should call "
                      f"views.startup.exit_when_shown(window)). It said: {said}")
                return 0 if ok else 1
            cold = [first]
            for _ in range(RUNS - 1):
                evict(BUNDLE)
                seconds, said = time_window(argv, env, home)
                if seconds is None:
                    print(f"  window start failed part way: {said}")
                    return 1
                cold.append(seconds)
            warm = []
            for _ in range(RUNS):
                seconds, said = time_window(argv, env, home)
                if seconds is None:
                    print(f"  window start failed part way: {said}")
                    return 1
                warm.append(seconds)
            ok &= report(f"leap-desktop to a visible window, cold, {where}", statistics.median(cold), START_TARGET_S)
            report(f"leap-desktop to a visible window, warm, {where}", statistics.median(warm))
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
