"""The contributions on the current item: who said what, newest last.

Space ticks a contribution as one that shaped the decision being recorded; F2 or a
double click corrects what was said, or its kind, in place (Enter saves the
correction, Shift+Enter starts a new line); Delete takes one out. Each change is one
undoable change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QPlainTextEdit, QStyledItemDelegate, QWidget

from ....domain.errors import LeapError
from ....domain.model import Contribution
from ....domain.vocab import ContributionKind
from ....models.contributions import ContributionsModel
from ....models.context import AppContext
from ...partials.form_part import FormPart
from ...partials.undo import run_undoable
from ...partials.widgets import prepare_table


class ContributionsList(FormPart):
    WIDGETS = ("contributionsLabel", "contributionsView")

    def __init__(self, ctx: AppContext, form: QWidget, parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        view = self.ui.contributionsView
        self.model = ContributionsModel(ctx, None, checkable=True, parent=self)
        view.setModel(self.model)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Who said it and its kind wrap in a narrow pane, so what was said keeps its room.
        prepare_table(view, stretch_column=ContributionsModel.TEXT, stretch_min=24, list_look=False,
                      fit_contents=True, row_heights=False, wrap=(ContributionsModel.KIND, ContributionsModel.WHO))
        self.model.rowsInserted.connect(self._on_added)
        self._space_ticks = _SpaceTicks(self)
        view.installEventFilter(self._space_ticks)
        # Corrections in place: F2 or a double click on what was said or its kind.
        self.model.editor = self.edit_contribution
        self._delegate = _ContributionDelegate(view)
        view.setItemDelegate(self._delegate)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)

    @property
    def view(self) -> QAbstractItemView:
        return self.ui.contributionsView

    def set_item(self, item_id: str | None) -> None:
        self.model.set_item(item_id)

    def current_contribution(self) -> Contribution | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_added(self, _parent: QModelIndex, _first: int, last: int) -> None:
        self.view.scrollTo(self.model.index(last, 0))

    def toggle_tick(self, contribution: Contribution) -> None:
        """Space: tick or untick a contribution as shaping the decision."""
        model = self.model
        model.set_ticked(contribution.id, contribution not in model.ticked())
        ticked = "ticked" if contribution in model.ticked() else "not ticked"
        self.say(f"{contribution.ref} {ticked} as shaping the decision.", status_bar=False)

    def edit_contribution(self, contribution_id: str, field: str, value: Any) -> Contribution | None:
        """Correct what was said, or its kind, in place: one undoable change."""
        current = self.service.get(Contribution, contribution_id)
        before = getattr(current, field)
        what = "what was said" if field == "text" else "the kind"
        _done, updated = self._change(
            f"Correct {what} in {current.ref}",
            do=lambda: self.service.edit_contribution(contribution_id, **{field: value}),
            undo=lambda _: self.service.edit_contribution(contribution_id, **{field: before}),
            said=lambda changed: f"Corrected {what} in {changed.ref}. Ctrl+Z undoes it.",
        )
        return updated

    def remove_contribution(self) -> bool:
        contribution = self.current_contribution()
        if contribution is None:
            return False
        done, _result = self._change(
            f"Remove {contribution.ref}",
            do=lambda: self.service.remove_contribution(contribution.id),
            undo=lambda _: self.service.restore(Contribution, contribution.id),
            said=lambda _: f"Removed {contribution.ref}. Ctrl+Z puts it back.",
        )
        return done

    def _change(self, text: str, *, do: Callable[[], Any], undo: Callable[[Any], Any],
                said: Callable[[Any], str]) -> tuple[bool, Any]:
        """One undoable change as ``text``: a refusal goes to :attr:`problem` and gives
        (False, None); once done, the problem line is cleared, ``said(result)`` is said,
        and it gives (True, result)."""
        try:
            result = run_undoable(self.ctx, text, do=do, undo=undo)
        except LeapError as exc:
            self.problem.emit(str(exc))
            return False, None
        self.problem.emit("")
        self.say(said(result))
        return True, result


class _SpaceTicks(QObject):
    """Space on a contribution ticks or unticks it, whichever column is current."""

    def __init__(self, contributions: ContributionsList):
        super().__init__(contributions)
        self.contributions = contributions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:  # type: ignore[attr-defined]
            index = watched.currentIndex()  # type: ignore[attr-defined]
            if index.isValid():
                self.contributions.toggle_tick(self.contributions.model.row_at(index.row()))
                return True
        return False


class _ContributionDelegate(QStyledItemDelegate):
    """Edits a contribution in place: a list of kinds, or a text box where Enter saves
    and Shift+Enter starts a new line (as when capturing)."""

    def createEditor(self, parent: QWidget, option, index):  # type: ignore[no-untyped-def]
        if index.column() == ContributionsModel.KIND:
            combo = QComboBox(parent)
            for kind in ContributionKind:
                combo.addItem(kind.label, kind.value)
            combo.setAccessibleName("Kind of contribution")
            return combo
        if index.column() == ContributionsModel.TEXT:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            box.setAccessibleName("What was said")
            box.setAccessibleDescription("Enter saves the correction; Shift+Enter starts a new line; Escape cancels")
            box.installEventFilter(self)
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index) -> None:  # type: ignore[no-untyped-def]
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:  # type: ignore[no-untyped-def]
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)
