"""The decision log and the action list as CSV, for spreadsheets and reports.

UTF-8 with a byte-order mark (so Excel shows accents and curly quotes properly), one
header row, one record per row. Names are shown as each person's consent allows, or by
role only with ``anonymised``; so is free text (titles, texts, outcomes), through the
panel's :class:`~leap_desktop.domain.redact.Redactor`. A cell that a spreadsheet would run as a formula (it
starts with =, +, - or @) gets a leading apostrophe, so opening the file never runs
anything a panel member typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..domain.model import Action, AgendaItem, Person
from ..domain.vocab import DECISION_PROCESS, RoleGroup
from ..services import DecisionRow, PanelService
from ..services.trace import Voices, people_by_id, redactor_for

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


DECISION_HEADERS = [
    "Ref", "Date decided", "Meeting", "Meeting date", "Status", "Involvement level", DECISION_PROCESS,
    "Votes for", "Votes against", "Abstentions", "Title", "Plain-language summary", "Decision",
    "Rationale", "Co-producers", "Contributions that shaped it", "Share from lived experience and carers",
    "Open actions", "Replaces", "Status note",
]


def decisions_csv(service: PanelService, rows: list[DecisionRow], *, anonymised: bool = False) -> bytes:
    people = people_by_id(service)
    clean = redactor_for(service, people, anonymised=anonymised)
    replaced = {d.id: d.ref for d in service.decisions()}
    out = []
    for row in rows:
        d = row.decision
        trace = service.trace(d.id, anonymised=anonymised, people=people, clean=clean)
        votes = d.votes or (None, None, None)
        coproducers = "; ".join(
            c.voice.label + (f" ({', '.join(r.label.lower() for r in c.voice.roles)})" if c.voice.roles and c.voice.label.casefold() not in {r.label.casefold() for r in c.voice.roles} else "")
            for c in trace.coproducers
        )
        out.append([
            d.ref, d.decided_on, f"M-{row.meeting_number}" if row.meeting_number else "", row.meeting_day,
            d.status.label, d.level.label, d.method.label if d.method else "", *votes,
            clean(d.title), clean(d.summary), clean(d.text), clean(d.rationale), coproducers,
            "; ".join(s.contribution.ref for s in trace.sources),
            f"{trace.source_balance.share(RoleGroup.LIVED_EXPERIENCE, RoleGroup.CARERS):.0%}" if trace.source_balance.total else "",
            row.open_actions, replaced.get(d.supersedes_id or "", ""), clean(d.status_note),
        ])
    return to_csv(DECISION_HEADERS, out)


ACTION_HEADERS = ["Ref", "What", "Owner", "Due", "Status", "Overdue", "Outcome", "Closed on", "Decision", "Meeting"]


def actions_csv(service: PanelService, actions: list[Action], *, anonymised: bool = False) -> bytes:
    people: dict[str, Person] = people_by_id(service)
    voices = Voices(people, anonymised=anonymised)
    clean = redactor_for(service, people, anonymised=anonymised)
    decisions = {d.id: d for d in service.decisions()}
    meetings = {m.id: m for m in service.meetings()}
    items = {}
    today = service.today()
    out = []
    for a in actions:
        decision = decisions.get(a.decision_id or "")
        meeting_id = decision.meeting_id if decision else None
        if meeting_id is None and a.item_id:
            if a.item_id not in items:
                items[a.item_id] = service.store.get(AgendaItem, a.item_id, include_deleted=True)
            item = items[a.item_id]
            meeting_id = item.meeting_id if item else None
        meeting = meetings.get(meeting_id or "")
        out.append([
            a.ref, clean(a.title), voices.seen(a.owner_id).label, a.due_on, a.status.label,
            "yes" if a.is_overdue(today) else "no", clean(a.outcome), a.closed_on,
            decision.ref if decision else "", meeting.ref if meeting else "",
        ])
    return to_csv(ACTION_HEADERS, out)
