"""Files in the shared folder: damaged, foreign, newer; and the commands."""

from __future__ import annotations

import json
import os

from leap_desktop.cli import main
from leap_desktop.store import sync_format as fmt

from sync_laptops import Laptop, everyone_synced, laptops


def files_of(laptop_folder):
    return sorted(laptop_folder.rglob("*.leapsync"))


def device_folder_of(laptop):
    with laptop.open() as svc:
        device = svc.store.scalar("SELECT id FROM file_identity")
    return next(p for p in laptop.folder.glob(f"*/{device}"))


def test_a_damaged_file_is_refused_in_one_line_and_the_others_still_apply(tmp_path):
    a, b, c = laptops(tmp_path, 3)
    b.do(lambda svc: svc.add_person(display_name="From B", roles=["carer"], consent="named"))
    c.do(lambda svc: svc.add_person(display_name="From C", roles=["carer"], consent="named"))
    b.sync()
    c.sync()
    [damaged] = files_of(device_folder_of(b))[-1:]
    damaged.write_bytes(damaged.read_bytes()[:-10])  # cut short, as a sync service might leave it
    report = a.sync()
    assert len(report.refused) == 1 and "\n" not in report.refused[0]
    assert "is damaged, cut short, or sealed with another panel's key" in report.refused[0]
    names = a.do(lambda svc: [p.display_name for p in svc.people()])
    assert "From C" in names and "From B" not in names
    assert a.problems() == []


def test_a_file_sealed_for_another_panel_is_refused(tmp_path):
    a, b = laptops(tmp_path, 2)
    b.do(lambda svc: svc.add_person(display_name="From B", roles=["carer"], consent="named"))
    b.sync()
    [last] = files_of(device_folder_of(b))[-1:]
    header, _ = fmt.read_header(last.read_bytes(), last.name)
    forged = fmt.seal(header, fmt.Body(b"", []), os.urandom(32))
    last.write_bytes(forged)
    report = a.sync()
    assert report.refused and "sealed with another panel's key" in report.refused[0]
    assert "From B" not in a.do(lambda svc: [p.display_name for p in svc.people()])


def test_a_file_from_a_newer_leap_desktop_is_not_taken(tmp_path, monkeypatch):
    a, b = laptops(tmp_path, 2)
    b.do(lambda svc: svc.add_person(display_name="From B", roles=["carer"], consent="named"))
    from leap_desktop.store import migrations

    real = migrations.schema_version
    monkeypatch.setattr(migrations, "schema_version", lambda: real() + 1)
    b.sync()  # as if B had been updated
    monkeypatch.setattr(migrations, "schema_version", real)
    report = a.sync()
    assert report.refused and "comes from a newer LEAP Desktop" in report.refused[0]
    assert "update LEAP Desktop on this laptop" in report.refused[0]
    assert "From B" not in a.do(lambda svc: [p.display_name for p in svc.people()])


def test_stray_files_are_left_alone_and_said(tmp_path):
    a, b = laptops(tmp_path, 2)
    b.do(lambda svc: svc.add_person(display_name="From B", roles=["carer"], consent="named"))
    b.sync()
    folder = device_folder_of(b)
    (folder / "1 (conflicted copy).leapsync").write_bytes(b"junk")
    report = a.sync()
    assert any("not a sync file" in note for note in report.notes)
    assert "From B" in a.do(lambda svc: [p.display_name for p in svc.people()])


def test_the_commands_join_sync_report_and_exit_0_with_a_refused_file(tmp_path, capsys, monkeypatch):
    a, b = laptops(tmp_path, 2)
    monkeypatch.setenv("LEAP_RECOVERY_KEY", a.secret)
    folder = str(a.folder)
    new = str(tmp_path / "c.leap")
    assert main(["--db", new, "sync", "--folder", folder]) == 0
    out, err = capsys.readouterr()
    assert "Made c.leap from the shared folder" in err and out.startswith("Synced: 0 changes sent")
    assert main(["--db", new, "add-person", "Dee", "--roles", "researcher"]) == 0
    assert capsys.readouterr().out.strip() == "P-3"
    assert main(["--db", new, "sync", "--folder", folder]) == 0
    [last] = files_of(device_folder_of(Laptop(tmp_path / "c.leap", a.folder, a.secret)))[-1:]
    last.write_bytes(b"LEAPSYNC garbage")
    assert main(["--db", str(a.path), "sync", "--folder", folder]) == 0
    out, err = capsys.readouterr()
    assert err.count("Refused") == 1 and "is not a LEAP Desktop sync file" not in out
    assert main(["--db", str(a.path), "sync-status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["refused"] == 1 and status["conflicts_waiting"] == 0
    assert main(["--db", new, "conflicts"]) == 0
    assert capsys.readouterr().out.strip() == "No conflicts waiting."


def test_scripted_writes_make_a_panel_two_laptops_share(tmp_path, capsys, monkeypatch):
    a, b = laptops(tmp_path, 2)
    monkeypatch.setenv("LEAP_RECOVERY_KEY", a.secret)

    def leap(*args):
        assert main(["--db", str(a.path), *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out.strip()

    meeting = leap("add-meeting", "Second meeting", "--at", "2026-04-02 14:00")
    item = leap("add-item", meeting, "Travel costs", "--purpose", "decision")
    said = leap("add-contribution", item, "Ann", "Pay taxis after dark", "--kind", "suggestion")
    decision = leap("record-decision", "Pay for taxis", "--item", item, "--source", said)
    action = leap("add-action", "Tell finance", "--owner", "Bo", "--decision", decision, "--due", "2026-05-01")
    assert (meeting, item, said, decision, action) == ("M-2", "I-2", "C-2", "D-1", "A-1")
    everyone_synced([a, b])
    assert a.export() == b.export()
    assert b.do(lambda svc: [(a.ref, a.title) for a in svc.actions()]) == [("A-1", "Tell finance")]


def test_a_sync_while_the_days_backup_is_being_made_waits_for_it_and_makes_no_second(tmp_path, monkeypatch):
    """The app starts the day's backup in the background as the window opens; a Sync now
    at once waits for it, and then finds the day's backup made."""
    import time

    from leap_desktop.services import PanelService
    from leap_desktop.store import backup

    a, _ = laptops(tmp_path, 2)
    real = backup.make_automatic

    def slow(conn, path, key, reason, **kw):
        if reason == "daily":
            time.sleep(0.5)
        return real(conn, path, key, reason, **kw)

    monkeypatch.setattr(backup, "make_automatic", slow)
    with a.open() as svc:
        for old in svc.security.automatic_backups():
            old.unlink()  # as on a new day
    with PanelService.open(a.path, ask=lambda r: a.secret, defer_daily_backup=True) as svc:
        assert svc.store.daily_backup_due
        assert svc.start_daily_backup()
        svc.sync.sync(a.folder)
        names = [p.name for p in svc.security.automatic_backups()]
    assert len(names) == 1 and "-daily" in names[0], names


def test_joining_backs_up_nothing_under_the_temporary_name(tmp_path):
    """The file being made from the folder (.NAME.leap.new) is empty until the first sync
    fills it: neither the day's backup nor the one before a sync is made of it."""
    from leap_desktop.paths import data_dir
    from leap_desktop.services import joining

    [a] = laptops(tmp_path, 1)
    report = joining.join(tmp_path / "joined.leap", a.folder, a.secret)
    assert report.received > 0
    backups = data_dir() / "backups"
    assert [p.name for p in backups.iterdir() if p.name.startswith(".joined")] == []
