"""The narrative parts of the reports, kept in the panel (issue 14): the GRIPP2 sections
the coordinator writes and their answers to each UK Standard's reflective questions.

Reached as ``service.reports``. Setting a part is one audited change; an empty text
clears it. Making a report again reads them back, so nothing written is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.model import build
from ..domain.reports import ReportKind, ReportText, field_key
from ..store.panel_store import new_id

if TYPE_CHECKING:
    from .core import PanelCore


class ReportTextService:
    def __init__(self, core: "PanelCore"):
        self.core = core
        self.store = core.store

    def texts(self, report: str) -> dict[str, str]:
        """Field -> text for one report (gripp2 or standards); unwritten fields are absent."""
        return {t.field: t.text for t in self.store.find(ReportText, report=report) if t.text}

    def text(self, report: str, field: str) -> str:
        report, field = field_key(report, field)
        return self.texts(report).get(field, "")

    def set_text(self, report: str, field: str, text: str | None) -> ReportText:
        """Write (or, with an empty text, clear) one narrative part."""
        report, field = field_key(report, field)
        found = self.store.find(ReportText, report=report, field=field, limit=1)
        label = field.replace("_", " ")
        with self.store.change(f"Write the {'UK Standards' if report == ReportKind.STANDARDS else 'GRIPP2'} "
                               f"report's {label}"):
            if found:
                return self.store.update(found[0].changed(text=text))
            return self.store.insert(build(ReportText, {"report": report, "field": field, "text": text}, id=new_id()))

    def set_narrative(self, field: str, text: str | None) -> ReportText:
        return self.set_text(ReportKind.GRIPP2, field, text)

    def set_answer(self, standard: str, text: str | None) -> ReportText:
        return self.set_text(ReportKind.STANDARDS, standard, text)
