"""Field converters: clear refusals for bad input, clean values for good input."""

import pytest

from leap_desktop.domain import fields as f
from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import Meeting, Person, build
from leap_desktop.domain.vocab import ContributionKind, Role


def test_text_is_trimmed_and_required():
    assert f.Text("Name", required=True)("  Jo  ") == "Jo"
    with pytest.raises(RuleError, match="Name is needed"):
        f.Text("Name", required=True)("   ")


def test_text_refuses_control_characters_and_newlines_in_titles():
    with pytest.raises(RuleError, match=r"control character \(U\+0007\)"):
        f.Text("Title")("bell\x07")
    with pytest.raises(RuleError, match="single line"):
        f.Text("Title")("two\nlines")
    assert f.Text("Notes", multiline=True)("two\nlines") == "two\nlines"


def test_text_length_limit_names_the_numbers():
    with pytest.raises(RuleError, match="too long: 201 characters"):
        f.Text("Title", max_len=200)("x" * 201)


def test_dates_must_be_real():
    assert f.Date("Due")("2026-02-28") == "2026-02-28"
    for bad in ("2026-02-30", "31/02/2026", "13/13/2026", "20260101", "tomorrow"):
        with pytest.raises(RuleError, match="real date like 2026-03-31"):
            f.Date("Due")(bad)


def test_datetime_accepts_space_or_t():
    assert f.DateTime("Start")("2026-03-05 14:00") == "2026-03-05T14:00"
    assert f.DateTime("Start")("2026-03-05T14:00:00") == "2026-03-05T14:00"
    with pytest.raises(RuleError, match="date and time like"):
        f.DateTime("Start")("2026-03-05")


def test_numbers_have_ranges():
    assert f.Number("Votes", 0, 10)("3") == 3
    with pytest.raises(RuleError, match="between 0 and 10"):
        f.Number("Votes", 0, 10)(11)
    with pytest.raises(RuleError, match="whole number"):
        f.Number("Votes", 0, 10)("2.5")
    assert f.Number("Hours", 0, 100, whole=False)("2.5") == 2.5


def test_vocabulary_accepts_labels_and_codes():
    assert ContributionKind.parse("Lived-experience insight") is ContributionKind.INSIGHT
    assert Role.parse("lived experience") is Role.LIVED_EXPERIENCE
    with pytest.raises(RuleError, match="one of: lived_experience, carer"):
        Role.parse("manager")


def test_person_needs_a_role_and_sane_dates():
    with pytest.raises(RuleError, match="at least one role"):
        build(Person, {"display_name": "Jo", "roles": [], "consent": "named"}, id="p")
    with pytest.raises(RuleError, match="the day they left the panel .2026-01-01. is before the day they joined it"):
        build(Person, {"display_name": "Jo", "roles": ["carer"], "active_from": "2026-01-02", "active_to": "2026-01-01", "consent": "named"}, id="p")


def test_defaults_fill_in():
    meeting = build(Meeting, {"title": "March", "starts_at": "2026-03-05 14:00"}, id="m")
    assert meeting.status.value == "planned" and meeting.planned_minutes == 120


def test_a_date_typed_the_uk_way_is_read_day_first():
    # What a UK user types in a form: 31/03/2026 is the 31st of March, stored as 2026-03-31.
    assert f.Date("Joined the panel on")("31/03/2026") == "2026-03-31"
    assert f.Date("Joined the panel on")("1/4/2026") == "2026-04-01"
    assert f.Date("Joined the panel on")("05.03.2026") == "2026-03-05"


def test_consent_is_a_required_choice_not_named_by_default():
    with pytest.raises(RuleError, match=r"Attribution consent is needed \(one of: named, initials, role_only, anonymous\)") as caught:
        build(Person, {"display_name": "Jo", "roles": ["carer"]}, id="p")
    assert caught.value.field == "consent"
