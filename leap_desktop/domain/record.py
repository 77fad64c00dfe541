"""The basis of every stored record: its meta fields, its editable fields, and how
raw input becomes a checked value (see :mod:`.model` for the records themselves)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from .errors import RuleError, clip, shown


def _defaults(cls: type) -> dict[str, Any]:
    return {
        fl.name: fl.default
        for fl in dataclasses.fields(cls)
        if fl.default is not dataclasses.MISSING
    }


@dataclass(frozen=True, kw_only=True)
class Record:
    """Fields every stored record has."""

    id: str
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None

    FIELDS: ClassVar[dict[str, Any]] = {}
    PREFIX: ClassVar[str | None] = None  # short reference prefix, e.g. "D" for D-12
    TABLE: ClassVar[str] = ""

    @property
    def ref(self) -> str:
        number = getattr(self, "number", None)
        if self.PREFIX and number is not None:
            return f"{self.PREFIX}-{number}"
        return self.id

    @classmethod
    def clean(cls, values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
        """Convert raw input for the editable fields; unknown names are refused."""
        unknown = set(values) - set(cls.FIELDS)
        if unknown:
            raise RuleError(f"{cls.__name__} has no field {shown(sorted(unknown)[0])}", clip(sorted(unknown)[0]))
        out: dict[str, Any] = {}
        defaults = _defaults(cls)
        names = values if partial else cls.FIELDS
        for name in names:
            if not partial and name not in values and name in defaults:
                out[name] = defaults[name]
                continue
            converter = cls.FIELDS[name]
            try:
                out[name] = converter(values.get(name))
            except RuleError as exc:
                raise RuleError(exc.message, name) from None
        return out

    def changed(self, **values: Any) -> "Record":
        """A copy with some editable fields changed, converted and checked."""
        new = dataclasses.replace(self, **self.clean(values, partial=True))
        new.check()
        return new

    def check(self) -> None:
        """Rules that need only this record. Raise RuleError when broken."""

    def editable(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}
