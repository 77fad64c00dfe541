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
    done = leap("init", "--name", "Our LEAP")
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
