"""Names out of free text, as each person's attribution consent asks (domain/redact.py)."""

from leap_desktop.domain.model import Person, build
from leap_desktop.domain.redact import Redactor, speaker_redactor
from leap_desktop.domain.vocab import Consent


def person(name, consent, preferred=None):
    return build(Person, {"display_name": name, "roles": ["carer"], "consent": consent, "preferred_name": preferred}, id=name)


ZARA = person("Zara Quinn", "anonymous", preferred="Zed")
RHYS = person("Rhys Morgan", "role_only")
TESS = person("Tess Vale", "initials")
AMY = person("Amy Nolan", "named")
PANEL = [ZARA, RHYS, TESS, AMY]


def test_for_the_panel_role_only_and_anonymous_names_go_initials_stay_as_initials_named_stay():
    clean = Redactor(PANEL)
    assert clean("Zara to send the plan") == "[name removed] to send the plan"
    assert clean("Rhys checked with Zara Quinn") == "[name removed] checked with [name removed]"
    assert clean("Zed said so; Quinn too") == "[name removed] said so; [name removed] too"
    assert clean("Tess Vale asked, then Tess's idea, then Vale") == "T.V. asked, then T.V.'s idea, then T.V."
    assert clean("An idea from Tess.") == "An idea from T.V."
    assert clean("Amy Nolan agreed with Amy") == "Amy Nolan agreed with Amy"
    assert clean(None) is None and clean("") == ""


def test_names_are_found_whatever_their_case():
    clean = Redactor(PANEL)
    assert clean("I agree with zara's point and tess agreed") == "I agree with [name removed]'s point and T.V. agreed"
    assert clean("ZARA QUINN\u2019s plan") == "[name removed]\u2019s plan"


def test_initials_and_lone_letters():
    clean = Redactor(PANEL)
    assert clean("Z.Q. and ZQ agreed, R.M. too") == "[name removed] and [name removed] agreed, [name removed] too"
    assert clean("zq is not a name written in capitals") == "zq is not a name written in capitals"


def test_names_that_are_everyday_words_are_matched_only_with_a_capital_or_in_full():
    will = person("Will Long", "anonymous")
    grace = person("Grace Bell", "role_only")
    clean = Redactor([will, grace])
    assert clean("We will take a long time; grace and a bell") == "We will take a long time; grace and a bell"
    assert clean("Will said Grace was right") == "[name removed] said [name removed] was right"
    assert clean("ask will long and grace bell") == "ask [name removed] and [name removed]"


def test_a_shared_first_name_takes_the_most_private_choice():
    sam_named, sam_anonymous = person("Sam Green", "named"), person("Sam Ng", "anonymous")
    clean = Redactor([sam_named, sam_anonymous])
    assert clean("Sam Green and Sam") == "Sam Green and [name removed]"
    two_initials = [person("Jo Hart", "initials"), person("Jo Lake", "initials")]
    assert Redactor(two_initials)("Jo said") == "[name removed] said"  # never the wrong person's initials


def test_the_anonymised_edition_removes_everyone():
    clean = Redactor(PANEL, anonymised=True)
    assert clean("Amy told tess and Zed") == "[name removed] told [name removed] and [name removed]"


def test_hidden_names_are_not_searched_for():
    clean = Redactor(PANEL + [person("Will Long", "anonymous")])
    assert clean.search_words("Zara plan") == ("plan", True)
    assert clean.search_words("will Amy") == ("will Amy", False)
    assert clean.search_words("Will") == ("", True)


def test_a_remark_made_anonymous_by_a_named_member_loses_their_name_too():
    extra = speaker_redactor(AMY, Consent.ANONYMOUS)
    assert extra("My worry (Amy, anonymous for this one)") == "My worry ([name removed], anonymous for this one)"
    assert speaker_redactor(AMY, None) is None and speaker_redactor(ZARA, Consent.ROLE_ONLY) is None
