"""`leap restore` on a panel file that is damaged: it cannot be opened, and need not be."""

from __future__ import annotations

import io

from panel_files import damaged_panel

from leap_desktop.cli import main


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_restore_puts_the_backup_in_place_and_says_where_the_damaged_file_went(panel_path):
    good = damaged_panel(panel_path)
    damaged_bytes = panel_path.read_bytes()
    db = str(panel_path)

    code, _, err = leap("--db", db, "people")
    assert code == 1
    assert "panel.leap is damaged or has been tampered with, so it was not opened" in err
    assert f"run 'leap --db {db} restore {good}'" in err

    code, out, err = leap("--db", db, "restore", str(good))
    assert code == 0, err
    [damaged] = panel_path.parent.glob("panel.damaged-*.leap")
    first, *rest = err.splitlines()
    assert first.startswith("panel.leap was damaged (") and first.endswith("), so it was not opened.")
    assert rest == [
        f"Restored {panel_path} from {good} (checked first; it has the backup's key).",
        f"The damaged file is kept, unchanged, as {damaged}: delete it once you no longer need it.",
    ]
    assert damaged.read_bytes() == damaged_bytes

    code, out, _ = leap("--db", db, "people")
    assert code == 0 and "Person 39" in out and "Added after the backup" not in out
    code, out, err = leap("--db", db, "check")
    assert code == 0, out + err


def test_restore_of_a_healthy_file_still_backs_it_up_first(panel_path):
    good = damaged_panel(panel_path)
    code, _, _ = leap("--db", str(panel_path), "restore", str(good))  # the damaged file goes aside
    assert code == 0
    code, _, err = leap("--db", str(panel_path), "restore", str(good))  # now healthy: the usual restore
    assert code == 0 and "The file as it was before is kept in" in err
    assert len(list(panel_path.parent.glob("panel.damaged-*.leap"))) == 1
