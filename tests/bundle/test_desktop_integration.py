"""The Linux desktop entry, the .leap file type, and install-desktop, in a throwaway home."""

import configparser
import os
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET

import pytest

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


@pytest.fixture(scope="module")
def linux(root):
    return root / "packaging" / "linux"


def desktop_entry(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_passes_desktop_file_validate(linux):
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    done = subprocess.run([validate, str(linux / "leap-desktop.desktop")], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_desktop_file_opens_leap_files_in_the_app(linux, root):
    entry = desktop_entry(linux / "leap-desktop.desktop")
    assert entry["Name"] == "LEAP Desktop"
    assert entry["Exec"] == "leap-desktop %f"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;"
    assert (root / "resources" / "icons" / f"{entry['Icon']}-256.png").exists()
    mime = ET.parse(linux / "leap-desktop.xml").getroot().find(f"{MIME_NS}mime-type")
    assert entry["MimeType"] == mime.get("type") + ";"
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.leap"]
    assert "panel" in entry["Keywords"]


def install(root, home, *args):
    env = {"HOME": str(home), "PATH": os.environ["PATH"], "XDG_DATA_HOME": str(home / "share")}
    return subprocess.run([str(root / "packaging" / "linux" / "install-desktop"), *args],
                          env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def program(tmp_path):
    folder = tmp_path / "LEAP Desktop app"  # a space, as in many people's folders
    folder.mkdir()
    for name in ("leap-desktop", "leap"):
        path = folder / name
        path.write_text("#!/bin/sh\n", encoding="utf-8")
        path.chmod(0o755)
    return folder / "leap-desktop"


def test_install_desktop_puts_the_app_in_the_menu_and_registers_leap_files(root, tmp_path, program):
    home = tmp_path / "home"
    done = install(root, home, "--exec", str(program))
    assert done.returncode == 0, done.stderr
    assert "application menu" in done.stdout
    share = home / "share"
    entry = desktop_entry(share / "applications" / "leap-desktop.desktop")
    assert entry["Exec"] == f'"{program}" %f'
    assert entry["TryExec"] == str(program)
    for size in (16, 48, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "leap-desktop.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "leap-desktop.svg").is_file()
    assert (share / "mime" / "packages" / "leap-desktop.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-leap-panel:*.leap" in globs
    assert (home / ".local" / "bin" / "leap").resolve() == program.parent / "leap"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" / "leap-desktop.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    done = install(root, home, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert not (share / "applications" / "leap-desktop.desktop").exists()
    assert not (share / "icons" / "hicolor" / "48x48" / "apps" / "leap-desktop.png").exists()
    assert not (share / "mime" / "packages" / "leap-desktop.xml").exists()
    assert not (home / ".local" / "bin" / "leap").exists()


def test_install_desktop_without_a_program_says_what_to_do(root, tmp_path):
    done = install(root, tmp_path / "home", "--exec", str(tmp_path / "nowhere" / "leap-desktop"))
    assert done.returncode == 1
    assert "no LEAP Desktop program" in done.stderr and "make bundle" in done.stderr
    assert not (tmp_path / "home" / "share" / "applications").exists()


def test_the_installer_is_executable(linux):
    assert os.stat(linux / "install-desktop").st_mode & stat.S_IXUSR
