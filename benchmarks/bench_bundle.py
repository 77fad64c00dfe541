"""The bundle (dist/leap-desktop, from `make bundle`): its size, and how fast it starts.

Targets: the folder under 250 MB; a cold start of `leap-desktop` to a visible window in
under 2 seconds, both for a person's very first start (the start screen) and for opening
a panel. Also measured, without a target: `leap --version` (the command line's start-up
cost) and warm starts.

Conditions: every start is a fresh process, run as a new user would (an empty home
folder, no keyring: the panel opens with its passphrase from LEAP_PASSPHRASE). A first
start gets a new empty home each time. "Cold" means the bundle's own files are evicted
from the page cache before each start (posix_fadvise DONTNEED on every file: no root
needed); system libraries stay cached, since dropping those needs root. The window is
drawn on a private virtual X display (Xvfb) when Xvfb is installed, as on a desktop,
otherwise off screen (QT_QPA_PLATFORM=offscreen); the report says which. The app
reports its first window through LEAP_EXIT_WHEN_SHOWN (views/shell/startup.py) and then quits
as File > Quit does; the time counted here is from spawning the process to reading its
LEAP_SHOWN line. Each figure is the median of RUNS starts.
"""

from __future__ import annotations

import importlib.util
import os
import select
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
    """packaging/bundle_check.py (clean_env, start_xvfb, disk_usage, redact): loaded from
    its file, as packaging/ is no package."""
    name = "leap_packaging_bundle_check"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "bundle_check.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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


def time_command(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        said = _bundle_check().redact(done.stderr.decode(errors="replace").strip())
        raise RuntimeError(f"{Path(argv[0]).name} failed: {said}")
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
    text = _bundle_check().redact(" ".join(output.decode(errors="replace").split()))
    return shown, text[-300:] or "(nothing)"


class WindowFailed(Exception):
    pass


def starts(label: str, argv: list[str], env_for_run, cwd: Path, *, cold: bool) -> float:
    """The median of RUNS starts to a visible window (each with ``env_for_run(i)``)."""
    times = []
    for i in range(RUNS):
        if cold:
            evict(BUNDLE)
        seconds, said = time_window(argv, env_for_run(i), cwd)
        if seconds is None:
            raise WindowFailed(f"{label}: no window was reported. It said: {said}")
        times.append(seconds)
    return statistics.median(times)


def main() -> int:
    leap, desktop = BUNDLE / "leap", BUNDLE / "leap-desktop"
    if not (leap.exists() and desktop.exists()):
        print(f"  skipped: no bundle in {BUNDLE.relative_to(ROOT)} (build it with `make bundle`)")
        return 0
    check = _bundle_check()

    ok = True
    size_mb = check.disk_usage(BUNDLE) / 1e6
    verdict = "ok" if size_mb < SIZE_TARGET_MB else "MISSED"
    print(f"  {'bundle size (dist/leap-desktop, on disk)':<48} {size_mb:9.1f} MB   target {SIZE_TARGET_MB} MB   {verdict}")
    ok &= size_mb < SIZE_TARGET_MB

    with tempfile.TemporaryDirectory(prefix="leap-bench-bundle-") as tmp:
        work = Path(tmp)
        home = work / "home"
        home.mkdir()
        env = check.clean_env(home)

        cold = []
        for _ in range(RUNS):
            evict(BUNDLE)
            cold.append(time_command([str(leap), "--version"], env, home))
        warm = [time_command([str(leap), "--version"], env, home) for _ in range(RUNS)]
        report(f"leap --version, cold (median of {RUNS})", statistics.median(cold))
        report(f"leap --version, warm (median of {RUNS})", statistics.median(warm))

        panel = home / "demo.leap"
        subprocess.run([str(leap), "--db", str(panel), "demo"], env=env, cwd=home, capture_output=True,
                       timeout=300, check=True)
        xvfb, display = check.start_xvfb()
        try:
            if display:
                env = dict(env, QT_QPA_PLATFORM="xcb", DISPLAY=display)
            where = f"Xvfb {display}" if display else "offscreen"
            print(f"  windows drawn on {'a virtual X display (' + where + ')' if display else 'no display (offscreen)'}")

            def first_start_env(i: int, kind: str) -> dict[str, str]:
                fresh = work / f"first-{kind}-{i}"
                fresh.mkdir()
                return dict(env, HOME=str(fresh), TMPDIR=str(work))

            try:
                # A person's very first start: an empty home, the start screen.
                first = [str(desktop)]
                cold_first = starts("first start", first, lambda i: first_start_env(i, "cold"), work, cold=True)
                warm_first = starts("first start", first, lambda i: first_start_env(i, "warm"), work, cold=False)
                # Opening the demo panel. Its first open today makes the day's backup: timed apart.
                argv = [str(desktop), "--db", str(panel)]
                evict(BUNDLE)
                first_open, said = time_window(argv, env, home)
                if first_open is None:
                    raise WindowFailed(f"opening the panel: no window was reported. It said: {said}")
                cold_panel = starts("panel", argv, lambda i: env, home, cold=True)
                warm_panel = starts("panel", argv, lambda i: env, home, cold=False)
            except WindowFailed as exc:
                print(f"  window start FAILED: {exc}")
                return 1
            ok &= report(f"start screen (first start), cold, median of {RUNS}", cold_first, START_TARGET_S)
            report(f"start screen (first start), warm, median of {RUNS}", warm_first)
            ok &= report(f"demo panel window (--db), cold, median of {RUNS}", cold_panel, START_TARGET_S)
            report(f"demo panel window (--db), warm, median of {RUNS}", warm_panel)
            report("demo panel window, first open today, cold", first_open)
            print("  (the first open of a panel on a day also makes that day's backup)")
        finally:
            check.stop(xvfb)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
