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
        (["trace", "D-99999999999999999999999"], "leap: No decision D-99999999999999999999999 in this panel\n"),
        (["agenda", "M-18446744073709551616"], "leap: No meeting M-18446744073709551616 in this panel\n"),
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
    assert err == f"leap: There is no panel file at {tmp_path / 'none.leap'}: make one with 'leap init', or try 'leap demo'\n"
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


def test_a_refused_import_makes_no_file_and_no_key(tmp_path, memory_keyring):
    import datetime as dt

    from leap_desktop.services.demo import build_document

    doc = build_document(dt.date(2026, 6, 15))
    doc["decisions"][0]["number"] = 10**30  # passed the checks once, then failed at the insert
    bad = tmp_path / "hugenum.json"
    bad.write_text(json.dumps(doc))
    code, _, err = leap("--db", str(tmp_path / "new.leap"), "import", str(bad))
    assert (code, err) == (1, "leap: decisions[0].number: must be a whole number from 1 to 1,000,000,000 (got "
                              "1000000000000000000000000000000)\n")
    assert "RECOVERY KEY" not in err and memory_keyring.entries == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hugenum.json"]


def test_input_errors_are_not_reported_as_bugs(tmp_path, demo_db):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    code, _, err = leap("--db", str(tmp_path / "new.leap"), "import", str(deep))
    assert (code, err) == (1, "leap: The file is not a LEAP panel document: its JSON is nested far too deeply\n")
    _, doc_text, _ = leap("--db", str(demo_db), "export")
    notepad = tmp_path / "notepad.json"
    notepad.write_bytes(b"\xef\xbb\xbf" + doc_text.encode("utf-8"))  # UTF-8 with a byte-order mark
    code, _, err = leap("--db", str(tmp_path / "copy.leap"), "import", str(notepad))
    assert code == 0, err


def test_search_for_words_starting_with_a_dash_says_to_use_double_dash(demo_db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(demo_db), "search", "-payment"])
    assert caught.value.code == 2
    assert "to search for words that start with '-', put -- before them: leap search -- -payment" in capsys.readouterr().err
    code, out, _ = leap("--db", str(demo_db), "search", "--", "-payment")
    assert code == 0 and "payment" in out


def test_a_change_to_a_file_open_elsewhere_is_refused_in_one_line(demo_db):
    from leap_desktop.services import PanelService

    holder = PanelService.open(demo_db)  # the desktop app, say, has it open for changes
    try:
        code, out, err = leap("--db", str(demo_db), "circulate", "M-11")
        assert code == 1 and out == ""
        assert len(err.splitlines()) == 1
        assert err.startswith("leap: p.leap is open read-only, so nothing was saved: LEAP Desktop (process ")
        code, out, err = leap("--db", str(demo_db), "decisions")
        assert code == 0 and "D-1" in out
        assert err.startswith("Opened p.leap read-only: LEAP Desktop (process ") and len(err.splitlines()) == 1
    finally:
        holder.close()


def test_an_interrupted_demo_leaves_nothing_under_the_name_and_can_be_run_again(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "p.leap"
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LEAP_PASSPHRASE": "interrupted demo passphrase",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LEAP_DATA_DIR": str(tmp_path / "data")}
    killed_midway = (
        "import os, signal, sys\n"
        "from leap_desktop.cli import main, records\n"
        "def build(service, years):\n"
        "    service.people()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)  # the laptop dies while the demo is being made\n"
        "records.build_demo_in = build\n"
        f"main(['--db', {str(path)!r}, 'demo'])\n"
    )
    done = subprocess.run([sys.executable, "-c", killed_midway], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == -9
    assert not path.exists(), "no empty or half-made panel file under the name asked for"
    again = subprocess.run([sys.executable, "-m", "leap_desktop.cli", "--db", str(path), "demo"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"Created the demo panel in {path}" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".p.leap") or p.name.startswith("p.leap")) == ["p.leap"]
