"""SQLite errors are told apart by their result code, not their words: known problems
with the file or the computer get a plain message; anything else is a bug, raised as it is."""

from __future__ import annotations

import sqlite3

import pytest

from leap_desktop.domain.errors import StoreError
from leap_desktop.domain.model import Person, build
from leap_desktop.store import PanelStore
from leap_desktop.store.connection import connect, driver, known_sql_error, opening_error
from leap_desktop.store.sql_errors import Problem, classify, result_code


def sqlite_error(code: int | None, message: str = "words that do not matter", cls=driver.OperationalError):
    """An exception as the driver raises it: SQLite's message, code and code name."""
    exc = cls(message)
    if code is not None:
        exc.sqlite_errorcode, exc.sqlite_errorname = code, f"code {code}"
    return exc


def jo():
    return build(Person, {"display_name": "Jo", "roles": ["carer"], "consent": "named"}, id="p-jo")


# -- the classifier, with exceptions made to order ----------------------------------------------


def test_the_codes_are_sqlites_own():
    for problem in Problem:
        assert getattr(driver, f"SQLITE_{problem.name}") == problem.value
        assert getattr(sqlite3, f"SQLITE_{problem.name}") == problem.value


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (13, Problem.FULL), (8, Problem.READONLY), (5, Problem.BUSY), (6, Problem.LOCKED),
        (11, Problem.CORRUPT), (26, Problem.NOTADB), (14, Problem.CANTOPEN), (10, Problem.IOERR),
        (3, Problem.PERM),
        # extended codes (Python's sqlite3 gives these): the low eight bits are the primary code
        (778, Problem.IOERR),  # SQLITE_IOERR_WRITE
        (517, Problem.BUSY),  # SQLITE_BUSY_SNAPSHOT
        (1032, Problem.READONLY),  # SQLITE_READONLY_DBMOVED
        (267, Problem.CORRUPT),  # SQLITE_CORRUPT_VTAB
        (526, Problem.CANTOPEN),  # SQLITE_CANTOPEN_ISDIR
        # bugs
        (1, None),  # SQLITE_ERROR: a mistake in the SQL
        (19, None), (2067, None),  # SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_UNIQUE
        (21, None),  # SQLITE_MISUSE
        (None, None),  # no code at all: raised by the Python module or by LEAP Desktop
    ],
)
def test_errors_are_classified_by_code(code, expected):
    assert classify(sqlite_error(code)) is expected


def test_the_words_of_the_message_do_not_decide():
    # A bug whose message happens to mention "full" or "locked" is still a bug ...
    assert known_sql_error(sqlite_error(1, "no such table: full_names"), "p.leap") is None
    assert known_sql_error(sqlite_error(None, "database is locked"), "p.leap") is None
    # ... and a full disk is a full disk whatever SQLite's words for it.
    assert known_sql_error(sqlite_error(13, "?"), "p.leap") == (
        "The disk holding p.leap is full: nothing was saved. Free some space and try again")
    assert result_code(ValueError("not from SQLite")) is None


def test_each_known_problem_reads_plainly(tmp_path):
    path = tmp_path / "p.leap"
    said = {problem: known_sql_error(sqlite_error(problem.value), path) for problem in Problem}
    assert said == {
        Problem.FULL: f"The disk holding {path} is full: nothing was saved. Free some space and try again",
        Problem.READONLY: f"{path} is read-only: nothing was saved. Check the file's permissions or save a copy elsewhere",
        Problem.BUSY: f"{path} is being changed by another program: nothing was saved. Try again in a moment",
        Problem.LOCKED: f"{path} is being changed by another program: nothing was saved. Try again in a moment",
        Problem.IOERR: f"The disk holding {path} could not be read or written: nothing was saved. "
                       "Check that it is still connected",
        Problem.PERM: f"This computer refused access to {path}: nothing was saved. Check the file's permissions",
        Problem.CANTOPEN: f"{path} could not be opened: nothing was saved. Check that it and its folder are still there",
        Problem.CORRUPT: f"{path} is damaged, or is not a LEAP panel file: nothing was saved",
        Problem.NOTADB: f"{path} is damaged, or is not a LEAP panel file: nothing was saved",
    }
    assert opening_error(sqlite_error(26), path) == f"{path} is not a LEAP panel file, or it is damaged"
    assert opening_error(sqlite_error(11), path) == f"{path} is not a LEAP panel file, or it is damaged"
    assert opening_error(sqlite_error(1), path) is None


# -- real errors from SQLite ----------------------------------------------------------------------


def test_a_file_opened_read_only_refuses_a_change_as_read_only(panel_path):
    PanelStore.open(panel_path, create=True, encrypt=False).close()
    store = PanelStore.open(panel_path, connection_factory=lambda path, create: connect(path, readonly=True, plaintext=True))
    try:
        with pytest.raises(StoreError) as caught:
            with store.change("add Jo"):
                store.insert(jo())
        assert str(caught.value) == (
            f"{panel_path} is read-only: nothing was saved. Check the file's permissions or save a copy elsewhere")
        assert store.select(Person) == [] and not store.conn.in_transaction
    finally:
        store.close()


def test_a_change_while_another_program_writes_says_so(panel_path):
    store = PanelStore.open(panel_path, create=True, encrypt=False)
    # (the same SQLite library as the store's: two libraries in one process do not see
    # each other's locks, as POSIX file locks belong to the process)
    other = driver.connect(str(panel_path), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        store.conn.execute("PRAGMA busy_timeout = 0")  # do not wait the usual 5 seconds
        with pytest.raises(StoreError) as caught:
            with store.change("add Jo"):
                store.insert(jo())
        assert str(caught.value) == (
            f"{panel_path} is being changed by another program: nothing was saved. Try again in a moment")
        other.execute("ROLLBACK")
        assert store.select(Person) == []
        with store.change("add Jo"):  # once the other program is done, the change goes through
            store.insert(jo())
        assert [p.display_name for p in store.select(Person)] == ["Jo"]
    finally:
        other.close()
        store.close()


def test_a_mistake_in_the_sql_is_a_bug_not_a_full_disk(panel_path):
    """Matching words called this "disk full" (its message has "full" in it)."""
    store = PanelStore.open(panel_path, create=True, encrypt=False)
    try:
        with pytest.raises(driver.OperationalError, match="no such table: full_names") as caught:
            with store.change("a bug"):
                store.conn.execute("SELECT * FROM full_names")
        assert classify(caught.value) is None and not store.conn.in_transaction
    finally:
        store.close()


def test_a_constraint_broken_by_the_code_is_a_bug(panel_path):
    store = PanelStore.open(panel_path, create=True, encrypt=False)
    try:
        with store.change("add Jo"):
            store.insert(jo())
        with pytest.raises(driver.IntegrityError):
            with store.change("add Jo again"):
                store.insert(jo())
        assert len(store.select(Person)) == 1
    finally:
        store.close()


def test_a_file_that_is_not_a_database_is_told_by_its_code(tmp_path):
    junk = tmp_path / "notes.leap"
    junk.write_text("these are my meeting notes " * 200)
    before = junk.read_bytes()
    conn = driver.connect(str(junk))
    try:
        with pytest.raises(driver.DatabaseError) as caught:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    assert classify(caught.value) is Problem.NOTADB
    with pytest.raises(StoreError, match=r"notes\.leap is not a LEAP panel file, or it is damaged$"):
        connect(junk, plaintext=True)
    assert junk.read_bytes() == before


def test_a_file_that_cannot_be_opened_is_told_by_its_code(tmp_path):
    with pytest.raises(driver.OperationalError) as caught:
        driver.connect(f"file:{tmp_path / 'no folder' / 'p.leap'}?mode=rw", uri=True)
    assert classify(caught.value) is Problem.CANTOPEN
