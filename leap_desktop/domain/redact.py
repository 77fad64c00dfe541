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

from .mentions import FRAGMENT, TOKEN, FrozenNames, Guess, text_key, token
from ..words import fold
from .model import Person
from .rules import initials, roles_label
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
    """Rewrites free text so that it names people only as their consent allows.

    Mentions (``@[P-12]``, see :mod:`.mentions`) are exact: each becomes the person as
    their consent allows. Words that only look like a name are guesses: hidden as above
    unless ``marks`` says the names check found them not to be a name. ``frozen`` (the
    guesses kept with approved minutes) replaces guessing for the texts it lists."""

    REPLACEMENT = REMOVED

    def __init__(self, people: Iterable[Person], *, anonymised: bool = False, marks: Iterable = (),
                 frozen: FrozenNames | None = None):
        self.anonymised = anonymised
        people = list(people)
        self._by_number = {p.number: p for p in people if p.number is not None}
        self._treatment_of = {p.id: self._treatment(p) for p in people}
        # casefolded form -> ids of the people it may name
        owners: dict[str, set[str]] = {}
        sensitive: set[str] = set()  # forms matched only as written (capitalised)
        written: dict[str, set[str]] = {}  # casefolded form -> the ways it may be written
        for person in people:
            for form, exact in _forms(person):
                key = form.casefold()
                owners.setdefault(key, set()).add(person.id)
                written.setdefault(key, set()).add(form)
                if exact:
                    sensitive.add(key)
        self._owners = {k: tuple(sorted(v)) for k, v in owners.items()}
        self._replacement: dict[str, str | None] = {k: self._combined(v) for k, v in self._owners.items()}
        alternatives = []
        for key in sorted(owners, key=lambda k: (-len(k), k)):  # "Amira Khan" before "Amira"
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
        self._marks = frozenset(getattr(m, "spot", m) for m in marks)
        self._frozen = frozen
        self._hidden = {k for k, v in self._replacement.items() if v is not _KEEP}
        self._hidden_folded = {fold(k) for k in self._hidden}  # a form shared once folded: the private choice
        self._sensitive = sensitive
        #: Two redactors with the same key rewrite every text the same way (a screen
        #: need not be redrawn when the panel's people change in some other way).
        self.key = (anonymised, self.pattern.pattern if self.pattern else "",
                    tuple(sorted((k, v or "") for k, v in self._replacement.items())),
                    tuple(sorted((n, p.id, self._treatment_of[p.id] or "", p.display_name)
                                 for n, p in self._by_number.items())),
                    tuple(sorted(self._marks)), id(frozen) if frozen is not None else 0)

    def _treatment(self, person: Person) -> str | None:
        if self.anonymised:
            return REMOVED
        if person.consent is Consent.NAMED:
            return _KEEP
        if person.consent is Consent.INITIALS:
            return initials(person.display_name)
        return REMOVED

    def _combined(self, person_ids) -> str | None:
        """One treatment for a word that may name any of ``person_ids``: theirs when they
        agree, else the most private (never the wrong person's initials)."""
        found = {self._treatment_of.get(pid, REMOVED) for pid in person_ids}
        return next(iter(found)) if len(found) == 1 else REMOVED

    def mention(self, number: int) -> str:
        """Person P-``number`` as this text may show them: a mention is exact, so a role
        only member appears by their role ("[researcher]")."""
        person = self._by_number.get(number)
        if person is None:
            return REMOVED  # not (or no longer) on this panel: nothing to show
        consent = person.consent
        if consent is Consent.ANONYMOUS:
            return REMOVED
        if self.anonymised or consent is Consent.ROLE_ONLY:
            return f"[{roles_label(person.roles)}]"
        if consent is Consent.INITIALS:
            return initials(person.display_name)
        return person.display_name

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        frozen = self._frozen.texts.get(text_key(text)) if self._frozen is not None and self._frozen.texts else None
        if frozen is not None:
            return self._apply_frozen(text, frozen)
        if "P-" in text and FRAGMENT.search(text) and not _whole_tokens(text):
            text = FRAGMENT.sub(lambda m: token(int(m.group(1))), text)
        if self.pattern is None and "@[" not in text:
            return text
        return self._render(text, self._suspected(text))

    def render_mentions(self, text: str | None) -> str | None:
        """``text`` with its mentions shown, and no guessing (a text as typed)."""
        return self._render(text, []) if text else text

    def hides_guess(self, person_ids) -> bool:
        """Whether a word that may name any of ``person_ids`` is hidden here."""
        return self._combined(person_ids) is not _KEEP if person_ids else True

    def guesses(self, text: str | None) -> list[Guess]:
        """The words of ``text`` that look like a member's name and are not marked as
        not a name (mentions are exact, so are never guesses)."""
        return self._suspected(text or "")

    def _suspected(self, text: str) -> list[Guess]:
        if self.pattern is None or not text:
            return []
        mentions = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        key = text_key(text) if self._marks else ""
        out = []
        for match in self.pattern.finditer(text):
            start, end, word = match.start("name"), match.end("name"), match.group("name")
            if any(a <= start < b for a, b in mentions):
                continue
            if self._marks and (key, start, word) in self._marks:
                continue
            out.append(Guess(start, end, word, self._owners.get(word.casefold(), ())))
        return out

    def _apply_frozen(self, text: str, spans) -> str:
        guesses = []
        for start, end, ids in spans:
            if 0 <= start < end <= len(text):
                guesses.append(Guess(start, end, text[start:end], tuple(ids)))
        return self._render(text, guesses)

    def _render(self, text: str, guesses: list[Guess]) -> str:
        spots: list[tuple[int, int, str | None]] = []
        for match in TOKEN.finditer(text):
            spots.append((match.start(), match.end(), self.mention(int(match.group(1)))))
        for guess in guesses:
            if any(a <= guess.start < b for a, b, _ in spots):
                continue
            spots.append((guess.start, guess.end, self._combined(guess.person_ids) if guess.person_ids else REMOVED))
        if not spots:
            return text
        spots.sort()
        out, at = [], 0
        for start, end, replacement in spots:
            if start < at:
                continue
            out.append(text[at:start])
            if replacement is _KEEP:
                out.append(text[start:end])
            else:
                if replacement.endswith(".") and text[end:end + 1] == ".":
                    replacement = replacement[:-1]  # "from Tess." is "from T.V.", not "T.V.."
                out.append(replacement)
            at = end
        out.append(text[at:])
        return "".join(out)

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


def _whole_tokens(text: str) -> bool:
    """Whether every mention-like piece of ``text`` is a whole mention."""
    return all(TOKEN.fullmatch(m.group(0)) for m in FRAGMENT.finditer(text))


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
