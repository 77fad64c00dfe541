"""Where the audit trail reached, noted outside the panel file, so a cut-off tail shows.

The audit log's hash chain proves that no entry was changed or taken out *between*
others, but someone with the file's key and raw SQL could remove the newest entries
(and the records they made), leaving a shorter chain that still holds. So the end of the
chain is noted where the file cannot reach it:

* in the LEAP Desktop data folder (``audit-anchors.json``), at every clean close of a
  file opened for changes, keyed by a hash of the file's path (no path is written down),
  with the panel's id, the last entry's number and its hash;
* beside each automatic backup (``<backup>.leap.audit.json``), as it was when the backup
  was made.

``leap check`` then compares: a trail that ends before the entry this computer last saw
("the audit trail ends at entry 1204, but this computer last saw entry 1210"), or whose
entry at that number is a different one, is reported. The note only ever moves forward
along the same chain, so opening and closing a cut-down file does not make it look
right. Going back on purpose is ``leap restore`` (which notes the restored file), or
``leap check --accept-older-copy`` for an older copy put in place by hand.

What it cannot see: a file on a computer that never opened it, or whose data folder was
lost, with no automatic backup to compare with; and a cut made before this computer
first saw the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .files import read_note, write_atomically
from .path_notes import PathNotes

RECORD_FILE = "audit-anchors.json"
KEEP = 200  # files remembered; the oldest entries are dropped
_NOTES = PathNotes(RECORD_FILE, keep=KEEP)
BACKUP_SUFFIX = ".audit.json"
RESTORED_FILE = "restored.json"  # in a panel's backup folder: backups before it do not count


@dataclass(frozen=True)
class Seen:
    """The end of a panel's audit trail as seen at some moment."""

    panel: str
    seq: int
    hash: str
    at: str  # when, local date and time, for the message
    source: str  # "this computer" or "the automatic backup <name>"


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def current(conn) -> tuple[str, int, str] | None:
    """(panel id, last audit entry's number, its hash) of the file behind ``conn``."""
    panel = conn.execute("SELECT id FROM panel ORDER BY created_at LIMIT 1").fetchone()
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if not panel or not last:
        return None
    return str(panel[0]), int(last[0]), str(last[1])


def _hash_at(conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
    return row[0] if row else None


def note(path: Path, conn, *, force: bool = False) -> None:
    """Note where the trail of the file at ``path`` has reached (at a clean close).

    Only moves forward along the chain already noted: a trail that is shorter, or that
    no longer holds the noted entry, keeps the old note (so ``leap check`` keeps saying
    so), unless ``force`` (a restore, or an older copy accepted on purpose)."""
    try:
        now = current(conn)
    except Exception:  # a note for later checks; never worth failing a close over
        return
    if now is None:
        return
    panel, seq, last_hash = now
    old = _NOTES.get(path)
    if isinstance(old, dict) and (old.get("panel"), old.get("seq"), old.get("hash")) == (panel, seq, last_hash):
        return  # nothing new since it was noted
    if not force and isinstance(old, dict) and old.get("panel") == panel:
        try:
            old_seq = int(old["seq"])
            if seq < old_seq or _hash_at(conn, old_seq) != old.get("hash"):
                return  # not a continuation of what was seen: leave the note for `leap check`
        except Exception:  # an unreadable note: replace it
            pass
    _NOTES.put(path, {"panel": panel, "seq": seq, "hash": last_hash, "at": _now()})  # never fails a close


def seen_here(path: Path, panel: str) -> Seen | None:
    entry = _NOTES.get(path)
    if not isinstance(entry, dict) or entry.get("panel") != panel:
        return None
    try:
        return Seen(panel, int(entry["seq"]), str(entry["hash"]), str(entry.get("at", "")), "this computer")
    except (KeyError, TypeError, ValueError):
        return None


# -- beside automatic backups ------------------------------------------------------------------


def note_backup(backup_file: Path, conn) -> None:
    """Note, beside an automatic backup, where the trail was when it was made."""
    try:
        now = current(conn)
    except Exception:
        return
    if now is None:
        return
    panel, seq, last_hash = now
    body = {"panel": panel, "seq": seq, "hash": last_hash, "at": _now()}
    try:
        write_atomically(Path(f"{backup_file}{BACKUP_SUFFIX}"), json.dumps(body).encode("utf-8"))
    except Exception:
        pass


def note_restored(folder: Path) -> None:
    """A restore went back in time on purpose: backups made before now no longer count."""
    try:
        write_atomically(folder / RESTORED_FILE, json.dumps({"at": dt.datetime.now().isoformat()}).encode("utf-8"))
    except Exception:
        pass


def seen_in_backups(folder: Path, panel: str) -> Seen | None:
    """The furthest point of the trail any automatic backup in ``folder`` recorded (made
    since the last restore, if there was one)."""
    if not folder.is_dir():
        return None
    since = 0.0
    restored = folder / RESTORED_FILE
    if restored.exists():
        since = restored.stat().st_mtime
    best: Seen | None = None
    for side in folder.glob(f"*{BACKUP_SUFFIX}"):
        backup_file = Path(str(side)[: -len(BACKUP_SUFFIX)])
        try:
            if side.stat().st_mtime < since or not backup_file.exists():
                continue
            entry = json.loads(read_note(side) or "")
            if entry.get("panel") != panel:
                continue
            seen = Seen(panel, int(entry["seq"]), str(entry["hash"]), str(entry.get("at", "")),
                        f"the automatic backup {backup_file.name}")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if best is None or seen.seq > best.seq:
            best = seen
    return best


def compare(conn, seen: Seen) -> str | None:
    """What is wrong with the trail behind ``conn`` against what was ``seen``, or None."""
    now = current(conn)
    last = now[1] if now else 0
    if last < seen.seq:
        when = f" (on {seen.at})" if seen.at else ""
        return (
            f"the audit trail ends at entry {last}, but {seen.source} last saw entry {seen.seq}{when}: "
            "the newest changes are missing. Entries were cut off outside LEAP Desktop, or an older "
            "copy of the file was put in its place (to go back to an older copy on purpose, use "
            "'leap restore', or 'leap check --accept-older-copy')"
        )
    if seen.source == "this computer" and _hash_at(conn, seen.seq) != seen.hash:
        return (
            f"audit entry {seen.seq} is not the one this computer last saw: the trail was rewritten "
            "outside LEAP Desktop, or a different copy of the panel was put in its place"
        )
    return None
