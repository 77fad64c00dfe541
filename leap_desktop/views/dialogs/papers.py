"""File > Papers and invitations: for one meeting, who needs their papers by when (and
who is late), make the calendar invitation, make the papers packs in the formats
members need, and record what was sent to whom. File > Publish the decision log.

Wiring only: the use-cases are services/comms.py, services/papers.py and the exports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox, QWidget

from ... import words
from ...domain.errors import LeapError
from ...domain.model import Meeting
from ...models.context import AppContext
from .export import export_folder, remember_folder
from ..partials.feedback import announce
from .form_dialog import FormDialog
from ..partials.undo import run_undoable


def due_words(line, today: str) -> str:
    """One line of the papers due list: "Late: Ben Okafor, posted on paper, due by 23 Nov 2026"."""
    due = line.due
    fmt = due.paper_format.label.lower()
    if due.paper_format.value == "large_print":
        fmt += f" {due.size} pt"
    when = f"sent {words.day(due.sent_on, short=True)}" if due.sent_on else f"due by {words.day(due.due_on, short=True)}"
    return f"{line.state.label}: {line.person.display_name}, {fmt}, {when}"


def papers_due_words(due) -> str:
    """The Meetings page's line: "Papers for M-13 (3 Dec 2026): 1 late: Ben Okafor, posted on paper, due by 23 Nov 2026"."""
    if due.meeting is None:
        return "Papers: no planned meeting is coming up."
    head = f"Papers for {due.meeting.ref} ({words.day(due.meeting.day, short=True)})"
    sent = sum(1 for line in due.lines if line.state.value == "sent")
    if not due.late:
        return f"{head}: none late; sent to {sent} of {len(due.lines)}. File > Papers and invitations for the list."
    late = "; ".join(due_words(line, due.today).split(": ", 1)[1] for line in due.late)
    return f"{head}: {len(due.late)} late: {late}. File > Papers and invitations records a sending."


class PapersDialog(FormDialog):
    """Papers and invitations for one meeting (laid out by ui/papers_dialog.ui)."""

    FORM = "papers_dialog.ui"
    WIDGETS = ("heading", "dueLabel", "dueList", "inviteButton", "packsButton", "sentButton",
               "statusLabel", "buttons")
    SAVES = False
    WIDTH_CHARS = 72

    def __init__(self, ctx: AppContext, meeting_id: str, parent: QWidget | None = None):
        self.service = ctx.service
        self.meeting: Meeting = self.service.get(Meeting, meeting_id)
        super().__init__(ctx, parent, title=f"Papers and invitations: {self.meeting.ref}")
        ui = self.ui
        self.heading, self.dueList, self.statusLabel = ui.heading, ui.dueList, ui.statusLabel
        self.inviteButton, self.packsButton, self.sentButton = ui.inviteButton, ui.packsButton, ui.sentButton
        self.statusLabel.hide()
        ui.buttons.rejected.connect(self.reject)
        self.describe_buttons(ui.buttons, Close=("Close", "Close papers and invitations (Escape)"))
        self.inviteButton.clicked.connect(lambda _c=False: self.make_invitation())
        self.packsButton.clicked.connect(lambda _c=False: self.make_packs())
        self.sentButton.clicked.connect(lambda _c=False: self.record_sent())
        self.fill()

    def fill(self) -> None:
        due = self.service.comms.papers_due(self.meeting.id)
        self.heading.setText(f"{self.meeting.ref}: {self.meeting.title}, {words.when_long(self.meeting.starts_at, self.meeting.planned_minutes)}. "
                             f"{words.plural(len(due.late), 'member')} late.")
        self.dueList.clear()
        for line in due.lines:
            item = QListWidgetItem(due_words(line, due.today))
            item.setData(Qt.ItemDataRole.UserRole, line.person.id)
            self.dueList.addItem(item)
        if self.dueList.count():
            self.dueList.setCurrentRow(0)

    def make_invitation(self, path: str | None = None) -> Path | None:
        from ...export import ics

        if path is None:
            suggested = export_folder(self.ctx) / f"invitation-{self.meeting.ref}.ics"
            path, _ = QFileDialog.getSaveFileName(self, "Save the invitation", str(suggested), "Calendar (*.ics)")
            if not path:
                return None
        out = Path(path)
        if out.suffix.lower() != ".ics":
            out = out.with_suffix(".ics")
        ics.save_invitation(self.service, self.service.get(Meeting, self.meeting.id), out)
        remember_folder(self.ctx, out)
        announce(self.statusLabel, f"Saved the invitation for {self.meeting.ref} to {out}.", self.ctx)
        return out

    def make_packs(self, folder: str | None = None) -> list[Path]:
        from ...export import papers_docx

        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Folder for the papers packs", str(export_folder(self.ctx)))
            if not folder:
                return []
        written = papers_docx.save_packs(self.service, self.meeting, folder)
        if written:
            remember_folder(self.ctx, written[0])
        announce(self.statusLabel, f"Saved {words.plural(len(written), 'papers pack')} for {self.meeting.ref} in {folder}.", self.ctx)
        return written

    def record_sent(self) -> None:
        item = self.dueList.currentItem()
        if item is None:
            return
        person_id = item.data(Qt.ItemDataRole.UserRole)
        comms = self.service.comms
        try:
            run_undoable(self.ctx, "Record papers sent",
                         do=lambda: comms.record_sent(self.meeting.id, person_id),
                         undo=lambda sent: comms.remove_sent(sent.id))
        except LeapError as exc:
            announce(self.statusLabel, f"Not saved: {exc}", self.ctx)
            return
        row = self.dueList.currentRow()
        self.fill()
        announce(self.statusLabel, "Recorded as sent today.", self.ctx)
        self.dueList.setCurrentRow(min(row, self.dueList.count() - 1))


def publish_decision_log(ctx: AppContext, parent: QWidget, folder: str | None = None,
                         anonymised: bool | None = None) -> list[Path]:
    """File > Publish the decision log: choose a folder, and the edition (for the panel,
    or anonymised for a website)."""
    from ...export.publish_html import publish

    if folder is None:
        folder = QFileDialog.getExistingDirectory(parent, "Folder for the published decision log", str(export_folder(ctx)))
        if not folder:
            return []
    if anonymised is None:
        answer = QMessageBox.question(
            parent, "Publish the decision log",
            "Publish the anonymised edition, for a website (people by role only)?\n\n"
            "Choose No for the edition for the panel, with names as each member agreed.")
        anonymised = answer == QMessageBox.StandardButton.Yes
    try:
        written = publish(ctx.service, folder, anonymised=anonymised)
    except LeapError as exc:
        QMessageBox.warning(parent, "Publish the decision log", str(exc))
        return []
    kind = "anonymised decision log" if anonymised else "decision log"
    announce(None, f"Published the {kind} in {folder}: open index.html in a browser.", ctx)
    return written
