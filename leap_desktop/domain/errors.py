"""Errors a person can act on.

Every error that reaches a user is a :class:`LeapError`: its message is one plain
sentence saying what is wrong and, where it helps, what to do. Anything else that
escapes is a bug and is reported as one.
"""

from __future__ import annotations


class LeapError(Exception):
    """Base class for errors shown to the user as they are."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RuleError(LeapError):
    """A record breaks a rule of the panel's record (e.g. a vote without counts).

    ``field`` names the field at fault, so a form can point at it and an import can
    say where in the document the problem is.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(LeapError):
    """A reference (D-12, a name, an id) matches nothing in this panel."""


class StoreError(LeapError):
    """The panel file cannot be used: damaged, too new, locked, read-only, full..."""


#: How much of something a person gave (a field name, a value, a reference) a message
#: repeats back: enough to recognise it, never a whole 10 MB field name.
SHOWN_LIMIT = 60


def clip(text: str, limit: int = SHOWN_LIMIT) -> str:
    """``text`` as it is, or its first ``limit`` characters and an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """User data echoed in a message, quoted as Python would (``'D-x'``, ``12``,
    ``None``) and cut to a readable length with an ellipsis. Every message that repeats
    what a person or a file gave goes through here (or :func:`clip`)."""
    if isinstance(value, str):
        text = repr(value[:limit])
        return text if len(value) <= limit else text[:-1] + "\u2026" + text[-1]
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        # repr() of an integer of thousands of digits is refused by Python itself
        return f"a number of about {round(value.bit_length() * 0.30103):,} digits"
    import reprlib

    short = reprlib.Repr()
    short.maxstring = short.maxother = limit
    short.maxlong = limit
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 6
    try:
        text = short.repr(value)
    except ValueError:  # an integer too long to write, inside a list or a dict
        text = f"({type(value).__name__} too long to show)"
    return clip(text, limit)
