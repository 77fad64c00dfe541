"""Field converters: turn what a person typed (or an import holds) into clean values.

Each converter either returns the value to store or raises :class:`RuleError` naming
the field in plain words. They are shared by the forms, the command line and the
importer, so a value is judged the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import RuleError, shown
from .vocab import Role, Vocab

TITLE_MAX = 200
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
NAME_MAX = 120
TEXT_MAX = 20_000


def _clean_text(value: Any, label: str, *, multiline: bool, max_len: int) -> str:
    if not isinstance(value, str):
        raise RuleError(f"{label} must be text")
    text = value.strip()
    if len(text) > max_len:
        raise RuleError(f"{label} is too long: {len(text):,} characters (at most {max_len:,})")
    allowed = "\n\t\r" if multiline else "\t"
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            if ch in "\n\r":
                raise RuleError(f"{label} must be a single line")
            raise RuleError(
                f"{label} contains a control character (U+{ord(ch):04X}) that cannot be saved"
            )
        if unicodedata.category(ch) == "Cs":
            raise RuleError(f"{label} contains a broken character (U+{ord(ch):04X}) that cannot be saved")
    return text


@dataclass(frozen=True)
class Text:
    label: str
    required: bool = False
    multiline: bool = False
    max_len: int = TITLE_MAX

    def __call__(self, value: Any) -> str | None:
        if value is None:
            value = ""
        text = _clean_text(value, self.label, multiline=self.multiline, max_len=self.max_len)
        if not text:
            if self.required:
                raise RuleError(f"{self.label} is needed")
            return None
        return text


@dataclass(frozen=True)
class Choice:
    label: str
    vocab: type[Vocab]
    required: bool = True

    def __call__(self, value: Any) -> Vocab | None:
        if value is None or value == "":
            if self.required:
                raise RuleError(f"{self.label} is needed (one of: {', '.join(self.vocab.choices())})")
            return None
        return self.vocab.parse(value, self.label)


@dataclass(frozen=True)
class Roles:
    label: str = "Roles"

    def __call__(self, value: Any) -> tuple[Role, ...]:
        if isinstance(value, str):
            value = [v for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise RuleError(f"{self.label} must be a list of roles")
        roles: list[Role] = []
        for item in value:
            role = Role.parse(item, "Role")
            if role not in roles:
                roles.append(role)
        if not roles:
            raise RuleError(
                f"{self.label}: give at least one role (one of: {', '.join(Role.choices())})"
            )
        return tuple(roles)


@dataclass(frozen=True)
class Date:
    label: str
    required: bool = False

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise RuleError(f"{self.label} is needed (a date like 2026-03-31)")
            return None
        if isinstance(value, str):
            text = value.strip()
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                try:
                    return dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    pass
            day_first = _DAY_FIRST.match(text)
            if day_first:  # 31/03/2026, as people in the UK write a date
                day, month, year = (int(part) for part in day_first.groups())
                try:
                    return dt.date(year, month, day).isoformat()
                except ValueError:
                    pass
        raise RuleError(f"{self.label} must be a real date like 2026-03-31 (got {shown(value)})")


@dataclass(frozen=True)
class DateTime:
    """A local wall-clock time to the minute, stored as ``YYYY-MM-DDTHH:MM``."""

    label: str
    required: bool = False

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            return value.replace(second=0, microsecond=0, tzinfo=None).isoformat(timespec="minutes")
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise RuleError(f"{self.label} is needed (a date and time like 2026-03-31 14:00)")
            return None
        if isinstance(value, str):
            text = value.strip().replace(" ", "T", 1)
            if len(text) in (16, 19) and text[10] == "T":
                try:
                    moment = dt.datetime.fromisoformat(text)
                except ValueError:
                    moment = None
                if moment is not None and moment.tzinfo is None:
                    return moment.isoformat(timespec="minutes")
        raise RuleError(
            f"{self.label} must be a date and time like 2026-03-31 14:00 (got {shown(value)})"
        )


@dataclass(frozen=True)
class Number:
    label: str
    minimum: float
    maximum: float
    required: bool = False
    whole: bool = True

    def __call__(self, value: Any) -> int | float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise RuleError(f"{self.label} is needed")
            return None
        if isinstance(value, bool):
            raise RuleError(f"{self.label} must be a number (got {shown(value)})")
        number: int | float
        if isinstance(value, (int, float)):
            number = value
        elif isinstance(value, str):
            try:
                number = float(value.strip()) if not self.whole else int(value.strip())
            except ValueError:
                kind = "a whole number" if self.whole else "a number"
                raise RuleError(f"{self.label} must be {kind} (got {shown(value)})") from None
        else:
            raise RuleError(f"{self.label} must be a number (got {shown(value)})")
        if self.whole:
            if isinstance(number, float):
                if not number.is_integer():
                    raise RuleError(f"{self.label} must be a whole number (got {shown(value)})")
                number = int(number)
        else:
            number = float(number)
            if number != number:  # NaN
                raise RuleError(f"{self.label} must be a number (got {shown(value)})")
        if not (self.minimum <= number <= self.maximum):
            lo = int(self.minimum) if float(self.minimum).is_integer() else self.minimum
            hi = int(self.maximum) if float(self.maximum).is_integer() else self.maximum
            raise RuleError(f"{self.label} must be between {lo} and {hi} (got {shown(value)})")
        return number


@dataclass(frozen=True)
class Ref:
    """The id of another record; whether it exists is checked by whoever holds the records."""

    label: str
    required: bool = False

    def __call__(self, value: Any) -> str | None:
        if value is None or value == "":
            if self.required:
                raise RuleError(f"{self.label} is needed")
            return None
        if not isinstance(value, str):
            raise RuleError(f"{self.label} must be an id (got {shown(value)})")
        return value


@dataclass(frozen=True)
class Tags:
    """A list of choices from one vocabulary (none is allowed), kept in the order given."""

    label: str
    vocab: type[Vocab]

    def __call__(self, value: Any) -> tuple[Vocab, ...]:
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            value = [v for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise RuleError(f"{self.label} must be a list (of: {', '.join(self.vocab.choices())})")
        out: list[Vocab] = []
        for item in value:
            tag = self.vocab.parse(item.strip() if isinstance(item, str) else item, self.label)
            if tag not in out:
                out.append(tag)
        return tuple(out)

    def decode(self, stored: str) -> tuple[Vocab, ...]:
        import json

        return tuple(self.vocab(v) for v in json.loads(stored))
