"""Randomised: three laptops edit and sync in any order; once everyone has synced, every
laptop's ``leap export`` is byte-identical and ``leap check`` is clean on each. Among the
edits, records get locked (minutes approved, a claim paid) while others edit them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from leap_desktop.domain.errors import LeapError
from leap_desktop.domain.model import Decision
from leap_desktop.domain.payments import Claim
from leap_desktop.services import approval

from sync_laptops import everyone_synced, laptops, minutes_circulated

LAPTOPS = st.integers(min_value=0, max_value=2)
WORDS = st.sampled_from(["tea", "taxis", "evenings", "large print", "quiet room", "a break"])


class ThreeLaptops(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="leap-sync-"))
        self.laptops = laptops(self.tmp, 3)
        self.laptops[0].do(self._minutes_and_claims)
        everyone_synced(self.laptops)
        self.steps = 0

    @staticmethod
    def _minutes_and_claims(svc):
        """Minutes circulated (a later meeting held to approve them) and two draft claims."""
        first, _later = minutes_circulated(svc)
        svc.payments.add_rate(activity="meeting", unit="hour", amount_pence="£25", valid_from="2025-01-01")
        for person in svc.people():
            svc.payments.add_claim(person.id, "meeting", first.day, meeting_id=first.id, meeting_hours=2)

    def teardown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _do(self, n, what):
        self.steps += 1
        try:
            self.laptops[n].do(what)
        except LeapError:  # a rule said no (a status step not allowed): nothing changed
            pass

    @rule(n=LAPTOPS, word=WORDS)
    def add_person(self, n, word):
        self._do(n, lambda svc: svc.add_person(display_name=f"Member {word}", roles=["carer"], consent="named"))

    @rule(n=LAPTOPS, word=WORDS, which=st.integers(0, 5))
    def rename_person(self, n, word, which):
        def do(svc):
            people = svc.people()
            svc.edit_person(people[which % len(people)].id, display_name=f"Renamed {word}")
        self._do(n, do)

    @rule(n=LAPTOPS, word=WORDS, which=st.integers(0, 5))
    def access_needs(self, n, word, which):
        def do(svc):
            people = svc.people()
            svc.edit_person(people[which % len(people)].id, access_needs=word)
        self._do(n, do)

    @rule(n=LAPTOPS, word=WORDS)
    def add_decision(self, n, word):
        self._do(n, lambda svc: svc.record_decision(title=f"Decide {word}", status="proposed", method="consensus",
                                                      level="collaborate"))

    @rule(n=LAPTOPS, which=st.integers(0, 5), status=st.sampled_from(["agreed", "rejected", "deferred"]))
    def decide(self, n, which, status):
        def do(svc):
            found = svc.store.find(Decision, order_by="number")
            if found:
                svc.set_decision_status(found[which % len(found)].id, status)
        self._do(n, do)

    @rule(n=LAPTOPS, word=WORDS)
    def say(self, n, word):
        def do(svc):
            item = svc.agenda(svc.meetings()[0].id)[0]
            svc.add_contribution(item.id, svc.people()[0].id, "idea", f"What about {word}?")
        self._do(n, do)

    @rule(n=LAPTOPS, which=st.integers(0, 5), status=st.sampled_from(["present", "apologies"]))
    def attend(self, n, which, status):
        def do(svc):
            people = svc.people()
            svc.set_attendance(svc.meetings()[0].id, people[which % len(people)].id, status=status)
        self._do(n, do)

    @rule(n=LAPTOPS)
    def approve_minutes(self, n):
        def do(svc):
            first, later = svc.meetings()[:2]
            approval.approve(svc, first.id, later.id)
        self._do(n, do)

    @rule(n=LAPTOPS, word=WORDS, which=st.integers(0, 1))
    def move_meeting(self, n, word, which):
        self._do(n, lambda svc: svc.edit_meeting(svc.meetings()[which].id, place=f"The {word} room"))

    @rule(n=LAPTOPS, which=st.integers(0, 1))
    def claim_step(self, n, which):
        """Submit, approve, then pay a claim: one step on from where it is."""
        def do(svc):
            claim = svc.store.find(Claim, order_by="number")[which]
            step = {"draft": svc.payments.submit_claim, "submitted": svc.payments.approve_claim,
                    "approved": svc.payments.pay_claim}.get(claim.status.value)
            if step:
                step(claim.id)
        self._do(n, do)

    @rule(n=LAPTOPS, word=WORDS, which=st.integers(0, 1), hours=st.integers(1, 4))
    def edit_claim(self, n, word, which, hours):
        def do(svc):
            claim = svc.store.find(Claim, order_by="number")[which]
            svc.payments.edit_claim(claim.id, meeting_hours=hours, description=f"With {word}")
        self._do(n, do)

    @rule(n=LAPTOPS, use=st.sampled_from(["kept", "waiting"]))
    def settle(self, n, use):
        """The coordinator settles the oldest conflict waiting on that laptop."""
        def do(svc):
            waiting = svc.sync.conflicts()
            if waiting:
                svc.sync.settle(waiting[0].number, use)
        self._do(n, do)

    @rule(n=LAPTOPS)
    def sync(self, n):
        self.laptops[n].sync()

    @precondition(lambda self: self.steps >= 3)
    @rule()
    def everyone_syncs(self):
        everyone_synced(self.laptops)
        exports = [laptop.export() for laptop in self.laptops]
        assert exports[0] == exports[1] == exports[2]
        for laptop in self.laptops:
            assert laptop.problems() == []

    @invariant()
    def never_two_live_records_with_one_number(self):
        pass  # SQLite's UNIQUE keeps that on every laptop; the exports check the rest


ThreeLaptops.TestCase.settings = settings(
    max_examples=12, stateful_step_count=14, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestThreeLaptops = ThreeLaptops.TestCase


def test_after_everyone_syncs_the_exports_are_identical():
    """The final state, whatever the machine ended with."""
    state = ThreeLaptops()
    try:
        state.add_decision(0, "tea")
        state.add_decision(1, "taxis")
        state.rename_person(2, "evenings", 0)
        state.rename_person(0, "a break", 0)
        state.attend(1, 0, "present")
        state.attend(2, 0, "apologies")
        state.approve_minutes(0)
        state.move_meeting(1, "quiet room", 0)
        state.claim_step(2, 0)
        state.claim_step(2, 0)
        state.claim_step(2, 0)
        state.edit_claim(0, "taxis", 0, 3)
        state.everyone_syncs()
    finally:
        state.teardown()
