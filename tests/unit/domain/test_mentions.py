"""Mentions in free text, done exactly (domain/mentions.py and the Redactor)."""

import dataclasses

from leap_desktop.domain.mentions import FrozenNames, NameMark, mentioned, text_key, token
from leap_desktop.domain.model import Person, build
from leap_desktop.domain.redact import Redactor
from leap_desktop.domain.vocab import Consent


def person(number, name, consent, roles=("carer",), preferred=None):
    made = build(Person, {"display_name": name, "roles": list(roles), "consent": consent, "preferred_name": preferred},
                 id=f"id-{number}")
    return dataclasses.replace(made, number=number)


ZARA = person(1, "Zara Quinn", "anonymous", preferred="Zed")
RHYS = person(2, "Rhys Morgan", "role_only", roles=("researcher",))
TESS = person(3, "Tess Vale", "initials", roles=("practitioner",))
AMY = person(4, "Amy Nolan", "named", roles=("lived_experience",))
PANEL = [ZARA, RHYS, TESS, AMY]


def not_a_name(text, start, word):
    return (text_key(text), start, word)


def test_a_mention_shows_the_person_exactly_as_their_consent_allows():
    text = f"{token(1)}, {token(2)}, {token(3)} and {token(4)} met."
    assert mentioned(text) == [1, 2, 3, 4]
    assert Redactor(PANEL)(text) == "[name removed], [researcher], T.V. and Amy Nolan met."
    assert Redactor(PANEL, anonymised=True)(text) == (
        "[name removed], [researcher], [practitioner] and [lived experience member] met.")


def test_a_mention_of_someone_not_on_the_panel_shows_no_one():
    assert Redactor(PANEL)("Ask @[P-99] and @[P-4]'s friend") == "Ask [name removed] and Amy Nolan's friend"


def test_a_mention_is_never_taken_for_a_guessed_name():
    clean = Redactor(PANEL)
    found = clean.guesses(f"{token(4)} agreed with Amy")
    assert [(g.word, g.person_ids) for g in found] == [("Amy", ("id-4",))]


def test_will_my_gp_reads_as_typed_once_the_names_check_says_it_is_not_a_name():
    will = person(5, "Will Hope", "role_only", roles=("researcher",))
    text = "Will my GP be told I am taking part?"
    assert Redactor(PANEL)(text) == text  # before Will Hope joined
    guessed = Redactor([*PANEL, will])
    assert guessed(text) == "[name removed] my GP be told I am taking part?"  # the private side, until checked
    assert [g.word for g in guessed.guesses(text)] == ["Will"]
    checked = Redactor([*PANEL, will], marks=[not_a_name(text, 0, "Will")])
    assert checked(text) == text
    assert checked.guesses(text) == []
    assert checked("Will Hope will come") == "[name removed] will come"  # the mark is for those words only


def test_a_preferred_name_makes_a_word_a_suspect_not_a_vanished_word():
    zhang = person(6, "张伟", "role_only", roles=("lived_experience",))
    renamed = dataclasses.replace(zhang, preferred_name="Zhang Wei")
    text = "The wei of it: we asked 张伟"
    assert Redactor([zhang])(text) == "The wei of it: we asked [name removed]"
    guessed = Redactor([renamed])
    assert [g.word for g in guessed.guesses(text)] == ["wei", "张伟"]
    checked = Redactor([renamed], marks=[not_a_name(text, 4, "wei")])
    assert checked(text) == "The wei of it: we asked [name removed]"


def test_a_mark_is_stale_once_the_words_change():
    will = person(5, "Will Hope", "anonymous")
    mark = not_a_name("Will it rain?", 0, "Will")
    clean = Redactor([will], marks=[mark])
    assert clean("Will it rain?") == "Will it rain?"
    assert clean("Will said: Will it rain?") == "[name removed] said: [name removed] it rain?"


def test_frozen_names_read_as_when_approved_whoever_joins_later():
    will = person(5, "Will Hope", "anonymous")
    text = "Will my GP be told? Zara asked."
    frozen = FrozenNames()
    frozen.add(text, Redactor(PANEL).guesses(text))
    later = Redactor([*PANEL, will], frozen=frozen)
    assert later(text) == "Will my GP be told? [name removed] asked."
    # consent as it stands still applies to the frozen guesses
    zara_named = dataclasses.replace(ZARA, consent=Consent.NAMED)
    assert Redactor([zara_named, will], frozen=frozen)(text) == text
    assert FrozenNames.from_json(frozen.as_json()).texts == frozen.texts


def test_a_mark_record_knows_its_spot():
    mark = build(NameMark, {"record_table": "contributions", "record_id": "x", "field": "text", "start": 0,
                            "word": "Will", "text_key": text_key("Will it"), "verdict": "not_a_name"}, id="m")
    assert Redactor([person(5, "Will Hope", "anonymous")], marks=[mark])("Will it") == "Will it"


def test_a_mention_cut_or_highlighted_in_a_search_snippet_still_shows_no_number():
    clean = Redactor(PANEL)
    assert clean("…P-1] said [it] again") == "…[name removed] said [it] again"
    assert clean("@[[P]-1] and @[P-[4]]") == "[name removed] and Amy Nolan"
    assert clean("ask @[P-2…") == "ask [researcher]…"
    assert "P-" not in clean("[agree] with @[P-1]'s point")


def test_the_coordinators_pages_show_a_mention_by_name(service):
    from leap_desktop.models.free_text import PanelText

    zara = service.add_person(display_name="Zara Quinn", roles=["carer"], consent="anonymous")
    assert PanelText(service, enabled=False)(f"Ask {token(zara.number)} first") == "Ask Zara Quinn first"
    assert PanelText(service)(f"Ask {token(zara.number)} first") == "Ask [name removed] first"
