"""Help > About: version, licence, the libraries and the data folder, by keyboard alone."""

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QWidget

from leap_desktop import __version__
from leap_desktop.views.dialogs.about import AboutDialog, details_text
from leap_desktop.views.shell.menus import about_action

PROJECT = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.fixture
def fresh_machine(monkeypatch, tmp_path, no_keyring):
    """No keyring at all (keyring's fail backend) and no data folder yet."""
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "my panels"))
    return tmp_path / "my panels"


@pytest.fixture
def dialog(qtbot, fresh_machine):
    about = AboutDialog()
    qtbot.addWidget(about)
    about.show()
    about.activateWindow()
    qtbot.waitActive(about)
    return about


def test_it_shows_the_version_from_pyproject_and_the_licence(dialog):
    assert __version__ == PROJECT["version"]
    assert dialog.version_label.text() == f"Version {PROJECT['version']}"
    assert PROJECT["license"] in dialog.licence_label.text()
    assert dialog.windowTitle() == "About LEAP Desktop"


def test_it_lists_the_libraries_with_versions(dialog):
    rows = {}
    view = dialog.libraries_view
    for i in range(view.topLevelItemCount()):
        item = view.topLevelItem(i)
        rows[item.text(0)] = (item.text(1), item.text(2))
    assert set(rows) >= {"Python", "Qt", "SQLite", "SQLCipher", "sqlite-utils", "python-docx", "keyring", "platformdirs"}
    assert "PySide6" in rows["Qt"][1]
    for name in ("Python", "Qt", "SQLite", "sqlite-utils", "python-docx", "keyring", "platformdirs"):
        assert rows[name][0][0].isdigit(), f"{name} has no version: {rows[name]}"
    assert rows["keyring"][1] == "keys are kept by: fail Keyring"


def test_it_says_where_the_data_folder_is_even_before_it_exists(dialog, fresh_machine):
    assert str(fresh_machine) in dialog.folder_label.text()
    assert "created when you first save" in dialog.folder_label.text()
    assert not fresh_machine.exists(), "opening About creates nothing"
    assert not dialog.open_folder_button.isEnabled()


def tab_to(dialog, qtbot, widget, limit=12):
    for _ in range(limit):
        if dialog.focusWidget() is widget:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget.accessibleName()}")


def test_copy_details_by_keyboard_puts_everything_on_the_clipboard(dialog, qtbot, fresh_machine):
    QGuiApplication.clipboard().clear()
    tab_to(dialog, qtbot, dialog.copy_button)
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details()
    assert copied.startswith(f"LEAP Desktop {__version__}")
    assert f"Data folder: {fresh_machine} (not created yet)" in copied
    assert "  keyring " in copied and "fail Keyring" in copied
    assert dialog.status.text() == "Copied the details to the clipboard."


def test_each_button_has_its_own_access_key(dialog):
    keys = [b.shortcut().toString() for b in dialog.findChildren(QAbstractButton)]
    assert "Alt+D" in keys, "Copy &details"
    assert len(keys) == len(set(keys)), f"two buttons share an access key: {keys}"


def test_escape_closes_it(dialog, qtbot):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_control_has_an_accessible_name_and_takes_focus(dialog):
    controls = [w for w in dialog.findChildren(QWidget) if isinstance(w, QAbstractButton) or w is dialog.libraries_view]
    assert len(controls) >= 4
    for widget in controls:
        assert widget.accessibleName(), f"{widget.objectName() or widget} has no accessible name"
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_details_text_names_the_existing_folder(fresh_machine):
    fresh_machine.mkdir()
    text = details_text()
    assert f"Data folder: {fresh_machine}\n" in text


def test_the_help_menu_action_opens_the_dialog(qtbot, fresh_machine):
    window = QMainWindow()
    qtbot.addWidget(window)
    action = about_action(window)
    assert action.text() == "&About LEAP Desktop"
    action.trigger()
    dialogs = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
