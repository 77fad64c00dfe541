"""Reading a returned Word file: its marker, its anchors, and the reviewers' comments.

A file is refused, with a message that says why and what to do, when it is not a Word
document, is damaged, or carries no LEAP anchors; whose minutes it holds is checked by
``services/reviews.check_file_is_for``. Nothing is written until a file has passed.

Comments are read with python-docx's comments API. Which bookmark a comment was made
on needs the document's XML in reading order: a comment belongs to the innermost LEAP
bookmark open where it starts, or else the LEAP bookmark that most recently began.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from ..domain.model import Meeting
from ..services import reviews
from ..services.minutes import ANCHOR, MARKER
from ..services.panel import PanelService
from . import review_limits
from .review_limits import ReviewFileRefused

__all__ = ["ReviewFileRefused", "import_review", "read"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc files, and encrypted .docx

_BOOKMARK_START = qn("w:bookmarkStart")
_BOOKMARK_END = qn("w:bookmarkEnd")
_RANGE_START = qn("w:commentRangeStart")
_RANGE_END = qn("w:commentRangeEnd")
_REFERENCE = qn("w:commentReference")
_TEXT = qn("w:t")
_ID = qn("w:id")
_NAME = qn("w:name")
#: Digits in a number carried by a LEAP bookmark (a meeting, version or record number):
#: numbers are at most 1,000,000,000, so ten digits are always enough.
MAX_DIGITS = 10
_DIGIT_RUNS = re.compile(r"\d+")


def _open(path: Path):
    name = path.name
    if not path.exists():
        raise ReviewFileRefused(f"There is no file at {path}")
    if path.is_dir():
        raise ReviewFileRefused(f"{path} is a folder, not a Word document")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ReviewFileRefused(f"Cannot read {path}: {exc.strerror}") from None
    if head == _OLE_MAGIC:
        raise ReviewFileRefused(
            f"{name} is an older Word file (.doc) or a password-protected one: open it in Word, "
            "remove any password, and save it as a Word Document (.docx)"
        )
    if not zipfile.is_zipfile(path):
        if head[:2] == b"PK":
            raise ReviewFileRefused(
                f"{name} is damaged (it looks like a Word document, but is incomplete or broken): "
                "nothing was imported. Ask the reviewer to save it again"
            )
        raise ReviewFileRefused(f"{name} is not a Word document (.docx): nothing was imported")
    data = review_limits.checked_bytes(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReviewFileRefused(
            f"{name} is damaged and cannot be read as a Word document ({type(exc).__name__}); "
            "ask the reviewer to save it again, or to send their comments another way"
        ) from None


def read(path: str | Path) -> reviews.ReviewFile:
    """The marker, anchors and comments of a returned file, or ReviewFileRefused."""
    path = Path(path).expanduser()
    document = _open(path)
    body = document.element.body
    open_bookmarks: dict[str, str] = {}  # bookmark id -> name, LEAP anchors only
    stack: list[str] = []  # open LEAP anchor names, innermost last
    last_started: str | None = None
    anchors = 0
    marker = None
    anchor_of: dict[int, str | None] = {}
    quoting: dict[int, list[str]] = {}
    quoted: dict[int, str] = {}
    try:
        for element in body.iter(_BOOKMARK_START, _BOOKMARK_END, _RANGE_START, _RANGE_END, _REFERENCE, _TEXT):
            tag = element.tag
            if tag == _TEXT:
                if quoting and element.text:
                    for parts in quoting.values():
                        parts.append(element.text)
            elif tag == _BOOKMARK_START:
                name = element.get(_NAME) or ""
                _check_digits(path.name, name)
                found = MARKER.match(name)
                if found:
                    marker = found
                elif ANCHOR.match(name):
                    anchors += 1
                    open_bookmarks[element.get(_ID) or ""] = name
                    stack.append(name)
                    last_started = name
            elif tag == _BOOKMARK_END:
                name = open_bookmarks.pop(element.get(_ID) or "", None)
                if name is not None and name in stack:
                    stack.remove(name)
            elif tag in (_RANGE_START, _REFERENCE):
                ident = int(element.get(_ID) or -1)
                if ident not in anchor_of:
                    anchor_of[ident] = stack[-1] if stack else last_started
                if tag == _RANGE_START:
                    quoting[ident] = []
            elif tag == _RANGE_END:
                ident = int(element.get(_ID) or -1)
                if ident in quoting:
                    quoted[ident] = "".join(quoting.pop(ident))
        if marker is None:
            identifier = document.core_properties.identifier or ""
            _check_digits(path.name, identifier)
            marker = MARKER.match(identifier)
        comments = []
        unreadable = 0
        if len(document.comments) > review_limits.MAX_COMMENTS:  # also counted before parsing
            raise ReviewFileRefused(
                f"{path.name} is refused: it holds more than {review_limits.MAX_COMMENTS:,} comments "
                "(the limit for one file); nothing was imported"
            )
        for comment in document.comments:
            if _has_entities(comment._comment_elm):
                # Text after an XML entity (which Word never writes) is lost when the
                # file is read, so the comment cannot be taken in as written.
                unreadable += 1
                continue
            if len(comment.text) > review_limits.MAX_COMMENT_CHARS:  # also counted before parsing
                raise ReviewFileRefused(
                    f"{path.name} is refused: a comment in it is longer than {review_limits.MAX_COMMENT_CHARS:,} "
                    "characters (the limit for one comment); nothing was imported"
                )
            ident = comment.comment_id
            stamp = comment.timestamp
            comments.append(
                reviews.FileComment(
                    comment_id=ident,
                    author=comment.author or "",
                    initials=comment.initials,
                    date=stamp.isoformat() if stamp else None,
                    text=comment.text,
                    quoted=quoted.get(ident) or ("".join(quoting.get(ident, [])) or None),
                    anchor=anchor_of.get(ident),
                )
            )
    except (ValueError, TypeError, KeyError) as exc:
        reason = " ".join(str(exc).split())
        reason = reason if len(reason) <= 80 else reason[:77] + "..."  # it may quote the file at length
        raise ReviewFileRefused(f"{path.name} is damaged: its comments cannot be read ({reason})") from None
    if marker is None and not anchors:
        raise ReviewFileRefused(
            f"{path.name} has no LEAP anchors: it was not exported by LEAP Desktop, or was copied into "
            "a new document, which drops them. Ask for comments on the exported file itself"
        )
    return reviews.ReviewFile(
        name=path.name,
        meeting_number=int(marker.group(1)) if marker else None,
        version=int(marker.group(2)) if marker else None,
        check=marker.group(3) if marker else None,
        anchors=anchors,
        comments=comments,
        unreadable=unreadable,
    )


def _check_digits(file_name: str, name: str) -> None:
    """Refuse a LEAP bookmark whose numbers are longer than any panel's."""
    if not name.lstrip("_").startswith("leap_"):
        return
    longest = max((len(run) for run in _DIGIT_RUNS.findall(name)), default=0)
    if longest > MAX_DIGITS:
        shown = name if len(name) <= 40 else name[:37] + "..."
        raise ReviewFileRefused(
            f"{file_name} is damaged: its LEAP bookmark {shown} carries a {longest:,}-digit number, "
            "far larger than any panel uses; nothing was imported"
        )


def _has_entities(element) -> bool:
    return any(node.tag is etree.Entity for node in element.iter())


def import_review(service: PanelService, meeting: Meeting, path: str | Path) -> reviews.ImportResult:
    """Read a returned file and add its comments to the meeting's reviews (once each)."""
    return reviews.import_comments(service, meeting, read(path))
