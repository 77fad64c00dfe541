"""Records to rows and back.

Reading must be fast (a ten-year panel has tens of thousands of contributions), so
rows are decoded by a precomputed plan per record type: vocabulary codes become
enum members, role lists are parsed from JSON, everything else passes through.
Values were checked when they were written.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any

from ..domain import fields as f
from ..domain.model import Record
from ..domain.vocab import Role, Vocab


def _decode_roles(value: str) -> tuple[Role, ...]:
    return tuple(Role(v) for v in json.loads(value))


@cache
def _plan(cls: type[Record]) -> tuple[list[str], dict[str, Any]]:
    names = [fl.name for fl in dataclasses.fields(cls)]
    decoders: dict[str, Any] = {}
    for name, converter in cls.FIELDS.items():
        if isinstance(converter, f.Choice):
            decoders[name] = converter.vocab
        elif isinstance(converter, f.Roles):
            decoders[name] = _decode_roles
        elif isinstance(converter, f.Tags):
            decoders[name] = converter.decode
    return names, decoders


def from_row(cls: type[Record], row: dict[str, Any] | Any) -> Record:
    names, decoders = _plan(cls)
    values = {}
    for name in names:
        value = row[name]
        if value is not None and name in decoders:
            value = decoders[name](value)
        values[name] = value
    return cls(**values)


def encode(value: Any) -> Any:
    if isinstance(value, Vocab):
        return value.value
    if isinstance(value, tuple):
        return json.dumps([encode(v) for v in value])
    if isinstance(value, bool):
        return int(value)
    return value


def to_row(record: Record) -> dict[str, Any]:
    names, _ = _plan(type(record))
    return {name: encode(getattr(record, name)) for name in names}


def split_row(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The columns of ``row`` named ``prefix...``, without the prefix (one record of a join)."""
    n = len(prefix)
    return {k[n:]: v for k, v in row.items() if k.startswith(prefix)}


def prefixed(alias: str, cls: type, prefix: str) -> str:
    """``alias.field AS prefixfield, ...`` for every field of ``cls`` (see :func:`split_row`)."""
    return ", ".join(f"{alias}.{fl.name} AS {prefix}{fl.name}" for fl in dataclasses.fields(cls))


def in_clause(column: str, ids: list[str]) -> tuple[str, list[str]]:
    """``column IN (?, ?, ...)`` and its parameters, for a list of ids."""
    return f"{column} IN ({', '.join('?' for _ in ids)})", list(ids)
