"""What happens when two laptops changed the same record: one written policy per table.

Every table syncs; a table not named here gets :data:`DEFAULT`, which suits ordinary
records: the fields only one laptop changed are all kept, and a field both changed
takes the later change (by its ``updated_at``, then by device id), the same on every
laptop. A record that is **locked** (approved minutes, a paid claim) is never
overwritten: when both laptops changed it and either version is locked, the locked one
stands whole (both locked: the later), and the other waits whole in the conflicts list
(``leap conflicts``) for the coordinator; each version is the one its laptop sent
(:attr:`Policy.sets_versions`), so every laptop settles it alike. ``whole_if_both_change`` does the same for
fields whose change on both sides needs a person (a decision's status).
Deletions are tombstones (``deleted_at``), so a deletion is an ordinary change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Policy:
    locked_when: dict[str, frozenset[str]] = field(default_factory=dict)  # column -> values that lock the row
    whole_if_both_change: frozenset[str] = frozenset()
    words: str = "the later change to each field wins"

    @property
    def sets_versions(self) -> bool:
        """Whether one whole version may stand and another wait (so each laptop sends its
        whole version of a row it changed, not only the fields it changed)."""
        return bool(self.locked_when or self.whole_if_both_change)

    def locked(self, row: dict[str, Any] | None) -> bool:
        return row is not None and any(row.get(col) in values for col, values in self.locked_when.items())


DEFAULT = Policy()

POLICIES: dict[str, Policy] = {
    "minutes_versions": Policy(locked_when={"status": frozenset({"approved"})},
                               words="approved minutes are never overwritten"),
    "meetings": Policy(locked_when={"status": frozenset({"minutes_approved"})},
                       words="a meeting whose minutes were approved is never overwritten"),
    "payment_claims": Policy(locked_when={"status": frozenset({"paid"})},
                             words="a paid claim is never overwritten"),
    "decisions": Policy(whole_if_both_change=frozenset({"status"}),
                        words="a decision whose status changed on both laptops waits for the coordinator"),
}


def policy(table: str) -> Policy:
    return POLICIES.get(table, DEFAULT)
