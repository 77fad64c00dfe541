"""``leap check`` for synced panels: every other laptop's audit chain, as it sent it.

This laptop's own chain (``audit``, which records each synced change as it landed
here) is checked with every record by :meth:`PanelStore.verify`; here each laptop's
entries kept in ``sync_audit`` must chain from the first, unbroken, and its guards
must still be there.
"""

from __future__ import annotations

from . import audit

GUARDS = ("sync_audit_no_update", "sync_audit_no_delete")
_COLS = "seq, at, actor, change_id, summary, op, tbl, row_id, before, after, prev_hash, hash"


def problems(conn) -> list[audit.Problem]:
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    if "sync_audit" not in have:
        return []
    found = []
    missing = [g for g in GUARDS if g not in have]
    if missing:
        found.append(audit.Problem("synced audit log", "the guard that stops its entries being changed was removed "
                                   f"outside LEAP Desktop (missing: {', '.join(missing)})"))
    devices = [r[0] for r in conn.execute("SELECT DISTINCT device FROM sync_audit ORDER BY device")]
    for device in devices:
        cursor = conn.execute(f"SELECT {_COLS} FROM sync_audit WHERE device = ? ORDER BY seq", [device])
        names = [d[0] for d in cursor.description]
        broken = audit.verify_chain(dict(zip(names, row)) for row in cursor)
        if broken:
            found.append(audit.Problem(f"laptop {device[:8]}'s {broken.where}", broken.message))
    return found
