"""Minutes in the app: export to Word (named or anonymised), import reviewers' comments
(and accept or answer them), circulate, approve at a later meeting, amend.

The main window puts :func:`minutes_actions` in File > Minutes (and in the Meetings and
Meeting workspace page menus, and behind the workspace's Minutes button). Each dialog
starts on the meeting on screen, or asks which meeting: a meeting that cannot take the
step (minutes not circulated yet, say) is explained in words, never silently swapped.

Every control has an accessible name and description and a keyboard route (mnemonics,
tab order, arrow keys in the comments table). A refusal is said in the dialog, in words,
in bold in the theme's problem colour, and read out; what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import rules
from ..domain.errors import LeapError, RuleError
from ..domain.model import Meeting, Review
from ..domain.vocab import MeetingStatus, ReviewStatus
from ..export import minutes_docx, review_docx
from ..services import approval, minutes, reviews
from ..store.files import write_atomically
from ..models.context import AppContext
from .date_entry import DateEntry
from .export_dialogs import SaveFileRow, checked_path, export_folder, fit_dialog, named, remember_folder
from .form_dialog import announce
from .theme import set_label_role
from .widgets import TableFit

def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.ref}  {meeting.title}  ({meeting.day}, {meeting.status.label.lower()})"


class _MinutesDialog(QDialog):
    """Shared parts: a meeting chooser, a line for problems, OK/Cancel."""

    TITLE = ""
    OK_TEXT = "&OK"
    OK_DESCRIPTION = ""
    WIDTH_CHARS = 72
    #: why a meeting on screen is not offered ("{ref} ..."): says what to do instead
    NOT_OFFERED = "{ref} has no minutes yet: it is {status}. Minutes start once a meeting is held."

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None,
                 meetings: list[Meeting] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.form = QFormLayout()
        self.meeting = named(QComboBox(), "Meeting", "Which meeting's minutes")
        offered = meetings if meetings is not None else self.meetings()
        for m in offered:
            self.meeting.addItem(_meeting_label(m), m.id)
        self.note = named(QLabel(), "Note", "About the meeting chosen")
        self.note.setWordWrap(True)
        self.note.hide()
        found = self.meeting.findData(meeting_id) if meeting_id is not None else -1
        if found >= 0:
            self.meeting.setCurrentIndex(found)
        elif self.meeting.count():
            self.meeting.setCurrentIndex(self.meeting.count() - 1)  # the most recent
        if meeting_id is not None and found < 0:
            on_screen = ctx.service.find(Meeting, meeting_id)
            if on_screen is not None:
                self.note.setText(self.NOT_OFFERED.format(ref=on_screen.ref, status=on_screen.status.label.lower())
                                  + (" Choose another meeting." if self.meeting.count() else ""))
                self.note.show()
        label = QLabel("&Meeting:")
        label.setBuddy(self.meeting)
        self.form.addRow(label, self.meeting)
        self.error = named(QLabel(), "Problem", "Why the last step was not done")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.OK_TEXT)
        named(self.ok, self.OK_TEXT.replace("&", ""), self.OK_DESCRIPTION or self.OK_TEXT.replace("&", ""))
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel", "Close without doing anything (Escape)")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.buttons)
        if not self.meeting.count():
            self.ok.setEnabled(False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        fit_dialog(self, self.WIDTH_CHARS)
        super().showEvent(event)

    def meetings(self) -> list[Meeting]:
        return [m for m in self.ctx.service.meetings() if rules.minutes_status_of(m) is not None]

    def meeting_id(self) -> str | None:
        return self.meeting.currentData()

    def show_problem(self, message: str, field: QWidget | None = None) -> None:
        """Say why it was not done, in the dialog; the focus goes to the field at fault."""
        self.error.setText(f"Not done: {message}" if message else "")
        set_label_role(self.error, "error" if message else None)
        self.error.setVisible(bool(message))
        fit_dialog(self, self.WIDTH_CHARS)
        if message:
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            announce(self.error, f"Not done. {message}")

    def attempt(self, action, *args, **kwargs):
        self.show_problem("")
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
    OK_DESCRIPTION = "Write the minutes as a Word document (Enter)"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None,
                 *, anonymised: bool = False):
        super().__init__(ctx, meeting_id, parent)
        self.anonymised = named(QCheckBox("&Anonymised edition for publication (no names or initials)"),
                                "Anonymised edition", "People are shown by role only; no names or initials anywhere")
        self.anonymised.setChecked(anonymised)
        self.form.addRow("", self.anonymised)
        self.file = SaveFileRow("Save the minutes as", "Word documents (*.docx)")
        self.path = self.file.edit
        label = QLabel("&File:")
        label.setBuddy(self.path)
        self.form.addRow(label, self.file)
        self.path.setText(str(export_folder(ctx) / "minutes.docx"))
        self.meeting.currentIndexChanged.connect(self._suggest)
        self.anonymised.toggled.connect(self._suggest)
        self._suggest()

    def _suggest(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        self.file.suggest(f"minutes-{meeting.ref}{'-anonymised' if self.anonymised.isChecked() else ''}.docx")

    def choose(self) -> None:
        self.file.choose()

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There is no meeting with minutes yet")
            return
        try:
            path = checked_path(self.path.text(), (".docx",))
        except LeapError as exc:
            self.show_problem(str(exc), self.path)
            return
        service = self.ctx.service

        def export():
            meeting = service.get(Meeting, meeting_id)
            built = minutes.build_minutes(service, meeting, anonymised=self.anonymised.isChecked())
            write_atomically(path, minutes_docx.render(built, now=service.store.clock()))
            approval.exported(service, meeting_id)  # a held meeting's minutes are now in draft
            return built

        built = self.attempt(export)
        if built is not None:
            self.written = path
            remember_folder(self.ctx, path)
            kind = "anonymised minutes" if self.anonymised.isChecked() else "minutes"
            self.ctx.message.emit(f"Saved the {kind} of {built.meeting_ref} (version {built.version}) to {path}")
            self.accept()


class ImportReviewDialog(_MinutesDialog):
    """Read a returned file, then go through the comments: accept (amend) or answer."""

    TITLE = "Import review comments"
    WIDTH_CHARS = 110
    OK_TEXT = "C&lose"
    OK_DESCRIPTION = "Close this window; accepted and answered comments are already saved"
    COLUMNS = ["Ref", "Status", "Reviewer", "On", "Comment"]

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.choose_button = named(QPushButton("&Import comments from a file…"), "Import comments from a file",
                                   "Choose a Word file of these minutes that a member returned with comments")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.form.addRow("", self.choose_button)
        self.summary = named(QLabel(), "Import result", "How many comments the last file held")
        self.summary.setWordWrap(True)
        self.table = named(QTableWidget(0, len(self.COLUMNS)), "Comments",
                           "Reviewers' comments on these minutes; choose one to accept or answer it")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        # The comment takes the room (never fewer than 30 characters); what it is on is
        # cut short here and given in full below the table, with the whole comment.
        self.columns = TableFit(self.table, {1: 14, 3: 28}, 4, 30, fit_contents=True)
        self.chosen = named(QLabel(), "The chosen comment", "The whole comment, who made it, and what it is on")
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = named(QComboBox(), "What to amend", "Answer only, or the part of the record to amend")
        self.text = named(QPlainTextEdit(), "Answer or new text",
                          "The answer to the reviewer, or the amended text of the record")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.accept_button = named(QPushButton("A&ccept: amend the record"), "Accept and amend the record",
                                   "Change the chosen part of the record to the text, and mark the comment accepted")
        self.answer_button = named(QPushButton("A&nswer"), "Answer the comment",
                                   "Reply to the reviewer with the text, leaving the record as it is")
        for button in (self.accept_button, self.answer_button):
            button.setAutoDefault(False)
        self.accept_button.clicked.connect(self.accept_selected)
        self.answer_button.clicked.connect(self.answer_selected)
        self.field.currentIndexChanged.connect(self._prefill)
        self.table.itemSelectionChanged.connect(self._selected)
        self.extra.addWidget(self.summary)
        self.extra.addWidget(self.table, 1)
        self.extra.addWidget(self.chosen)
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
        self.resize(self.width(), max(self.height(), 30 * self.fontMetrics().lineSpacing()))

    def run(self) -> None:
        self.accept()

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Returned minutes", str(export_folder(self.ctx)),
                                              "Word documents (*.docx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("Choose the meeting whose minutes these are", self.meeting)
            return
        service = self.ctx.service
        result = self.attempt(lambda: review_docx.import_review(service, service.get(Meeting, meeting_id), path))
        if result is not None:
            self.summary.setText(result.describe() + ".")
            self.ctx.message.emit(result.describe())
            self.refresh()
            announce(self.summary, self.summary.text())
            if self.table.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reviews(self) -> list[Review]:
        meeting_id = self.meeting_id()
        return reviews.reviews(self.ctx.service, meeting_id) if meeting_id else []

    def refresh(self, select: str | None = None) -> None:
        """Fill the table; choose ``select`` (a review's ref), else the first open one."""
        service = self.ctx.service
        found = self.reviews()
        self.table.blockSignals(True)
        self.table.setRowCount(len(found))
        for row, review in enumerate(found):
            values = [review.ref, review.status.label.split(":")[0], reviews.reviewer_label(service, review),
                      reviews.describe_anchor(service, review), review.text]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, review.ref)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.columns.fit()
        refs = [r.ref for r in found]
        if select in refs:
            self.table.selectRow(refs.index(select))
        elif found:
            self.table.selectRow(next((i for i, r in enumerate(found) if r.status is ReviewStatus.OPEN), 0))
        if not found:
            self.summary.setText(self.summary.text() or "No comments on these minutes yet: import a returned file.")
        self._selected()

    def selected(self) -> Review | None:
        items = self.table.selectedItems()
        if not items:
            return None
        return self.ctx.service.resolve(Review, items[0].data(Qt.ItemDataRole.UserRole))

    def _selected(self) -> None:
        review = self.selected()
        if review is None:
            self.chosen.setText("")
        else:
            service = self.ctx.service
            self.chosen.setText(
                f"{review.ref}, from {reviews.reviewer_label(service, review)}, on "
                f"{reviews.describe_anchor(service, review)} ({review.status.label.lower()}):\n{review.text}"
                + (f"\nReply: {review.reply}" if review.reply else ""))
        self.chosen.setAccessibleDescription(self.chosen.text() or "No comment chosen")
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

    def _next_open(self, after: str) -> str | None:
        found = self.reviews()
        refs = [r.ref for r in found]
        start = refs.index(after) + 1 if after in refs else 0
        for review in found[start:] + found[:start]:
            if review.status is ReviewStatus.OPEN:
                return review.ref
        return after

    def _done(self, review_ref: str, message: str) -> None:
        """After accepting or answering: say so, and go on to the next open comment."""
        self.ctx.message.emit(message)
        self.summary.setText(message)
        announce(self.summary, message)
        self.refresh(select=self._next_open(review_ref))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept_selected(self) -> None:
        review, name = self.selected(), self.field.currentData()
        if review is None:
            return
        if not name:
            self.show_problem("Choose what to amend to accept a comment, or answer it instead", self.field)
            return
        done = self.attempt(reviews.accept, self.ctx.service, review.ref, {name: self.text.toPlainText()})
        if done is not None:
            self._done(done.ref, f"{done.ref}: {done.reply}")
        else:
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def answer_selected(self) -> None:
        review = self.selected()
        if review is None:
            return
        done = self.attempt(reviews.answer, self.ctx.service, review.ref, self.text.toPlainText())
        if done is not None:
            self._done(done.ref, f"{done.ref} answered.")
        else:
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)


class CirculateDialog(_MinutesDialog):
    TITLE = "Circulate minutes"
    OK_TEXT = "&Circulate"
    OK_DESCRIPTION = "Record that the draft minutes were sent (Enter)"
    NOT_OFFERED = "The minutes of {ref} cannot be circulated: it is {status}."

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.to = named(QLineEdit(approval.DEFAULT_AUDIENCE), "Sent to",
                        "Who the minutes were sent to, and in which formats")
        label = QLabel("&Sent to:")
        label.setBuddy(self.to)
        self.form.addRow(label, self.to)
        self.on = DateEntry("Sent on", "The day the minutes were sent, typed as you would write it, like "
                            "15/12/2026, today or yesterday; the line below says how it was read",
                            field="circulated_on", today=ctx.service.today)
        self.on.setText("today")
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
        try:
            on = self.on.value()
        except RuleError as exc:
            self.show_problem(str(exc))
            self.on.setFocus()
            return
        done = self.attempt(approval.circulate, self.ctx.service, meeting_id, to=self.to.text().strip() or None, on=on)
        if done is not None:
            meeting = self.ctx.service.get(Meeting, meeting_id)
            self.ctx.message.emit(
                f"The minutes of {meeting.ref} (version {done.version}) were circulated on {done.circulated_on} "
                f"to {done.circulated_to}")
            self.accept()


class ApproveDialog(_MinutesDialog):
    TITLE = "Approve minutes"
    OK_TEXT = "&Approve"
    OK_DESCRIPTION = "Record that the later meeting approved the minutes, and lock them (Enter)"
    NOT_OFFERED = ("The minutes of {ref} cannot be approved now: it is {status}. Minutes are approved once "
                   "they have been circulated.")

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.at = named(QComboBox(), "Approved at", "The later meeting that approved the minutes")
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
        today = self.ctx.service.today()
        for m in self.ctx.service.meetings():  # later meetings that have taken place
            held = m.status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) and m.day <= today
            if m.starts_at > meeting.starts_at and held:
                self.at.addItem(_meeting_label(m), m.id)

    def run(self) -> None:
        meeting_id, at = self.meeting_id(), self.at.currentData()
        if meeting_id and not self.at.count():
            ref = self.ctx.service.get(Meeting, meeting_id).ref
            self.show_problem(f"No meeting after {ref} has been held yet; minutes are approved at a later meeting "
                              "that has taken place", self.at)
            return
        if not meeting_id or not at:
            self.show_problem("Choose circulated minutes and the later meeting that approved them", self.at)
            return
        done = self.attempt(approval.approve, self.ctx.service, meeting_id, at)
        if done is not None:
            version, decision = done
            meeting = self.ctx.service.get(Meeting, meeting_id)
            self.ctx.message.emit(
                f"The minutes of {meeting.ref} (version {version.version}) are approved, by decision "
                f"{decision.ref}, and locked")
            self.accept()


class AmendDialog(_MinutesDialog):
    """Approved minutes are locked: an amendment keeps the approved version and starts a
    new draft, to be circulated and approved in turn."""

    TITLE = "Amend approved minutes"
    OK_TEXT = "&Amend"
    OK_DESCRIPTION = "Keep the approved version and start a new draft version (Ctrl+Enter)"
    NOT_OFFERED = ("The minutes of {ref} are not approved (it is {status}), so they can be corrected directly: "
                   "no amendment is needed.")

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.reason = named(QPlainTextEdit(), "Why they are being amended",
                            "The reason for the new version; it appears in the minutes' version history")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        label = QLabel("&Why:")
        label.setBuddy(self.reason)
        self.form.addRow(label, self.reason)
        note = QLabel("The approved version is kept as it was approved; a new draft version starts, to be "
                      "circulated and approved at a later meeting.")
        note.setWordWrap(True)
        self.form.addRow("", note)
        save = QAction(self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.triggered.connect(lambda _checked=False: self.run())
        self.addAction(save)
        self.reason.setFocus()

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is MeetingStatus.MINUTES_APPROVED]

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There are no approved minutes to amend")
            return
        done = self.attempt(approval.amend, self.ctx.service, meeting_id, self.reason.toPlainText())
        if done is None:
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        self.ctx.message.emit(f"The minutes of {meeting.ref} are now version {done.version}, a draft; "
                              "the approved version is kept")
        self.accept()


#: (menu text, shortcut, what it opens, tip). Circulating, approving and amending
#: happen once a month at most: no shortcut, so no page's keys are taken.
ENTRIES: tuple[tuple[str, str | None, Callable[..., QDialog], str], ...] = (
    ("&Export minutes…", "Ctrl+Shift+E", ExportMinutesDialog, "Write a meeting's minutes as a Word document"),
    ("Export a&nonymised minutes…", None, lambda ctx, meeting_id, parent: ExportMinutesDialog(
        ctx, meeting_id, parent, anonymised=True), "Minutes for publication: people by role only, no names or initials"),
    ("&Import review comments…", "Ctrl+Shift+I", ImportReviewDialog,
     "Read members' comments from returned minutes, then accept or answer each"),
    None,
    ("&Circulate minutes…", None, CirculateDialog, "Record that the draft minutes were sent to the panel"),
    ("A&pprove minutes…", None, ApproveDialog, "Record that a later meeting approved the minutes (they are then locked)"),
    ("A&mend approved minutes…", None, AmendDialog, "Start a new version of approved minutes; the approved one is kept"),
)


def minutes_actions(ctx: AppContext, parent: QWidget | None = None,
                    meeting_on_screen: Callable[[], str | None] | None = None,
                    opened: Callable[[QDialog], object] | None = None) -> list[QAction]:
    """The Minutes commands, for File > Minutes: each opens its dialog on the meeting
    ``meeting_on_screen()`` names (else the latest that fits) over ``parent``, without
    stopping the app (window-modal). ``opened(dialog)`` is told of each dialog."""
    actions = []
    for entry in ENTRIES:
        if entry is None:
            separator = QAction(parent)
            separator.setSeparator(True)
            actions.append(separator)
            continue
        text, shortcut, make, tip = entry

        def open_dialog(_checked=False, make=make) -> None:
            meeting_id = meeting_on_screen() if meeting_on_screen is not None else None
            dialog = make(ctx, meeting_id, parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if opened is not None:
                opened(dialog)
            dialog.open()

        action = QAction(text, parent)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(open_dialog)
        actions.append(action)
    return actions


def minutes_menu(actions: list[QAction], parent: QWidget | None = None) -> QMenu:
    menu = QMenu("&Minutes", parent)
    menu.addActions(actions)
    return menu
