"""Writing files so that a crash never leaves a half-written file under the final name;
reading the app's own small notes safely."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ..domain.errors import StoreError


def write_atomically(path: str | os.PathLike, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename
    it over ``path`` in one step. Readers see the old file or the new one, never a mix.
    Created owner-only by default: exports hold panel members' words."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"The folder {folder} does not exist")
    if looks_like_panel_file(path):
        raise StoreError(f"{path} is a panel file: nothing is ever written over one. Choose another file name (nothing was written)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise StoreError(f"Cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise StoreError(f"The disk holding {path} is full: nothing was written. Free some space and try again") from None
        raise StoreError(f"Cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system allows it)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


_PANEL_ID_BYTES = b"LEAP"  # PRAGMA application_id, bytes 68-71 of a plain SQLite file
_ZIP = b"PK\x03\x04"  # a .docx


def looks_like_panel_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is (or may well be) a panel file, so that no export replaces one:
    a plain SQLite file stamped LEAP, a file with a write-ahead log or a writer's lock
    beside it (a database in use), or what an encrypted panel file looks like (whole
    4 KiB pages, not text, not a zip). Hard links and symbolic links to the panel file
    are the same file, so they are caught too."""
    path = Path(path)
    try:
        if not path.is_file():
            return False
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    if Path(f"{path}-wal").exists() or path.with_name(f".{path.name}.lock").exists():
        return True
    if head.startswith(b"SQLite format 3\x00"):
        return head[68:72] == _PANEL_ID_BYTES
    if size == 0 or size % 4096 or head.startswith(_ZIP):
        return False
    return not _looks_like_text(head)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 text (a CSV, with or without its byte-order mark), not 16 random bytes of salt."""
    text = head.decode("utf-8", "ignore")
    if len(text.encode("utf-8")) < len(head) - 3:  # more than a character cut at the end
        return False
    return all(ch.isprintable() or ch in "\t\n\r\ufeff" for ch in text)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two names are one file: the same path once resolved, or (both existing)
    the same file on disk, which a hard link or a symbolic link is."""
    a, b = Path(a), Path(b)
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):
        return False


def read_note(path: str | os.PathLike, *, limit: int = 1 << 20) -> str | None:
    """The text of a small note the app keeps (in the data folder), or None when it is
    missing, unreadable, not a plain file (a named pipe there must not hang the start)
    or longer than ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > limit:
        return None
    return data.decode("utf-8", errors="replace")
