"""A small panel whose participation and influence figures are known by hand (issue 14).

Six people: three lived experience members (Lia, Lou, Lee), a carer (Cara), a researcher
(Ravi), a coordinator (Fay). Four held meetings and one cancelled:

    M-1 10 Jan 2026: all six present; Lia 2 contributions, Cara 1, Ravi 1 (3 of 6 spoke)
    M-2 10 Feb 2026: Lia, Lou, Cara, Ravi present (Lee apologies); Lia 1, Ravi 1 (2 of 4)
    M-3 10 Mar 2026: Lia, Lou, Lee, Ravi; Lia 1 (1 of 4)
    M-4 10 Apr 2026: Lia, Lou, Lee, Ravi; Lou 1 (1 of 4)
    M-5 10 May 2026: cancelled (Lia marked present: not counted)

Lee was present at M-1, M-3 and M-4 and never heard: the one member not heard.
Decisions: D-1 at M-1 (collaborate, from Lia's words, stage Design), D-2 at M-2 (consult,
from Ravi's), D-3 at M-3 (panel-led, Cara its co-producer): 2 of 3 with a lived experience
or carer voice. Actions: A-1 due 1 Feb, done 28 Jan, so reported back at M-2 (10 Feb);
A-2 due 1 Mar, done 5 Mar, reported back at M-4 as recorded. M-1's papers went out on
3 Jan (7 days before). One impact log entry (adopted, Communications)."""

from __future__ import annotations


def build(service) -> dict:
    def person(name, role):
        return service.add_person(display_name=name, roles=[role], consent="named")

    people = {n: person(n, r) for n, r in (("Lia", "lived_experience"), ("Lou", "lived_experience"),
                                           ("Lee", "lived_experience"), ("Cara", "carer"), ("Ravi", "researcher"),
                                           ("Fay", "coordinator"))}
    meetings, items = [], []
    present = [["Lia", "Lou", "Lee", "Cara", "Ravi", "Fay"], ["Lia", "Lou", "Cara", "Ravi"],
               ["Lia", "Lou", "Lee", "Ravi"], ["Lia", "Lou", "Lee", "Ravi"], ["Lia"]]
    for n, who in enumerate(present, 1):
        m = service.add_meeting(title=f"Meeting {n}", starts_at=f"2026-{n:02d}-10 14:00")
        if n == 1:
            service.comms.record_sent(m.id, None, on="2026-01-03")
        for name in who:
            service.set_attendance(m.id, people[name].id, status="present")
        if n == 2:
            service.set_attendance(m.id, people["Lee"].id, status="apologies")
        items.append(service.add_item(m.id, title=f"Item {n}"))
        meetings.append(m)
    said = {}
    for n, name, count in ((1, "Lia", 2), (1, "Cara", 1), (1, "Ravi", 1), (2, "Lia", 1), (2, "Ravi", 1),
                           (3, "Lia", 1), (4, "Lou", 1)):
        for k in range(count):
            said[(n, name, k)] = service.add_contribution(items[n - 1].id, people[name].id, "idea", f"{name} at {n}")
    d1 = service.record_decision(title="One", level="collaborate", status="agreed", method="consensus",
                                 item_id=items[0].id, sources=[said[(1, "Lia", 0)].id])
    d2 = service.record_decision(title="Two", level="consult", status="agreed", method="consensus",
                                 item_id=items[1].id, sources=[said[(2, "Ravi", 0)].id])
    d3 = service.record_decision(title="Three", level="panel_led", status="agreed", method="consensus",
                                 item_id=items[2].id, coproducers=[people["Cara"].id])
    service.impact.set_stage(d1.ref, "design")
    a1 = service.add_action(title="First", owner_id=people["Ravi"].id, decision_id=d1.id, due_on="2026-02-01")
    service.edit_action(a1.id, status="done", outcome="Done", closed_on="2026-01-28")
    a2 = service.add_action(title="Second", owner_id=people["Ravi"].id, decision_id=d2.id, due_on="2026-03-01")
    service.edit_action(a2.id, status="done", outcome="Done", closed_on="2026-03-05",
                        reported_meeting_id=meetings[3].id)
    for m in meetings[:4]:
        service.set_meeting_status(m.id, "held")
    service.set_meeting_status(meetings[4].id, "cancelled")
    service.impact.add_entry(title="Asked about the leaflet", meeting_id=meetings[0].id, outcome="adopted",
                             standards=["communications"], activity_on="2026-01-10")
    return {"people": people, "meetings": meetings, "decisions": (d1, d2, d3)}
