"""The append-only audit log, chained by SHA-256, and its verifier.

Every change to a record writes one entry: who, when, which change (a user-level
action may touch several rows), the row before and after. Each entry's hash covers
its own content and the previous entry's hash, so editing or removing any entry
breaks every link after it. Triggers refuse UPDATE and DELETE on the table; someone
with raw SQL access can drop them, which :func:`verify` then detects. The verifier
also compares every record as it is now with the last audited state of that record,
so a record changed or deleted outside the app is found and named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..domain import model

GENESIS = "0" * 64
#: The triggers that refuse UPDATE and DELETE on the log (store/migrations.py).
GUARDS = ("audit_no_update", "audit_no_delete")


def canonical(value: Any) -> str:
    """Deterministic JSON: the form that is hashed and compared."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """Hash of one entry: every column but ``hash``, plus the previous hash."""
    body = {k: entry[k] for k in ("seq", "at", "actor", "change_id", "summary", "op", "tbl", "row_id", "before", "after")}
    payload = prev_hash + "\n" + canonical(body)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the record, in words a coordinator can act on."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def verify_chain(entries: Iterable[dict[str, Any]]) -> Problem | None:
    """Recompute the chain; return the first broken link, or None when it holds."""
    prev = GENESIS
    expected_seq = 1
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            return Problem(
                f"audit entry {expected_seq}",
                f"missing (the next entry is {seq}): entries were removed from the log",
            )
        if entry["prev_hash"] != prev:
            return Problem(f"audit entry {seq}", "does not follow on from the entry before it")
        if entry_hash(prev, entry) != entry["hash"]:
            return Problem(f"audit entry {seq}", "was changed after it was written")
        prev = entry["hash"]
        expected_seq += 1
    return None


def label(table: str, row: dict[str, Any] | None, row_id: str) -> str:
    """A name for a row that a person can find: D-12 rather than a UUID."""
    cls = model.BY_TABLE.get(table)
    number = (row or {}).get("number")
    if cls is not None and cls.PREFIX and number is not None:
        return f"{cls.PREFIX}-{number}"
    return f"{table} row {row_id}"
