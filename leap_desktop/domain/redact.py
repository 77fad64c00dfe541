"""Names out of free text, as each person's attribution consent asks.

Contributions, decision texts, action titles, notes and outcomes are typed freely, and
people write each other's names in them ("Zara to send the plan", "I agree with tess").
Wherever such text reaches the panel (minutes, the decision log and its exports, the
action list, a trace, search results), :class:`Redactor` rewrites it:

* the names of people whose consent is **role only** or **anonymous** are replaced by
  ``[name removed]``;
* the names of people whose consent is **initials** are replaced by their initials
  ("Ben" and "Ben Okafor" become "B.O.");
* **named** people's names stay;
* the anonymised edition for publication (``anonymised=True``) removes everyone's name.

What counts as a name: the person's display name and preferred name in full, each part
of them of two letters or more, and their initials with and without dots ("B.O.",
"BO", written in capitals). Matching ignores case ("zara's point"), except for parts
that are also ordinary words (Will, Grace, May, Hope, Joy, Rose, Mark, Bell, Young...):
those are matched only when written with a capital ("Will" but not "will"), or as part
of the whole name ("will smith"). That errs on the private side: "Will the form be
ready?" loses its first word when someone on the panel called Will is not named.

When a form belongs to more than one person and their treatments differ (two Sams, one
named and one anonymous), the most private one wins, and a form that could be either of
two people's initials is removed rather than given the wrong initials.

Plain Python, no Qt and no SQL: the services and exports build one from the panel's
people and call it on every piece of free text they show.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ..words import fold
from .model import Person
from .rules import initials
from .vocab import Consent

REMOVED = "[name removed]"

#: Names that are also everyday words (mostly in lower case): matched only when they
#: start with a capital, or inside the person's whole name. Kept in lower case.
COMMON_WORDS = frozenset(
    """
    al amber angel april art august autumn basil bill bob bud buddy bunny candy carol chance
    charity chase chip cliff crystal daisy dale dawn destiny dot drew earl echo ed eve faith
    frank gene ginger glen grace guy harmony hazel heather holly honey hope hunter iris ivy
    jack jade jay jean joy june justice kitty liberty lily mark matt may melody mercy miles
    misty nick norm olive patience pat pearl penny pip poppy prudence rain ray reed rich
    river rob robin rod rose ruby rusty sage sandy scarlet sky sonny star storm sue summer
    sunny trinity van victor violet wade will winter wren
    baker banks bell best bird bishop black bond brook brown bush castle chambers church
    cook cross day dean east english fields fisher ford fox french friend frost gold good
    grant gray green grey hall hardy hill hunt king knight lake lamb lane law little long
    love major marsh mason miller moore noble north page park parks pond pool pope potter
    price rice rivers sharp shepherd shore short silver singer small snow south stone
    strong swan turner walker wall ward waters west white wise wood woods young
    """.split()
)

_KEEP = None  # a named person's name: left as written


class Redactor:
    """Rewrites free text so that it names people only as their consent allows."""

    REPLACEMENT = REMOVED

    def __init__(self, people: Iterable[Person], *, anonymised: bool = False):
        self.anonymised = anonymised
        # casefolded form -> set of treatments (None: keep; "[name removed]"; "B.O.")
        treatments: dict[str, set[str | None]] = {}
        sensitive: set[str] = set()  # forms matched only as written (capitalised)
        written: dict[str, set[str]] = {}  # casefolded form -> the ways it may be written
        for person in people:
            treatment = self._treatment(person)
            for form, exact in _forms(person):
                key = form.casefold()
                treatments.setdefault(key, set()).add(treatment)
                written.setdefault(key, set()).add(form)
                if exact:
                    sensitive.add(key)
        self._replacement: dict[str, str | None] = {}
        for key, found in treatments.items():
            if len(found) == 1:
                self._replacement[key] = next(iter(found))
            else:  # shared by people treated differently: the most private choice
                self._replacement[key] = REMOVED
        alternatives = []
        for key in sorted(treatments, key=lambda k: (-len(k), k)):  # "Amira Khan" before "Amira"
            if key in sensitive:  # as written with a capital, or all in capitals
                variants = sorted({v for w in written[key] for v in (w[:1].upper() + w[1:], w.upper())})
                alternatives.extend(re.escape(v) for v in variants)
            else:
                alternatives.append(f"(?i:{re.escape(key)})")
        self.pattern = (
            re.compile(r"(?<![\w.])(?P<name>" + "|".join(alternatives) + r")(?!\w)(?P<s>['\u2019][sS](?!\w))?")
            if alternatives
            else None
        )
        self._hidden = {k for k, v in self._replacement.items() if v is not _KEEP}
        self._hidden_folded = {fold(k) for k in self._hidden}  # a form shared once folded: the private choice
        self._sensitive = sensitive
        #: Two redactors with the same key rewrite every text the same way (a screen
        #: need not be redrawn when the panel's people change in some other way).
        self.key = (anonymised, self.pattern.pattern if self.pattern else "",
                    tuple(sorted((k, v or "") for k, v in self._replacement.items())))

    def _treatment(self, person: Person) -> str | None:
        if self.anonymised:
            return REMOVED
        if person.consent is Consent.NAMED:
            return _KEEP
        if person.consent is Consent.INITIALS:
            return initials(person.display_name)
        return REMOVED

    def __call__(self, text: str | None) -> str | None:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match) -> str:
        name = match.group("name")
        replacement = self._replacement.get(name.casefold(), REMOVED)
        if replacement is _KEEP:
            return match.group(0)
        suffix = match.group("s") or ""
        if replacement.endswith(".") and not suffix and match.string[match.end() : match.end() + 1] == ".":
            replacement = replacement[:-1]  # "from Tess." is "from T.V.", not "T.V.."
        return replacement + suffix

    def hides(self, word: str) -> bool:
        """Whether ``word`` is (part of) the name of someone not shown by name here: a
        search for it would tell which records mention them."""
        cleaned = word.strip().strip("\"'\u2019*").casefold()
        if cleaned.endswith(("'s", "\u2019s")):
            cleaned = cleaned[:-2]
        if cleaned in self._sensitive and not word.strip("\"'*")[:1].isupper():
            return False  # "will", the word, not Will
        # Searches fold accents ("Sian" finds "Siân"), so a hidden name is dropped however it is typed.
        return cleaned in self._hidden or fold(cleaned) in self._hidden_folded

    def search_words(self, text: str) -> tuple[str, bool]:
        """``text`` without the words that are hidden names, and whether any were dropped."""
        words = text.split()
        kept = [w for w in words if not self.hides(w)]
        return " ".join(kept), len(kept) != len(words)


def speaker_redactor(person: Person, override: Consent | None) -> Redactor | None:
    """For a contribution made more private than its speaker's consent (a named member
    who asked for one remark to be anonymous): a Redactor that takes the speaker's own
    name out of it too, or None when no more is needed. Applied after the panel's."""
    if override is None or override.privacy <= person.consent.privacy:
        return None
    return Redactor([dataclasses.replace(person, consent=override)])


def _forms(person: Person) -> list[tuple[str, bool]]:
    """(form, matched only as written) for every way the person's name may be written."""
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()

    def add(form: str, exact: bool) -> None:
        if form and form not in seen:
            seen.add(form)
            out.append((form, exact))

    for full in (person.display_name, person.preferred_name or ""):
        full = " ".join(full.split())
        if not full:
            continue
        parts = [p for p in re.split(r"[\s\-]+", full) if len(p) >= 2]
        add(full, len(parts) <= 1 and full.casefold() in COMMON_WORDS)
        for part in parts:
            add(part, part.casefold() in COMMON_WORDS)
        letters = initials(full)
        if len(letters) >= 4:  # "B.O." but not a lone "A."
            add(letters, True)
            add(letters.replace(".", ""), True)
    return out
