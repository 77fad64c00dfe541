"""What the decision log's search box looks in: a decision's own words, the words of
the contributions that shaped it, and the names of the people who shaped it, as their
consent allows.

Every word typed must be found somewhere in that whole (in the decision, in one of its
sources, or in a co-producer's name), the last one as the beginning of a word, so
results appear while typing. Accents are folded everywhere: the full-text indexes use
SQLite's ``unicode61 remove_diacritics 2`` tokenizer, and names are folded the same way
here (``Sian`` finds Siân, ``siân`` finds Sian).

Only a name the panel may read finds anything: a co-producer is matched by name only
where the decision's trace shows that name, that is, when they are named and (for a
contribution) the remark was not made more private. People shown by initials, by role
only or anonymously never match by name, so a search cannot tell which decisions they
shaped.
"""

from __future__ import annotations

import re
from typing import Any

from ..domain.model import Person
from ..domain.vocab import Consent
from ..words import fold
from .panel_store import PanelStore


def fts_terms(text: str) -> list[tuple[str, str]]:
    """(FTS5 phrase, the chunk as typed) for each chunk of ``text`` worth looking for.

    Each whitespace-separated chunk becomes a quoted phrase (so quotes, AND, OR, NEAR,
    ``*``, brackets and colons are just text); the last matches as a prefix."""
    terms = []
    for chunk in text.split():
        if not any(ch.isalnum() for ch in chunk):
            continue
        cleaned = "".join(ch for ch in chunk if ch.isprintable())
        terms.append(['"' + cleaned.replace('"', '""') + '"', cleaned])
    if terms:
        terms[-1][0] += "*"
    return [(phrase, chunk) for phrase, chunk in terms]


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def named_people_matching(people: list[Person], chunk: str, *, prefix: bool) -> list[str]:
    """Ids of the people shown by name whose name holds ``chunk``'s words in order (the
    last one as the start of a word when ``prefix``), accents folded."""
    wanted = _tokens(chunk)
    if not wanted:
        return []
    found = []
    for person in people:
        if person.consent is not Consent.NAMED:
            continue
        for name in (person.display_name, person.preferred_name or ""):
            if _holds(_tokens(name), wanted, prefix):
                found.append(person.id)
                break
    return found


def _holds(tokens: list[str], wanted: list[str], prefix: bool) -> bool:
    for start in range(len(tokens) - len(wanted) + 1):
        window = tokens[start:start + len(wanted)]
        if window[:-1] != wanted[:-1]:
            continue
        last, typed = window[-1], wanted[-1]
        if last == typed or (prefix and last.startswith(typed)):
            return True
    return False


_TEXT = """(
    d.number IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)
    OR d.id IN (
        SELECT s.decision_id FROM decision_sources s JOIN contributions c ON c.id = s.contribution_id
        WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL
          AND c.number IN (SELECT rowid FROM contributions_fts WHERE contributions_fts MATCH ?)){names})"""

_NAMES = """
    OR d.id IN (
        SELECT s.decision_id FROM decision_sources s JOIN contributions c ON c.id = s.contribution_id
        WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL AND c.person_id IN ({marks})
          AND (c.attribution IS NULL OR c.attribution = 'named'))
    OR d.id IN (
        SELECT cp.decision_id FROM decision_coproducers cp
        WHERE cp.deleted_at IS NULL AND cp.person_id IN ({marks}))"""


def text_clauses(store: PanelStore, text: str) -> tuple[list[str], list[Any]] | None:
    """SQL conditions on ``decisions d`` (one per word typed, all to hold) and their
    parameters; None when nothing in ``text`` can be looked for."""
    terms = fts_terms(text)
    if not terms:
        return None
    people = store.find(Person)
    clauses: list[str] = []
    params: list[Any] = []
    for position, (phrase, chunk) in enumerate(terms):
        ids = named_people_matching(people, chunk, prefix=position == len(terms) - 1)
        names = _NAMES.format(marks=", ".join("?" for _ in ids)) if ids else ""
        clauses.append(_TEXT.format(names=names))
        params += [phrase, phrase, *ids, *ids]
    return clauses, params
