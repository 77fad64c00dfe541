"""``leap names MEETING``: the names check of a meeting's minutes from a terminal.

Lists each word that only looks like a member's name, in context, numbered; marks them
with ``--person N PERSON`` (it is that person: the word becomes a mention) or
``--not-a-name N`` (remembered for those words). Numbers are those of the listing shown
before the command; several marks in one command are one change.
"""

from __future__ import annotations

import argparse

from ..domain.errors import LeapError
from ..domain.model import Meeting, Person
from ..words import plural
from .context import add_command
from .records import table


def register(commands: argparse._SubParsersAction) -> None:
    p = add_command(commands, "names", cmd_names,
                    "the names check: words in a meeting's minutes that only look like a member's name",
                    json_flag=True)
    p.add_argument("meeting", help="the meeting, e.g. M-3")
    p.add_argument("--person", nargs=2, action="append", default=[], metavar=("N", "PERSON"),
                   help="word N is this person (e.g. --person 2 P-7): it becomes a mention (repeatable)")
    p.add_argument("--not-a-name", dest="not_a_name", action="append", default=[], metavar="N",
                   help="word N is not a name: shown as typed from now on (repeatable)")


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise LeapError(f"'{text}' is not the number of a word in the list (see 'leap names MEETING')") from None


def cmd_names(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        verdicts: dict[int, str | None] = {}
        for number, who in a.person:
            n = _number(number)
            if n in verdicts:
                raise LeapError(f"Word {n} is given two verdicts; give each word one (nothing was changed)")
            verdicts[n] = svc.resolve(Person, who).id
        for number in a.not_a_name:
            n = _number(number)
            if n in verdicts:
                raise LeapError(f"Word {n} is given two verdicts; give each word one (nothing was changed)")
            verdicts[n] = None
        if verdicts:
            svc.names.mark_many(meeting.id, verdicts)
            ctx.note(f"Checked {plural(len(verdicts), 'word')} in the minutes of {meeting.ref}")
        suspects = svc.names.suspects(meeting.id)
        locked = svc.names.locked(meeting.id)
        left = {False: svc.names.unchecked(meeting.id), True: svc.names.unchecked(meeting.id, anonymised=True)}

    def render() -> None:
        if locked:
            ctx.note(locked)
        if not suspects:
            ctx.print(f"No possible names to check in the minutes of {meeting.ref}.")
            return
        rows = []
        for s in suspects:
            before, word, after = s.context()
            who = ", ".join(f"{p.ref} {p.display_name}" for p in s.candidates)
            rows.append([s.number, s.where, who, f"{before}«{word}»{after}".replace("\n", " ")])
        table(ctx, ["N", "WHERE", "COULD BE", "IN CONTEXT"], rows)
        ctx.note(f"{plural(left[False], 'word')} left out of the minutes until checked "
                 f"({left[True]} in the anonymised edition). Mark each: --person N P-7, or --not-a-name N")

    ctx.emit({"meeting": meeting.ref, "unchecked": left[False], "unchecked_anonymised": left[True],
              "suspects": [s.as_json() for s in suspects]}, render)
    return 0
