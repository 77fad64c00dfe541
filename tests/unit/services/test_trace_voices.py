"""Voices in a trace carry the consent level they are shown at."""


def test_trace_voices_say_whether_they_are_shown_by_name(small_panel, service):
    said = small_panel["said"]
    decision = service.record_decision(
        title="Add a summary page", meeting_id=small_panel["meeting"].id,
        sources=[said["amira"].id, said["ben"].id, said["dev"].id],
    )
    voices = {c.voice.label: c.voice.named for c in service.trace(decision.id).coproducers}
    assert voices == {"Amira Khan": True, "B.O.": False, "Anonymous member 1": False}
    assert not any(c.voice.named for c in service.trace(decision.id, anonymised=True).coproducers)
