"""The interchange format: round trips byte for byte, and bad documents are refused whole."""

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from leap_desktop.services import PanelService, interchange, interchange_schema
from leap_desktop.services.demo import build_document
from leap_desktop.services.interchange import ImportRefused

DOCS = Path(__file__).resolve().parents[3] / "docs"
TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def demo_document():
    return build_document(TODAY)


def imported(path, document):
    svc = PanelService.open(path, create=True)
    interchange.import_document(svc.store, document)
    return svc


def test_export_import_export_is_byte_identical(tmp_path, demo_document):
    first = imported(tmp_path / "a.leap", demo_document)
    text_a = interchange.dumps(interchange.export_document(first.store))
    first.close()
    second = imported(tmp_path / "b.leap", json.loads(text_a))
    text_b = interchange.dumps(interchange.export_document(second.store))
    assert text_a == text_b
    assert second.check() == []
    second.close()


def test_tombstones_travel_in_the_document(tmp_path, small_panel, service):
    service.remove_contribution(small_panel["said"]["dev"].id)
    doc = interchange.export_document(service.store)
    contributions = doc["meetings"][0]["agenda"][0]["contributions"]
    assert sum(1 for c in contributions if c["deleted_at"]) == 1
    copy_ = imported(tmp_path / "copy.leap", doc)
    assert interchange.export_document(copy_.store) == doc
    copy_.close()


def test_schema_in_docs_is_current_and_export_matches_it(demo_document):
    schema = json.loads((DOCS / "interchange.schema.json").read_text())
    assert schema == interchange_schema.json_schema(), "run `make docs-schema` to refresh docs/interchange.schema.json"
    jsonschema.validate(demo_document, schema)


def test_every_reference_in_the_schema_is_defined_and_report_texts_validate(service):
    schema = interchange_schema.json_schema()
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"].removeprefix("#/$defs/"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert refs and refs <= set(schema["$defs"]), sorted(refs - set(schema["$defs"]))
    service.reports.set_narrative("aim", "Why we involve people.")
    document = json.loads(interchange.dumps(interchange.export_document(service.store)))
    assert document["report_texts"]
    jsonschema.validate(document, schema)


def refused(tmp_path, document, match):
    path = tmp_path / "target.leap"
    PanelService.open(path, create=True).close()
    before = path.read_bytes()
    svc = PanelService.open(path)
    with pytest.raises(ImportRefused, match=match) as caught:
        interchange.import_document(svc.store, document)
    svc.close()
    assert path.read_bytes() == before
    return caught.value


def test_dangling_reference_names_the_path(tmp_path, demo_document):
    doc = copy.deepcopy(demo_document)
    doc["meetings"][3]["agenda"][2]["contributions"][0]["person"] = "no-such-person"
    error = refused(tmp_path, doc, "no person with id no-such-person")
    assert str(error) == "meetings[3].agenda[2].contributions[0].person: no person with id no-such-person"


def test_duplicate_ids_are_refused(tmp_path, demo_document):
    doc = copy.deepcopy(demo_document)
    doc["people"][1]["id"] = doc["people"][0]["id"]
    refused(tmp_path, doc, r"people\[1\]\.id: duplicate id .* \(also at people\[0\]\)")


def test_unknown_version_is_refused(tmp_path, demo_document):
    doc = dict(demo_document, version=3)
    refused(tmp_path, doc, "version: this file uses version 3 of the LEAP panel format; this LEAP Desktop reads "
                           "versions 1 and 2")


def test_broken_domain_rule_is_refused(tmp_path, demo_document):
    doc = copy.deepcopy(demo_document)
    vote = next(d for d in doc["decisions"] if d["method"] == "vote")
    index = doc["decisions"].index(vote)
    vote["votes_for"] = None
    refused(tmp_path, doc, rf"decisions\[{index}\]\.votes_for: A vote needs the counts")


def test_bad_values_are_refused_with_their_field(tmp_path, demo_document):
    cases = [
        (("people", 0, "consent"), "everyone", r"people\[0\]\.consent: Attribution consent must be one of"),
        (("people", 0, "display_name"), "", r"people\[0\]\.display_name: Name is needed"),
        (("actions", 0, "due_on"), "31/12/2026", r"actions\[0\]\.due_on: Due date must be a real date"),  # ISO only in a file
        (("actions", 0, "due_on"), "2026-02-30", r"actions\[0\]\.due_on: Due date must be a real date"),
        (("people", 0, "surprise"), 1, r"people\[0\]\.surprise: is not a field this format knows"),
        (("people", 0, "number"), "one", r"people\[0\]\.number: must be a whole number"),
    ]
    for (top, index, key), value, match in cases:
        doc = copy.deepcopy(demo_document)
        doc[top][index][key] = value
        refused(tmp_path, doc, match)


def test_not_a_document_is_refused():
    with pytest.raises(ImportRefused, match="not valid JSON"):
        interchange.loads("{not json")
    with pytest.raises(ImportRefused, match="not a LEAP panel document"):
        interchange.read_document([1, 2, 3])
    with pytest.raises(ImportRefused, match="format: must be 'leap-panel'"):
        interchange.read_document({"format": "something"})


def test_import_needs_an_empty_panel_file(small_panel, service, demo_document):
    with pytest.raises(ImportRefused, match="already holds a panel"):
        interchange.import_document(service.store, demo_document)


def test_a_missing_field_is_refused_never_filled_in(tmp_path, demo_document):
    # A person without "consent" used to come in as Named: shown by full name everywhere.
    doc = copy.deepcopy(demo_document)
    del doc["people"][0]["consent"]
    error = refused(tmp_path, doc, r"people\[0\]\.consent")
    assert str(error) == "people[0].consent: is missing"
    for where, key in ((("decisions", 2), "status"), (("meetings", 1), "attendance"), (("actions", 0), "owner")):
        doc = copy.deepcopy(demo_document)
        del doc[where[0]][where[1]][key]
        refused(tmp_path, doc, rf"{where[0]}\[{where[1]}\]\.{key}: is missing")
    doc = copy.deepcopy(demo_document)
    del doc["decisions"][0]["sources"][0]["note"]  # a field that may be null must still be there
    refused(tmp_path, doc, r"decisions\[0\]\.sources\[0\]\.note: is missing")
    doc = copy.deepcopy(demo_document)
    del doc["actions"]
    refused(tmp_path, doc, r"^actions: is missing \(use \[\] for none\)$")


def test_lists_added_to_version_1_may_be_left_out(tmp_path, demo_document):
    doc = copy.deepcopy(demo_document)
    for meeting in doc["meetings"]:
        for name in interchange.ADDED_IN_VERSION_1:
            meeting.pop(name, None)
    svc = imported(tmp_path / "older.leap", doc)
    assert svc.check() == []
    svc.close()


def test_record_numbers_too_big_for_the_file_are_refused_before_anything_is_written(tmp_path, demo_document):
    doc = copy.deepcopy(demo_document)
    doc["decisions"][0]["number"] = 10**30
    with pytest.raises(ImportRefused, match=r"decisions\[0\]\.number: must be a whole number from 1 to 1,000,000,000"):
        interchange.read_document(doc)


def test_json_that_is_not_a_panel_gets_a_plain_refusal():
    with pytest.raises(ImportRefused, match="nested far too deeply"):
        interchange.loads("[" * 100_000 + "]" * 100_000)
    text = interchange.dumps({"format": "leap-panel", "version": 1})
    assert interchange.loads("\ufeff" + text) == {"format": "leap-panel", "version": 1}  # Notepad's BOM
