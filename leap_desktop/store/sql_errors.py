"""Which SQLite errors are about the file or the computer, and which are bugs.

An error is classified by SQLite's result code, never by the words of its message
(which change between SQLite versions and may one day be translated). The DB-API
exceptions of both ``sqlcipher3`` and Python's own ``sqlite3`` (3.11+) carry the code as
``sqlite_errorcode`` (and its name as ``sqlite_errorname``). ``sqlcipher3`` gives the
primary code (``SQLITE_CONSTRAINT``, 19); ``sqlite3`` turns on extended codes
(``SQLITE_CONSTRAINT_UNIQUE``, 2067); the primary code is always the low eight bits
(https://sqlite.org/rescode.html), so both are read the same way.

Known problems (:class:`Problem`: the disk is full, the file is read-only, another
program holds it, it is damaged, it is not a database, it cannot be opened, the disk
failed, the system refused access) get a plain message
(``connection.known_sql_error``, ``connection.opening_error``). Everything else,
including an exception without a code, is a bug in LEAP Desktop: it is raised as it
is, so the app shows its report dialog and the ``leap`` command its "unexpected
problem" line. This is how qutebrowser's ``misc/sql.py`` tells its
``KnownError`` from its ``BugError``.
"""

from __future__ import annotations

import enum


class Problem(enum.Enum):
    """A known problem with the file or the computer; the value is SQLite's primary code."""

    PERM = 3  # SQLITE_PERM: the system refused access
    BUSY = 5  # SQLITE_BUSY: another connection is writing
    LOCKED = 6  # SQLITE_LOCKED: a table is in use by another statement
    READONLY = 8  # SQLITE_READONLY
    IOERR = 10  # SQLITE_IOERR: the disk failed to read or write
    CORRUPT = 11  # SQLITE_CORRUPT: the file is damaged
    FULL = 13  # SQLITE_FULL: the disk (or the file's limit) is full
    CANTOPEN = 14  # SQLITE_CANTOPEN
    NOTADB = 26  # SQLITE_NOTADB: not a database (or, encrypted, the wrong key)


_BY_CODE = {problem.value: problem for problem in Problem}


def result_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for ``exc``, or None when it carries none (an error
    raised by the Python module itself, or by LEAP Desktop)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def classify(exc: BaseException) -> Problem | None:
    """The known problem ``exc`` stands for, or None: a bug."""
    code = result_code(exc)
    return _BY_CODE.get(code) if code is not None else None
