"""Start-up against bare Qt (issue 11): a new ``leap-desktop --screenshot`` process on the
ten-year panel against a new process drawing a bare PySide6 window to a PNG.

Each run starts the bare window and then the app, one after the other (paired run by
run, so a busy moment on the machine hits both); the figure is the median over the runs
of the app's time divided by the bare window's. The app is timed three ways:

* the key in the keyring (the everyday start; the target): the child process uses a
  keyring kept in a file (``benchmarks/file_keyring.py``), never the OS keyring;
* the key given directly (``LEAP_RECOVERY_KEY``, no keyring);
* a passphrase (``LEAP_PASSPHRASE``, no keyring): this adds the passphrase's key
  derivation (scrypt), which is also timed on its own line.

A last line is the floor set outside the app: the bare window again, after importing
the ``keyring`` package and asking it for the panel's entry (as the app must, to find
the key), paired with a bare window in the same way. No start that reads its key from
the keyring can beat it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import file_keyring
from .common import CACHE, ten_year_panel, timed
from .processes import ROOT, run_timed

RATIO = 1.5  # the app with its key in the keyring, at most this many bare windows
FLOOR = "floor: bare window, keyring imported and asked"
RUNS = 7
PASSPHRASE = "bench passphrase for start-up"



def main() -> int:
    from leap_desktop.services import PanelService
    from leap_desktop.store.keys import SERVICE, KeyStore, entry_name, format_recovery_key, key_from_passphrase, read_salt
    import secrets

    keyed = ten_year_panel(encrypted=True)
    salt = read_salt(keyed)
    raw = KeyStore().get(salt)
    assert raw is not None
    with_passphrase = keyed.with_name("passphrase.leap")
    shutil.copyfile(ten_year_panel(encrypted=False), with_passphrase)
    pass_salt = secrets.token_bytes(16)
    with PanelService.open(with_passphrase, backups=False) as svc:
        svc.store.encrypt(key_from_passphrase(PASSPHRASE, pass_salt))
    kdf = timed(lambda: key_from_passphrase(PASSPHRASE, pass_salt), repeat=5)

    folder = Path(tempfile.mkdtemp(prefix="leap-bench-startup-"))
    kept = folder / "keyring.json"
    # As an installed app starts: with compiled modules (kept under the benchmark's folder,
    # made by the warm-up runs), even where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items()
           if k not in ("LEAP_PASSPHRASE", "LEAP_RECOVERY_KEY", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
               PYTHON_KEYRING_BACKEND=file_keyring.BACKEND, **{file_keyring.ENV: str(kept)})
    shot = str(folder / "out.png")
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py"), shot]

    def app(panel: Path) -> list[str]:
        return [sys.executable, "-m", "leap_desktop", "--db", str(panel), "--screenshot", shot, "--page", "decisions"]

    def keyring_start() -> float:
        file_keyring.write(kept, {(SERVICE, entry_name(salt)): raw.hex()})
        return run_timed(app(keyed), env)

    def direct_start() -> float:
        file_keyring.write(kept, {})
        return run_timed(app(keyed), {**env, "LEAP_RECOVERY_KEY": format_recovery_key(raw)})

    def passphrase_start() -> float:
        file_keyring.write(kept, {})
        return run_timed(app(with_passphrase), {**env, "LEAP_PASSPHRASE": PASSPHRASE})

    def bare_with_keyring() -> float:
        file_keyring.write(kept, {(SERVICE, entry_name(salt)): raw.hex()})
        return run_timed([*bare, SERVICE, entry_name(salt)], env)

    ways = {"key in the keyring": keyring_start, "key given directly": direct_start,
            "passphrase": passphrase_start, FLOOR: bare_with_keyring}
    for start in ways.values():  # warm-up: the first open checks each file page by page
        start()
    run_timed(bare, env)
    bare_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(RUNS):
        for name, start in ways.items():  # each start paired with a bare window just before it
            bare_times.append(run_timed(bare, env))
            times[name].append(start())
    print(f"  new processes, paired run by run, median of {RUNS} "
          f"(leap-desktop --db TEN-YEAR.leap --screenshot out.png --page decisions)")
    print(f"  {'bare PySide6 window drawn to a PNG':<48} {statistics.median(bare_times) * 1000:9.1f} ms")
    ok = True
    for index, (name, took) in enumerate(times.items()):
        pairs = bare_times[index::len(ways)]
        ratio = statistics.median(a / b for a, b in zip(took, pairs))
        label = name if name == FLOOR else "app, " + name
        line = f"  {label:<48} {statistics.median(took) * 1000:9.1f} ms {ratio:6.2f}x bare"
        if name == "key in the keyring":
            ok = ratio <= RATIO
            line += f"   target <= {RATIO}x   {'ok' if ok else 'MISSED'}"
        print(line)
        if name == "passphrase":
            print(f"  {'  of which the key derivation (scrypt), in-process':<48} {kdf * 1000:9.1f} ms")
    _secret_service(keyed, raw.hex(), {k: v for k, v in env.items() if k != file_keyring.ENV})
    return 0 if ok else 1


def _secret_service(panel: Path, key_hex: str, env: dict[str, str]) -> None:
    """The same start with the key in a real Secret Service (GNOME Keyring in a D-Bus
    session of its own): the first start, when keyring searches for a backend, against
    later ones, which ask the keyring noted by the start before (store/keyring_hint.py)."""
    missing = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        print(f"  (the Secret Service lines need {' and '.join(missing)}: Debian packages dbus, gnome-keyring)")
        return
    import json

    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-m", "benchmarks.keyring_session",
                           str(panel), key_hex, str(RUNS)], capture_output=True, env=env, cwd=ROOT, check=False)
    try:
        times = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        print(f"  (the Secret Service run failed: {done.stderr.decode(errors='replace')[-400:]})")
        return
    if "error" in times:
        print(f"  ({times['error']})")
        return
    print(f"  key in GNOME Keyring (Secret Service, D-Bus), median of {RUNS}, each paired with a bare window:")
    for label, key, pair in (("app, first start: keyring searches its backends", "first", "bare"),
                             ("app, later starts: the noted keyring asked first", "later", "bare2")):
        ratio = statistics.median(a / b for a, b in zip(times[key], times[pair]))
        print(f"  {label:<48} {statistics.median(times[key]) * 1000:9.1f} ms {ratio:6.2f}x bare")
    saved = statistics.median(a - b for a, b in zip(times["first"], times["later"]))
    print(f"  {'  saved by the note (' + times['noted'].rsplit('.', 2)[-2] + ')':<48} {saved * 1000:9.1f} ms")
