"""The `leap` command end to end, in a temporary folder, as a person would use it."""

import io
import json
import os

import pytest

from leap_desktop.cli import main


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "p.leap"
    code, _, err = leap("--db", str(path), "demo")
    assert code == 0, err
    assert "Created the demo panel" in err
    return path


def test_trace_json_lists_coproducers_with_roles_and_contributions(demo_db):
    code, out, _ = leap("--db", str(demo_db), "trace", "D-1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["decision"]["ref"] == "D-1"
    assert data["coproducers"], "D-1 has co-producers"
    for person in data["coproducers"]:
        assert set(person) >= {"name", "roles", "contributions"}
        assert person["contributions"] or person["named_directly"]
    assert data["superseded_by"], "D-1 was replaced in the demo story"


def test_listings_print_tables_and_json(demo_db):
    for command in (["people"], ["meetings"], ["decisions"], ["actions"], ["agenda", "M-2"], ["person", "Amira"], ["search", "poster"]):
        code, out, err = leap("--db", str(demo_db), *command)
        assert code == 0, err
        assert out.strip() and "Traceback" not in out + err
        code, out, _ = leap("--db", str(demo_db), *command, "--json")
        assert code == 0
        json.loads(out)


def test_decision_filters(demo_db):
    _, out, _ = leap("--db", str(demo_db), "decisions", "--status", "reversed", "--json")
    rows = json.loads(out)
    assert rows and all(r["status"] == "reversed" for r in rows)
    _, out, _ = leap("--db", str(demo_db), "decisions", "--level", "panel-led", "--json")
    assert all(r["involvement_level"] == "panel_led" for r in json.loads(out))


def test_overdue_actions_are_marked(demo_db):
    code, out, _ = leap("--db", str(demo_db), "actions", "--overdue")
    assert code == 0 and "OVERDUE" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["trace", "D-999"], "leap: No decision D-999 in this panel\n"),
        (["person", "Nobody"], "leap: No person called 'Nobody' on this panel\n"),
        (["decisions", "--status", "maybe"], "leap: Status must be one of: proposed, agreed, rejected, deferred, superseded, reversed (got 'maybe')\n"),
    ],
)
def test_errors_are_one_clear_line(demo_db, args, message):
    code, out, err = leap("--db", str(demo_db), *args)
    assert code == 1
    assert err == message


def test_missing_panel_file_says_how_to_make_one(tmp_path):
    code, _, err = leap("--db", str(tmp_path / "none.leap"), "people")
    assert code == 1
    assert err.startswith("leap: There is no panel file at")
    assert not (tmp_path / "none.leap").exists()


def test_export_import_export_identical_via_the_command(tmp_path, demo_db):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert leap("--db", str(demo_db), "export", "--out", str(first))[0] == 0
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    copy_db = tmp_path / "copy.leap"
    code, _, err = leap("--db", str(copy_db), "import", str(first))
    assert code == 0, err
    assert leap("--db", str(copy_db), "export", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_bad_import_leaves_the_database_byte_identical(tmp_path, demo_db):
    target = tmp_path / "target.leap"
    assert leap("--db", str(target), "init", "--name", "Empty panel")[0] == 0
    _, doc_text, _ = leap("--db", str(demo_db), "export")
    doc = json.loads(doc_text)
    doc["actions"][0]["owner"] = "ghost"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    before, mtime = target.read_bytes(), os.stat(target).st_mtime_ns
    code, _, err = leap("--db", str(target), "import", str(bad))
    assert code == 1
    assert err == "leap: actions[0].owner: no person with id ghost\n"
    assert target.read_bytes() == before and os.stat(target).st_mtime_ns == mtime


def test_bad_import_into_a_new_file_leaves_no_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "leap-panel", "version": 1}')
    code, _, err = leap("--db", str(tmp_path / "new.leap"), "import", str(bad))
    assert code == 1 and "panel: is missing" in err
    assert not (tmp_path / "new.leap").exists()


def test_demo_refuses_to_overwrite(demo_db):
    code, _, err = leap("--db", str(demo_db), "demo")
    assert code == 1 and "already exists" in err


def test_check_reports_all_good(demo_db):
    code, out, _ = leap("--db", str(demo_db), "check")
    assert code == 0 and out.startswith("All good")


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["trace"])
    assert caught.value.code == 2
    assert "the following arguments are required: decision" in capsys.readouterr().err


def test_export_over_the_panel_file_itself_is_refused_and_changes_nothing(tmp_path, demo_db):
    panel = tmp_path / "own.leap"
    panel.write_bytes(demo_db.read_bytes())
    before, mtime = panel.read_bytes(), os.stat(panel).st_mtime_ns
    code, out, err = leap("--db", str(panel), "export", "--out", str(panel))
    assert code == 1
    assert err == f"leap: {panel} is the panel file itself: choose another file for the export (nothing was written)\n"
    assert panel.read_bytes() == before and os.stat(panel).st_mtime_ns == mtime
    assert leap("--db", str(panel), "people")[0] == 0
