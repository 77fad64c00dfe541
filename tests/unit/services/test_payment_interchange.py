"""The interchange format's version 2 carries the rate card, claims with their expenses
and limits; version 1 files (no payments) still import; the demo has a year of claims."""

import copy
import datetime as dt

import pytest

from leap_desktop.domain.payments import Claim, ClaimStatus, FeeChoice, PaymentMethod
from leap_desktop.services import PanelService, interchange
from leap_desktop.services.demo import build_document
from leap_desktop.services.interchange import ImportRefused

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def document():
    return build_document(TODAY)


def _import(tmp_path, doc):
    svc = PanelService.open(tmp_path / "p.leap", create=True)
    interchange.import_document(svc.store, copy.deepcopy(doc))
    return svc


def test_payments_round_trip_byte_for_byte(tmp_path, document):
    with _import(tmp_path, document) as svc:
        text = interchange.dumps(interchange.export_document(svc.store))
        assert svc.check() == []
    (tmp_path / "again").mkdir()
    with _import(tmp_path / "again", interchange.loads(text)) as svc:
        assert interchange.dumps(interchange.export_document(svc.store)) == text
    assert '"version": 4' in text and '"claims": [' in text and '"expenses": [' in text


def test_a_version_1_file_still_imports_without_payments(tmp_path, document):
    old = {k: v for k, v in copy.deepcopy(document).items() if k not in ("rates", "claims", "payment_limits", "name_marks")}
    old["version"] = 1
    with _import(tmp_path, old) as svc:
        assert svc.payments.claims() == [] and svc.payments.rates() == []
        assert len(svc.meetings()) == len(document["meetings"])


def test_a_version_1_file_cannot_carry_payments(tmp_path, document):
    doc = dict(copy.deepcopy(document), version=1)
    svc = PanelService.open(tmp_path / "p.leap", create=True)
    with pytest.raises(ImportRefused, match="claims: is not a field this format knows"):
        interchange.import_document(svc.store, doc)
    svc.close()


def test_a_claim_breaking_a_rule_is_refused_where_it_is(tmp_path, document):
    doc = copy.deepcopy(document)
    doc["claims"][0]["fee_pence"] += 1
    svc = PanelService.open(tmp_path / "p.leap", create=True)
    with pytest.raises(ImportRefused, match=r"^claims\[0\]\.fee_pence: The full fee at"):
        interchange.import_document(svc.store, doc)
    doc = copy.deepcopy(document)
    doc["claims"][0]["rate"] = doc["claims"][0]["person"]
    with pytest.raises(ImportRefused, match=r"^claims\[0\]\.rate: no rate with id"):
        interchange.import_document(svc.store, doc)
    assert svc.store.is_empty()
    svc.close()


def test_the_demo_has_a_believable_year_of_claims(demo_path):
    with PanelService.open(demo_path) as svc:
        rows = svc.payments.claims()
        statuses = {r.claim.status for r in rows}
        assert statuses == set(ClaimStatus)
        paid = [r.claim for r in rows if r.claim.status is ClaimStatus.PAID]
        assert max(c.days_to_payment() for c in paid) > 60  # one paid late
        assert any(r.claim.fee_choice is FeeChoice.DECLINED and r.expenses_pence for r in rows)
        assert any(r.claim.fee_choice is FeeChoice.REDUCED for r in rows)
        assert any(r.claim.method is PaymentMethod.VOUCHER for r in rows)
        assert any(r.claim.activity.value == "task" for r in rows)
        assert all(r.example.value == "yes" for r in svc.payments.rates())
        assert svc.store.count(Claim) == len(rows)
