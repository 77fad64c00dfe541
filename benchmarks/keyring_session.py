"""Start-up with the key in a real Secret Service (GNOME Keyring), in a session of its own.

Run by ``bench_startup`` as ``dbus-run-session -- python -m benchmarks.keyring_session
PANEL KEYHEX RUNS``: inside that private D-Bus session, with a throw-away home folder,
it starts ``gnome-keyring-daemon`` unlocked, stores the panel's key there as LEAP
Desktop does, then times new app processes drawing the decisions page, paired run by
run with a bare PySide6 window:

* **first start**: no note of the keyring (store/keyring_hint.py), so keyring searches
  every backend it knows for the best one, as a start did before the note;
* **later starts**: the note of the keyring that held the key, written by the start
  before, so that keyring is asked at once.

It prints one JSON object: the times in seconds. The person's own keyring is never
touched: the daemon, its files and the session bus all live in temporary folders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .processes import ROOT, run_timed



def main(panel: str, key_hex: str, runs: int) -> int:
    home = Path(tempfile.mkdtemp(prefix="leap-bench-keyring-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "LEAP_BENCH_KEYRING")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), LEAP_DATA_DIR=str(home / "leap"))
    for folder in ("data", "config", "cache", "leap"):
        (home / folder).mkdir(mode=0o700)
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"], input=b"bench",
                            capture_output=True, env=env, check=False)
    for line in daemon.stdout.decode().splitlines():
        name, _, value = line.partition("=")
        if name:
            env[name] = value
    for name in ("PYTHON_KEYRING_BACKEND", "LEAP_BENCH_KEYRING"):
        os.environ.pop(name, None)
    os.environ.update(env)
    import keyring

    from leap_desktop.store.keys import SERVICE, entry_name, read_salt
    from leap_desktop.store.keyring_hint import NOTE

    backend = keyring.get_keyring()
    if "SecretService" not in type(backend).__module__:
        print(json.dumps({"error": f"the Secret Service did not start here (keyring chose {backend!r})"}))
        return 0
    keyring.set_password(SERVICE, entry_name(read_salt(panel)), key_hex)
    shot = str(home / "out.png")
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py"), shot]
    app = [sys.executable, "-m", "leap_desktop", "--db", panel, "--screenshot", shot, "--page", "decisions"]
    note = home / "leap" / NOTE

    def first() -> float:
        note.unlink(missing_ok=True)
        return run_timed(app, env)

    def later() -> float:
        if not note.exists():
            run_timed(app, env)
        return run_timed(app, env)

    for warm_up in (first, later, lambda: run_timed(bare, env)):
        warm_up()
    times: dict[str, list[float]] = {"bare": [], "first": [], "bare2": [], "later": []}
    for _ in range(runs):
        times["bare"].append(run_timed(bare, env))
        times["first"].append(first())
        times["bare2"].append(run_timed(bare, env))
        times["later"].append(later())
    times["noted"] = note.read_text().strip() if note.exists() else ""
    print(json.dumps(times))
    return 0  # the daemon leaves with the session bus


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
