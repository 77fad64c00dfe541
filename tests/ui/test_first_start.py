"""A person's first start of the app on a computer with no keyring and no data folder.

Each test starts ``python -m leap_desktop`` as a new process from an empty home folder
(the keyring's "fail" backend: no keyring works), drawing off screen, and times it to its
first window with LEAP_EXIT_WHEN_SHOWN, which quits as File > Quit does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leap_desktop.services.demo import create_demo_file
from leap_desktop.store.lock import lock_path
from leap_desktop.views.shell.app import Launcher

PASSPHRASE = "a passphrase for this test only"


def first_start_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
        "LEAP_EXIT_WHEN_SHOWN": "1",
    }
    env.update(extra)
    return env


def start(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leap_desktop", *args], env=env, capture_output=True,
                          text=True, timeout=120, cwd=env["HOME"])


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_the_first_start_shows_the_start_screen_and_makes_the_data_folder(home):
    data = home / ".local" / "share" / "leap-desktop"
    done = start(first_start_env(home))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("LEAP_SHOWN ") and done.stdout.strip().endswith(": LEAP Desktop")
    assert f"Created your LEAP Desktop data folder {data} (only your user account can open it)" in done.stderr
    assert data.is_dir() and data.stat().st_mode & 0o777 == 0o700
    assert "Traceback" not in done.stderr

    again = start(first_start_env(home))  # the second start: nothing new to say
    assert again.returncode == 0, again.stderr
    assert "Created" not in again.stderr


def test_a_timed_start_closes_the_panel_as_quit_does(home, tmp_path):
    panel = tmp_path / "panel.leap"
    create_demo_file(panel, passphrase=PASSPHRASE)
    done = start(first_start_env(home, LEAP_PASSPHRASE=PASSPHRASE), "--db", str(panel))
    assert done.returncode == 0, done.stderr
    assert f"Personalisation in Mental Health LEAP \u2013 {panel}" in done.stdout
    # Closed cleanly: the writer's lock let go and removed, the write-ahead log folded in.
    assert not lock_path(panel).exists()
    assert not Path(f"{panel}-wal").exists()


def test_the_start_screen_says_where_the_data_folder_is(settings, appearance, qtbot, tmp_path, monkeypatch):
    data = tmp_path / "my data"
    monkeypatch.setenv("LEAP_DATA_DIR", str(data))
    launcher = Launcher(settings, appearance)
    launcher.start()
    screen = launcher.start_screen
    try:
        assert screen.isVisible()
        hint = screen.ui.recentHint.text()
        assert f"New panels are kept in your LEAP Desktop data folder, {data}," in hint
    finally:
        screen.close()
