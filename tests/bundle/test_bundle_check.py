"""make bundle-check's own judgement: a missing bundle or command is named, never passed."""

import pytest

from .conftest import load

bundle_check = load("bundle_check")


def test_no_bundle_is_a_clear_failure(tmp_path, capsys):
    assert bundle_check.main([str(tmp_path / "dist" / "leap-desktop")]) == 1
    assert "build it with `make bundle`" in capsys.readouterr().err


def test_a_command_the_program_lacks_is_recognised():
    lacking = bundle_check.Run(2, "", "leap: argument COMMAND: invalid choice: 'export-minutes' (choose from ...)")
    assert bundle_check.unknown_command(lacking, "export-minutes")
    failing = bundle_check.Run(1, "", "leap: no meeting M-1")
    assert not bundle_check.unknown_command(failing, "export-minutes")


def test_png_size_reads_the_header(tmp_path, root):
    assert bundle_check.png_size(root / "resources" / "icons" / "leap-desktop-48.png") == (48, 48)
    not_png = tmp_path / "x.png"
    not_png.write_bytes(b"not a picture at all, really not")
    assert bundle_check.png_size(not_png) is None


def test_the_clean_environment_has_no_keyring_and_nothing_from_development(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_DB", "/somewhere/else.leap")
    monkeypatch.setenv("VIRTUAL_ENV", "/work/.venv")
    monkeypatch.setenv("LEAP_RECOVERY_KEY", "0000")
    env = bundle_check.clean_env(tmp_path)
    assert env["HOME"] == str(tmp_path)
    assert env["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    assert not {"LEAP_DB", "VIRTUAL_ENV", "PYTHONPATH", "XDG_DATA_HOME", "LEAP_RECOVERY_KEY"} & set(env)
    # With no keyring a coordinator gives a passphrase; the check can leave it out too.
    assert env["LEAP_PASSPHRASE"] == bundle_check.PASSPHRASE
    assert "LEAP_PASSPHRASE" not in bundle_check.clean_env(tmp_path, passphrase=False)


KEY = "DABC-B3D1-85A0-389F-F8FC-5F95-81C5-2EFE-E423-2286-2A0D-13BC-3CBB-254B-F5BE-F788"
PRINTED = """
This panel file is encrypted. Its RECOVERY KEY is:

    DABC-B3D1-85A0-389F
    F8FC-5F95-81C5-2EFE
    E423-2286-2A0D-13BC
    3CBB-254B-F5BE-F788

Write it down or print it, and keep it safe, away from this computer.
"""


def test_the_printed_recovery_key_is_read_but_never_shown():
    assert bundle_check.recovery_key_in(PRINTED) == KEY
    assert bundle_check.recovery_key_in("Created the demo panel in /tmp/p.leap") is None
    shown = bundle_check.redact(PRINTED + f"passphrase: {bundle_check.PASSPHRASE}")
    assert "DABC" not in shown and "F788" not in shown and bundle_check.PASSPHRASE not in shown
    assert "XXXX-XXXX-XXXX-XXXX" in shown and "(the passphrase)" in shown
    assert "3CBB" not in bundle_check.last_line(PRINTED.split("Write")[0])


def make_checker(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    checker = bundle_check.BundleCheck(bundle, work)
    checker.recovery_key = KEY
    return checker


def test_a_key_or_passphrase_written_in_plain_text_is_found(tmp_path):
    checker = make_checker(tmp_path)
    (checker.home / "settings.conf").write_text("recent=/tmp/p.leap\n", encoding="utf-8")
    assert "none of the key" in checker.no_secrets_on_disk()

    for name, data in [
        ("notes.txt", KEY.lower().encode()),
        ("dump.bin", b"\x00" + bytes.fromhex(KEY.replace("-", "")) + b"\x00"),
        ("log.txt", f"LEAP_PASSPHRASE={bundle_check.PASSPHRASE}".encode()),
    ]:
        leak = checker.home / name
        leak.write_bytes(data)
        with pytest.raises(bundle_check.CheckFailed, match=f"in plain text: .* in {name}"):
            checker.no_secrets_on_disk()
        leak.unlink()


def test_a_blank_screenshot_is_told_from_a_drawn_window(tmp_path, root, qapp):
    from PySide6.QtGui import QColor, QImage

    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    blank.save(str(tmp_path / "blank.png"))
    colours, commonest = bundle_check.picture_variety(tmp_path / "blank.png")
    assert colours == 1 and commonest == 1.0

    drawn = QImage(str(root / "docs" / "screenshots" / "decisions.png"))
    drawn.save(str(tmp_path / "drawn.png"))
    colours, commonest = bundle_check.picture_variety(tmp_path / "drawn.png")
    assert colours >= 16 and commonest < 0.95
