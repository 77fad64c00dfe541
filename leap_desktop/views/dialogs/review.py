"""File > Minutes > Import review comments: read a returned Word file of the minutes,
then go through the comments, accepting (amending the record) or answering each."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from ...domain.model import Meeting, Review
from ...domain.vocab import ReviewStatus
from ...services import reviews
from ...models.context import AppContext
from .export import export_folder
from ..partials.feedback import tell_screen_reader as announce
from .minutes.base import MinutesDialog
from ..partials.widgets import TableFit


class ImportReviewDialog(MinutesDialog):
    """Read a returned file, then go through the comments: accept (amend) or answer."""

    FORM = "import_review_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("importButton", "summaryLabel", "commentsTable", "chosenLabel",
                                        "fieldCombo", "textEdit", "answerButton", "acceptButton")
    TITLE = "Import review comments"
    WIDTH_CHARS = 110
    OK_TEXT = "C&lose"
    OK_DESCRIPTION = "Close this window; accepted and answered comments are already saved"
    COLUMNS = ["Ref", "Status", "Reviewer", "On", "Comment"]

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        ui = self.ui
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.choose_button = ui.importButton
        self.choose_button.clicked.connect(self.choose)
        self.summary = ui.summaryLabel
        #: the comments, one row each (the review's ref on every cell, UserRole)
        self.comments = QStandardItemModel(0, len(self.COLUMNS), self)
        self.comments.setHorizontalHeaderLabels(self.COLUMNS)
        self.table = ui.commentsTable
        self.table.setModel(self.comments)
        self.table.verticalHeader().hide()
        # The comment takes the room (never fewer than 30 characters); what it is on is
        # cut short here and given in full below the table, with the whole comment.
        self.columns = TableFit(self.table, {1: 14, 3: 28}, 4, 30, fit_contents=True)
        self.chosen = ui.chosenLabel
        self.field = ui.fieldCombo
        self.text = ui.textEdit
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.accept_button, self.answer_button = ui.acceptButton, ui.answerButton
        self.accept_button.clicked.connect(self.accept_selected)
        self.answer_button.clicked.connect(self.answer_selected)
        self.field.currentIndexChanged.connect(self._prefill)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        ui.dialogLayout.setStretchFactor(self.table, 1)
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
        from ...export import review_docx  # python-docx: loaded when first used

        result = self.attempt(lambda: review_docx.import_review(service, service.get(Meeting, meeting_id), path))
        if result is not None:
            self.summary.setText(result.describe() + ".")
            self.ctx.message.emit(result.describe())
            self.refresh()
            announce(self.summary, self.summary.text())
            if self.comments.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reviews(self) -> list[Review]:
        meeting_id = self.meeting_id()
        return reviews.reviews(self.ctx.service, meeting_id) if meeting_id else []

    def refresh(self, select: str | None = None) -> None:
        """Fill the table; choose ``select`` (a review's ref), else the first open one."""
        service = self.ctx.service
        found = self.reviews()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.comments.setRowCount(0)
        for review in found:
            values = [review.ref, review.status.label.split(":")[0], reviews.reviewer_label(service, review),
                      reviews.describe_anchor(service, review), review.text]
            row = []
            for value in values:
                item = QStandardItem(value)
                item.setData(review.ref, Qt.ItemDataRole.UserRole)
                item.setToolTip(value)
                item.setEditable(False)
                row.append(item)
            self.comments.appendRow(row)
        selection.blockSignals(False)
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
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.ctx.service.resolve(Review, rows[0].data(Qt.ItemDataRole.UserRole))

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
