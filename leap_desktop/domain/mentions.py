"""Mentions: people named in free text exactly, and words that only look like names.

A **mention** is a link to a panel member kept inside the text itself, as the token
``@[P-12]`` (the person's short reference). The text is stored with the token; every
output renders it through the :class:`~leap_desktop.domain.redact.Redactor`, exactly as
that person's attribution consent allows (their name, their initials, their role in
square brackets, or "[name removed]"). Nothing of the person's name is in the stored
text, so a place that forgot to render it would show only ``@[P-12]``.

A **suspected mention** is a word that only looks like a member's name ("Will" in
"Will my GP be told?"). The Redactor still hides it in what the panel reads (the private
side), until the coordinator's **names check** settles it: "this is <person>" turns the
word into a mention in the text; "not a name" is remembered as a :class:`NameMark`, for
those exact words (the text's key, the word and where it starts). Editing the text makes
a mark stale, and the word is checked again.

**Frozen names** (:class:`FrozenNames`): what the guesses were when minutes were
approved, kept with them, so that adding a member (or renaming one) never changes what
approved minutes say; people's consent still applies as it stands.

Plain Python, no Qt and no SQL.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import fields as f
from .errors import RuleError, shown
from .record import Record

#: The stored form of a mention: ``@[P-12]``.
TOKEN = re.compile(r"@\[P-(\d{1,9})\]")
#: A mention broken up by a search's highlights ("@[[P]-12]") or cut short at the edge
#: of a search snippet ("P-12]", "@[P-12…"): read as the mention, never shown as a number.
FRAGMENT = re.compile(r"@?\[?\[?P\]?-\[?(\d{1,9})\]?(?:\]|(?=…|$))")
#: A verdict on a suspected mention kept as a mark (a person's is kept in the text).
NOT_A_NAME = "not_a_name"

#: The free-text fields of each table that reach the panel (what a names check reads).
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "panel": ("name", "advises"),
    "meetings": ("title", "place"),
    "attendance": ("meeting_role",),
    "agenda_items": ("title", "notes"),
    "contributions": ("text",),
    "decisions": ("title", "text", "rationale", "summary", "status_note"),
    "decision_sources": ("note",),
    "decision_coproducers": ("note",),
    "decision_dissent": ("text",),
    "actions": ("title", "outcome"),
    "minutes_versions": ("circulated_to", "amendment_reason"),
}


def token(number: int) -> str:
    """The mention of person P-``number`` as it is stored in text."""
    return f"@[P-{number}]"


def mentioned(text: str | None) -> list[int]:
    """The person numbers ``text`` mentions, in order (repeats kept)."""
    return [int(m.group(1)) for m in TOKEN.finditer(text or "")]


def text_key(text: str) -> str:
    """A key for exactly these words: a "not a name" mark holds only for them."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Guess:
    """A word in a text that looks like the name of one or more people."""

    start: int
    end: int
    word: str
    person_ids: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class NameMark(Record):
    """A word the names check found to be not a name, in one record's text."""

    record_table: str
    record_id: str
    field: str
    start: int
    word: str
    text_key: str
    verdict: str = NOT_A_NAME

    TABLE = "name_marks"
    FIELDS = {
        "record_table": f.Text("Table", required=True, max_len=60),
        "record_id": f.Text("Record", required=True, max_len=60),
        "field": f.Text("Field", required=True, max_len=60),
        "start": f.Number("Where the word starts", 0, 50_000_000, required=True),
        "word": f.Text("Word", required=True, max_len=200),
        "text_key": f.Text("Text key", required=True, max_len=64),
        "verdict": f.Text("Verdict", required=True, max_len=40),
    }

    def check(self) -> None:
        if self.verdict != NOT_A_NAME:
            raise RuleError(f"A names check mark says {NOT_A_NAME!r}, not {shown(self.verdict)}", "verdict")
        if not re.fullmatch(r"[0-9a-f]{32}", self.text_key):
            raise RuleError("The text key of a names check mark is 32 hexadecimal digits", "text_key")

    @property
    def spot(self) -> tuple[str, int, str]:
        return (self.text_key, int(self.start), self.word)


MENTION_TYPES: tuple[type[Record], ...] = (NameMark,)


@dataclass
class FrozenNames:
    """The guessed names of approved minutes' texts, as they were at approval:
    text key -> [(start, end, person ids)]. A text not listed is read as usual."""

    texts: dict[str, list[tuple[int, int, tuple[str, ...]]]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {key: [[s, e, list(ids)] for s, e, ids in spans] for key, spans in sorted(self.texts.items())}

    @classmethod
    def from_json(cls, data: Any) -> "FrozenNames | None":
        if not isinstance(data, dict):
            return None
        texts = {}
        for key, spans in data.items():
            texts[str(key)] = [(int(s), int(e), tuple(str(i) for i in ids)) for s, e, ids in spans]
        return cls(texts)

    def add(self, text: str, guesses: list[Guess]) -> None:
        self.texts[text_key(text)] = [(g.start, g.end, g.person_ids) for g in guesses]


def texts_of_rows(rows: dict[str, list[dict[str, Any]]]):
    """(table, row, field, text) for every free text of stored rows, by table."""
    for table, fields_ in FREE_TEXT.items():
        for row in rows.get(table, []):
            for name in fields_:
                value = row.get(name)
                if isinstance(value, str) and value:
                    yield table, row, name, value


def freeze(redactor, texts) -> FrozenNames:
    """The guesses of ``redactor`` (marks applied) in each of ``texts``."""
    frozen = FrozenNames()
    for text in texts:
        if text:
            frozen.add(text, redactor.guesses(text))
    return frozen


def dumps_frozen(frozen: FrozenNames) -> str:
    return json.dumps(frozen.as_json(), sort_keys=True, separators=(",", ":"))
