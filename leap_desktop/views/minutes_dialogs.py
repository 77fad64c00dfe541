"""Dialogs for minutes: export to Word, import reviewers' comments (and accept or answer
them), circulate, approve. Standalone widgets over the services; the main window puts
``minutes_actions(ctx, parent)`` in its File menu.

Every control has an accessible name and a keyboard route (mnemonics, tab order, arrow
keys in the comments table); problems are shown in the dialog in words, never by colour
alone, and also sent to ``ctx.problem`` for the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import rules
from ..domain.errors import LeapError
from ..domain.model import Meeting, Review
from ..domain.vocab import MeetingStatus, ReviewStatus
from ..export import minutes_docx, review_docx
from ..services import approval, minutes, reviews
from ..store.files import write_atomically
from .context import AppContext


def _named(widget: QWidget, name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.ref}  {meeting.title}  ({meeting.day}, {meeting.status.label.lower()})"


class _MinutesDialog(QDialog):
    """Shared parts: a meeting chooser, an error line, OK/Cancel."""

    TITLE = ""
    OK_TEXT = "&OK"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None,
                 meetings: list[Meeting] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.form = QFormLayout()
        self.meeting = _named(QComboBox(), "Meeting", "Which meeting's minutes")
        for m in meetings if meetings is not None else self.meetings():
            self.meeting.addItem(_meeting_label(m), m.id)
        if meeting_id is not None:
            self.meeting.setCurrentIndex(max(0, self.meeting.findData(meeting_id)))
        elif self.meeting.count():
            self.meeting.setCurrentIndex(self.meeting.count() - 1)  # the most recent
        label = QLabel("&Meeting:")
        label.setBuddy(self.meeting)
        self.form.addRow(label, self.meeting)
        self.error = _named(QLabel(), "Problem")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.OK_TEXT)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.buttons)

    def meetings(self) -> list[Meeting]:
        return [m for m in self.ctx.service.meetings() if rules.minutes_status_of(m) is not None]

    def meeting_id(self) -> str | None:
        return self.meeting.currentData()

    def show_problem(self, message: str) -> None:
        self.error.setText(f"Problem: {message}")
        self.ctx.problem.emit(message)

    def attempt(self, action, *args, **kwargs):
        self.error.setText("")
        try:
            return action(*args, **kwargs)
        except LeapError as exc:
            self.show_problem(str(exc))
            return None

    def run(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class ExportMinutesDialog(_MinutesDialog):
    TITLE = "Export minutes"
    OK_TEXT = "&Export"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.anonymised = _named(QCheckBox("&Anonymised edition for publication (no names or initials)"),
                                 "Anonymised edition", "People are shown by role only; no names or initials anywhere")
        self.form.addRow("", self.anonymised)
        self.path = _named(QLineEdit(), "File to write", "Where to save the Word document")
        choose = _named(QPushButton("C&hoose…"), "Choose file")
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(choose)
        label = QLabel("&File:")
        label.setBuddy(self.path)
        self.form.addRow(label, row)
        self.meeting.currentIndexChanged.connect(self._suggest)
        self.anonymised.toggled.connect(self._suggest)
        self._suggest()

    def _suggest(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        name = f"minutes-{meeting.ref}{'-anonymised' if self.anonymised.isChecked() else ''}.docx"
        self.path.setText(str(folder / name))

    def choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the minutes as", self.path.text(), "Word documents (*.docx)")
        if path:
            self.path.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def run(self) -> None:
        meeting_id, path = self.meeting_id(), self.path.text().strip()
        if not meeting_id:
            self.show_problem("There is no meeting with minutes yet")
            return
        if not path.lower().endswith(".docx"):
            self.show_problem("The file name must end in .docx")
            return
        service = self.ctx.service

        def export():
            meeting = service.get(Meeting, meeting_id)
            built = minutes.build_minutes(service, meeting, anonymised=self.anonymised.isChecked())
            write_atomically(Path(path).expanduser(), minutes_docx.render(built, now=service.store.clock()))
            return built

        built = self.attempt(export)
        if built is not None:
            self.written = Path(path)
            self.ctx.message.emit(f"Saved the minutes of {built.meeting_ref} to {path}")
            self.accept()


class ImportReviewDialog(_MinutesDialog):
    """Read a returned file, then go through the comments: accept (amend) or answer."""

    TITLE = "Import review"
    OK_TEXT = "&Close"
    COLUMNS = ["Ref", "Status", "Reviewer", "On", "Comment"]

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.resize(860, 560)
        choose = _named(QPushButton("&Import comments from a file…"), "Import comments from a file")
        choose.clicked.connect(self.choose)
        self.form.addRow("", choose)
        self.summary = _named(QLabel(), "Import result")
        self.summary.setWordWrap(True)
        self.table = _named(QTableWidget(0, len(self.COLUMNS)), "Comments", "Reviewers' comments on these minutes")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.field = _named(QComboBox(), "What to amend", "Answer only, or the field of the record to amend")
        self.text = _named(QPlainTextEdit(), "Answer or new text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.accept_button = _named(QPushButton("A&ccept: amend the record"), "Accept and amend the record")
        self.answer_button = _named(QPushButton("A&nswer"), "Answer the comment")
        self.accept_button.clicked.connect(self.accept_selected)
        self.answer_button.clicked.connect(self.answer_selected)
        self.field.currentIndexChanged.connect(self._prefill)
        self.table.itemSelectionChanged.connect(self._selected)
        self.extra.addWidget(self.summary)
        self.extra.addWidget(self.table)
        details = QFormLayout()
        label = QLabel("&Amend:")
        label.setBuddy(self.field)
        details.addRow(label, self.field)
        label = QLabel("&Text:")
        label.setBuddy(self.text)
        details.addRow(label, self.text)
        self.extra.addLayout(details)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.answer_button)
        row.addWidget(self.accept_button)
        self.extra.addLayout(row)
        self.meeting.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def run(self) -> None:
        self.accept()

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Returned minutes", str(Path.home()), "Word documents (*.docx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("Choose the meeting whose minutes these are")
            return
        service = self.ctx.service
        result = self.attempt(lambda: review_docx.import_review(service, service.get(Meeting, meeting_id), path))
        if result is not None:
            self.summary.setText(result.describe() + ".")
            self.ctx.message.emit(result.describe())
            self.refresh()

    def reviews(self) -> list[Review]:
        meeting_id = self.meeting_id()
        return reviews.reviews(self.ctx.service, meeting_id) if meeting_id else []

    def refresh(self) -> None:
        service = self.ctx.service
        found = self.reviews()
        self.table.setRowCount(len(found))
        for row, review in enumerate(found):
            values = [review.ref, review.status.label.split(":")[0], reviews.reviewer_label(service, review),
                      reviews.describe_anchor(service, review), review.text]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, review.ref)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if found and not self.table.selectedItems():
            self.table.selectRow(next((i for i, r in enumerate(found) if r.status is ReviewStatus.OPEN), 0))
        self._selected()

    def selected(self) -> Review | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return self.ctx.service.resolve(Review, items[0].data(Qt.ItemDataRole.UserRole))

    def _selected(self) -> None:
        review = self.selected()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItem("Answer only (no change to the record)", None)
        if review is not None:
            target = reviews.anchor_of(self.ctx.service, review) or self.ctx.service.get(Meeting, review.meeting_id)
            self._target = target
            for name in reviews.AMENDABLE[type(target)]:
                label = type(target).FIELDS[name].label
                self.field.addItem(f"{target.ref}: {label}", name)
        self.field.blockSignals(False)
        is_open = review is not None and review.status is ReviewStatus.OPEN
        for widget in (self.field, self.text, self.accept_button, self.answer_button):
            widget.setEnabled(is_open)
        self.text.setPlainText("" if review is None or is_open else (review.reply or ""))

    def _prefill(self) -> None:
        name = self.field.currentData()
        if name:
            value = getattr(self._target, name)
            self.text.setPlainText("" if value is None else str(value))

    def accept_selected(self) -> None:
        review, name = self.selected(), self.field.currentData()
        if review is None:
            return
        if not name:
            self.show_problem("Choose what to amend to accept a comment, or answer it instead")
            self.field.setFocus()
            return
        done = self.attempt(reviews.accept, self.ctx.service, review.ref, {name: self.text.toPlainText()})
        if done is not None:
            self.ctx.message.emit(f"{done.ref}: {done.reply}")
            self.refresh()

    def answer_selected(self) -> None:
        review = self.selected()
        if review is None:
            return
        done = self.attempt(reviews.answer, self.ctx.service, review.ref, self.text.toPlainText())
        if done is not None:
            self.ctx.message.emit(f"{done.ref} answered")
            self.refresh()


class CirculateDialog(_MinutesDialog):
    TITLE = "Circulate minutes"
    OK_TEXT = "&Circulate"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.to = _named(QLineEdit(approval.DEFAULT_AUDIENCE), "Sent to", "Who the minutes were sent to")
        label = QLabel("&Sent to:")
        label.setBuddy(self.to)
        self.form.addRow(label, self.to)
        self.on = _named(QDateEdit(QDate.fromString(ctx.service.today(), Qt.DateFormat.ISODate)), "Sent on")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("d MMMM yyyy")
        label = QLabel("Sent &on:")
        label.setBuddy(self.on)
        self.form.addRow(label, self.on)

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is not MeetingStatus.MINUTES_APPROVED]

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There are no draft minutes to circulate")
            return
        on = self.on.date().toString(Qt.DateFormat.ISODate)
        done = self.attempt(approval.circulate, self.ctx.service, meeting_id, to=self.to.text().strip() or None, on=on)
        if done is not None:
            self.ctx.message.emit(f"Minutes circulated on {done.circulated_on} to {done.circulated_to}")
            self.accept()


class ApproveDialog(_MinutesDialog):
    TITLE = "Approve minutes"
    OK_TEXT = "&Approve"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.at = _named(QComboBox(), "Approved at", "The later meeting that approved the minutes")
        label = QLabel("Approved a&t:")
        label.setBuddy(self.at)
        self.form.addRow(label, self.at)
        note = QLabel("Approving records a decision of that meeting, and locks these minutes.")
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.meeting.currentIndexChanged.connect(self._later)
        self._later()

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is MeetingStatus.MINUTES_CIRCULATED]

    def _later(self) -> None:
        self.at.clear()
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        for m in self.ctx.service.meetings():
            if m.starts_at > meeting.starts_at and m.status is not MeetingStatus.CANCELLED:
                self.at.addItem(_meeting_label(m), m.id)

    def run(self) -> None:
        meeting_id, at = self.meeting_id(), self.at.currentData()
        if not meeting_id or not at:
            self.show_problem("Choose circulated minutes and the later meeting that approved them")
            return
        done = self.attempt(approval.approve, self.ctx.service, meeting_id, at)
        if done is not None:
            version, decision = done
            self.ctx.message.emit(f"Minutes approved (version {version.version}) by decision {decision.ref}")
            self.accept()


def minutes_actions(ctx: AppContext, parent: QWidget | None = None) -> list[QAction]:
    """File menu entries: Export minutes, Import review, Circulate minutes, Approve minutes."""
    entries = (
        ("&Export minutes…", "Ctrl+Shift+E", ExportMinutesDialog, "Write a meeting's minutes as a Word document"),
        ("&Import review…", "Ctrl+Shift+I", ImportReviewDialog, "Read reviewers' comments from returned minutes"),
        ("&Circulate minutes…", "Ctrl+Shift+C", CirculateDialog, "Record that the draft minutes were sent"),
        ("A&pprove minutes…", "Ctrl+Shift+P", ApproveDialog, "Record that a later meeting approved the minutes"),
    )
    actions = []
    for text, shortcut, dialog_class, tip in entries:
        action = QAction(text, parent)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False, cls=dialog_class: cls(ctx, parent=parent).exec())
        actions.append(action)
    return actions
