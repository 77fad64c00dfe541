"""A meeting's details, for adding a meeting or changing one; shared by the meetings
page and the meeting workspace.

Adding: the form starts with suggested details for the next meeting; Enter in any
field (or the Add button) adds it. Changing: each field is saved when you press Enter
or leave it, as one undoable change. A refused value stays in its field with the
reason beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ...domain import rules
from ...domain.errors import LeapError, RuleError
from ...domain.model import Meeting
from ...domain.vocab import MeetingStatus
from ... import words
from ...models.context import AppContext
from ..partials.date_entry import DateReading
from ..partials.forms import load_form
from ..partials.meeting_kit import EnterFilter, pass_undo_through
from ..partials.feedback import announce, clear_problem, remember_descriptions, show_problem
from ..partials.mention_completer import attach_mentions
from ..partials.undo import adding, run_undoable

FIELD_NAMES = {
    "title": "title",
    "starts_at": "start",
    "planned_minutes": "planned length",
    "place": "place",
}

#: Statuses only File > Minutes moves a meeting into or out of (each step keeps a
#: version of the minutes), so Change status never offers them; the status line says
#: which step comes next instead.
MINUTES_STEPS = frozenset({MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_APPROVED})
NEXT_MINUTES_STEP = {
    MeetingStatus.MINUTES_DRAFT: "circulate the minutes with File > Minutes > Circulate minutes\u2026",
    MeetingStatus.MINUTES_CIRCULATED: "approve them at a later meeting with File > Minutes > Approve minutes\u2026",
    MeetingStatus.MINUTES_APPROVED: "they are locked; File > Minutes > Amend approved minutes\u2026 starts a new "
                                    "version if they need a correction",
}


def status_moves(status: MeetingStatus) -> list[MeetingStatus]:
    """The statuses Change status offers from ``status``: the rules' moves, except those
    that belong to the minutes steps."""
    moves = [s for s in rules.MEETING_TRANSITIONS[status] if not {s, status} & MINUTES_STEPS]
    return sorted(moves, key=lambda s: list(MeetingStatus).index(s))


class MeetingEditor(QWidget):
    FORM = "meeting_editor.ui"
    WIDGETS = (
        "modeLabel", "titleEdit", "startEdit", "startHint", "lengthSpin", "placeEdit", "papersStateLabel",
        "papersTodayButton",
        "problemLabel", "addButton", "discardButton", "savedLabel",
        "statusBox", "statusNowLabel", "statusCombo", "statusButton", "statusProblemLabel",
    )

    #: A meeting was added or changed (its id).
    saved = Signal(str)
    #: A meeting was added (its id).
    added = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service
        self.meeting: Meeting | None = None
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.fields: dict[str, QWidget] = {
            "title": ui.titleEdit,
            "starts_at": ui.startEdit,
            "planned_minutes": ui.lengthSpin,
            "place": ui.placeEdit,
        }
        # Typed as people write them ("15/12/2026 18:00", "tomorrow 6pm"), read back underneath.
        self.start = DateReading(ui.startEdit, ui.startHint, "starts_at", time=True, today=self.service.today,
                                 ahead=True)
        self.mentions = attach_mentions(ctx.service, ui.titleEdit, ui.placeEdit, panel_facing=True)
        remember_descriptions(self.fields.values())
        for label in (ui.problemLabel, ui.savedLabel, ui.statusProblemLabel):
            label.hide()
        self._enter = EnterFilter(self._enter_pressed, self)
        for name, widget in self.fields.items():
            widget.installEventFilter(self._enter)
            signal = widget.editingFinished  # type: ignore[attr-defined]
            signal.connect(lambda name=name: self._commit(name))
        ui.papersTodayButton.clicked.connect(self._papers_today)
        ui.addButton.clicked.connect(self.add)
        ui.discardButton.clicked.connect(self.new_meeting)
        ui.statusButton.clicked.connect(lambda _checked=False: self.change_status())
        self._undo_keys = pass_undo_through(ctx, self, self.fields.values())
        ctx.changed.connect(self._on_changed)
        self.new_meeting()

    # -- modes ------------------------------------------------------------------------

    @property
    def adding(self) -> bool:
        return self.meeting is None

    def new_meeting(self) -> None:
        """Switch to adding a meeting, with suggested details for the next one."""
        self.meeting = None
        defaults = self.service.new_meeting_defaults()
        self._fill(
            Meeting(id="", title=defaults["title"], starts_at=defaults["starts_at"],
                    planned_minutes=defaults["planned_minutes"], place=defaults["place"])
        )
        self.ui.modeLabel.setText("A new meeting. Check the suggested details, then press Enter to add it.")
        self.ui.addButton.show()
        self.ui.discardButton.show()
        self.ui.statusBox.hide()
        clear_problem(self.ui.problemLabel, *self.fields.values())
        self.ui.savedLabel.hide()

    def show_meeting(self, meeting_id: str | None) -> None:
        if not meeting_id:
            self.new_meeting()
            return
        meeting = self.service.find(Meeting, meeting_id)
        if meeting is None:
            self.new_meeting()
            return
        changed_meeting = self.meeting is None or self.meeting.id != meeting.id
        self.meeting = meeting
        self._fill(meeting)
        self.ui.modeLabel.setText(
            f"{meeting.ref}. Changes are saved when you press Enter or move to the next field; Ctrl+Z undoes them."
        )
        self.ui.addButton.hide()
        self.ui.discardButton.hide()
        self.ui.statusBox.show()
        self._fill_status()
        if changed_meeting:
            clear_problem(self.ui.problemLabel, *self.fields.values())
            clear_problem(self.ui.statusProblemLabel)
            self.ui.savedLabel.hide()

    def focus_first(self) -> None:
        self.ui.titleEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ui.titleEdit.selectAll()

    # -- the fields -------------------------------------------------------------------

    def _fill(self, meeting: Meeting, *, keep_typing: bool = False) -> None:
        ui = self.ui
        for name, widget in self.fields.items():
            if keep_typing and widget.hasFocus() and self._typed(name) != self._stored(name):
                continue  # the person is typing here: leave it alone
            value = getattr(meeting, name)
            if name == "starts_at":
                self.start.set_value(value)
            elif name == "planned_minutes":
                ui.lengthSpin.setValue(value or 0)
            else:
                widget.setText(value or "")  # type: ignore[attr-defined]
                if not widget.hasFocus():  # a long place reads from its start, not its end
                    widget.setCursorPosition(0)  # type: ignore[attr-defined]
        self._fill_papers()

    def _value(self, name: str) -> Any:
        """What the field holds now, as the service takes it."""
        ui = self.ui
        if name == "starts_at":  # a RuleError saying why when it cannot be read
            return self.start.value()
        if name == "planned_minutes":
            return ui.lengthSpin.value() or None
        return self.fields[name].text()  # type: ignore[attr-defined]

    def _typed(self, name: str) -> Any:
        """What the field holds now, or its text when it cannot be read yet."""
        try:
            return self._value(name)
        except RuleError:
            return self.fields[name].text()  # type: ignore[attr-defined]

    def _stored(self, name: str) -> Any:
        return getattr(self.meeting, name) if self.meeting else None

    def values(self) -> dict[str, Any]:
        return {name: self._value(name) for name in self.fields}

    def _enter_pressed(self) -> None:
        if self.adding:
            self.add()
        else:
            focused = next((n for n, w in self.fields.items() if w.hasFocus()), None)
            if focused:
                self._commit(focused)

    def _commit(self, name: str) -> None:
        """Save one field of the meeting being changed, if it changed."""
        if self.meeting is None:
            return
        meeting = self.meeting
        try:
            value = self._value(name)
        except RuleError as exc:
            self.ui.problemLabel.setProperty("field", name)
            show_problem(self.ui.problemLabel, str(exc), self.fields[name])
            return
        try:
            if Meeting.FIELDS[name](value) == getattr(meeting, name):
                if self.ui.problemLabel.property("field") == name:
                    clear_problem(self.ui.problemLabel, self.fields[name])
                return
        except RuleError:
            pass  # the service says why, below
        before = getattr(meeting, name)
        try:
            updated = run_undoable(
                self.ctx,
                f"Change the {FIELD_NAMES[name]} of {meeting.ref}",
                do=lambda: self.service.edit_meeting(meeting.id, **{name: value}),
                undo=lambda _: self.service.edit_meeting(meeting.id, **{name: before}),
            )
        except LeapError as exc:
            self.ui.problemLabel.setProperty("field", name)
            show_problem(self.ui.problemLabel, str(exc), self.fields[name])
            return
        clear_problem(self.ui.problemLabel, self.fields[name])
        self.meeting = updated
        announce(self.ui.savedLabel, f"Saved the {FIELD_NAMES[name]} of {updated.ref}.", self.ctx)
        self.saved.emit(updated.id)

    def _papers_today(self) -> None:
        """Record in the sent log that the papers went to the whole panel today (Undo
        takes the sending out again). For a meeting being added, it is added first."""
        meeting = self.meeting or self.add()
        if meeting is None:
            return
        comms = self.service.comms
        run_undoable(
            self.ctx, f"Record papers sent for {meeting.ref}",
            do=lambda: comms.record_sent(meeting.id, None),
            undo=lambda sent: comms.remove_sent(sent.id),
        )
        self._fill_papers()
        announce(self.ui.savedLabel, f"Recorded that the papers for {meeting.ref} went to everyone today.", self.ctx)

    def _fill_papers(self) -> None:
        """What the sent log says of this meeting's papers."""
        ui = self.ui
        if self.meeting is None:
            ui.papersStateLabel.setText("Not sent yet")
            return
        sent = self.service.comms.sent(self.meeting.id)
        if not sent:
            ui.papersStateLabel.setText("Not sent yet")
            return
        people = len({s.person_id for s in sent if s.person_id})
        whole = any(s.person_id is None for s in sent)
        first = words.day(sent[0].sent_on, short=True)
        to = "everyone" if whole else words.plural(people, "member")
        ui.papersStateLabel.setText(f"First sent {first}, to {to}" + (f" (and {words.plural(people, 'member')} one by one)" if whole and people else ""))

    def add(self) -> Meeting | None:
        """Add the meeting in the form. A refusal keeps everything typed."""
        try:
            values = self.values()
            meeting = run_undoable(
                self.ctx,
                f"Add meeting {values['title'].strip()}",
                do=_adding_meeting(self.service, values),
                undo=lambda m: self.service.remove_meeting(m.id),
            )
        except LeapError as exc:
            field = exc.field if isinstance(exc, RuleError) and exc.field in self.fields else None
            self.ui.problemLabel.setProperty("field", field)
            show_problem(self.ui.problemLabel, str(exc), self.fields[field] if field else self.ui.titleEdit)
            return None
        self.show_meeting(meeting.id)
        announce(
            self.ui.savedLabel,
            f"Added {meeting.ref}, {meeting.title}, on {words.when_long(meeting.starts_at, meeting.planned_minutes)}.",
            self.ctx,
        )
        self.added.emit(meeting.id)
        self.saved.emit(meeting.id)
        return meeting

    # -- status -----------------------------------------------------------------------

    def _fill_status(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        allowed = status_moves(meeting.status)
        combo = self.ui.statusCombo
        combo.clear()
        for status in allowed:
            combo.addItem(status.label, status.value)
        text = f"Now: {meeting.status.label}."
        if allowed:
            text += f" It can become {' or '.join(s.label.lower() for s in allowed)}."
        if meeting.status in NEXT_MINUTES_STEP:
            text += f" Next: {NEXT_MINUTES_STEP[meeting.status]}."
        elif not allowed:
            text += " It cannot change any more."
        self.ui.statusNowLabel.setText(text)
        self.ui.statusBox.setAccessibleDescription(self.ui.statusNowLabel.text())
        combo.setEnabled(bool(allowed))
        self.ui.statusButton.setEnabled(bool(allowed))

    def change_status(self, status: Any = None) -> Meeting | None:
        """Move the meeting to ``status`` (by default the one chosen in the list). A
        change the rules do not allow is refused with the reason."""
        meeting = self.meeting
        if meeting is None:
            return None
        if status is None:
            status = self.ui.statusCombo.currentData()
        if status is None:
            return None
        before = meeting.status
        try:
            updated = run_undoable(
                self.ctx,
                f"Change the status of {meeting.ref}",
                do=lambda: self.service.set_meeting_status(meeting.id, status),
                undo=lambda _: self.service.revert_meeting_status(meeting.id, before),
            )
        except LeapError as exc:
            show_problem(self.ui.statusProblemLabel, str(exc), self.ui.statusCombo)
            return None
        clear_problem(self.ui.statusProblemLabel, self.ui.statusCombo)
        self.meeting = updated
        self._fill_status()
        announce(self.ui.savedLabel, f"{updated.ref} is now: {updated.status.label.lower()}.", self.ctx)
        self.saved.emit(updated.id)
        return updated

    # -- keeping up with changes ------------------------------------------------------

    def _on_changed(self, tables: set[str]) -> None:
        if "papers_sent" in tables:
            self._fill_papers()
        if "meetings" not in tables or self.meeting is None:
            return
        fresh = self.service.find(Meeting, self.meeting.id)
        if fresh is None:  # deleted (an undone add): offer a new one
            self.new_meeting()
            return
        if fresh != self.meeting:
            old = self.meeting
            self._fill(fresh, keep_typing=True)
            self.meeting = fresh
            if fresh.status != old.status:
                self._fill_status()


def _adding_meeting(service, values: dict[str, Any]):
    return adding(lambda: service.add_meeting(**values), lambda m: service.restore(Meeting, m.id))
