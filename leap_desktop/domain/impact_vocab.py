"""The words of the impact log: UK Standards, what changed, the two voices, uptake.

Kept beside :mod:`.vocab` (same :class:`~.vocab.Vocab` base: a stored value that never
changes, a label people see) so the impact log's lists live in one place.
"""

from __future__ import annotations

from .vocab import Vocab


class Standard(Vocab):
    """UK Standard for Public Involvement."""

    INCLUSIVE_OPPORTUNITIES = ("inclusive_opportunities", "Inclusive opportunities")
    WORKING_TOGETHER = ("working_together", "Working together")
    SUPPORT_AND_LEARNING = ("support_and_learning", "Support and learning")
    COMMUNICATIONS = ("communications", "Communications")
    IMPACT = ("impact", "Impact")
    GOVERNANCE = ("governance", "Governance")


class ImpactOutcome(Vocab):
    """What changed."""

    PENDING = ("pending", "Not known yet")
    ADOPTED = ("adopted", "Adopted")
    ADAPTED = ("adapted", "Adapted")
    NOT_ADOPTED = ("not_adopted", "Not adopted")

    @property
    def needs_reason(self) -> bool:
        """Adapted (how, and why not as asked) and not adopted (why not) need a reason."""
        return self in (ImpactOutcome.ADAPTED, ImpactOutcome.NOT_ADOPTED)


class VoiceKind(Vocab):
    """Whose view."""

    RESEARCHER = ("researcher", "Researcher's view")
    PUBLIC = ("public", "Public contributor's view")


class Uptake(Vocab):
    """Was it taken up."""

    # ``shaped`` is never stored: a contribution that is a source of a decision shaped it.
    SHAPED = ("shaped", "Shaped a decision")
    NOTED = ("noted", "Noted")
    NOT_TAKEN_UP = ("not_taken_up", "Not taken up")
    UNKNOWN = ("unknown", "Not recorded yet")


#: The research stages a new panel starts with (an editable list: see services/impact.py).
DEFAULT_STAGES = (
    "Identifying and prioritising",
    "Design",
    "Funding application",
    "Ethics",
    "Recruitment",
    "Data collection",
    "Analysis",
    "Interpretation",
    "Dissemination",
    "Implementation",
)
