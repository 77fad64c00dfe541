"""What the `leap` command says, read as a person reads it: no "kept in nowhere", no
doubled words, no 10 MB field name echoed back, and a refusal under a lock names who
holds it."""

from __future__ import annotations

import io
import json

import keyring
import keyring.backends.null
import pytest

from leap_desktop.cli import main
from leap_desktop.domain.errors import SHOWN_LIMIT, clip, shown
from leap_desktop.services import PanelService


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def null_keyring(monkeypatch):
    """keyring's 'null' backend: takes every key and keeps none (what a machine without a
    keyring may be configured with)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.null.Keyring())
    monkeypatch.setenv("LEAP_PASSPHRASE", "a passphrase for this test")
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", ["null", "fail"])
def test_with_no_keyring_every_command_says_so_plainly(tmp_path, null_keyring, backend):
    if backend == "fail":
        import keyring.backends.fail

        keyring.set_keyring(keyring.backends.fail.Keyring())
    db = str(tmp_path / "p.leap")
    said = []
    for command in (["init", "--name", "Test"], ["people"], ["key-info"], ["check"]):
        code, out, err = leap("--db", db, *command)
        assert code == 0, err
        said.append(out + err)
    everything = "\n".join(said)
    assert "nowhere" not in everything
    assert "stored again" not in everything
    assert "No keyring works on this computer, so the key is not stored on this computer" in said[0]
    assert ("No keyring works here, so the key of p.leap is not stored on this computer: the file opens "
            "only with its recovery key or passphrase, so keep those safe.") in said[2]


def test_the_null_keyring_is_not_taken_for_a_keyring(null_keyring):
    from leap_desktop.store.keys import KeyringUnavailable, KeyStore, new_key

    store = KeyStore()
    with pytest.raises(KeyringUnavailable, match="No keyring works on this computer"):
        store.put(new_key())
    assert store.where().startswith("nowhere")


def test_approved_minutes_refusals_read_as_sentences(demo_path):
    svc = PanelService.open(demo_path)
    try:
        from leap_desktop.domain.errors import RuleError
        from leap_desktop.domain.model import AgendaItem, Meeting
        from leap_desktop.domain.vocab import MeetingStatus

        meeting = next(m for m in svc.meetings() if m.status is MeetingStatus.MINUTES_APPROVED)
        item = svc.store.find(AgendaItem, meeting_id=meeting.id)[0]
        person = svc.people()[0]
        with pytest.raises(RuleError) as said:
            svc.add_contribution(item.id, person.id, "idea", "One more thing")
        assert f"The minutes of {meeting.ref} ({meeting.title}) are approved, so what was said cannot be changed; " in str(said.value)
        with pytest.raises(RuleError) as said:
            svc.add_item(meeting.id, title="Late item", purpose="discussion", allotted_minutes=5)
        assert "so its agenda cannot be changed;" in str(said.value)
        assert isinstance(svc.get(Meeting, meeting.id), Meeting)
    finally:
        svc.close()


def test_a_huge_unknown_field_name_is_not_echoed_back_whole(tmp_path):
    from leap_desktop.services.demo import build_document
    import datetime as dt

    document = build_document(dt.date(2026, 6, 15))
    name = "x" * 10_000_000
    document["people"][0][name] = 1
    source = tmp_path / "big.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = leap("--db", str(tmp_path / "p.leap"), "import", str(source))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and len(err) < 200, err[:300]
    assert err.startswith("leap: ") and "people[0]." + "x" * (SHOWN_LIMIT - 1) + "\u2026" in err
    assert "is not a field this format knows" in err
    assert not (tmp_path / "p.leap").exists()


def test_a_huge_value_or_reference_is_cut_in_the_message(tmp_path, demo_path):
    code, _, err = leap("--db", str(demo_path), "trace", "Q" * 100_000)
    assert code == 1 and len(err) < 300, err[:300]
    code, _, err = leap("--db", str(demo_path), "person", "Z" * 100_000)
    assert code == 1 and len(err) < 300 and "No person called 'ZZZ" in err


def test_shown_cuts_and_quotes_what_it_echoes():
    assert shown("D-x") == "'D-x'"
    assert shown("a" * 100) == "'" + "a" * SHOWN_LIMIT + "\u2026'"
    assert shown(10**5000) == "a number of about 5,000 digits"  # repr() would refuse it
    assert len(shown([10**5000, "b" * 1000])) <= SHOWN_LIMIT
    assert len(shown({"k" * 1000: ["v" * 1000] * 1000})) <= SHOWN_LIMIT
    assert clip("short") == "short" and clip("y" * 61) == "y" * 59 + "\u2026"


@pytest.mark.parametrize("command", [["rekey"], ["restore", "BACKUP"]])
def test_rekey_and_restore_under_a_held_lock_name_the_holder(tmp_path, demo_path, command):
    backup = tmp_path / "b.leap"
    code, _, err = leap("--db", str(demo_path), "backup", "--out", str(backup))
    assert code == 0, err
    command = [str(backup) if part == "BACKUP" else part for part in command]
    holder = PanelService.open(demo_path)  # the desktop app has it open for changes
    try:
        before = demo_path.read_bytes()
        code, out, err = leap("--db", str(demo_path), *command)
        assert code == 1, err
        line = [line for line in err.splitlines() if line.startswith("leap: ")]
        assert line and line[0].startswith(
            "leap: demo.leap is open read-only, so it cannot be changed: LEAP Desktop (process "), err
        assert demo_path.read_bytes() == before
    finally:
        holder.close()
