"""The decision log's and the action list's filters, shared by the listings and the exports."""

from __future__ import annotations

import argparse

from ..domain import rules
from ..domain.model import Meeting, Person
from ..domain.vocab import Consent, DecisionStatus, InvolvementLevel
from ..services import DecisionFilter, PanelService


def add_decision_filters(parser: argparse.ArgumentParser) -> None:
    """The decision log's filters, shared by ``leap decisions`` and ``leap export-decisions``."""
    parser.add_argument("--search", metavar="TEXT", default="", help="words to look for")
    parser.add_argument("--status", action="append", default=[], metavar="S",
                        help=f"only this status (repeatable): {', '.join(DecisionStatus.choices())}")
    parser.add_argument("--level", action="append", default=[], metavar="L",
                        help=f"only this involvement level (repeatable): {', '.join(InvolvementLevel.choices())}")
    parser.add_argument("--meeting", metavar="M", help="only decisions made at this meeting")
    parser.add_argument("--person", metavar="P", help="only decisions this person shaped")


def panel_search_text(ctx, svc: PanelService, text: str) -> str:
    """What to search for: the words typed, less the names of people who are not shown
    by name (a match on them would tell which records mention them). Says so when
    that leaves nothing to search for."""
    kept, dropped = svc.redactor().search_words(text)
    if dropped:
        ctx.note("Names of members who are not shown by name are not searched for.")
        if not kept:
            return "…"  # no letters or digits: finds nothing
    return kept


def decision_filter(svc: PanelService, a: argparse.Namespace, ctx=None) -> DecisionFilter:
    text = panel_search_text(ctx, svc, a.search) if ctx is not None and a.search else a.search
    return DecisionFilter(
        text=text,
        statuses=tuple(DecisionStatus.parse(s, "Status").value for s in a.status),
        levels=tuple(InvolvementLevel.parse(level, "Involvement level").value for level in a.level),
        meeting_id=svc.resolve(Meeting, a.meeting).id if a.meeting else None,
        person_id=svc.resolve(Person, a.person).id if a.person else None,
    )


def describe_decision_filter(a: argparse.Namespace, svc: PanelService | None = None, *, anonymised: bool = False) -> str:
    """The filters in words, for the top of an export: with ``svc``, as the panel may
    read them (a person as their consent allows, no hidden name in the search words)."""
    parts = []
    clean = svc.redactor(anonymised=anonymised) if svc is not None else (lambda t: t)
    if a.search:
        words = clean.search_words(a.search)[0] if svc is not None else a.search
        if words:
            parts.append(f"matching '{words}'")
    if a.status:
        parts.append("status " + " or ".join(DecisionStatus.parse(s, "Status").label.lower() for s in a.status))
    if a.level:
        parts.append("involvement " + " or ".join(InvolvementLevel.parse(x, "Involvement level").label.lower() for x in a.level))
    if a.meeting:
        parts.append(f"made at {a.meeting}")
    if a.person:
        who = a.person
        if svc is not None:
            person = svc.resolve(Person, a.person)
            who = rules.attribute(person, anonymised=anonymised)
            if anonymised or person.consent.privacy >= Consent.ROLE_ONLY.privacy:
                who = "a " + who[:1].lower() + who[1:] if person.consent is not Consent.ANONYMOUS else "an anonymous member"
        parts.append(f"shaped by {who}")
    return "decisions " + ", ".join(parts) if parts else ""


def add_action_filters(parser: argparse.ArgumentParser) -> None:
    """The action list's filters, shared by ``leap actions`` and ``leap export-actions``."""
    parser.add_argument("--owner", metavar="PERSON", help="only this person's actions")
    parser.add_argument("--status", action="append", default=[], metavar="S", help="only this status (repeatable)")
    parser.add_argument("--overdue", action="store_true", help="only actions past their due date")


def action_list(svc: PanelService, a: argparse.Namespace):
    owner = svc.resolve(Person, a.owner) if a.owner else None
    return svc.actions(owner_id=owner.id if owner else None, statuses=a.status, overdue=a.overdue)
