"""The SQL behind participation and influence (issue 14): one named query per figure.

Each query takes the period as its first two parameters (``from_day``, ``to_day``,
ISO dates, both included) and counts only what is live (not deleted) at meetings that
were held (not planned, not cancelled). A person's role group is worked out in SQL
from their roles, by the same precedence as ``domain.rules.role_group`` (the CASE is
built from the domain's own tables, so the two cannot drift apart).

``QUERIES`` names them all, so ``benchmarks/bench_reports.py`` can time each raw
query beside the service call that runs it.
"""

from __future__ import annotations

from typing import Any

from ..domain.vocab import ROLE_GROUPS, RoleGroup
from .panel_store import PanelStore

EARLIEST, LATEST = "0000-01-01", "9999-12-31"


def _group_case(roles: str) -> str:
    """SQL for a person's role group from their roles (a JSON list), first group that fits."""
    whens = []
    for group in RoleGroup:
        codes = ", ".join(f"'{role.value}'" for role, g in ROLE_GROUPS.items() if g is group)
        whens.append(f"WHEN EXISTS (SELECT 1 FROM json_each({roles}) WHERE value IN ({codes})) THEN '{group.value}'")
    return f"CASE {' '.join(whens)} ELSE '{RoleGroup.OBSERVERS.value}' END"


_HELD = "m.deleted_at IS NULL AND m.status NOT IN ('planned', 'cancelled') AND substr(m.starts_at, 1, 10) BETWEEN ?1 AND ?2"
_PEOPLE = f"pg AS (SELECT id, number, display_name, {_group_case('roles')} AS grp FROM people)"
_PRESENT = f"""pres AS (
    SELECT a.person_id, m.id AS meeting_id, m.number AS meeting, substr(m.starts_at, 1, 10) AS day
    FROM attendance a JOIN meetings m ON m.id = a.meeting_id
    WHERE a.deleted_at IS NULL AND a.status = 'present' AND {_HELD})"""
_SAID = f"""said AS (
    SELECT i.meeting_id, c.person_id, count(*) AS n
    FROM contributions c JOIN agenda_items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id
    WHERE c.deleted_at IS NULL AND i.deleted_at IS NULL AND {_HELD}
    GROUP BY i.meeting_id, c.person_id)"""
_DECIDED = f"""dd AS (
    SELECT d.id, d.level, coalesce(d.decided_on, substr(m.starts_at, 1, 10)) AS day,
           coalesce(sd.stage_id, si.stage_id) AS stage_id
    FROM decisions d
    LEFT JOIN meetings m ON m.id = d.meeting_id
    LEFT JOIN research_stage_marks sd ON sd.decision_id = d.id AND sd.deleted_at IS NULL
    LEFT JOIN research_stage_marks si ON si.item_id = d.item_id AND si.item_id IS NOT NULL AND si.deleted_at IS NULL
    WHERE d.deleted_at IS NULL AND coalesce(d.decided_on, substr(m.starts_at, 1, 10)) BETWEEN ?1 AND ?2)"""

QUERIES: dict[str, str] = {
    # meeting, day: every held meeting in the period
    "meetings": f"""
        SELECT m.number AS meeting, substr(m.starts_at, 1, 10) AS day, (SELECT min(ps.sent_on) FROM papers_sent ps WHERE ps.meeting_id = m.id AND ps.deleted_at IS NULL) AS papers_sent_on
        FROM meetings m WHERE {_HELD} ORDER BY m.starts_at, m.number""",
    # meeting -> when its papers first went out (the sent log), and how many days before
    # the meeting (Communications)
    "papers": f"""
        SELECT meeting, day, papers_sent_on,
               CAST(julianday(day) - julianday(papers_sent_on) AS INTEGER) AS days_before
        FROM (SELECT m.number AS meeting, m.starts_at AS starts_at, substr(m.starts_at, 1, 10) AS day,
                     (SELECT min(ps.sent_on) FROM papers_sent ps WHERE ps.meeting_id = m.id AND ps.deleted_at IS NULL) AS papers_sent_on
              FROM meetings m WHERE {_HELD})
        ORDER BY starts_at, meeting""",
    # role group -> how many different people were present at least once
    "make_up": f"""
        WITH {_PEOPLE}, {_PRESENT}
        SELECT pg.grp AS grp, count(DISTINCT pres.person_id) AS people
        FROM pres JOIN pg ON pg.id = pres.person_id GROUP BY pg.grp""",
    # meeting, role group -> people present
    "attendance": f"""
        WITH {_PEOPLE}, {_PRESENT}
        SELECT pres.meeting AS meeting, pg.grp AS grp, count(*) AS present
        FROM pres JOIN pg ON pg.id = pres.person_id GROUP BY pres.meeting, pg.grp""",
    # meeting, role group -> contributions recorded
    "contributions": f"""
        WITH {_PEOPLE}, {_SAID}
        SELECT m.number AS meeting, pg.grp AS grp, sum(said.n) AS contributions
        FROM said JOIN pg ON pg.id = said.person_id JOIN meetings m ON m.id = said.meeting_id
        GROUP BY m.number, pg.grp""",
    # meeting -> people present, and how many of them made a contribution
    "spoke": f"""
        WITH {_PRESENT}, {_SAID}
        SELECT pres.meeting AS meeting, count(*) AS present, count(said.person_id) AS spoke
        FROM pres LEFT JOIN said ON said.meeting_id = pres.meeting_id AND said.person_id = pres.person_id
        GROUP BY pres.meeting""",
    # member -> meetings they were present at since they were last heard (?3 or more)
    "not_heard": f"""
        WITH {_PEOPLE}, {_PRESENT}, {_SAID},
        last AS (SELECT pres.person_id, max(pres.day) AS heard FROM pres
                 JOIN said ON said.meeting_id = pres.meeting_id AND said.person_id = pres.person_id
                 GROUP BY pres.person_id)
        SELECT pg.number AS number, pg.display_name AS name, pg.grp AS grp, count(*) AS silent, last.heard AS heard
        FROM pres JOIN pg ON pg.id = pres.person_id LEFT JOIN last ON last.person_id = pres.person_id
        WHERE pg.grp IN ('lived_experience', 'carers') AND (last.heard IS NULL OR pres.day > last.heard)
        GROUP BY pres.person_id HAVING count(*) >= ?3 ORDER BY count(*) DESC, pg.number""",
    # period bucket -> decisions, and how many had a lived-experience or carer voice
    "decision_voices": f"""
        WITH {_PEOPLE}, {_DECIDED},
        voices AS (
            SELECT s.decision_id, c.person_id FROM decision_sources s JOIN contributions c ON c.id = s.contribution_id
            WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL
            UNION SELECT decision_id, person_id FROM decision_coproducers WHERE deleted_at IS NULL),
        lived AS (SELECT DISTINCT voices.decision_id FROM voices JOIN pg ON pg.id = voices.person_id
                  WHERE pg.grp IN ('lived_experience', 'carers'))
        SELECT substr(dd.day, 1, ?3) AS bucket, count(*) AS decisions, count(lived.decision_id) AS lived
        FROM dd LEFT JOIN lived ON lived.decision_id = dd.id GROUP BY bucket ORDER BY bucket""",
    # period bucket, involvement level -> decisions
    "decision_levels": f"""
        WITH {_DECIDED}
        SELECT substr(dd.day, 1, ?3) AS bucket, dd.level AS level, count(*) AS decisions
        FROM dd GROUP BY bucket, dd.level ORDER BY bucket""",
    # period bucket, research stage -> decisions (the stage set on the decision, else on its item)
    "decision_stages": f"""
        WITH {_DECIDED}
        SELECT substr(dd.day, 1, ?3) AS bucket, s.name AS stage, s.position AS position, count(*) AS decisions
        FROM dd LEFT JOIN research_stages s ON s.id = dd.stage_id AND s.deleted_at IS NULL
        GROUP BY bucket, s.id ORDER BY bucket, s.position""",
    # what changed -> impact log entries (dated by the activity, else its meeting)
    "impact_outcomes": """
        SELECT e.outcome AS outcome, count(*) AS entries
        FROM impact_entries e LEFT JOIN meetings m ON m.id = e.meeting_id
        WHERE e.deleted_at IS NULL AND coalesce(e.activity_on, substr(m.starts_at, 1, 10), '') BETWEEN ?1 AND ?2
        GROUP BY e.outcome""",
    # contributions at the period's meetings: shaped a decision, noted, not taken up, nothing recorded
    "contribution_uptake": f"""
        WITH c AS (
            SELECT EXISTS (SELECT 1 FROM decision_sources s JOIN decisions d ON d.id = s.decision_id
                           WHERE s.contribution_id = c.id AND s.deleted_at IS NULL AND d.deleted_at IS NULL) AS shaped,
                   (SELECT u.status FROM contribution_uptake u
                    WHERE u.contribution_id = c.id AND u.deleted_at IS NULL) AS status
            FROM contributions c JOIN agenda_items i ON i.id = c.item_id JOIN meetings m ON m.id = i.meeting_id
            WHERE c.deleted_at IS NULL AND {_HELD})
        SELECT coalesce(sum(shaped), 0) AS shaped,
               coalesce(sum(NOT shaped AND status = 'noted'), 0) AS noted,
               coalesce(sum(NOT shaped AND status = 'not_taken_up'), 0) AS not_taken_up,
               coalesce(sum(NOT shaped AND status IS NULL), 0) AS unknown
        FROM c""",
    # each action done in the period: set, due, done, where it was reported back, and the days between
    "you_said": """
        WITH done AS (
            SELECT a.*, coalesce(a.reported_meeting_id, (
                SELECT m2.id FROM meetings m2
                WHERE m2.deleted_at IS NULL AND m2.status NOT IN ('planned', 'cancelled')
                  AND substr(m2.starts_at, 1, 10) >= a.closed_on
                ORDER BY m2.starts_at LIMIT 1)) AS back_id
            FROM actions a
            WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.closed_on BETWEEN ?1 AND ?2),
        dated AS (
            SELECT done.number AS number,
                   coalesce(substr(im.starts_at, 1, 10), d.decided_on, substr(dm.starts_at, 1, 10),
                            substr(done.created_at, 1, 10)) AS set_on,
                   done.due_on AS due_on, done.closed_on AS done_on,
                   rm.number AS back_meeting, substr(rm.starts_at, 1, 10) AS back_on
            FROM done
            LEFT JOIN agenda_items i ON i.id = done.item_id LEFT JOIN meetings im ON im.id = i.meeting_id
            LEFT JOIN decisions d ON d.id = done.decision_id LEFT JOIN meetings dm ON dm.id = d.meeting_id
            LEFT JOIN meetings rm ON rm.id = done.back_id)
        SELECT *, CAST(julianday(done_on) - julianday(due_on) AS INTEGER) AS late,
               CAST(julianday(back_on) - julianday(done_on) AS INTEGER) AS to_back,
               CAST(julianday(back_on) - julianday(set_on) AS INTEGER) AS set_to_back
        FROM dated ORDER BY done_on, number""",
}


def params(name: str, from_day: str | None, to_day: str | None, extra: Any = None) -> list[Any]:
    """The parameters of query ``name`` for a period (None: from the beginning, to the end)."""
    out: list[Any] = [from_day or EARLIEST, to_day or LATEST]
    if extra is not None:
        out.append(extra)
    return out


def run(store: PanelStore, name: str, from_day: str | None, to_day: str | None, extra: Any = None) -> list[dict[str, Any]]:
    """The rows of query ``name`` for the period."""
    return store.rows(QUERIES[name], params(name, from_day, to_day, extra))
