"""What this laptop last synced: the base copy, an encrypted SQLite file of its own.

The base holds every synced table as it stood when this laptop last sent or took
changes; SQLite's session extension compares the panel file with it
(``Session.diff``) to find what changed here since. It lives in the data folder, named
by the device id (``sync/<device>.base``), encrypted with the panel's key, and keeps
``sync_meta``: the last sequence sent, the audit entry sent up to, and the audit entry
up to which changes from other laptops have been taken into the base. Each step that
changes it is one transaction of its own, so a kill leaves it before or after.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..paths import data_dir, make_private_folder
from .sync_tables import SYNC_CHANGE


def base_path(device: str) -> Path:
    folder = data_dir() / "sync"
    if not folder.exists():
        make_private_folder(folder)
    return folder / f"{device}.base"


def attach(conn, device: str, key_pragma_value: str) -> None:
    path = base_path(device)
    if not path.exists():
        path.touch(mode=0o600)
    conn.execute("ATTACH ? AS base KEY ?", (str(path), key_pragma_value))
    conn.execute("CREATE TABLE IF NOT EXISTS base.sync_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")


def columns(conn, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def ensure_tables(conn, tables: list[str]) -> None:
    """Give the base every synced table, with every column the panel file has: a table
    or column added by a later migration simply starts empty here."""
    for table in tables:
        have = columns(conn, "base", table)
        info = conn.execute(f"PRAGMA main.table_info({table})").fetchall()
        if not have:
            # The same columns and key, without the rules between tables: the base is a
            # record of rows, taken in any order.
            cols = ", ".join(f"{name} {kind or 'ANY'}" + (" PRIMARY KEY" if pk == 1 else "")
                             for _, name, kind, _, _, pk in info)
            conn.execute(f"CREATE TABLE base.{table} ({cols})")
            continue
        for _, name, kind, *_ in info:
            if name not in have:
                conn.execute(f"ALTER TABLE base.{table} ADD COLUMN {name} {kind}")


def meta(conn, name: str) -> int:
    rows = conn.execute("SELECT value FROM base.sync_meta WHERE name = ?", (name,)).fetchall()
    return rows[0][0] if rows else 0


def set_meta(conn, name: str, value: int) -> None:
    conn.execute("INSERT INTO base.sync_meta VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                 (name, value))


def absorb_rows(conn, table: str, ids: list[str]) -> None:
    """Make these rows of the base what they are in the panel file now."""
    cols = ", ".join(columns(conn, "main", table))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM base.{table} WHERE id IN ({marks})", chunk)
        conn.execute(f"INSERT INTO base.{table} ({cols}) SELECT {cols} FROM main.{table} WHERE id IN ({marks})", chunk)


def absorb_synced(conn, after_seq: int, upto_seq: int, tables: set[str]) -> None:
    """Take into the base what other laptops' files changed: every row an audit entry
    of a sync (``sync:...``) touched in (after_seq, upto_seq], as that entry left it.
    Read from the audit trail, not the table, so that after a kill between applying a
    file and this step, changes made here since are not taken for synced ones."""
    rows = conn.execute(
        "SELECT tbl, row_id, after FROM audit WHERE seq IN (SELECT max(seq) FROM audit "
        "WHERE seq > ? AND seq <= ? AND change_id LIKE ? GROUP BY tbl, row_id)",
        (after_seq, upto_seq, SYNC_CHANGE + "%"),
    ).fetchall()
    for table, row_id, after in rows:
        if table not in tables:
            continue
        conn.execute(f"DELETE FROM base.{table} WHERE id = ?", (row_id,))
        if after is not None:
            row = json.loads(after)
            have = set(columns(conn, "base", table))
            names = [name for name in row if name in have]
            conn.execute(
                f"INSERT INTO base.{table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names],
            )
