"""Meeting mode's header: the meeting, the current item and their clocks.

It shows the meeting's title and its clock ("Meeting: 25 of 90 minutes", or "Held on
..." when meeting mode opened on a meeting already held), and the current item: its
place in the agenda, title, notes, state and time in words ("12 of 30 minutes";
over time: "34 of 30 minutes: 4 minutes over time"; the meeting's clock too). The
header stays above the part of the page that scrolls, so the time is always in view.
Meeting mode may be on a projected
screen, so free text shows names only as each person's consent allows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ....domain import rules
from ....domain.model import AgendaItem, Meeting, Person
from ....domain.vocab import Consent, MeetingStatus
from .... import words
from ....models.agenda import AgendaModel
from ....models.context import AppContext
from ...partials.meeting_kit import scale_font
from ...partials.feedback import set_warning
from ...partials.form_part import FormPart
from .clock import MeetingClock


class MeetingHeader(FormPart):
    WIDGETS = ("meetingLabel", "meetingClockLabel", "itemPositionLabel", "itemTitleLabel", "timerLabel",
               "itemNotesLabel", "itemStateLabel", "restartClockButton")

    def __init__(self, ctx: AppContext, form: QWidget, agenda: AgendaModel, panel_text: Callable[[str | None], str],
                 parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        self.agenda, self.panel_text = agenda, panel_text
        self.clock = MeetingClock()
        self.meeting: Meeting | None = None
        self.item: AgendaItem | None = None
        self._held_on_open = False  # the meeting was held before meeting mode opened on it
        self.compact = False  # a narrow page (large text): the title and clock grow less
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

    # -- the meeting ------------------------------------------------------------------

    def open_meeting(self, meeting: Meeting | None) -> None:
        """Meeting mode opens on another meeting: its clocks start from now."""
        self._held_on_open = meeting is not None and meeting.status not in (MeetingStatus.PLANNED,
                                                                            MeetingStatus.CANCELLED)
        self.item = None
        self.clock.restart(None)

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        if meeting is None:
            self.ui.meetingLabel.setText("No meeting to run yet: add one on the Meetings page.")
            return
        self.ui.meetingLabel.setText(
            f"{self.panel_text(meeting.title)} · {words.when_long(meeting.starts_at, meeting.planned_minutes)} · {meeting.ref}"
        )

    def held_already(self) -> bool:
        """The meeting was held before meeting mode was opened on it (someone adds to its
        record afterwards, from notes): no clocks to run."""
        return self.meeting is not None and self._held_on_open

    # -- the item ---------------------------------------------------------------------

    def go_to(self, item: AgendaItem | None) -> None:
        """Time ``item`` from now (or from where its clock was left)."""
        self.clock.go_to(item.id if item else None)
        self.item = item

    def show_item(self, item: AgendaItem | None) -> None:
        ui = self.ui
        self.item = item
        if item is None:
            ui.itemPositionLabel.setText("")
            ui.itemTitleLabel.setText("This meeting has no agenda yet." if self.meeting else "")
            ui.itemNotesLabel.setText("Add items in the meeting workspace (Ctrl+Shift+M goes back)." if self.meeting else "")
            ui.itemStateLabel.setText("")
            return
        row = self.agenda.row_of(item.id)
        presenter = self._presenter_line(item)
        ui.itemPositionLabel.setText(f"Item {item.position} of {self.agenda.rowCount()} · {item.purpose.label}{presenter}")
        ui.itemTitleLabel.setText(self.panel_text(item.title))
        ui.itemNotesLabel.setText(self.panel_text(item.notes))
        ui.itemNotesLabel.setVisible(bool(item.notes))
        state = self.agenda.text(self.agenda.row_at(row), AgendaModel.STATE)
        ui.itemStateLabel.setText(f"State: {state}.")

    def _presenter_line(self, item: AgendaItem) -> str:
        """" · presented by ..." as the presenter's consent allows; nothing for someone
        anonymous (the room sees who presents: a label would tie them to "Anonymous
        member" on the screen)."""
        person = self.service.find(Person, item.presenter_id) if item.presenter_id else None
        if person is None or person.consent is Consent.ANONYMOUS:
            return ""
        return f" · presented by {rules.attribute(person)}"

    # -- time -------------------------------------------------------------------------

    def restart_clocks(self) -> None:
        """Start timing the meeting, and every item, from now."""
        self.clock.restart(self.item.id if self.item else None)
        self.tick()

    def restart_item_clock(self) -> None:
        if self.item is None:
            return
        self.clock.restart_item()
        self.tick()
        self.say(f"The clock for '{self.panel_text(self.item.title)}' starts again from now.")

    def timer_text(self) -> tuple[str, bool]:
        """``12 of 30 minutes``; over time: ``34 of 30 minutes: 4 minutes over``."""
        if self.item is None:
            return "", False
        allotted = self.item.allotted_minutes
        if self.held_already():
            return (f"{words.minutes(allotted)} allotted" if allotted else "No time allotted"), False
        spent = self.clock.item_minutes()
        if allotted is None:
            return f"{words.minutes(spent)} (no time allotted)", False
        if spent > allotted:
            return f"{spent} of {words.minutes(allotted)}: {words.minutes(spent - allotted)} over time", True
        return f"{spent} of {words.minutes(allotted)}", False

    def tick(self) -> None:
        ui = self.ui
        text, over = self.timer_text()
        if ui.timerLabel.accessibleName() != text:
            set_warning(ui.timerLabel, text, over)
        spent = self.clock.meeting_minutes()
        if self.held_already():
            clock = f"Held on {words.day_short(self.meeting.day)}"
            if ui.meetingClockLabel.accessibleName() != clock:
                set_warning(ui.meetingClockLabel, clock, False)
                ui.meetingClockLabel.setToolTip("The meeting was held: what you enter now is added to its record")
                ui.meetingClockLabel.setAccessibleDescription(ui.meetingClockLabel.toolTip())
        elif self.meeting is not None and spent is not None:
            planned = self.meeting.planned_minutes
            clock = f"Meeting: {spent} of {words.minutes(planned)}" if planned else f"Meeting: {words.minutes(spent)}"
            over = bool(planned) and spent > planned
            if over:  # in words, with the warning sign: never by colour alone
                clock += f": {words.minutes(spent - planned)} over time"
            if ui.meetingClockLabel.accessibleName() != clock:
                set_warning(ui.meetingClockLabel, clock, over)

    # -- looks ------------------------------------------------------------------------

    def fit_text_size(self, base: QFont) -> None:
        """The title and the clock larger than the page's text, following it. On a
        narrow page the item's clock asks for no more room than Restart the clock
        under it (its words go on to a second line), so the item's title has the room."""
        scale_font(self.ui.itemTitleLabel, 1.25 if self.compact else 1.6, bold=True, base=base)
        scale_font(self.ui.timerLabel, 1.2 if self.compact else 1.4, bold=True, base=base)
        restart = self.ui.restartClockButton
        self.ui.timerLabel.set_preferred_width(restart.sizeHint().width() if self.compact else None)

    def redraw_warning(self) -> None:
        """Draw the over-time warning again, in a new theme's colour."""
        self.ui.timerLabel.setAccessibleName("")
        self.ui.meetingClockLabel.setAccessibleName("")
        self.tick()
