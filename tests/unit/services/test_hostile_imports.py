"""A hostile run of `leap import`: valid documents, mutated, through the command.

Every import either succeeds with a file that passes `leap check`, or is refused in one
plain line (never the "unexpected problem" bug line), with no file and no key left
behind. Alongside: the refusals that used to come only at insert time (after a recovery
key had been printed), and replacement loops, refused on import and named by `check`.
"""

from __future__ import annotations

import copy
import io
import json
import os
import uuid

import keyring
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from leap_desktop.cli import main
from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import Decision
from leap_desktop.services import PanelService, interchange
from leap_desktop.services.interchange import ImportRefused

from clock import FIXED_NOW

HUGE = "\x00HUGE-NUMBER\x00"  # written into the JSON text as a 5,000-digit number
DEEP = "\x00DEEP\x00"  # written into the JSON text as lists nested 5,000 deep
#: Examples per run: about 4 s. For a longer hunt: LEAP_HOSTILE_EXAMPLES=1000 pytest ...
EXAMPLES = int(os.environ.get("LEAP_HOSTILE_EXAMPLES", "45"))


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A small panel with every kind of record and link, as an interchange document."""
    path = tmp_path_factory.mktemp("hostile-base") / "base.leap"
    with PanelService.open(path, create=True, clock=lambda: FIXED_NOW) as s:
        s.set_panel(name="Hostile imports", purpose="Testing")
        amira = s.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
        ben = s.add_person(display_name="Ben Okafor", roles=["carer"], consent="initials")
        meeting = s.add_meeting(title="March panel", starts_at="2026-03-05 14:00", planned_minutes=90)
        s.set_attendance(meeting.id, amira.id, status="present")
        s.set_attendance(meeting.id, ben.id, status="apologies")
        item = s.add_item(meeting.id, title="Consent form", purpose="decision", allotted_minutes=40)
        said = s.add_contribution(item.id, amira.id, "insight", "The form felt frightening.")
        also = s.add_contribution(item.id, ben.id, "suggestion", "Put a summary first.")
        first = s.record_decision(title="Keep the long form", status="agreed", method="consensus", meeting_id=meeting.id,
                                  sources=[said.id], coproducers=[ben.id])
        s.record_decision(title="Use a one-page summary", status="agreed", method="consensus", meeting_id=meeting.id,
                          supersedes_id=first.id, sources=[also.id, said.id], coproducers=[amira.id],
                          dissent=["Not everyone agreed"])
        s.record_decision(title="Offer easy read", status="agreed", method="consensus", meeting_id=meeting.id)
        s.add_action(title="Draft the summary", owner_id=amira.id, due_on="2026-04-01")
        return interchange.export_document(s.store)


def target(folder):
    # A name of its own: copies with one name and panel id share backups (issue 9, item 2).
    return folder / f"{folder.name}.leap"


def import_text(folder, text: str):
    """`leap import` of ``text`` into a new file in ``folder``; what a person would see."""
    source = folder / "in.json"
    source.write_text(text, encoding="utf-8")
    keys = dict(keyring.get_keyring().entries)
    code, out, err = leap("--db", target(folder), "import", source)
    return code, out, err, keys


def assert_whole_or_refused(folder, text) -> tuple[str, str]:
    """("imported", "") for a file that then passes `leap check`, or ("refused", the line)."""
    code, _, err, keys_before = import_text(folder, text)
    assert "unexpected problem" not in err and "Traceback" not in err, err
    if code == 0:
        check_code, check_out, check_err = leap("--db", target(folder), "check")
        assert (check_code, check_err) == (0, ""), check_out + check_err
        assert check_out.startswith("All good")
        return "imported", ""
    assert code == 1 and err.startswith("leap: ") and err.count("\n") == 1, err
    assert "RECOVERY KEY" not in err
    assert sorted(p.name for p in folder.iterdir()) == ["in.json"], "a refused import leaves no file behind"
    assert keyring.get_keyring().entries == keys_before, "a refused import leaves no key behind"
    return "refused", err.removeprefix("leap: ").rstrip("\n")


def as_text(document) -> str:
    text = json.dumps(document, ensure_ascii=True)  # lone surrogates travel as \\ud800
    return text.replace(json.dumps(HUGE), "9" * 5_000).replace(json.dumps(DEEP), "[" * 5_000 + "]" * 5_000)


# -- refused before any file or key is made (issue 9, item 4) ------------------------------------


def refused_line(tmp_path, document_or_text) -> str:
    text = document_or_text if isinstance(document_or_text, str) else as_text(document_or_text)
    outcome, line = assert_whole_or_refused(tmp_path, text)
    assert outcome == "refused"
    return line


def with_new_id(record):
    return {**copy.deepcopy(record), "id": str(uuid.uuid4())}


def test_the_same_contribution_twice_as_a_source_is_refused_before_a_key_is_made(tmp_path, base):
    doc = copy.deepcopy(base)
    doc["decisions"][1]["sources"].append(with_new_id(doc["decisions"][1]["sources"][0]))
    assert refused_line(tmp_path, doc) == (
        "decisions[1].sources[2]: lists the same contribution twice as a source of this decision "
        "(also at decisions[1].sources[0])")


def test_two_attendance_rows_for_one_person_are_refused(tmp_path, base):
    doc = copy.deepcopy(base)
    doc["meetings"][0]["attendance"].append(with_new_id(doc["meetings"][0]["attendance"][1]))
    assert refused_line(tmp_path, doc) == (
        "meetings[0].attendance[2]: is listed twice for this person at this meeting (also at meetings[0].attendance[1])")


def test_the_same_co_producer_twice_is_refused(tmp_path, base):
    doc = copy.deepcopy(base)
    doc["decisions"][0]["coproducers"].append(with_new_id(doc["decisions"][0]["coproducers"][0]))
    assert "lists the same person twice as a co-producer" in refused_line(tmp_path, doc)


def test_a_removed_duplicate_is_not_a_duplicate(tmp_path, base):
    doc = copy.deepcopy(base)
    gone = with_new_id(doc["meetings"][0]["attendance"][0])
    gone["deleted_at"] = "2026-03-06T10:00:00Z"
    doc["meetings"][0]["attendance"].append(gone)
    assert assert_whole_or_refused(tmp_path, as_text(doc)) == ("imported", "")


def test_a_lone_surrogate_in_an_id_is_refused_with_its_path(tmp_path, base):
    doc = copy.deepcopy(base)
    doc["actions"][0]["id"] = "action-\udfff"
    assert refused_line(tmp_path, doc) == "actions[0].id: contains a broken character (U+DFFF) that cannot be saved"


@pytest.mark.parametrize("where", ["version", "decisions[0].votes_for", "people[0].number"])
def test_numbers_thousands_of_digits_long_are_refused_plainly(tmp_path, base, where):
    doc = copy.deepcopy(base)
    if where == "version":
        doc["version"] = HUGE
    elif where.startswith("decisions"):
        doc["decisions"][0]["votes_for"] = HUGE
    else:
        doc["people"][0]["number"] = HUGE
    assert refused_line(tmp_path, doc) == (
        f"{where}: is a number 5,000 digits long; no LEAP panel document has numbers longer than 100 digits")


def test_numbers_json_cannot_hold_are_refused(tmp_path, base):
    version = f'"version": {interchange.VERSION}'
    assert version in as_text(base)
    text = as_text(base).replace(version, '"version": 1e999', 1)
    assert refused_line(tmp_path, text) == "The file holds a number too large to be read (1e999)"
    text = as_text(base).replace(version, '"version": NaN', 1)
    assert refused_line(tmp_path, text) == "The file is not valid JSON (NaN is not a number JSON allows)"


def test_a_number_the_file_cannot_store_is_refused_in_a_document_built_in_python(base):
    doc = copy.deepcopy(base)
    doc["meetings"][0]["planned_minutes"] = 10**5000  # more digits than Python will print
    with pytest.raises(ImportRefused, match=r"^meetings\[0\]\.planned_minutes: is a number more than 100 digits"):
        interchange.read_document(doc)


# -- replacement loops (issue 9, item 5) --------------------------------------------------------


def test_a_replacement_loop_is_refused_on_import(tmp_path, base):
    doc = copy.deepcopy(base)
    first, second = doc["decisions"][0], doc["decisions"][1]
    first["supersedes"] = second["id"]
    assert refused_line(tmp_path, doc) == (
        "decisions[0].supersedes: D-1 replaces D-2, which replaces D-1: a decision cannot end up replacing itself")


def test_a_three_decision_loop_is_refused_on_import(tmp_path, base):
    doc = copy.deepcopy(base)
    one, two, three = doc["decisions"]
    three["status"], three["supersedes"] = "superseded", None
    one["supersedes"] = three["id"]
    three["supersedes"] = two["id"]
    assert refused_line(tmp_path, doc) == (
        "decisions[0].supersedes: D-1 replaces D-3, which replaces D-2, which replaces D-1: a decision cannot "
        "end up replacing itself")


def test_two_decisions_in_force_replacing_one_are_refused_on_import(tmp_path, base):
    doc = copy.deepcopy(base)
    doc["decisions"][2]["supersedes"] = doc["decisions"][0]["id"]
    assert refused_line(tmp_path, doc) == (
        "decisions[2].supersedes: D-2 and D-3 both replace D-1, and are both in force: a decision is replaced by "
        "one decision only")


def test_the_app_refuses_to_make_a_replacement_loop(service):
    old = service.record_decision(title="Old", status="agreed", method="consensus")
    new = service.record_decision(title="New", status="agreed", method="consensus", supersedes_id=old.id)
    with pytest.raises(RuleError, match="^D-1 replaces D-2, which replaces D-1: a decision cannot end up replacing itself$"):
        service.edit_decision(old.id, supersedes_id=new.id)
    assert service.get(Decision, old.id).supersedes_id is None


def test_check_names_loops_and_double_replacements_in_a_file_that_has_them(panel_path):
    with PanelService.open(panel_path, create=True, clock=lambda: FIXED_NOW) as s:
        s.set_panel(name="Bad links")
        d = [s.record_decision(title=f"Decision {n}", status="agreed", method="consensus") for n in range(1, 6)]
        # Written through the store, as a file changed by an older LEAP Desktop might be.
        with s.store.change("Links no change can make"):
            s.store.update(d[1].changed(supersedes_id=d[2].id))
            s.store.update(d[2].changed(supersedes_id=d[1].id))
            s.store.update(d[3].changed(supersedes_id=d[0].id))
            s.store.update(d[4].changed(supersedes_id=d[0].id))
    code, out, err = leap("--db", panel_path, "check")
    assert (code, err) == (1, "")
    assert out.splitlines()[1:] == [
        "  decision D-2: D-2 replaces D-3, which replaces D-2: a decision cannot end up replacing itself",
        "  decision D-5: D-4 and D-5 both replace D-1, and are both in force: a decision is replaced by one "
        "decision only",
    ]


def test_check_says_all_good_for_replacements_the_app_makes(tmp_path, base):
    assert assert_whole_or_refused(tmp_path, as_text(base)) == ("imported", "")


# -- the hostile run -----------------------------------------------------------------------------

ODD = [None, True, 0, -1, 1.5, 10**30, 2**63, HUGE, "", " ", "x" * 300, "nul\x00byte", "lone \ud800 surrogate",
       "\u202eRTL", "2026-02-30", "2026-03-05T14:00:00Z\n", "٢٠٢٦-٠٣-٠٥", "../../..", "D-1", [], {}, [[[[[[]]]]]],
       {"id": "x"}, "agreed", "superseded", "named"]

odd_values = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.recursive(st.none(), lambda inner: st.lists(inner, max_size=2), max_leaves=30),
)


def slots(document):
    """Every (container, key) in the document, with the ids of its records."""
    found, ids = [], []
    stack = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            found.append((node, key))
            if key == "id" and isinstance(value, str):
                ids.append(value)
            stack.append(value)
    return found, ids


def mutate(data, document):
    found, ids = slots(document)
    node, key = data.draw(st.sampled_from(found), label="where")
    kind = data.draw(st.sampled_from(["value", "value", "delete", "copy", "copy-new-id", "id-of-another",
                                      "unknown", "deep", "link-twice", "replace"]), label="how")
    if kind == "link-twice":  # an attendance, source or co-producer listed again under a new id
        links = [(n, k) for n, k in found if k in ("attendance", "sources", "coproducers") and n[k]]
        node, key = data.draw(st.sampled_from(links), label="links")
        node[key].append(with_new_id(data.draw(st.sampled_from(node[key]), label="link")))
    elif kind == "replace":  # one decision replaces another: loops, double replacements
        decisions = [d for d in document.get("decisions", []) if isinstance(d, dict)] if isinstance(document, dict) else []
        if decisions:
            new, old = data.draw(st.sampled_from(decisions)), data.draw(st.sampled_from(decisions))
            new["supersedes"] = old.get("id")
    elif kind == "value":
        node[key] = data.draw(odd_values, label="value")
    elif kind == "delete":
        del node[key]
    elif kind in ("copy", "copy-new-id") and isinstance(node[key], dict) and isinstance(node, list):
        twin = copy.deepcopy(node[key])
        if kind == "copy-new-id" and "id" in twin:
            twin["id"] = str(uuid.uuid4())
        node.append(twin)
    elif kind == "id-of-another" and ids:
        node[key] = data.draw(st.sampled_from(ids), label="id")
    elif kind == "unknown" and isinstance(node[key], dict):
        node[key][data.draw(st.sampled_from(["extra", "\ud800", "id\x00"]))] = 1
    elif kind == "deep":
        node[key] = DEEP


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_mutated_import_is_whole_or_refused_in_one_line(base, tmp_path_factory, data):
    document = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="mutations")):
        mutate(data, document)
    outcome, line = assert_whole_or_refused(tmp_path_factory.mktemp("hostile"), as_text(document))
    event(outcome if outcome == "imported" else line.split(": ")[-1][:50])
