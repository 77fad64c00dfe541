"""A record locked on one laptop (approved minutes, a paid claim) while the other laptop
edited its other fields: the locked version stands on every laptop, the edit waits."""

from __future__ import annotations

from leap_desktop.domain.model import Meeting
from leap_desktop.domain.payments import Claim
from leap_desktop.services import approval

from sync_laptops import everyone_synced, laptops, minutes_circulated


def test_minutes_approved_on_one_laptop_while_the_other_changed_the_place(tmp_path):
    a, b = laptops(tmp_path, 2)
    first, later = a.do(minutes_circulated)
    everyone_synced([a, b])
    a.do(lambda svc: approval.approve(svc, first.id, later.id))
    b.do(lambda svc: svc.edit_meeting(first.id, place="The library"))  # later, but the minutes are approved
    everyone_synced([a, b])
    for laptop in (a, b):
        meeting = laptop.do(lambda svc: svc.get(Meeting, first.id))
        assert (meeting.status.value, meeting.place) == ("minutes_approved", None)
        waiting = laptop.do(lambda svc: svc.sync.conflicts())
        assert [(c.what, c.kept["place"], c.waiting["place"], c.waiting["status"]) for c in waiting] == [
            ("M-1", None, "The library", "minutes_circulated")]
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_the_place_changed_after_the_minutes_were_approved_elsewhere_waits_too(tmp_path):
    """The same with the edit made first and the approval later: the approval stands."""
    a, b = laptops(tmp_path, 2)
    first, later = a.do(minutes_circulated)
    everyone_synced([a, b])
    b.do(lambda svc: svc.edit_meeting(first.id, place="The library"))
    a.do(lambda svc: approval.approve(svc, first.id, later.id))
    b.sync()
    a.sync()
    everyone_synced([a, b])
    for laptop in (a, b):
        meeting = laptop.do(lambda svc: svc.get(Meeting, first.id))
        assert (meeting.status.value, meeting.place) == ("minutes_approved", None)
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_a_claim_paid_on_one_laptop_while_the_other_changed_its_hours(tmp_path):
    a, b = laptops(tmp_path, 2)

    def claim(svc):
        ann = next(p for p in svc.people() if p.display_name == "Ann")
        svc.payments.add_rate(activity="meeting", unit="hour", amount_pence="£25", valid_from="2025-01-01")
        return svc.payments.add_claim(ann.id, "meeting", "2026-03-05", meeting_hours=2)

    made = a.do(claim)
    everyone_synced([a, b])

    def pay(svc):
        svc.payments.submit_claim(made.id)
        svc.payments.approve_claim(made.id)
        svc.payments.pay_claim(made.id)

    a.do(pay)
    b.do(lambda svc: svc.payments.edit_claim(made.id, meeting_hours=3, description="Longer than planned"))
    everyone_synced([a, b])
    for laptop in (a, b):
        paid = laptop.do(lambda svc: svc.get(Claim, made.id))
        assert (paid.status.value, paid.description) == ("paid", made.description)
        waiting = laptop.do(lambda svc: svc.sync.conflicts())
        assert [(c.kept["status"], c.waiting["status"], c.waiting["description"]) for c in waiting] == [
            ("paid", "draft", "Longer than planned")]
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []
