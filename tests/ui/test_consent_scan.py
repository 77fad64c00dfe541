"""Issue 10, item 19: every dialog and every screen the panel may see, opened on a panel
with an anonymous member (Zara Quinn, "Zed") and a role-only one (Rhys Morgan), and
every text they show scanned for those names: labels, buttons, list and table items,
combo box items, tooltips, accessible names and descriptions, read-only text."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from consent_panel import HIDDEN, build_consent_panel, found
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QDialog, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QTextEdit, QWidget)

import leap_desktop.views
from leap_desktop.domain.model import Action, Contribution, Decision, Person
from leap_desktop.domain.impact_vocab import VoiceKind
from leap_desktop.domain.vocab import ActionStatus
from leap_desktop.services import DecisionFilter
from leap_desktop.views.dialogs.actions import ActionDialog, CloseActionDialog
from leap_desktop.views.dialogs.decisions import DecisionStatusDialog
from leap_desktop.views.dialogs.export import ExportActionsDialog, ExportDecisionsDialog
from leap_desktop.views.dialogs.impact_delete import DeleteImpactDialog
from leap_desktop.views.dialogs.impact import (
    DraftImpactDialog,
    ImpactEntryDialog,
    ImpactVoiceDialog,
    UptakeDialog,
)
from leap_desktop.views.shell.main_window import MainWindow
from leap_desktop.views.pages.meeting_mode import MeetingMode
from leap_desktop.views.dialogs.minutes.dialogs import (
    AmendDialog,
    ApproveDialog,
    CirculateDialog,
    ExportMinutesDialog,
    ImportReviewDialog,
)

from .meeting_helpers import show

#: Dialogs the panel never sees, and why: each shows names as typed, or none at all.
COORDINATOR_ONLY = {
    "AboutDialog": "no panel records", "BackupChooserDialog": "file names only", "DamagedFileDialog": "file names only",
    "ErrorReportDialog": "a bug report", "NewPanelDialog": "a new, empty panel", "RecoveryKeyDialog": "a key",
    "SecuritySettingsDialog": "the file's key", "UnlockDialog": "a passphrase", "ShortcutsDialog": "keys",
    "PersonDialog": "editing a member: their name as typed", "LeaveDialog": "a member leaving (the coordinator's)",
    "NamesCheckDialog": "the names check: the coordinator settles who a word names",
    "ClaimDialog": "payments: coordinator and finance only", "ClaimFormDialog": "payments",
    "ClaimStepDialog": "payments", "DraftClaimsDialog": "payments", "ExpenseDialog": "payments",
    "FinanceCsvDialog": "payments", "RateCardDialog": "payments", "RateDialog": "payments", "LimitDialog": "payments: thresholds and limits",
    "StatementDialog": "payments", "_PaymentExport": "payments", "ExportDialog": "the whole record, for the coordinator",
    "FormDialog": "a base class", "MinutesDialog": "a base class",
    "PapersDialog": "papers due: who needs what, for the coordinator (File > Papers and invitations)",
    "CarryToNewMeetingDialog": "meeting mode's carry: no people; titles and place through the Redactor",
    "ResearchStagesDialog": "the list of research stages: stage names and references, no people",
    "StageNameDialog": "a research stage's name: no people",
    "SyncDialog": "sync status: a folder, counts and refused files, no records",
    "JoinPanelDialog": "a folder, a key and a file name",
}
SCANNED = {"ActionDialog", "CloseActionDialog", "DecisionStatusDialog", "ExportActionsDialog", "ExportDecisionsDialog",
           "ExportMinutesDialog", "ImportReviewDialog", "CirculateDialog", "ApproveDialog", "AmendDialog",
           "ImpactEntryDialog", "DraftImpactDialog", "ImpactVoiceDialog", "UptakeDialog", "DeleteImpactDialog",
           "ConflictsDialog"}


def every_dialog() -> set[str]:
    names = set()
    for info in pkgutil.walk_packages(leap_desktop.views.__path__, "leap_desktop.views."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                names.add(cls.__qualname__)
    return names


def visible_texts(top: QWidget) -> list[str]:
    """Everything ``top`` shows or tells a screen reader, as far as it can be seen."""
    out = [top.windowTitle(), top.accessibleName(), top.accessibleDescription(), top.toolTip()]
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) and w is not top:
            continue
        out += [w.toolTip(), w.accessibleName(), w.accessibleDescription(), w.statusTip(), w.whatsThis()]
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, (QTextEdit, QPlainTextEdit)) and w.isReadOnly():
            out.append(w.toPlainText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                out += [w.itemText(i), str(w.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")]
        if isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w.parent(), QComboBox):
            model = w.model()
            try:
                columns = model.columnCount()
            except TypeError:  # a list model
                columns = 1
            for r in range(min(model.rowCount(), 500)):
                for c in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                 Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                        value = model.index(r, c).data(role)
                        if isinstance(value, str):
                            out.append(value)
    return [t for t in out if t]


def names_in(top: QWidget) -> list[str]:
    return [t for t in visible_texts(top) if found(t, HIDDEN)]


@pytest.fixture
def consent(service):
    return build_consent_panel(service)


@pytest.fixture
def window(ctx, consent, appearance, qtbot):
    win = MainWindow(ctx, None, appearance=appearance, remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_every_dialog_is_scanned_or_is_the_coordinators_own():
    assert every_dialog() == SCANNED | set(COORDINATOR_ONLY)


def test_every_panel_facing_page_shows_no_hidden_name(window, consent):
    s = window.ctx.service
    entry = s.impact.add_draft(consent["decision"].ref)
    s.impact.add_voice(entry.ref, "public", "Zara Quinn", "We chose it.")
    s.impact.add_voice(entry.ref, "researcher", "Rhys Morgan", "Rhys thinks Tess was right.")
    for page_id in ("decisions", "actions", "meetings", "impact"):
        page = window.show_page(page_id)
        if page_id == "actions":
            page.ui.showCombo.setCurrentIndex(page.ui.showCombo.findData("all"))
            for row in page.model.rows():
                page.show_record(row.action.id)
                assert names_in(window) == [], f"Actions page, {row.action.ref}"
        assert names_in(window) == [], page_id


def sync_conflicts(ctx, consent, tmp_path):
    """A second laptop joins the consent panel from a shared folder; both change a
    decision's status, with hidden names in its title, note and rationale: the
    conflict waits on this one."""
    from leap_desktop.services import PanelService, joining

    service = ctx.service
    folder = tmp_path / "shared"
    folder.mkdir()
    decision = service.record_decision(title="Zed's idea for Rhys", status="proposed", method="consensus",
                                       level="collaborate")
    service.sync.sync(folder)
    other = tmp_path / "other.leap"
    joining.join(other, folder, service.store.security.key.recovery_key)
    with PanelService.open(other) as laptop:
        laptop.set_decision_status(decision.id, "rejected", status_note="Rhys Morgan asked to wait")
        laptop.sync.sync(folder)
    service.edit_decision(decision.id, status="agreed", rationale="Zara Quinn and Tess agreed",
                          text="Zed's idea, as Rhys Morgan put it")
    service.sync.sync(folder)
    assert len(service.sync.conflicts()) == 1


def test_the_conflicts_dialog_shows_no_hidden_name_in_either_version(ctx, consent, qtbot, tmp_path):
    from leap_desktop.views.dialogs.conflicts import ConflictsDialog

    sync_conflicts(ctx, consent, tmp_path)
    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert dialog.ui.whatLabel.text() == "1. Decision D-2: [name removed]'s idea for [name removed]"
    shown = {dialog.differences.index(r, 0).data(): (dialog.differences.index(r, 1).data(),
                                                    dialog.differences.index(r, 2).data())
             for r in range(dialog.differences.rowCount())}
    assert shown["Reason for the status"] == ("[name removed] asked to wait", "Not set")
    assert names_in(dialog) == []


def test_every_panel_facing_dialog_shows_no_hidden_name(ctx, consent, qtbot, tmp_path):
    from leap_desktop.views.dialogs.conflicts import ConflictsDialog

    service = ctx.service
    sync_conflicts(ctx, consent, tmp_path)
    meeting = consent["meeting"]
    dialogs = [ActionDialog(ctx, consent["decision"]), DecisionStatusDialog(ctx, consent["decision"]),
               ExportActionsDialog(ctx, "all", None), ExportDecisionsDialog(ctx, DecisionFilter()),
               ExportMinutesDialog(ctx, meeting.id), ExportMinutesDialog(ctx, meeting.id, anonymised=True),
               ImportReviewDialog(ctx, meeting.id), CirculateDialog(ctx, meeting.id), ApproveDialog(ctx, meeting.id),
               AmendDialog(ctx, meeting.id)]
    entry = service.impact.add_draft(consent["decision"].ref)  # names of everyone in its links
    contributions = [r for r in service.impact.linked(entry) if isinstance(r, Contribution)]
    service.impact.add_voice(entry.ref, "public", "Zara Quinn", "We chose it.")
    service.impact.add_voice(entry.ref, "researcher", "Rhys Morgan", "Rhys thinks Tess was right.")
    dialogs += [ImpactEntryDialog(ctx), ImpactEntryDialog(ctx, entry), DraftImpactDialog(ctx),
                ImpactVoiceDialog(ctx, entry), ImpactVoiceDialog(ctx, entry, VoiceKind.PUBLIC),
                UptakeDialog(ctx, contributions + service.store.find(Contribution)), DeleteImpactDialog(ctx, entry),
                ConflictsDialog(ctx)]
    for action in service.store.find(Action):
        if not action.status.is_closed:
            dialogs += [CloseActionDialog(ctx, action, ActionStatus.DONE),
                        CloseActionDialog(ctx, action, ActionStatus.DROPPED)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert names_in(dialog) == [], dialog.windowTitle()
        dialog.close()
    assert {type(d).__name__ for d in dialogs} == SCANNED


def test_the_mark_done_dialog_names_the_action_and_owner_as_the_list_does(ctx, consent, qtbot):
    action = next(a for a in ctx.service.actions() if a.title == "Zara to send the plan")
    dialog = CloseActionDialog(ctx, action, ActionStatus.DONE)
    qtbot.addWidget(dialog)
    assert dialog.ui.introLabel.text() == "A-1: [name removed] to send the plan\n(owner: Anonymous member, due 20 June 2026)"


def test_meeting_mode_shows_no_hidden_name_even_with_who_disagreed_filled_in(ctx, consent, qtbot):
    service = ctx.service
    # A meeting still under way, so its forms are open.
    meeting = service.add_meeting(title="May panel", starts_at="2026-06-15 10:00")
    item = service.add_item(meeting.id, title="Room booking", purpose="decision")
    mode = MeetingMode(ctx)
    mode.show_record(meeting.id)
    show(qtbot, mode)
    mode.go_to_item(item.id)
    assert names_in(mode) == []
    who = mode.ui.dissentWhoEdit
    for typed, person in (("zar", "Zara Quinn"), ("rhys", "Rhys Morgan")):
        who.setText(typed)
        settled = mode.decision_form.dissenter.resolve()
        assert settled == service.resolve(Person, person)
        assert names_in(mode) == [], typed
    assert who.text() == "Researcher (P-3)"
    mode.ui.dissentEdit.setPlainText("I disagree")
    mode.ui.decisionTitleEdit.setText("Book the room")
    mode.decision_form.record_decision()
    assert mode.ui.decisionProblemLabel.text() == ""
    decision = next(d for d in service.store.find(Decision) if d.title == "Book the room")
    assert [d.person_id for d in service.dissent(decision.id)] == [service.resolve(Person, "Rhys Morgan").id]
    mode.go_to_item(consent["item"].id)
    assert names_in(mode) == []
