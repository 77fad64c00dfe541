"""Free text on the screens the panel reads, as each person's consent allows.

Titles, outcomes and what was said are typed freely, and people write each other's
names in them ("Zara to send the plan"). The lists the panel reads (the decision log,
the Actions page, the Meetings page, meeting mode) show them through the panel's
:class:`~leap_desktop.domain.redact.Redactor` (``PanelService.redactor()``), as the
exports and the ``leap`` command do. The coordinator's own pages (Panel members, a
person's page) and the forms that edit a record keep the text as it was typed.
"""

from __future__ import annotations

from ..domain.redact import Redactor
from ..services import PanelService

_CACHE_LIMIT = 20_000


class PanelText:
    """A model's view of free text: ``panel_text(text)`` is ``text`` as the panel may
    read it. :meth:`update` picks up changes to the panel's people (call it when a
    model fetches its rows); what was cleaned is kept, since Qt asks for the same cell
    many times. With ``enabled=False`` text is shown as typed (a coordinator's page)."""

    def __init__(self, service: PanelService, *, enabled: bool = True):
        self.service = service
        self.enabled = enabled
        self.redactor: Redactor | None = None
        self._cache: dict[str, str] = {}

    def update(self) -> bool:
        """Rebuild from the panel's people; True when texts may now read differently."""
        if not self.enabled:
            return False
        fresh = self.service.redactor()
        if self.redactor is not None and fresh.key == self.redactor.key:
            return False
        self.redactor = fresh
        self._cache.clear()
        return True

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        if not self.enabled:  # the coordinator's page: as typed, a mention by the person's name
            return as_typed(self.service, text) if "@[" in text else text
        if self.redactor is None:
            self.update()
        cleaned = self._cache.get(text)
        if cleaned is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            cleaned = self._cache[text] = self.redactor(text) or ""  # type: ignore[misc]
        return cleaned

    def search_words(self, text: str) -> tuple[str, bool]:
        """What a search box may look for: the words typed, less hidden names (a match on
        one would tell which records mention that person), and whether any were dropped."""
        if not self.enabled or not text.strip():
            return text, False
        if self.redactor is None:
            self.update()
        kept, dropped = self.redactor.search_words(text)  # type: ignore[union-attr]
        return kept, dropped


def as_typed(service: PanelService, text: str) -> str:
    """``text`` as typed, its mentions (``@[P-12]``) by the person's name: for the
    coordinator's own pages."""
    import dataclasses

    from ..domain.vocab import Consent

    everyone = [dataclasses.replace(p, consent=Consent.NAMED) for p in service.people()]
    return Redactor(everyone).render_mentions(text) or ""
