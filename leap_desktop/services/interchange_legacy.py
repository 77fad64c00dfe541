"""Reading documents from earlier versions of the interchange format as the current
version says them (services/interchange.py)."""

from __future__ import annotations

import re
from typing import Any

from ..domain.errors import shown
from ..store.comms_migration import moved_id
from .import_checks import ImportRefused


#: The version 2 lists a version 1 document is given by :func:`before_version_2`.
FILLED_FROM_VERSION_1 = ("communication_needs", "papers_sent")


def before_version_2(document: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document, as version 2 says it: each meeting's papers
    sent date becomes a sending to the whole panel in the sent log (with an id made from
    the meeting's, as the file update makes it), and meetings start at invitation 0."""
    out = dict(document) | {"communication_needs": [], "papers_sent": []}
    meetings = document.get("meetings")
    if not isinstance(meetings, list):
        return out
    out["meetings"], sent = [], out["papers_sent"]
    for index, meeting in enumerate(meetings):
        if not isinstance(meeting, dict):
            out["meetings"].append(meeting)
            continue
        meeting = dict(meeting)
        day = meeting.pop("papers_sent_on", None)
        meeting.setdefault("invite_sequence", 0)
        if day is not None and not (isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.strip())):
            raise ImportRefused(f"meetings[{index}].papers_sent_on",
                                f"Papers sent on must be a real date like 2026-03-31 (got {shown(day)})")
        if day and isinstance(meeting.get("id"), str):
            sent.append({
                "id": moved_id(meeting["id"]), "created_at": meeting.get("updated_at"),
                "updated_at": meeting.get("updated_at"), "deleted_at": meeting.get("deleted_at"),
                "meeting": meeting["id"], "person": None, "what": "Papers", "paper_format": None,
                "sent_on": day, "how": None,
            })
        out["meetings"].append(meeting)
    return out
