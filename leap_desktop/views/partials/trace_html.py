"""A decision's trace as a readable document for the decision log's detail pane.

Plain HTML for a QTextBrowser: headings a screen reader can move through, numbers
in words as well as in the bar, and links (Tab to reach them, Enter to follow) to
the decisions it replaced or was replaced by, its actions, and the co-producers who
are shown by name. People appear only as their attribution consent allows; someone
who is not named is never a link, so the panel-facing log cannot unmask them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ...domain.model import Action, Decision
from ...domain.vocab import DECISION_PROCESS, ROLE_GROUPS_RULE, ActionStatus, InvolvementLevel
from ...words import day, days_between, plural
from ...services.trace import Balance, DecisionTrace, Voice

ARROW = " \u2192 "
BAR_WIDTH = 200  # pixels: the bar repeats the share drawn to scale
LADDER = ", ".join(level.label.lower() for level in InvolvementLevel)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _para(text: str | None) -> str:
    if not text:
        return ""
    return "<br>".join(_e(line) for line in text.strip().splitlines())


def _link(kind: str, record_id: str, text: str, links: set[str]) -> str:
    if kind not in links:
        return _e(text)
    return f'<a href="{kind}:{_e(record_id)}">{_e(text)}</a>'


def _voice(voice: Voice, links: set[str]) -> str:
    name = _link("person", voice.person_id, voice.label, links) if voice.named else _e(voice.label)
    roles = ", ".join(r.label.lower() for r in voice.roles)
    if roles and roles.lower() != voice.label.lower():
        return f"{name} ({_e(roles)})"
    return name


def _status_line(trace: DecisionTrace, links: set[str]) -> str:
    d = trace.decision
    parts = [f"<b>{_e(d.status.label)}</b>"]
    if d.decided_on:
        parts[0] += f" on {_e(day(d.decided_on))}"
    if trace.meeting is not None:
        meeting = _link("meeting", trace.meeting.id, f"{trace.meeting.ref} {trace.meeting.title}", links)
        parts.append(f"at {meeting}" + (f", item \u201c{_e(trace.item.title)}\u201d" if trace.item else ""))
    if d.method is not None:
        if d.votes:
            votes_for, against, abstain = d.votes
            parts.append(f"by a vote: {votes_for} for, {against} against, {abstain} abstained")
        else:
            parts.append(f"{DECISION_PROCESS.lower()}: {_e(d.method.label.lower())}")
    return " · ".join(parts)


def _balance_table(balance: Balance, noun: str, plural_noun: str, bar_colour: str) -> str:
    """Counts and shares in words and numbers; the bar only repeats them."""
    if not balance.total:
        return f"<p>No {plural_noun} recorded yet.</p>"
    rows = []
    for group in balance.shown_groups():
        count = balance.counts.get(group, 0)
        share = balance.share(group)
        width = max(1, round(share * 100)) if count else 0
        if count:
            rest = f'<td width="{100 - width}%"></td>' if width < 100 else ""
            bar = (
                '<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
                f'<td width="{width}%" bgcolor="{bar_colour}">&nbsp;</td>{rest}</tr></table>'
            )
        else:
            bar = ""
        rows.append(
            f"<tr><td>{_e(group.label)}:&nbsp;&nbsp;</td>"
            f'<td align="right"><b>{count:,}</b> of {_e(plural(balance.total, noun, plural_noun))}&nbsp;</td>'
            f'<td align="right"><b>{share:.0%}</b>&nbsp;&nbsp;</td><td width="{BAR_WIDTH}">{bar}</td></tr>'
        )
    return '<table cellspacing="0" cellpadding="3" style="margin-bottom: 10px">' + "".join(rows) + "</table>"


def _chain(trace: DecisionTrace, links: set[str]) -> str:
    if not trace.older and not trace.newer:
        return ""
    steps: list[str] = []
    for old in reversed(trace.older):  # oldest first
        steps.append(_decision_link(old, links))
    steps.append(f"<b>{_e(trace.decision.ref)} (this decision)</b>")
    for new in trace.newer:
        steps.append(_decision_link(new, links))
    explanation = []
    if trace.older:
        explanation.append(f"It replaced {_e(trace.older[0].ref)}.")
    if trace.newer:
        explanation.append(f"It was replaced by {_e(trace.newer[0].ref)}.")
    return (
        "<h3>What it replaced, and what replaced it</h3>"
        f"<p>{' '.join(explanation)}</p>"
        f"<p>Oldest first: {ARROW.join(steps)}</p>"
    )


def _decision_link(decision: Decision, links: set[str]) -> str:
    text = f"{decision.ref} {decision.title} ({decision.status.label.lower()})"
    return _link("decision", decision.id, text, links)


def _action_state(action: Action, today: str) -> str:
    if action.status is ActionStatus.DONE:
        text = f"Done on {_e(day(action.closed_on))}" if action.closed_on else "Done"
        return text + (f": {_e(action.outcome)}" if action.outcome else "")
    if action.status is ActionStatus.DROPPED:
        return "Dropped" + (f": {_e(action.outcome)}" if action.outcome else "")
    state = _e(action.status.label)
    if action.due_on:
        if action.is_overdue(today):
            late = days_between(action.due_on, today)
            return f"{state}, <b>\u26a0 Overdue by {plural(late, 'day')}</b> (due {_e(day(action.due_on))})"
        return f"{state}, due {_e(day(action.due_on))}"
    return f"{state}, no due date"


def _actions(trace: DecisionTrace, today: str, links: set[str]) -> str:
    if not trace.actions:
        return "<h3>Actions</h3><p>No actions from this decision yet.</p>"
    items = []
    for action in trace.actions:
        owner = trace.owners.get(action.id)
        owner_text = f" \u2013 {_voice(owner, links)}" if owner else ""
        items.append(
            f"<li>{_link('action', action.id, action.ref, links)} {_e(action.title)}{owner_text}"
            f"<br>{_action_state(action, today)}</li>"
        )
    return f"<h3>Actions ({len(trace.actions)})</h3><ul>{''.join(items)}</ul>"


def _coproducers(trace: DecisionTrace, links: set[str]) -> str:
    if not trace.coproducers:
        return "<h3>Who shaped it</h3><p>No co-producers recorded.</p>"
    items = []
    for entry in trace.coproducers:
        how = []
        if entry.contributions:
            how.append("through " + ", ".join(s.contribution.ref for s in entry.contributions))
        if entry.named_directly:
            how.append("directly" + (f": {_e(entry.direct_note)}" if entry.direct_note else ""))
        items.append(f"<li>{_voice(entry.voice, links)} \u2013 {'; '.join(how)}</li>")
    # No head count: a person whose single contribution asked for more privacy appears
    # as a separate voice, and a count of people would give that away.
    return f"<h3>Who shaped it</h3><ul>{''.join(items)}</ul>"


def _sources(trace: DecisionTrace, links: set[str]) -> str:
    if not trace.sources:
        return "<h3>What was said that shaped it</h3><p>No contributions are linked to this decision.</p>"
    blocks = []
    for source in trace.sources:
        c = source.contribution
        where = f"{source.meeting.ref}, {day(source.meeting.day)}, item \u201c{source.item.title}\u201d"
        block = (
            f"<p><b>{_e(c.ref)} \u00b7 {_e(c.kind.label)}</b> from {_voice(source.voice, links)}"
            f"<br><small>{_e(where)}</small>"
            f"<br>\u201c{_para(c.text)}\u201d"
        )
        if source.note:
            block += f"<br><i>How it shaped the decision:</i> {_para(source.note)}"
        blocks.append(block + "</p>")
    return f"<h3>What was said that shaped it ({plural(len(trace.sources), 'contribution')})</h3>" + "".join(blocks)


def _dissent(trace: DecisionTrace, links: set[str]) -> str:
    if not trace.dissent:
        return ""
    items = [
        f"<li>{_voice(voice, links) if voice else 'Not attributed'}: \u201c{_para(text)}\u201d</li>"
        for voice, text in trace.dissent
    ]
    return f"<h3>Dissent recorded ({len(trace.dissent)})</h3><ul>{''.join(items)}</ul>"


def render(trace: DecisionTrace, *, today: str, links: Iterable[str] = (), bar_colour: str = "#1f5f8b") -> str:
    """The whole trace as HTML. ``links`` names the kinds of record the page can open
    (``decision``, ``person``, ``action``, ``meeting``); others are plain text."""
    links = set(links)
    d = trace.decision
    level = d.level
    parts = [
        f"<h2>{_e(d.ref)} \u00b7 {_e(d.title)}</h2>",
        f"<p>{_status_line(trace, links)}</p>",
        f"<p>Involvement: <b>{_e(level.label)}</b> (level {level.rung} of {len(InvolvementLevel)}: {_e(LADDER)})</p>",
    ]
    if d.status_note:
        parts.append(f"<p><i>Note on its status:</i> {_para(d.status_note)}</p>")
    if d.summary:
        parts.append(f"<p><i>In plain words:</i> {_para(d.summary)}</p>")
    if d.text and d.text != d.summary:
        parts.append(f"<p>{_para(d.text)}</p>")
    if d.rationale:
        parts.append(f"<p><i>Why:</i> {_para(d.rationale)}</p>")
    parts.append(_coproducers(trace, links))
    parts.append("<h3>Share of sources by role</h3>")
    parts.append(_balance_table(trace.source_balance, "source", "sources", bar_colour))
    parts.append(f"<p>Who counts where: {_e(ROLE_GROUPS_RULE)}</p>")
    parts.append(_sources(trace, links))
    parts.append(_chain(trace, links))
    parts.append(_actions(trace, today, links))
    parts.append(_dissent(trace, links))
    return "".join(parts)


def empty(text: str) -> str:
    return f"<p>{_e(text)}</p>"
