"""Full-text search: whatever a person types gives results or none, never an error."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leap_desktop.services import DecisionFilter
from leap_desktop.store.queries import fts_query

HOSTILE = [
    '"', '""', "'", "AND", "OR", "NOT", "NEAR(", "a AND (b OR", "*", "^", "col:val", "-",
    "()", "[]", "{}", "\\", "%", "_", "'; DROP TABLE decisions; --", "form*", '"form',
    "ʿarabic عربى", "emoji 😀🎉", "\u202eright-to-left", "\x00", "a\x00b", "NEAR(a b, 2)",
]


def test_hostile_strings_never_fail(small_panel, service):
    for text in HOSTILE:
        service.search(text)
        service.decision_log(DecisionFilter(text=text))
        service.count_decisions(DecisionFilter(text=text))


def test_search_finds_by_word_and_prefix(small_panel, service):
    hits = service.search("frighten")
    assert [h.ref for h in hits] == [small_panel["said"]["amira"].ref]
    assert "[frightening]" in hits[0].snippet
    assert service.search("one-page summary")[0].ref == small_panel["said"]["ben"].ref


def test_quotes_and_operators_are_plain_words(small_panel, service):
    assert fts_query('form AND "scary') == '"form" "AND" """scary"*'
    assert fts_query("  *** ") is None


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.text(alphabet=string.punctuation + " ab", max_size=20))
def test_any_text_searches_without_error(small_panel, service, text):
    hits = service.search(text)
    assert all(h.kind in {"decision", "contribution", "action"} for h in hits)
    assert service.count_decisions(DecisionFilter(text=text)) >= 0
