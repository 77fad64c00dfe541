"""A damaged panel file in the app: what the person is told, the latest good backup put in
its place, the damaged file kept; and File > Restore from a backup… on a healthy panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import pytest
from panel_files import damaged_panel

from leap_desktop.models.people import PeopleModel
from leap_desktop.services import PanelService
from leap_desktop.store import backup
from leap_desktop.views.shell.app import Launcher
from leap_desktop.views.dialogs.restore import BackupChooserDialog, DamagedFileDialog, when_made

K = Qt.Key


@pytest.fixture
def launcher(settings, appearance, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "data"))  # this test's backups only
    launch = Launcher(settings, appearance)
    yield launch
    for window in (launch.window, launch.start_screen):
        if window is not None:
            window.close()


def when_shown(cls, act):
    """Run ``act(dialog)`` on the modal dialog of ``cls`` once it is up; what it saw is
    returned in a dict. The dialog is always closed, so a failing check cannot hang."""
    seen = {}

    def step():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            QTimer.singleShot(20, step)
            return
        try:
            seen.update(act(dialog) or {})
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, step)
    return seen


def people_names(window):
    page = window.show_page("people")
    return [page.model.index(r, PeopleModel.NAME).data() for r in range(page.model.rowCount())]


def test_a_damaged_panel_offers_its_latest_backup_and_opens_it(launcher, tmp_path, qtbot):
    path = tmp_path / "ours.leap"
    good = damaged_panel(path)
    damaged_bytes = path.read_bytes()

    def restore(dialog: DamagedFileDialog):
        seen = {"title": dialog.windowTitle(), "text": dialog.text(), "info": dialog.informativeText(),
                "buttons": [b.text() for b in dialog.buttons()], "default": dialog.defaultButton().text()}
        qtbot.keyClick(dialog, K.Key_Return)  # the default: restore the latest backup
        return seen

    seen = when_shown(DamagedFileDialog, restore)
    assert launcher.open_path(path)

    assert seen["title"] == "ours.leap is damaged"
    assert seen["text"] == "ours.leap is damaged, so it was not opened."
    assert f"The latest good backup of it was made on {when_made(good)}." in seen["info"]
    assert "anything added or changed since then will not be in it" in seen["info"]
    assert "ours.leap has not been changed, and it is kept" in seen["info"]
    assert set(seen["buttons"]) - {"Show Details..."} == {
        f"&Restore the backup from {when_made(good)}", "&Choose another backup…", "Cancel"}
    assert seen["default"] == f"&Restore the backup from {when_made(good)}"
    # The restored panel is open, with the backup's records.
    window = launcher.window
    assert window is not None and window.isVisible()
    names = people_names(window)
    assert "Person 39" in names and "Added after the backup" not in names
    [damaged] = tmp_path.glob("ours.damaged-*.leap")
    assert damaged.read_bytes() == damaged_bytes  # kept, byte for byte, under its new name
    message = window.statusBar().currentMessage()
    assert f"it now holds the backup from {when_made(good)}" in message
    assert f"The damaged file is kept, unchanged, as {damaged.name} in {tmp_path}" in message
    assert window.ctx.service.check() == []


def test_another_backup_can_be_chosen_from_a_file(launcher, tmp_path, qtbot, monkeypatch):
    path = tmp_path / "ours.leap"
    mine = tmp_path / "my-backup.leap"
    with PanelService.open(path, create=True) as svc:
        svc.set_panel(name="Ours")
        svc.add_person(display_name="In my own backup", roles=["carer"], consent="named")
        svc.store.backup_to(mine)
    good = damaged_panel_after(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mine), ""))

    def choose(dialog: DamagedFileDialog):
        dialog.choose_button.click()

    def pick(chooser: BackupChooserDialog):
        listed = [chooser.ui.backupList.item(i).text() for i in range(chooser.ui.backupList.count())]
        chooser.ui.fileButton.click()
        chosen = chooser.chosen()
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Return)  # the keyboard is on Restore
        return {"listed": listed, "chosen": chosen}

    when_shown(DamagedFileDialog, choose)
    seen = when_shown(BackupChooserDialog, pick)
    assert launcher.open_path(path)
    assert seen["listed"] == [f"{when_made(good)}: the day's automatic backup"]
    assert seen["chosen"] == mine
    assert people_names(launcher.window) == ["In my own backup"]


def damaged_panel_after(path):
    """Open the panel again (making the day's backup), add to it, damage it."""
    from panel_files import damage_page

    with PanelService.open(path) as svc:
        for n in range(40):
            svc.add_person(display_name=f"Person {n}", roles=["carer"], access_needs="x" * 300, consent="named")
    with PanelService.open(path) as svc:
        good = backup.automatic_backups(path, svc.store.conn)[0]
    damage_page(path, path.stat().st_size // 4096 - 1)
    return good


def test_cancel_leaves_the_damaged_file_alone(launcher, tmp_path, qtbot):
    path = tmp_path / "ours.leap"
    damaged_panel(path)
    before = path.read_bytes()
    when_shown(DamagedFileDialog, lambda dialog: qtbot.keyClick(dialog, K.Key_Escape))
    assert not launcher.open_path(path)
    assert launcher.window is None
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ours")) == ["ours.leap"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_file_restore_from_a_backup_on_a_healthy_panel(launcher, tmp_path, qtbot):
    path = tmp_path / "ours.leap"
    with PanelService.open(path, create=True) as svc:
        svc.set_panel(name="Ours")
        svc.add_person(display_name="Before the backup", roles=["carer"], consent="named")
    with PanelService.open(path) as svc:  # the day's backup, then a change after it
        good = backup.automatic_backups(path, svc.store.conn)[0]
        svc.add_person(display_name="After the backup", roles=["carer"], consent="named")
    assert launcher.open_path(path)
    window = launcher.window
    assert people_names(window) == ["After the backup", "Before the backup"]
    assert window.restore_action.text() == "Restore from a &backup…"

    def pick(chooser: BackupChooserDialog):
        listed = [chooser.ui.backupList.item(i).text() for i in range(chooser.ui.backupList.count())]
        intro = chooser.ui.introLabel.text()
        qtbot.keyClick(chooser.ui.backupList, K.Key_Return)
        return {"listed": listed, "intro": intro}

    seen = when_shown(BackupChooserDialog, pick)
    window.restore_action.trigger()
    assert seen["listed"] == [f"{when_made(good)}: the day's automatic backup"]
    assert "ours.leap as it is now is backed up first" in seen["intro"]
    assert people_names(window) == ["Before the backup"]  # every page shows the restored panel
    assert window.statusBar().currentMessage().startswith(f"Restored the backup from {when_made(good)}.")
    assert not window.ctx.undo_stack.canUndo()
    kept = backup.automatic_backups(path, window.ctx.service.store.conn)[0]
    assert kept.name.endswith("-before-restore.leap")
