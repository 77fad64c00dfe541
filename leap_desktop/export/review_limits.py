"""Bounds on a returned Word file, checked before it is parsed.

A .docx is a zip of XML parts. A small file can unpack to gigabytes (a "zip bomb"),
or hold far more comments than any review round, and python-docx reads every part
whole. So, before python-docx sees the file, every part is unpacked once through a
counting stream that stops at the limits below (the sizes a part's header declares
are checked first, but not trusted: the count is of what actually comes out), and
every XML part is read as a stream to count its elements and the reviewers'
comments. A file over any limit is refused in one line naming the limit.

The limits are module constants so the tests can scale them down. With them, reading
any file stays well under 200 MB of memory (the figures are in docs/minutes.md).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..domain import fields
from ..domain.errors import LeapError

MB = 1024 * 1024
#: The .docx file itself, as it is on disk (the minutes LEAP writes are about 30 KB).
MAX_FILE_BYTES = 20 * MB
#: Parts (files inside the zip): the minutes have about 20; Word adds a few.
MAX_PARTS = 500
#: Any one part, unpacked (a pasted photo is a few MB).
MAX_PART_BYTES = 10 * MB
#: All parts together, unpacked.
MAX_TOTAL_BYTES = 30 * MB
#: XML elements over all parts: what bounds the memory python-docx needs (about 130
#: bytes each); the minutes of a long meeting have a few tens of thousands.
MAX_XML_ELEMENTS = 300_000
#: Reviewers' comments in one file.
MAX_COMMENTS = 2_000
#: Characters in one comment: as many as a comment saved in LEAP Desktop may have.
MAX_COMMENT_CHARS = fields.TEXT_MAX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENT = f"{{{_W}}}comment"
_TEXT = f"{{{_W}}}t"
_CHUNK = 64 * 1024


class ReviewFileRefused(LeapError):
    """The file cannot be read as LEAP minutes; nothing was changed."""


def size_words(count: int) -> str:
    if count >= MB:
        return f"{count / MB:,.1f} MB"
    if count >= 1024:
        return f"{count / 1024:,.0f} KB"
    return f"{count:,} bytes"


def _shown(name: str) -> str:
    """A part's name as read from the file, cut to a readable length (only shown)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 60 else clean[:57] + "..."


class _Counted(io.RawIOBase):
    """A part's unpacked bytes, counted as they come out; refused beyond the limits."""

    def __init__(self, stream, name: str, file_name: str, total: list[int]):
        self._stream = stream
        self._name = name
        self._file = file_name
        self._total = total
        self.count = 0
        self._pending = b""

    def readable(self) -> bool:
        return True

    def looks_like_xml(self) -> bool:
        """Whether the part starts as XML does (whatever its name: python-docx goes by
        the content type the file declares, not by the name)."""
        self._pending = self.read(_CHUNK)
        start = self._pending.lstrip(b" \t\r\n")
        return start.startswith((b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))

    def read(self, size: int = -1) -> bytes:
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        size = _CHUNK if size is None or size < 0 else min(size, _CHUNK)
        data = self._stream.read(size)
        self.count += len(data)
        self._total[0] += len(data)
        if self.count > MAX_PART_BYTES:
            raise ReviewFileRefused(
                f"{self._file} is refused: its part {_shown(self._name)} unpacks to more than "
                f"{size_words(MAX_PART_BYTES)} (the limit for one part), so it is not a copy of the minutes; "
                "nothing was imported"
            )
        if self._total[0] > MAX_TOTAL_BYTES:
            raise ReviewFileRefused(
                f"{self._file} is refused: it unpacks to more than {size_words(MAX_TOTAL_BYTES)} in all "
                "(the limit for a returned copy of the minutes); nothing was imported"
            )
        return data


class _Scan:
    """Counts elements and comments while an XML part streams past."""

    def __init__(self, file_name: str):
        self.file = file_name
        self.elements = 0
        self.comments = 0

    def xml(self, stream) -> None:
        chars = None
        context = etree.iterparse(
            stream, events=("start", "end"), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
        )
        for event, element in context:
            if event == "start":
                self.elements += 1
                if self.elements > MAX_XML_ELEMENTS:
                    raise ReviewFileRefused(
                        f"{self.file} is refused: it holds more than {MAX_XML_ELEMENTS:,} pieces of document "
                        "structure (the limit for a returned copy of the minutes); nothing was imported"
                    )
                if element.tag == _COMMENT:
                    self.comments += 1
                    chars = 0
                    if self.comments > MAX_COMMENTS:
                        raise ReviewFileRefused(
                            f"{self.file} is refused: it holds more than {MAX_COMMENTS:,} comments (the limit for "
                            "one file); ask reviewers to send their comments in several files. Nothing was imported"
                        )
                continue
            if element.tag == _TEXT and chars is not None:
                chars += len(element.text or "")
                if chars > MAX_COMMENT_CHARS:
                    raise ReviewFileRefused(
                        f"{self.file} is refused: comment {self.comments:,} in it is longer than "
                        f"{MAX_COMMENT_CHARS:,} characters (the limit for one comment); nothing was imported"
                    )
            elif element.tag == _COMMENT:
                chars = None
            # Keep memory flat: drop what has been read (the text of a w:t is counted above).
            if chars is None:
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]


def checked_bytes(path: Path) -> bytes:
    """The file's bytes, once every limit above has been checked; or ReviewFileRefused."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReviewFileRefused(
            f"{name} is refused: it is {size_words(size)}, more than the {size_words(MAX_FILE_BYTES)} "
            "a returned copy of the minutes may be; nothing was imported"
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise ReviewFileRefused(f"{name} changed while it was being read; nothing was imported")
    damaged = (
        f"{name} is damaged and cannot be read as a Word document; ask the reviewer to save it again, "
        "or to send their comments another way"
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReviewFileRefused(damaged) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise ReviewFileRefused(
                f"{name} is refused: it holds {len(parts):,} parts, more than the {MAX_PARTS:,} a Word document "
                "of minutes may have; nothing was imported"
            )
        declared = 0
        for info in parts:
            declared += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise ReviewFileRefused(
                    f"{name} is refused: its part {_shown(info.filename)} unpacks to {size_words(info.file_size)}, "
                    f"more than {size_words(MAX_PART_BYTES)} (the limit for one part), so it is not a copy of "
                    "the minutes; nothing was imported"
                )
        if declared > MAX_TOTAL_BYTES:
            raise ReviewFileRefused(
                f"{name} is refused: it unpacks to {size_words(declared)} in all, more than the "
                f"{size_words(MAX_TOTAL_BYTES)} a returned copy of the minutes may be; nothing was imported"
            )
        total = [0]
        scan = _Scan(name)
        for info in parts:
            try:
                with archive.open(info) as raw:
                    stream = _Counted(raw, info.filename, name, total)
                    if stream.looks_like_xml() or info.filename.lower().endswith((".xml", ".rels")):
                        scan.xml(stream)
                    while stream.read(_CHUNK):
                        pass
            except ReviewFileRefused:
                raise
            except etree.XMLSyntaxError:
                raise ReviewFileRefused(
                    f"{name} is damaged: its part {_shown(info.filename)} is not well-formed XML; "
                    "ask the reviewer to save it again"
                ) from None
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError, RuntimeError):
                raise ReviewFileRefused(damaged) from None
    return data
