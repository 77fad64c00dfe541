"""A coordinator's very first start: no data folder, no keyring, nothing set up.

`leap init` and `leap demo` create what they need, owner-only, and say where. Run as a
new process with a fresh home folder, as the bundle is (make bundle-check does the same
with the built bundle).
"""

import subprocess
import sys

import pytest


@pytest.fixture
def new_user(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no keyring at all
        "QT_QPA_PLATFORM": "offscreen",
    }

    def leap(*args, **extra_env):
        return subprocess.run([sys.executable, "-m", "leap_desktop.cli", *args], env={**env, **extra_env}, cwd=home,
                              capture_output=True, text=True, timeout=120)

    return home, home / ".local" / "share" / "leap-desktop", leap


PASSPHRASE = "our panel meets on thursdays"


def test_leap_init_creates_the_data_folder_and_the_panel_and_says_where(new_user):
    home, data, leap = new_user
    done = leap("init", "--name", "Our LEAP", LEAP_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    panel = data / "panel.leap"
    assert f"Created your LEAP Desktop data folder {data} (only your user account can open it)" in done.stderr
    assert f"Created the panel file {panel}" in done.stderr
    assert "Traceback" not in done.stderr
    assert data.stat().st_mode & 0o777 == 0o700
    assert panel.stat().st_mode & 0o777 == 0o600
    assert "No keyring works on this computer, so the key is not stored on this computer" in done.stderr
    assert "RECOVERY KEY" in done.stderr
    assert leap("check", LEAP_PASSPHRASE=PASSPHRASE).returncode == 0


def test_without_a_keyring_the_recovery_key_printed_once_opens_the_file(new_user):
    home, data, leap = new_user
    done = leap("init", "--name", "Our LEAP", LEAP_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    start = lines.index("This panel file is encrypted. Its RECOVERY KEY is:") + 2
    recovery_key = "-".join(line.strip() for line in lines[start:start + 4])
    refused = leap("people")
    assert refused.returncode == 1
    assert refused.stderr == (
        "leap: No keyring works on this computer, so panel.leap cannot be opened. Set "
        "LEAP_RECOVERY_KEY (or LEAP_PASSPHRASE), or run the command in a terminal to be asked\n"
    )
    assert leap("check", LEAP_RECOVERY_KEY=recovery_key).returncode == 0


def test_leap_demo_on_a_first_start_says_where_the_demo_panel_is(new_user):
    home, data, leap = new_user
    done = leap("demo", LEAP_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert f"Created your LEAP Desktop data folder {data}" in done.stderr
    assert f"Created the demo panel in {data / 'panel.leap'}" in done.stderr
    again = leap("decisions", LEAP_PASSPHRASE=PASSPHRASE)
    assert again.returncode == 0, again.stderr
    assert "data folder" not in again.stderr, "it says so once, when it creates the folder"
    assert "D-1" in again.stdout


def test_without_a_keyring_a_script_is_refused_but_a_terminal_is_shown_the_recovery_key(new_user):
    """`leap demo 2>/dev/null` with no keyring used to make a file nobody could ever open."""
    home, data, leap = new_user
    scripted = leap("demo")
    assert scripted.returncode == 1
    assert "panel.leap was not created. To create a panel file from a script, set LEAP_PASSPHRASE" in scripted.stderr
    assert not (data / "panel.leap").exists() and list(data.iterdir()) == []
    # In a terminal the person sees the recovery key, so the file is made.
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        done = subprocess.run([sys.executable, "-m", "leap_desktop.cli", "init"], env=env, cwd=home,
                              stdout=subprocess.PIPE, stderr=follower, timeout=120)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    text = shown.decode().replace("\r\n", "\n")
    assert "This panel file is encrypted. Its RECOVERY KEY is:" in text
    assert (data / "panel.leap").stat().st_size > 0


def test_every_folder_made_for_panels_and_backups_is_owner_only(new_user):
    home, data, leap = new_user
    done = leap("--db", str(home / "a" / "b" / "c.leap"), "init", LEAP_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    for folder in (home / "a", home / "a" / "b"):
        assert folder.stat().st_mode & 0o777 == 0o700, f"{folder} is open to others"
    again = leap("--db", str(home / "a" / "b" / "c.leap"), "people", LEAP_PASSPHRASE=PASSPHRASE)  # the day's backup
    assert again.returncode == 0, again.stderr
    backups = data / "backups"
    assert [p.stat().st_mode & 0o777 for p in (data, backups, *backups.iterdir())] == [0o700, 0o700, 0o700]
