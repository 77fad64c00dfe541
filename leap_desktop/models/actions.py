"""The action list: who does what by when, and what came of it ("you said, we did").

Overdue actions say so in words ("Overdue by 12 days") with a warning icon and bold
text: never by colour alone. Owners appear as their attribution consent allows,
since this list is read out and shared with the panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.model import Person
from ..domain.vocab import ActionStatus
from ..services import ActionRow
from .free_text import PanelText
from .table import Column, TableModel, icon
from .format import shown_as
from ..words import day, days_between, plural

if TYPE_CHECKING:
    from .context import AppContext

#: What the list can show: key -> (label, statuses, overdue only)
SHOWS: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "todo": ("Still to do (open or in progress)", ("open", "in_progress"), False),
    "overdue": ("Overdue", (), True),
    "done": ("Done", ("done",), False),
    "dropped": ("Dropped", ("dropped",), False),
    "all": ("All actions", (), False),
}


@dataclass(frozen=True)
class ActionLine:
    row: ActionRow
    owner: str
    overdue_days: int  # 0 when not overdue

    @property
    def action(self):
        return self.row.action


def due_text(line: ActionLine) -> str:
    """The due date; an overdue action says so first, so it is never cut off."""
    action = line.action
    if not action.due_on:
        return "No due date"
    if line.overdue_days:
        return f"Overdue by {plural(line.overdue_days, 'day')} (due {day(action.due_on, short=True)})"
    return day(action.due_on, short=True)


def status_text(line: ActionLine) -> str:
    action = line.action
    if action.status.is_closed and action.closed_on:
        return f"{action.status.label} on {day(action.closed_on, short=True)}"
    return action.status.label


def decision_text(line: ActionLine) -> str:
    return f"D-{line.row.decision_number}" if line.row.decision_number is not None else ""


class ActionsModel(TableModel[ActionLine]):
    """Actions as the page's Show and Owner choose; its page refreshes it when shown."""

    REF, TITLE, OWNER, DUE, STATUS, OUTCOME, DECISION = range(7)

    COLUMNS = (
        Column("Ref", lambda l: l.action.ref, "The action's reference, like A-7",
               sort=lambda l: l.action.number or 0),
        Column("What needs doing", lambda l: l.action.title.replace("\n", " "), "The action", free_text=True),
        Column("Owner", lambda l: l.owner, "Who is doing it (as their consent allows)"),
        Column("Due", due_text, "When it is due; overdue actions say so",
               sort=lambda l: l.action.due_on or "9999-12-31",  # no due date sorts last
               icon=lambda l: icon("overdue") if l.overdue_days else None,
               bold=lambda l: bool(l.overdue_days)),
        Column("Status", status_text, "Open, in progress, done or dropped",
               sort=lambda l: list(ActionStatus).index(l.action.status),
               icon=lambda l: icon("done") if l.action.status is ActionStatus.DONE else None),
        Column("Outcome", lambda l: (l.action.outcome or "").replace("\n", " "),
               "What was done, or why it was dropped",
               tooltip=lambda l: l.action.outcome or "", free_text=True),
        Column("Decision", decision_text, "The decision it carries out",
               tooltip=lambda l: f"{decision_text(l)}: {l.row.decision_title}" if l.row.decision_title else "",
               sort=lambda l: l.row.decision_number or 0, free_text=True),
    )

    def __init__(self, ctx: AppContext, parent=None, *, as_panel_reads: bool = True):
        """``as_panel_reads``: titles and outcomes with names as each person's consent
        allows (the Actions page); False keeps them as typed (a person's page, the
        coordinator's own)."""
        super().__init__(ctx, parent)
        self.panel_text = PanelText(ctx.service, enabled=as_panel_reads)
        self.show = "todo"
        self.owner_id: str | None = None
        self.decision_id: str | None = None

    def record(self, line: ActionLine):
        return line.action

    def set_filter(self, *, show: str | None = None, owner_id: str | None = "", decision_id: str | None = "") -> None:
        """Change what is listed (``""`` leaves that part as it is) and refresh."""
        if show is not None:
            if show not in SHOWS:
                raise ValueError(f"unknown action list {show!r}")
            self.show = show
        if owner_id != "":
            self.owner_id = owner_id
        if decision_id != "":
            self.decision_id = decision_id
        self.refresh()

    def fetch(self) -> list[ActionLine]:
        today = self.service.today()
        _, statuses, overdue = SHOWS[self.show]
        people: dict[str, Person] = {p.id: p for p in self.service.people()}
        rows = self.service.action_log(
            owner_id=self.owner_id, statuses=statuses, overdue=overdue, decision_id=self.decision_id
        )
        lines = []
        for row in rows:
            action = row.action
            owner = people.get(action.owner_id)
            late = action.is_overdue(today)
            lines.append(
                ActionLine(
                    row=row,
                    owner=shown_as(owner) if owner else "Someone no longer on the panel",
                    overdue_days=days_between(action.due_on, today) if late and action.due_on else 0,
                )
            )
        return lines

    def overdue_count(self) -> int:
        return sum(1 for line in self._rows if line.overdue_days)
