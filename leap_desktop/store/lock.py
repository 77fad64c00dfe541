"""One writer per panel file: a lock the ``leap`` command and the desktop app share.

The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) held on
a small file beside the panel file, ``.<name>.lock``, which also says who holds it
(program, process id, computer, since when) so the refusal can name them. The OS
releases the lock when its process ends for any reason, so a lock left by a crash or a
power cut clears itself: a lock file nobody holds is simply taken over.

The desktop app uses :func:`acquire` through ``PanelStore.open``: another writer gets
:class:`PanelInUse` (with :attr:`PanelInUse.holder`) and the app opens the file
read-only, naming the holder. A second start of the app hands over to the first
before opening anything (``views/shell/single_instance.py``, a ``QLocalServer``).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import StoreError
from .files import read_note

PROGRAM = "LEAP Desktop"


@dataclass(frozen=True)
class Holder:
    program: str
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"{self.program} (process {self.pid}{where}, since {self.since})"


class PanelInUse(StoreError):
    """Another program has the panel file open for changes."""

    def __init__(self, path: Path, holder: Holder | None):
        who = holder.describe() if holder else "another program"
        super().__init__(
            f"{path.name} is already open for changes in {who}. Switch to it, or close it "
            "there first; it can be opened read-only meanwhile"
        )
        self.path = path
        self.holder = holder


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def read_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(read_note(lock_path(path), limit=64 << 10) or "")
        return Holder(str(data["program"]), int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


class PanelLock:
    """The writer's lock on one panel file, held until :meth:`release`.

    ``left_open``: the lock file was already there when taken, saying that a connection
    was open: the last session ended without closing the file (store/lostlog.py)."""

    def __init__(self, path: Path, fd: int, info: dict | None = None, left_open: bool = False):
        self.path = path
        self._fd: int | None = fd
        self._info = info or {}
        self.left_open = left_open

    def mark(self, *, open: bool) -> None:
        """Say in the lock file whether the panel file is open (its log in use) now."""
        if self._fd is None:
            return
        self._info["open"] = open
        _write_info(self._fd, self._info)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            # Remove the file while still holding the lock, so nobody takes a lock on
            # a file that is about to vanish (acquire() checks for that race too).
            lock_path(self.path).unlink(missing_ok=True)
        except OSError:
            pass
        os.close(fd)

    def __enter__(self) -> "PanelLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _said_open(fd: int) -> bool:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and data.get("open") is True


def _write_info(fd: int, info: dict) -> None:
    data = json.dumps(info).encode("utf-8")
    os.ftruncate(fd, 0)
    if hasattr(os, "pwrite"):
        os.pwrite(fd, data, 0)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)


def acquire(path: str | os.PathLike, *, program: str = PROGRAM) -> PanelLock:
    """Take the writer's lock on ``path`` or raise :class:`PanelInUse`."""
    path = Path(path)
    target = lock_path(path)
    for _ in range(20):
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"Cannot lock {path.name} for changes in {path.parent}: {exc.strerror}") from None
        if not _try_lock(fd):
            os.close(fd)
            raise PanelInUse(path, read_holder(path))
        # The holder before us may have removed the file after we opened it: then our
        # lock is on a file nobody else can see. Start again on the current one.
        try:
            same = os.fstat(fd).st_ino == os.stat(target).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            continue
        info = {
            "program": program,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M"),
        }
        left_open = _said_open(fd)  # a session before ours ended without closing the file
        _write_info(fd, info)
        return PanelLock(path, fd, info, left_open)
    raise StoreError(f"Cannot lock {path.name} for changes: the lock keeps changing hands")
