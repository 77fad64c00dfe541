"""A panel file is a standard SQLCipher 4 database: the recovery key alone opens it,
with SQLCipher's default settings, outside LEAP Desktop (docs/security.md)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from leap_desktop.services import PanelService
from leap_desktop.store.keys import parse_recovery_key


@pytest.fixture
def panel(tmp_path):
    path = tmp_path / "panel.leap"
    with PanelService.open(path, create=True) as svc:
        recovery = svc.store.security.recovery_key
        svc.set_panel(name="Shell panel")
    return path, recovery


def test_defaults_and_the_recovery_key_alone_open_the_file(panel):
    path, recovery = panel
    digits = recovery.replace("-", "")
    conn = sqlcipher.connect(str(path))  # no LEAP code, no settings: SQLCipher 4 defaults
    conn.execute(f"PRAGMA key = \"x'{digits}'\"")
    assert conn.execute("SELECT name FROM panel").fetchone()[0] == "Shell panel"
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "4096"
    conn.close()
    assert parse_recovery_key(digits) is not None


def test_the_stock_sqlcipher_shell_opens_the_file(panel):
    shell = shutil.which("sqlcipher")
    if shell is None:
        pytest.skip("no sqlcipher shell installed (Debian/Ubuntu: apt-get install sqlcipher)")
    version = subprocess.run([shell, ":memory:", "PRAGMA cipher_version;"], capture_output=True, text=True,
                             timeout=30).stdout.strip()
    major = re.match(r"(\d+)", version)
    if not major or int(major.group(1)) < 4:
        pytest.skip(f"the installed sqlcipher shell is version {version or 'unknown'}; "
                    "SQLCipher 4 files need version 4.0 or newer (Debian 12 ships 3.4.1)")
    path, recovery = panel
    script = f"PRAGMA key = \"x'{recovery.replace('-', '')}'\";\nSELECT name FROM panel;\n"
    out = subprocess.run([shell, str(path)], input=script, capture_output=True, text=True, timeout=30)
    assert "Shell panel" in out.stdout, out.stderr
