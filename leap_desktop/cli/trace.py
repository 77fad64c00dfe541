"""``leap trace``: who shaped a decision, and what came of it."""

from __future__ import annotations


from ..domain import rules
from ..domain.model import Decision
from ..domain.vocab import DECISION_PROCESS, ROLE_GROUPS_RULE
from .output import wrap


def cmd_trace(ctx) -> int:
    with ctx.open() as svc:
        decision = svc.resolve(Decision, ctx.args.decision)
        trace = svc.trace(decision.id)
    ctx.emit(trace.as_json(), lambda: render_trace(ctx, trace))
    return 0


def render_trace(ctx, trace) -> None:
    d = trace.decision
    ctx.print(f"{d.ref}  {d.title}")
    facts = [f"Status: {d.status.label}"]
    if d.method:
        method = d.method.label
        if d.votes:
            method += " ({} for, {} against, {} abstaining)".format(*d.votes)
        facts.append(f"{DECISION_PROCESS}: {method}")
    facts.append(f"Involvement: {d.level.label} (rung {d.level.rung} of 5)")
    ctx.print(" | ".join(facts))
    if trace.meeting:
        where = f"Made at {trace.meeting.ref} ({trace.meeting.title}, {trace.meeting.day})"
        if trace.item:
            where += f", on the item '{trace.item.title}'"
        ctx.print(where)
    if d.status_note:
        ctx.print(f"Status note: {d.status_note}")
    for label, text in (("Plain-language summary", d.summary), ("Decision", d.text), ("Rationale", d.rationale)):
        if text:
            ctx.print(f"{label}:")
            wrap(ctx, text)
    ctx.print()
    ctx.print(f"Co-producers ({len(trace.coproducers)}):")
    if not trace.coproducers:
        ctx.print("  (none recorded)")
    for c in trace.coproducers:
        roles = rules.roles_label(c.voice.roles) if c.voice.roles else ""
        roles = f" ({roles})" if roles and roles.casefold() != c.voice.label.casefold() else ""
        ctx.print(f"  {c.voice.label}{roles}")
        if c.named_directly:
            wrap(ctx, f"named directly{': ' + c.direct_note if c.direct_note else ''}", "      ")
        for s in c.contributions:
            note = f" [{s.note}]" if s.note else ""
            wrap(ctx, f"{s.contribution.ref} {s.contribution.kind.label.lower()}: \"{s.contribution.text}\"{note}", "      ")
    ctx.print()
    ctx.print(f"Share of sources by role: {trace.source_balance.describe()}")
    wrap(ctx, f"Who counts where: {ROLE_GROUPS_RULE}", "  ")
    if trace.older:
        ctx.print("Replaces: " + ", ".join(f"{o.ref} ({o.title})" for o in trace.older))
    if trace.newer:
        ctx.print("Replaced by: " + ", ".join(f"{n.ref} ({n.title})" for n in trace.newer))
    if trace.dissent:
        ctx.print("Recorded dissent:")
        for voice, text in trace.dissent:
            wrap(ctx, f"{voice.label if voice else 'Unattributed'}: \"{text}\"", "  ")
    ctx.print(f"Actions ({len(trace.actions)}):")
    if not trace.actions:
        ctx.print("  (none)")
    for a in trace.actions:
        line = f"{a.ref} [{a.status.label}] {a.title} (owner: {trace.owners[a.id].label}, due {a.due_on or 'no date'})"
        wrap(ctx, line, "  ")
        if a.outcome:
            wrap(ctx, f"Outcome: {a.outcome}", "      ")
