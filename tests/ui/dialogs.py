"""Every dialog of the app, made over the demo panel, for the checks every dialog must
pass (names, Alt keys, fitting the screen). ``dialog_classes()`` finds them all, so a
new dialog missing here fails tests/ui/test_alt_keys.py."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtWidgets import QDialog

#: Bases, never shown themselves.
BASES = {"FormDialog", "MinutesDialog", "_PaymentExport"}


def dialog_classes() -> set[str]:
    import leap_desktop.views

    found = set()
    for info in pkgutil.walk_packages(leap_desktop.views.__path__, "leap_desktop.views."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__ and name not in BASES:
                found.add(name)
    return found


def every_dialog(ctx, window, settings, appearance, tmp_path) -> list[QDialog]:
    from leap_desktop.domain.model import Action, Contribution, Decision, Person
    from leap_desktop.domain.payments import ClaimStatus
    from leap_desktop.domain.vocab import ActionStatus
    from leap_desktop.services import DecisionFilter
    from leap_desktop.store.panel_store import DamagedFile
    from leap_desktop.store.unlock import UnlockRequest
    from leap_desktop.views.dialogs.about import AboutDialog
    from leap_desktop.views.dialogs.actions import ActionDialog, CloseActionDialog
    from leap_desktop.views.shell.app import Launcher
    from leap_desktop.views.dialogs.claims import ClaimDialog, ClaimStepDialog, ExpenseDialog
    from leap_desktop.views.dialogs.decisions import DecisionStatusDialog
    from leap_desktop.views.shell.errors import ErrorReportDialog
    from leap_desktop.views.dialogs.impact_delete import DeleteImpactDialog
    from leap_desktop.views.dialogs.impact import (
    DraftImpactDialog,
    ImpactEntryDialog,
    ImpactVoiceDialog,
    UptakeDialog,
)
    from leap_desktop.views.dialogs.research_stages import ResearchStagesDialog, StageNameDialog
    from leap_desktop.views.dialogs.export import ExportActionsDialog, ExportDecisionsDialog, ExportDialog
    from leap_desktop.views.dialogs.minutes.dialogs import (
    AmendDialog,
    ApproveDialog,
    CirculateDialog,
    ExportMinutesDialog,
)
    from leap_desktop.views.dialogs.carry import CarryToNewMeetingDialog
    from leap_desktop.views.dialogs.limits import LimitDialog
    from leap_desktop.views.dialogs.names_check import NamesCheckDialog
    from leap_desktop.views.dialogs.new_panel import NewPanelDialog
    from leap_desktop.views.dialogs.papers import PapersDialog
    from leap_desktop.views.dialogs.payment_exports import ClaimFormDialog, FinanceCsvDialog, StatementDialog
    from leap_desktop.views.dialogs.person import LeaveDialog, PersonDialog
    from leap_desktop.views.dialogs.rate_card import DraftClaimsDialog, RateCardDialog, RateDialog
    from leap_desktop.views.dialogs.restore import BackupChooserDialog, DamagedFileDialog
    from leap_desktop.views.dialogs.review import ImportReviewDialog
    from leap_desktop.views.dialogs.security import RecoveryKeyDialog, SecuritySettingsDialog, UnlockDialog
    from leap_desktop.views.dialogs.shortcuts import ShortcutsDialog
    from leap_desktop.views.shell.start_screen import StartScreen
    from leap_desktop.views.dialogs.conflicts import ConflictsDialog
    from leap_desktop.views.dialogs.join import JoinPanelDialog
    from leap_desktop.views.dialogs.sync import SyncDialog

    service = ctx.service
    person = service.resolve(Person, "Amira Khan")
    decision = service.decisions()[0]
    action = service.actions()[0]
    meetings = service.meetings()
    row = service.payments.claims()[0]
    item = service.agenda(meetings[-1].id)[-1]
    claim = row.claim
    backup = tmp_path / "demo-2026-01-01.leap"
    backup.write_bytes(b"")
    return [
        PersonDialog(ctx, None),
        PersonDialog(ctx, person),
        LeaveDialog(ctx, person),
        DecisionStatusDialog(ctx, service.get(Decision, decision.id)),
        ActionDialog(ctx, decision),
        CloseActionDialog(ctx, service.get(Action, action.id), ActionStatus.DONE),
        NewPanelDialog(lambda path, values: None),
        ShortcutsDialog(window.menuBar()),
        StartScreen(Launcher(settings, appearance)),
        ErrorReportDialog("report"),
        ExportMinutesDialog(ctx, meetings[-2].id),
        ImportReviewDialog(ctx, meetings[-2].id),
        CirculateDialog(ctx, meetings[-2].id),
        ApproveDialog(ctx, meetings[-3].id),
        AmendDialog(ctx, meetings[-4].id),
        ExportDecisionsDialog(ctx, DecisionFilter()),
        ExportActionsDialog(ctx, "all", None),
        ExportDialog(ctx),
        UnlockDialog(UnlockRequest(ctx.path, "The keyring is locked", "the system keyring", 1)),
        RecoveryKeyDialog("1E12-0C21-EF0D-B5FB", "the system keyring", "demo.leap"),
        SecuritySettingsDialog(service.security),
        AboutDialog(),
        BackupChooserDialog("Restore a backup", "Choose the backup to restore.", [backup], folder=tmp_path),
        DamagedFileDialog(DamagedFile(ctx.path, "the file failed its check", backup)),
        ClaimDialog(ctx),
        ClaimDialog(ctx, claim),
        ExpenseDialog(ctx, claim.activity_on),
        ClaimStepDialog(ctx, claim, ClaimStatus.WITHDRAWN),
        RateCardDialog(ctx),
        RateDialog(ctx),
        LimitDialog(ctx),
        LimitDialog(ctx, person_id=person.id),
        DraftClaimsDialog(ctx),
        ClaimFormDialog(ctx, row),
        StatementDialog(ctx, None, None),
        FinanceCsvDialog(ctx),
        NamesCheckDialog(ctx, meetings[-2].id),
        PapersDialog(ctx, meetings[-1].id),
        CarryToNewMeetingDialog(ctx, item, item.title, service.new_meeting_defaults(), lambda item, meeting: None),
        ImpactEntryDialog(ctx),
        ImpactEntryDialog(ctx, service.impact.entry("E-1")),
        ImpactEntryDialog(ctx, draft=service.impact.draft("D-1")),
        DraftImpactDialog(ctx),
        ImpactVoiceDialog(ctx, service.impact.entry("E-1")),
        UptakeDialog(ctx, service.store.find(Contribution, order_by="number", limit=5)),
        DeleteImpactDialog(ctx, service.impact.entry("E-1")),
        ResearchStagesDialog(ctx),
        StageNameDialog(ctx),
        StageNameDialog(ctx, service.impact.stages()[1]),
        SyncDialog(ctx),
        ConflictsDialog(ctx),
        JoinPanelDialog(lambda path, folder, secret: None),
    ]
