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
