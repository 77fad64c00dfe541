"""What every Word document LEAP Desktop writes shares, over the minutes' writer
(:class:`.minutes_docx._Writer`): the running header (what it is · the panel), the
document's properties, and its bytes.

The properties never name a person: the author is the panel. Times are UTC, to the
second, so that the same record written twice gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io

from .minutes_docx import _Writer


def writer(title: str, panel_name: str) -> _Writer:
    """A new document whose running header is ``title`` (in bold) and the panel's name."""
    w = _Writer(title)
    header = w.doc.sections[0].header.paragraphs[0]
    header.add_run(title, w.styles["Strong"])
    header.add_run(f"   \u00b7   {panel_name}")
    return w


def properties(w: _Writer, *, title: str, subject: str, panel: str, category: str, keywords: str,
               comments: str = "", now: dt.datetime | None = None) -> None:
    """Set the document's properties (File > Info in Word); ``now`` defaults to now."""
    props = w.doc.core_properties
    props.title, props.subject, props.author = title, subject, panel
    props.last_modified_by = "LEAP Desktop"
    props.category, props.keywords, props.comments = category, keywords, comments
    props.language = "en-GB"
    stamp = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = stamp
    props.revision = 1


def save(w: _Writer) -> bytes:
    """The document as the bytes of a .docx file."""
    out = io.BytesIO()
    w.doc.save(out)
    return out.getvalue()
