"""Issue 16, the app: File > Sync with a shared folder…, the status bar's sync state,
and the conflicts dialog, on two simulated laptops sharing one folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import Decision
from leap_desktop.models.context import AppContext
from leap_desktop.views.dialogs.conflicts import ConflictsDialog
from leap_desktop.views.shell.main_window import MainWindow
from leap_desktop.views.dialogs.sync import SyncDialog

from sync_laptops import everyone_synced, laptops, shared_decision

from .helpers import CTRL, CTRL_SHIFT, activate, column, press, type_text, wait_dialog

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def two(tmp_path):
    return laptops(tmp_path, 2)


@pytest.fixture
def open_window(settings, appearance, qtbot):
    """Open a laptop's panel in a main window (closed after the test)."""
    made = []

    def open_on(laptop):
        ctx = AppContext(laptop.open(), settings)
        window = MainWindow(ctx, None, appearance=appearance, remember=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        activate(window, qtbot)
        made.append(window)
        return window

    yield open_on
    for window in made:
        window.close()


def sync_dialog(window, qtbot) -> SyncDialog:
    window.sync_action.trigger()
    return wait_dialog(window, qtbot, SyncDialog)


def names(window):
    page = window.show_page("people")
    return sorted(column(page.model, 0))


def test_choose_the_folder_sync_now_and_the_pages_show_what_came(two, open_window, qtbot):
    a, b = two
    b.do(lambda svc: svc.add_person(display_name="Cy Dale", roles=["researcher"], consent="named"))
    b.sync()
    window = open_window(a)
    assert "Cy Dale" not in " ".join(names(window))
    assert not window.sync_status.isVisible(), "no folder chosen on this laptop yet: nothing said"
    dialog = sync_dialog(window, qtbot)
    assert dialog.folder.text() == "" and dialog.folder.hasFocus()
    assert dialog.ui.statusLabel.text().startswith("Last synced today at ")  # the laptops fixture synced once
    dialog.choose_folder = lambda start: str(a.folder)
    press(qtbot, K.Key_H, ALT)  # Choose… (a mnemonic clicks its button a moment later)
    qtbot.waitUntil(lambda: dialog.folder.text() == str(a.folder))
    assert dialog.ui.syncButton.hasFocus()
    press(qtbot, K.Key_S, ALT)  # Sync now
    qtbot.waitUntil(lambda: dialog.ui.messageLabel.isVisible())
    status = dialog.ui.statusLabel.text()
    assert status.startswith("Last synced today at ") and status.endswith(": 0 changes sent, 1 change taken in.")
    assert dialog.ui.messageLabel.text() == "Synced: 0 changes sent, 1 change taken in."
    assert dialog.ui.conflictsLabel.text() == "No conflicts waiting." and not dialog.ui.conflictsButton.isVisible()
    assert window.sync_status.isVisible() and window.sync_status.text() == "Synced just now"
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Cy Dale" in names(window), "the page shows the person who came from the other laptop"


def test_a_conflict_is_settled_side_by_side_by_keyboard_and_undone(two, open_window, qtbot, settings):
    a, b = two
    made = shared_decision([a, b])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected", status_note="Too late for carers"))  # later
    b.sync()
    window = open_window(a)
    window.sync_place.set_folder(a.folder)
    dialog = sync_dialog(window, qtbot)
    assert dialog.folder.text() == str(a.folder) and dialog.ui.syncButton.hasFocus()
    press(qtbot, K.Key_S, ALT)
    qtbot.waitUntil(lambda: dialog.ui.conflictsLabel.text().startswith("1 conflict waits for you to settle"))
    assert dialog.ui.conflictsButton.hasFocus()
    assert window.sync_status.text() == "Synced just now · 1 conflict waiting"
    press(qtbot, K.Key_T, ALT)  # Settle the conflict…
    conflicts = wait_dialog(dialog, qtbot, ConflictsDialog)
    ui = conflicts.ui
    assert conflicts.table.hasFocus() and conflicts.model.rowCount() == 1
    assert ui.whatLabel.text() == "1. Decision D-1: Evening meetings"
    assert ui.reasonLabel.text().startswith("A decision whose status changed on both laptops waits for")
    model = conflicts.differences
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Field", "In this panel now", "Waiting, made on this laptop"]
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert rows == [["Decision status", "Rejected", "Agreed"], ["Reason for the status", "Too late for carers", "Not set"]]
    assert model.index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole) == \
        "Decision status, waiting, made on this laptop: Agreed"
    press(qtbot, K.Key_T, ALT)  # Take the waiting version
    qtbot.waitUntil(lambda: conflicts.model.rowCount() == 0)
    service = window.ctx.service
    assert service.get(Decision, made.id).status.value == "agreed"
    assert conflicts.model.rowCount() == 0 and not ui.keepButton.isEnabled()
    assert ui.messageLabel.text() == ("Settled Decision D-1: Evening meetings: took the waiting version. "
                                      "Ctrl+Z undoes it. No conflicts left.")
    press(qtbot, K.Key_Z, CTRL)  # undo, in the dialog
    assert service.get(Decision, made.id).status.value == "rejected"
    assert conflicts.model.rowCount() == 1 and service.sync.conflicts()[0].settled_at is None
    press(qtbot, K.Key_Z, CTRL_SHIFT)  # redo
    assert service.get(Decision, made.id).status.value == "agreed" and conflicts.model.rowCount() == 0
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not conflicts.isVisible())
    qtbot.waitUntil(lambda: dialog.ui.conflictsLabel.text() == "No conflicts waiting.")
    activate(dialog, qtbot)
    assert dialog.ui.syncButton.hasFocus()
    press(qtbot, K.Key_S, ALT)  # send it; the other laptop takes it and its conflict closes
    qtbot.waitUntil(lambda: dialog.ui.messageLabel.text() == "Synced: 1 change sent, 0 changes taken in.")
    window.close()
    b.sync()
    assert b.do(lambda svc: svc.get(Decision, made.id).status.value) == "agreed"
    assert b.do(lambda svc: svc.sync.conflicts()) == []


def test_keeping_the_version_shown_from_the_file_menu(two, open_window, qtbot):
    a, b = two
    made = shared_decision([a, b])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected", status_note="Too late"))
    a.sync()  # a's file reaches the folder first; b takes it and its own later one stands
    window = open_window(b)
    window.sync_place.set_folder(b.folder)
    window.sync_place.sync(b.folder)
    window.refresh_sync_status()
    assert window.conflicts_action.text() == "Sync conflic&ts (1)…"
    window.conflicts_action.trigger()
    conflicts = wait_dialog(window, qtbot, ConflictsDialog)
    model = conflicts.differences
    assert model.headerData(2, Qt.Orientation.Horizontal) == f"Waiting from laptop {a.do(lambda s: s.sync.this_laptop())[:8]}"
    press(qtbot, K.Key_K, ALT)  # Keep the version in this panel
    qtbot.waitUntil(lambda: conflicts.model.rowCount() == 0)
    assert window.ctx.service.get(Decision, made.id).status.value == "rejected"
    assert window.ctx.service.sync.conflicts() == []
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not conflicts.isVisible())
    assert window.conflicts_action.text() == "Sync conflic&ts…"
    assert window.sync_status.text() == "Synced just now"


def test_the_folder_is_remembered_for_this_panel_across_a_reopen(two, open_window, qtbot, settings):
    a, b = two
    window = open_window(a)
    dialog = sync_dialog(window, qtbot)
    type_text(qtbot, str(a.folder), dialog.folder)
    press(qtbot, K.Key_Return)  # Enter in the folder syncs
    assert dialog.ui.messageLabel.text().startswith("Synced:")
    dialog.close()
    window.close()
    again = open_window(a)
    assert again.sync_status.isVisible() and again.sync_status.text().startswith("Synced ")
    dialog = sync_dialog(again, qtbot)
    assert dialog.folder.text() == str(a.folder) and dialog.ui.syncButton.hasFocus()
    other = open_window(b)  # another panel file on this computer: a folder of its own
    assert not other.sync_status.isVisible()
    assert SyncDialog(other.ctx, other.sync_place).folder.text() == ""


def test_a_folder_that_is_not_there_is_said_plainly_and_changes_nothing(two, open_window, qtbot, tmp_path):
    a, b = two
    before = a.export()
    files = sorted(p.name for p in a.folder.rglob("*"))
    window = open_window(a)
    dialog = sync_dialog(window, qtbot)
    status = dialog.ui.statusLabel.text()
    gone = tmp_path / "usb-stick" / "LEAP"
    dialog.folder.setText(str(gone))
    press(qtbot, K.Key_S, ALT)
    message = dialog.ui.messageLabel
    qtbot.waitUntil(message.isVisible)
    assert message.isVisible() and message.text() == (
        f"Not synced: The shared folder {gone} does not exist, or is not a folder; nothing was synced")
    assert dialog.folder.hasFocus() and dialog.folder.text() == str(gone), "what was typed is kept"
    assert dialog.ui.statusLabel.text() == status
    assert window.sync_place.folder() is None and not window.sync_status.isVisible()
    assert QApplication.overrideCursor() is None
    dialog.close()
    window.close()
    assert a.export() == before and sorted(p.name for p in a.folder.rglob("*")) == files


def test_a_panel_that_is_not_encrypted_is_refused_in_words(tmp_path, settings, appearance, qtbot):
    from leap_desktop.services import PanelService

    service = PanelService.open(tmp_path / "plain.leap", create=True, encrypt=False)
    ctx = AppContext(service, settings)
    window = MainWindow(ctx, None, appearance=appearance, remember=False)
    qtbot.addWidget(window)
    window.show()
    folder = tmp_path / "shared"
    folder.mkdir()
    dialog = SyncDialog(ctx, window.sync_place, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(folder))
    assert dialog.sync_now() is False
    assert dialog.ui.messageLabel.text() == (
        "Not synced: Only an encrypted panel file can be synced: encrypt it first ('leap encrypt')")
    assert list(folder.iterdir()) == [] and window.sync_place.folder() is None
    window.close()


@pytest.fixture
def launcher(settings, appearance, tmp_path, monkeypatch):
    from leap_desktop.views.shell.app import Launcher

    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "data"))
    launch = Launcher(settings, appearance)
    yield launch
    for window in (launch.window, launch.start_screen):
        if window is not None:
            window.close()


def test_joining_a_panel_from_the_start_screen(two, launcher, qtbot, tmp_path):
    from leap_desktop.views.dialogs.join import JoinPanelDialog

    a, _ = two
    launcher.show_start()
    screen = launcher.start_screen
    activate(screen, qtbot)
    press(qtbot, K.Key_J, ALT)  # Join a panel from a shared folder…
    qtbot.waitUntil(lambda: isinstance(getattr(launcher, "dialog", None), JoinPanelDialog)
                    and launcher.dialog.isVisible())
    dialog = launcher.dialog
    ui = dialog.ui
    dialog.choose_folder = lambda start: str(a.folder)
    new = tmp_path / "home laptop.leap"
    dialog.choose_file = lambda start: str(tmp_path / "home laptop")
    activate(dialog, qtbot)
    assert ui.folderEdit.hasFocus()
    press(qtbot, K.Key_H, ALT)  # Choose… the folder
    qtbot.waitUntil(lambda: ui.folderEdit.text() == str(a.folder))
    assert ui.secretEdit.hasFocus()
    type_text(qtbot, "not the key")
    press(qtbot, K.Key_W, ALT)  # Choose where…
    qtbot.waitUntil(lambda: ui.fileEdit.text() == str(new))
    press(qtbot, K.Key_Return)
    assert dialog.isVisible() and ui.formError.text() == (
        f"No panel in {a.folder} opens with this recovery key or passphrase; nothing was made")
    assert not new.exists() and launcher.window is None
    ui.secretEdit.setText(a.secret)
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: launcher.window is not None)
    window = launcher.window
    assert window.ctx.path == new and new.exists()
    assert names(window) == ["Ann", "Bo"]
    assert window.sync_place.folder() == a.folder
    assert window.sync_status.text() == "Synced just now"
    assert a.do(lambda svc: svc.sync.this_laptop()) != window.ctx.service.sync.this_laptop()


def test_joining_from_the_file_menu_of_an_open_panel(two, launcher, qtbot, tmp_path):
    from leap_desktop.views.dialogs.join import JoinPanelDialog

    a, b = two
    launcher.open_path(b.path)
    first = launcher.window
    activate(first, qtbot)
    next(act for act in first.menuBar().actions()[0].menu().actions()
         if act.text() == "&Join a panel from a shared folder…").trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(launcher, "dialog", None), JoinPanelDialog))
    dialog = launcher.dialog
    dialog.ui.folderEdit.setText(str(a.folder))
    dialog.ui.secretEdit.setText(a.secret)
    dialog.ui.fileEdit.setText(str(tmp_path / "third"))
    dialog.submit()
    qtbot.waitUntil(lambda: launcher.window is not first)
    assert launcher.window.ctx.path == tmp_path / "third.leap"
    assert names(launcher.window) == ["Ann", "Bo"]


def test_a_file_cut_short_is_said_in_one_line_and_the_rest_still_comes(two, open_window, qtbot):
    a, b = two
    b.do(lambda svc: svc.add_person(display_name="Cy Dale", roles=["researcher"], consent="named"))
    b.sync()
    b.do(lambda svc: svc.add_person(display_name="Di Ross", roles=["carer"], consent="named"))
    b.sync()
    device = b.do(lambda svc: svc.sync.this_laptop())
    last = max((p for p in b.folder.rglob("*.leapsync") if device in str(p)), key=lambda p: int(p.stem))
    last.write_bytes(last.read_bytes()[:40])  # a sync service still copying it
    window = open_window(a)
    dialog = SyncDialog(window.ctx, window.sync_place, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(a.folder))
    assert dialog.sync_now()
    details = dialog.ui.detailsLabel.text().splitlines()
    assert details[0] == "1 file in the folder could not be used (taken at a later sync once whole):"
    assert len(details) == 2 and details[1].startswith(f"• Refused {device[:8]}/{last.name}")
    assert dialog.ui.statusLabel.text().endswith("1 file refused.")
    assert window.sync_status.text() == "Synced just now · 1 file refused"
    assert "Cy Dale" in names(window) and "Di Ross" not in names(window)


def test_a_panel_open_read_only_is_refused_in_words(two, settings, appearance, qtbot):
    from leap_desktop.services import PanelService

    a, _ = two
    service = PanelService.open(a.path, readonly=True, ask=lambda request: a.secret)
    ctx = AppContext(service, settings)
    dialog = SyncDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(a.folder))
    assert dialog.sync_now() is False
    assert dialog.ui.messageLabel.text().startswith("Not synced: a.leap is open read-only, so it cannot be synced")
    ctx.close()
