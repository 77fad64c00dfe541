"""make bundle-check's own judgement: a missing bundle or command is named, never passed."""

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
    env = bundle_check.clean_env(tmp_path)
    assert env["HOME"] == str(tmp_path)
    assert env["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    assert not {"LEAP_DB", "VIRTUAL_ENV", "PYTHONPATH", "XDG_DATA_HOME"} & set(env)
