"""The pages of the published decision log: the log, each decision with its trace,
"you said, we did", and the actions. Names and free text as consent allows (the
trace's voices and the panel's Redactor); in the anonymised edition, roles only, and
counts small enough to point at someone are given coarsely (:func:`coarse`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...domain import rules
from ...domain.model import Action, Decision
from ...domain.vocab import DECISION_PROCESS, RoleGroup
from ...services.trace import DecisionTrace, Voice, Voices
from ...words import long_date, plural
from .html import bullets, decision_file, esc, facts, table

if TYPE_CHECKING:
    from ...services import DecisionRow

#: Below this, a count in the anonymised edition is said as "fewer than 5".
SMALL = 5


@dataclass
class Edition:
    """What every page of one edition shares."""

    panel_name: str
    anonymised: bool
    clean: Any  # the Redactor
    voices: Voices
    today: str

    def count(self, n: int, noun: str, plural_noun: str | None = None) -> str:
        if self.anonymised:
            return coarse(n, noun, plural_noun)
        return plural(n, noun, plural_noun)


def coarse(n: int, noun: str, plural_noun: str | None = None) -> str:
    """A count that cannot single anyone out: "none", "fewer than 5 votes", "about 20 votes"."""
    many = plural_noun or f"{noun}s"
    if n == 0:
        return f"no {many}"
    if n < SMALL:
        return f"fewer than {SMALL} {many}"
    return f"about {SMALL * round(n / SMALL)} {many}"


def who(voice: Voice) -> str:
    roles = rules.roles_label(voice.roles) if voice.roles else ""
    if roles and roles.casefold() != voice.label.casefold():
        return f"{esc(voice.label)} ({esc(roles)})"
    return esc(voice.label)


def decision_link(decision: Decision, clean) -> str:
    return f'<a href="{decision_file(decision.number or 0)}">{esc(decision.ref)}: {esc(clean(decision.title))}</a>'


def log_body(ed: Edition, rows: list["DecisionRow"]) -> str:
    parts = ["<h1>Decision log</h1>",
             f"<p>What the panel decided, how, and who shaped each decision: {esc(plural(len(rows), 'decision'))}, newest first. "
             "Choose a decision to see its trace and what was done.</p>"]
    if ed.anonymised:
        parts.append('<p class="notice">Anonymised edition: people are shown by their role only, and small numbers '
                     f"are given as \u201cfewer than {SMALL}\u201d so that no one can be picked out.</p>")
    table_rows = []
    for row in rows:
        d = row.decision
        day = long_date(d.decided_on or row.meeting_day) or "no date"
        table_rows.append([
            f'<a href="{decision_file(d.number or 0)}">{esc(d.ref)}</a>',
            esc(ed.clean(d.title)), esc(ed.clean(d.summary) or ""), esc(d.status.label), esc(day),
        ])
    if table_rows:
        html_table = table("Decisions, newest first", ["Ref", "Decision", "In plain language", "Status", "Date"], table_rows)
        parts.append(html_table.replace("<table>", '<table data-search="decisions">', 1))
    else:
        parts.append("<p>No decisions have been recorded yet.</p>")
    return "\n".join(parts)


def decision_body(ed: Edition, trace: DecisionTrace, row: "DecisionRow") -> str:
    d = trace.decision
    clean = ed.clean
    parts = [f"<h1>{esc(d.ref)}: {esc(d.title)}</h1>"]
    how = d.method.label if d.method else "Not recorded"
    if d.votes:
        labels = ("for", "against", "abstaining")
        how += " (" + ", ".join(f"{ed.count(n, 'vote')} {label}" for n, label in zip(d.votes, labels)) + ")"
    where = None
    if trace.meeting is not None:
        where = esc(f"{trace.meeting.ref}, {long_date(trace.meeting.day)}")
        if trace.item is not None:
            where += esc(f", item: {trace.item.title}")
    parts.append(facts([
        ("Status", esc(d.status.label) + (esc(f": {d.status_note}") if d.status_note else "")),
        ("Date", esc(long_date(d.decided_on or row.meeting_day) or "no date")),
        ("Where", where),
        (DECISION_PROCESS, esc(how)),
        ("Involvement", esc(f"{d.level.label} (rung {d.level.rung} of 5)")),
    ]))
    if d.summary:
        parts += ["<h2>In plain language</h2>", f"<p>{esc(d.summary)}</p>"]
    if d.text:
        parts += ["<h2>What was decided</h2>", f"<p>{esc(d.text)}</p>"]
    if d.rationale:
        parts += ["<h2>Why</h2>", f"<p>{esc(d.rationale)}</p>"]
    parts.append("<h2>Who shaped it</h2>")
    parts.append(_shaped(ed, trace))
    if trace.dissent:
        parts.append("<h2>Disagreement recorded</h2>")
        if ed.anonymised:
            parts.append(f"<p>{esc(ed.count(len(trace.dissent), 'member'))} recorded that they disagreed:</p>")
            parts.append(bullets(f"<blockquote>{esc(text)}</blockquote>" for _, text in trace.dissent))
        else:
            parts.append(bullets(f"{who(voice) if voice else 'A member'}: <q>{esc(text)}</q>" for voice, text in trace.dissent))
    parts.append("<h2>What was done</h2>")
    if trace.actions:
        parts.append(table(f"Actions from {d.ref}", ["Ref", "What", "Owner", "Status", "Outcome"], [
            [esc(a.ref), esc(a.title), who(trace.owners[a.id]), esc(a.status.label), esc(a.outcome or "")]
            for a in trace.actions]))
    else:
        parts.append("<p>No actions came from this decision.</p>")
    links = [("It replaced", trace.older), ("It was replaced by", trace.newer)]
    for label, decisions in links:
        if decisions:
            parts.append(f"<p>{esc(label)}: " + ", ".join(decision_link(x, clean) for x in decisions) + ".</p>")
    parts.append('<p><a href="index.html">Back to the decision log</a></p>')
    return "\n".join(parts)


def _shaped(ed: Edition, trace: DecisionTrace) -> str:
    out = []
    if trace.coproducers:
        names = [who(c.voice) for c in trace.coproducers]
        if ed.anonymised:
            groups = trace.people_balance.counts
            out.append("<p>Co-produced by " + esc(", ".join(
                f"{coarse(groups[g], 'person', 'people')} from {g.label.lower()}" for g in RoleGroup if groups.get(g))) + ".</p>")
        else:
            out.append("<p>Co-produced by: " + ", ".join(names) + ".</p>")
    if trace.sources:
        rows = [[esc(s.contribution.ref), f"<q>{esc(s.contribution.text)}</q>" + (f" ({esc(s.note)})" if s.note else ""),
                 who(s.voice), esc(f"{s.meeting.ref}, {long_date(s.meeting.day)}")] for s in trace.sources]
        out.append(table("Contributions that shaped it", ["Ref", "What was said", "By", "Meeting"], rows))
        balance = trace.source_balance
        out.append("<p>Sources by role: " + esc("; ".join(
            f"{g.label}: {ed.count(balance.counts.get(g, 0), 'contribution')}" for g in balance.shown_groups())) + ".</p>")
    if not out:
        out.append("<p>No contributions or co-producers were recorded for this decision.</p>")
    return "\n".join(out)


def you_said_body(ed: Edition, done: list[Action], decisions: dict[str, Decision]) -> str:
    parts = ["<h1>You said, we did</h1>",
             "<p>What the panel asked for, and what was done about it: actions completed, newest first.</p>"]
    rows = []
    for a in done:
        said = decisions.get(a.decision_id or "")
        rows.append([
            decision_link(said, ed.clean) if said else esc(ed.clean(a.title)),
            esc(ed.clean(a.title)) + (esc(f". {ed.clean(a.outcome)}") if a.outcome else ""),
            esc(long_date(a.closed_on) or ""),
        ])
    if rows:
        parts.append(table("You said, we did", ["You said", "We did", "Done on"], rows))
    else:
        parts.append("<p>No actions have been completed yet.</p>")
    return "\n".join(parts)


def actions_body(ed: Edition, actions: list[Action], decisions: dict[str, Decision]) -> str:
    parts = ["<h1>Actions</h1>", "<p>What the panel agreed to do, who is doing it, and where it has got to.</p>"]
    for heading, wanted in (("Open actions", False), ("Finished actions", True)):
        chosen = [a for a in actions if a.status.is_closed is wanted]
        parts.append(f"<h2>{esc(heading)}</h2>")
        if not chosen:
            parts.append("<p>None.</p>")
            continue
        rows = []
        for a in chosen:
            source = decisions.get(a.decision_id or "")
            rows.append([
                esc(a.ref), esc(ed.clean(a.title)), who(ed.voices.seen(a.owner_id)),
                esc(long_date(a.due_on) or "no date"),
                esc(a.status.label) + (esc(f": {ed.clean(a.outcome)}") if a.outcome else ""),
                decision_link(source, ed.clean) if source else "",
            ])
        parts.append(table(heading, ["Ref", "What", "Owner", "Due", "Status", "From decision"], rows))
    return "\n".join(parts)

