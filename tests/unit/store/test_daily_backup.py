"""The day's automatic backup, left out of the opening (the app makes it in the background
once its window is up): made over a connection of its own while the panel carries on
changing, checked, and said plainly when it cannot be made."""

from __future__ import annotations

import threading

from leap_desktop.domain.errors import StoreError
from leap_desktop.services import PanelService
from leap_desktop.store import backup


def make_panel(path, people: int = 30):
    with PanelService.open(path, create=True, backups=False) as svc:
        svc.set_panel(name="Backed-up panel")
        for n in range(people):
            svc.add_person(display_name=f"Person {n}", roles=["carer"], access_needs="x" * 200, consent="named")


def daily(path, conn) -> list:
    return [p for p in backup.automatic_backups(path, conn) if "-daily" in p.name]


def test_opening_leaves_the_days_backup_for_later_when_asked(panel_path):
    make_panel(panel_path)
    with PanelService.open(panel_path, defer_daily_backup=True) as svc:
        assert svc.store.daily_backup_due
        assert daily(panel_path, svc.store.conn) == []
    with PanelService.open(panel_path) as svc:  # the leap command: made on open, as before
        assert not svc.store.daily_backup_due
        assert len(daily(panel_path, svc.store.conn)) == 1
    with PanelService.open(panel_path, defer_daily_backup=True) as svc:  # made today already
        assert not svc.store.daily_backup_due


def test_the_background_backup_is_whole_while_the_panel_changes(panel_path):
    """Changes committed while the backup is made neither wait for it nor spoil it: the
    copy is one consistent snapshot that passes every check."""
    make_panel(panel_path, people=400)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    try:
        finished = threading.Event()
        outcome = {}

        def done(path, problem):
            outcome.update(path=path, problem=problem, thread=threading.current_thread())
            finished.set()

        worker = svc.store.start_daily_backup(done)
        assert worker is not None and worker is not threading.current_thread()
        for n in range(20):  # the window goes on capturing meanwhile
            svc.add_person(display_name=f"Newcomer {n}", roles=["lived_experience"], consent="named")
        assert finished.wait(60)
        assert outcome["problem"] is None and outcome["thread"] is worker
        made = outcome["path"]
        assert made.exists() and made.name.startswith("panel-") and "-daily" in made.name
        check = backup.check_file(made, svc.store.security.key)
        assert check.ok
        assert 400 <= check.counts["people"] <= 420
        assert check.counts["audit"] >= check.counts["people"]  # the audit trail came with them
        assert not svc.store.daily_backup_due
        assert len(svc.people()) == 420  # nothing the panel did meanwhile was lost
        assert svc.store.start_daily_backup(done) is None  # once a day
    finally:
        svc.close()
    with PanelService.open(panel_path) as again:
        assert len(again.people()) == 420 and again.check() == []


def test_closing_waits_for_the_backup(panel_path):
    make_panel(panel_path, people=200)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    worker = svc.store.start_daily_backup()
    svc.close()
    assert not worker.is_alive()
    with PanelService.open(panel_path) as again:
        made = daily(panel_path, again.store.conn)
        assert len(made) == 1 and backup.check_file(made[0], again.store.security.key).ok
        assert not list(made[0].parent.glob(".*.part*"))


def test_a_backup_that_cannot_be_made_is_said_plainly_and_changes_nothing(panel_path, monkeypatch):
    make_panel(panel_path)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    real_copy = backup.copy_into

    def disk_full(conn, *, source_key, dest, dest_key, **options):
        real_copy(conn, source_key=source_key, dest=dest, dest_key=dest_key, **options)  # half a copy on disk...
        raise OSError(28, "No space left on device")  # ...and then the disk is full

    monkeypatch.setattr(backup, "copy_into", disk_full)
    try:
        finished = threading.Event()
        outcome = {}
        svc.store.start_daily_backup(lambda path, problem: (outcome.update(path=path, problem=problem), finished.set()))
        assert finished.wait(30)
        assert outcome["path"] is None and isinstance(outcome["problem"], StoreError)
        assert str(outcome["problem"]).endswith("is full: nothing was saved. Free some space and try again")
        folder = backup.backup_folder(panel_path, svc.store.conn)
        assert list(folder.iterdir()) == []  # no half-made backup left behind
        assert svc.store.daily_backup_due  # still wanted: the next open tries again
        svc.add_person(display_name="After", roles=["carer"], consent="named")  # the panel works on
    finally:
        monkeypatch.undo()
        svc.close()


def test_a_background_backup_that_cannot_read_the_file_says_why(panel_path, monkeypatch):
    """Whatever goes wrong reaches ``done`` as a plain StoreError (never a silent thread death)."""
    make_panel(panel_path)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    try:
        from leap_desktop.store import daily_backup

        def refuse(*_args, **_kwargs):
            raise StoreError("There is no panel file at the old place")

        monkeypatch.setattr(daily_backup, "connect", refuse)
        finished = threading.Event()
        outcome = {}
        svc.store.start_daily_backup(lambda path, problem: (outcome.update(problem=problem), finished.set()))
        assert finished.wait(30)
        assert str(outcome["problem"]) == "the file could not be read for it (There is no panel file at the old place)"
    finally:
        monkeypatch.undo()
        svc.close()


def _driver_error(code: int | None):
    """An SQLite error as the driver raises it, with its result code (or none: a bug)."""
    from leap_desktop.store.connection import driver

    exc = driver.OperationalError("words that do not matter")
    if code is not None:
        exc.sqlite_errorcode, exc.sqlite_errorname = code, f"code {code}"
    return exc


def _background_outcome(svc, monkeypatch, problem) -> dict:
    def fails(*_args, **_kwargs):
        raise problem

    monkeypatch.setattr(backup, "make_automatic", fails)
    finished = threading.Event()
    outcome = {}
    svc.store.start_daily_backup(lambda path, problem: (outcome.update(path=path, problem=problem), finished.set()))
    assert finished.wait(30)
    return outcome


def test_a_full_disk_during_the_background_backup_is_said_by_its_code(panel_path, monkeypatch):
    make_panel(panel_path)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    try:
        outcome = _background_outcome(svc, monkeypatch, _driver_error(13))  # SQLITE_FULL
        assert outcome["path"] is None and isinstance(outcome["problem"], StoreError)
        assert str(outcome["problem"]) == (
            f"The disk holding {panel_path} is full: nothing was saved. Free some space and try again"
        )
        assert svc.store.daily_backup_due  # still wanted
    finally:
        monkeypatch.undo()
        svc.close()


def test_a_bug_in_the_background_backup_reaches_done_as_a_bug(panel_path, monkeypatch):
    """An SQLite error that is not about the file or the computer (a mistake in the SQL)
    is not dressed as a plain message: it reaches ``done`` as it is, for the report dialog."""
    from leap_desktop.store.connection import driver

    make_panel(panel_path)
    svc = PanelService.open(panel_path, defer_daily_backup=True)
    try:
        outcome = _background_outcome(svc, monkeypatch, _driver_error(1))  # SQLITE_ERROR
        assert isinstance(outcome["problem"], driver.OperationalError)
        assert not isinstance(outcome["problem"], StoreError)
    finally:
        monkeypatch.undo()
        svc.close()
