"""Hostile Word files: zip bombs, floods of comments, huge numbers, unreadable comments.

The bombs are made here, small: the limits are scaled down for each test (a real-size
bomb was measured by hand; the figures are in docs/minutes.md). Each hostile file is
refused in one line that names the limit, and changes nothing.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leap_desktop.cli import main
from leap_desktop.domain.model import Meeting
from leap_desktop.export import minutes_docx, review_docx, review_limits
from leap_desktop.services import PanelService, minutes

from clock import FIXED_NOW as NOW


@pytest.fixture(scope="module")
def world(demo_master, tmp_path_factory):
    """The demo panel (a copy), M-12's minutes exported, and a copy with one comment."""
    folder = tmp_path_factory.mktemp("review-limits")
    path = folder / "demo.leap"
    shutil.copyfile(demo_master, path)
    svc = PanelService.open(path, clock=lambda: NOW)
    meeting = svc.resolve(Meeting, "M-12")
    exported = folder / "minutes.docx"
    exported.write_bytes(minutes_docx.render(minutes.build_minutes(svc, meeting), now=NOW))
    document = docx.Document(str(exported))
    document.add_comment(document.paragraphs[0].runs, text="Clear, thank you.", author="Amira Khan", initials="AK")
    returned = folder / "returned.docx"
    document.save(str(returned))
    yield {"svc": svc, "meeting": meeting, "returned": returned, "folder": folder, "db": path}
    svc.close()


def parts_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def with_comments(world, name, bodies: list[str], *, head_extra: str = "") -> object:
    """The returned file with its comments part replaced by ``bodies`` (raw XML text of each)."""
    parts = parts_of(world["returned"])
    xml = parts["word/comments.xml"].decode()
    head, _, rest = xml.partition("<w:comment ")
    if head_extra:
        head = head.replace("<w:comments ", head_extra + "<w:comments ", 1)
    items = "".join(
        f'<w:comment w:id="{i}" w:author="Reviewer {i}" w:initials="R"><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:comment>'
        for i, body in enumerate(bodies)
    )
    parts["word/comments.xml"] = (head + items + "</w:comments>").encode()
    return write_zip(world["folder"] / name, parts)


def refused_with(world, path, text):
    svc = world["svc"]
    before = svc.store.scalar("SELECT count(*) FROM audit")
    with pytest.raises(review_limits.ReviewFileRefused) as caught:
        review_docx.import_review(svc, world["meeting"], path)
    message = str(caught.value)
    assert text in message and "\n" not in message
    assert svc.store.scalar("SELECT count(*) FROM audit") == before, "a refused file changes nothing"
    return message


@pytest.fixture
def small_limits(monkeypatch):
    """Limits a tenth of a normal file's size, so the bombs stay a few hundred KB."""
    monkeypatch.setattr(review_limits, "MAX_PART_BYTES", 600_000)
    monkeypatch.setattr(review_limits, "MAX_TOTAL_BYTES", 1_000_000)
    monkeypatch.setattr(review_limits, "MAX_FILE_BYTES", 200_000)


def test_a_part_that_unpacks_past_the_limit_is_refused_from_its_header(world, small_limits):
    parts = parts_of(world["returned"])
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(b"</w:comments>", b" " * 5_000_000 + b"</w:comments>")
    bomb = write_zip(world["folder"] / "bomb.docx", parts)
    assert bomb.stat().st_size < 60_000
    message = refused_with(world, bomb, "the limit for one part")
    assert message == ("bomb.docx is refused: its part word/comments.xml unpacks to 4.8 MB, more than 586 KB "
                       "(the limit for one part), so it is not a copy of the minutes; nothing was imported")


def test_a_part_whose_header_lies_about_its_size_is_refused(world, small_limits):
    parts = parts_of(world["returned"])
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(b"</w:comments>", b" " * 2_000_000 + b"</w:comments>")
    bomb = write_zip(world["folder"] / "liar.docx", parts)
    data = bytearray(bomb.read_bytes())
    name = b"word/comments.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == name:
                struct.pack_into("<I", data, start + size_at, 1_000)
            start += 4
    bomb.write_bytes(bytes(data))
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/comments.xml").file_size == 1_000  # what the header now claims
    refused_with(world, bomb, "liar.docx is damaged and cannot be read as a Word document")


def test_parts_that_together_unpack_past_the_limit_are_refused(world, small_limits):
    parts = parts_of(world["returned"])
    for n in range(4):
        parts[f"word/media/padding{n}.bin"] = b"\0" * 500_000
    message = refused_with(world, write_zip(world["folder"] / "total.docx", parts), "in all")
    assert "more than the 977 KB a returned copy of the minutes may be" in message


def test_too_many_parts_is_refused(world, monkeypatch):
    monkeypatch.setattr(review_limits, "MAX_PARTS", 30)
    parts = parts_of(world["returned"])
    parts.update({f"word/media/p{n}.bin": b"x" for n in range(20)})
    message = refused_with(world, write_zip(world["folder"] / "parts.docx", parts), "more than the 30 a Word document")
    assert message.startswith("parts.docx is refused: it holds 40 parts")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(world, monkeypatch):
    monkeypatch.setattr(review_limits, "MAX_FILE_BYTES", 10_000)
    message = refused_with(world, world["returned"], "returned.docx is refused: it is ")
    assert message.endswith("KB, more than the 10 KB a returned copy of the minutes may be; nothing was imported")


def test_too_many_comments_are_refused_before_parsing(world, monkeypatch):
    monkeypatch.setattr(review_limits, "MAX_COMMENTS", 5)
    path = with_comments(world, "flood.docx", [f"Comment {n}" for n in range(6)])
    message = refused_with(world, path, "more than 5 comments")
    assert message == ("flood.docx is refused: it holds more than 5 comments (the limit for one file); ask reviewers "
                       "to send their comments in several files. Nothing was imported")


def test_a_comment_longer_than_the_limit_is_refused(world, monkeypatch):
    monkeypatch.setattr(review_limits, "MAX_COMMENT_CHARS", 50)
    path = with_comments(world, "long.docx", ["short", "y" * 51])
    refused_with(world, path, "comment 2 in it is longer than 50 characters (the limit for one comment)")


def test_a_dense_part_is_refused_by_its_count_of_elements(world, monkeypatch):
    monkeypatch.setattr(review_limits, "MAX_XML_ELEMENTS", 60_000)
    parts = parts_of(world["returned"])
    # Named .bin, declared as XML: python-docx would still parse it; the scan reads its start.
    parts["word/dense.bin"] = b"<r>" + b"<a/>" * 70_000 + b"</r>"
    refused_with(world, write_zip(world["folder"] / "dense.docx", parts), "more than 60,000 pieces of document structure")


def test_a_comment_that_cannot_be_read_is_counted_and_said(world):
    entity = '<!DOCTYPE w:comments [<!ENTITY x "hidden">]>'
    path = with_comments(world, "entity.docx", ["&x; text after an entity", "Readable comment", ""], head_extra=entity)
    result = review_docx.import_review(world["svc"], world["meeting"], path)
    assert [r.text for r in result.added] == ["Readable comment"]
    assert (result.unreadable, result.empty) == (1, 1)
    assert result.describe() == (
        "Minutes of M-12: 1 new comment, 1 skipped because its text could not be read (it uses XML entities, "
        "which Word never writes: ask the reviewer to type it again), 1 skipped because it has no text")


@pytest.mark.parametrize("bookmark", ["leap_decision_" + "9" * 25, "leap_meeting_12_v" + "9" * 5000 + "_0123456789"])
def test_bookmark_numbers_longer_than_any_panel_uses_are_refused(world, bookmark):
    parts = parts_of(world["returned"])
    document = parts["word/document.xml"].decode()
    target = "leap_decision_" if bookmark.startswith("leap_decision_") else "leap_meeting_"
    at = document.index(f'w:name="{target}') + len('w:name="')
    end = document.index('"', at)
    parts["word/document.xml"] = (document[:at] + bookmark + document[end:]).encode()
    message = refused_with(world, write_zip(world["folder"] / "digits.docx", parts), "digit number, far larger than any panel uses")
    assert len(message) < 200


def test_a_damaged_comment_number_is_refused_without_quoting_the_file_at_length(world):
    parts = parts_of(world["returned"])
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(b'w:id="0"', b'w:id="' + b"x" * 100_000 + b'"')
    message = refused_with(world, write_zip(world["folder"] / "badid.docx", parts), "badid.docx is damaged")
    assert len(message) < 200


def test_the_command_refuses_a_bomb_in_one_line(world, small_limits, capsys):
    parts = parts_of(world["returned"])
    parts["word/comments.xml"] += b" " * 3_000_000
    bomb = write_zip(world["folder"] / "cli-bomb.docx", parts)
    world["svc"].close()
    try:
        code = main(["--db", str(world["db"]), "import-review", "M-12", str(bomb)], out=io.StringIO(), err=(err := io.StringIO()))
    finally:
        world["svc"] = PanelService.open(world["db"], clock=lambda: NOW)
    assert code == 1
    assert err.getvalue().count("\n") == 1 and "the limit for one part" in err.getvalue()
    assert "unexpected problem" not in err.getvalue()


def test_a_normal_returned_file_is_within_every_limit(world):
    assert review_limits.checked_bytes(world["returned"]) == world["returned"].read_bytes()
    assert len(review_docx.read(world["returned"]).comments) == 1


# -- generated bombs -----------------------------------------------------------------------------


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    bodies=st.lists(st.text(alphabet="abc xyz<&>'\"", max_size=80), max_size=8),
    padding=st.sampled_from([0, 100_000, 700_000, 2_000_000]),
    extra_parts=st.integers(min_value=0, max_value=15),
    extra_size=st.sampled_from([10, 90_000]),
)
def test_generated_bombs_are_refused_exactly_when_over_a_limit(world, bodies, padding, extra_parts, extra_size):
    limits = {"MAX_COMMENTS": 5, "MAX_COMMENT_CHARS": 60, "MAX_PART_BYTES": 600_000, "MAX_TOTAL_BYTES": 1_000_000,
              "MAX_PARTS": 30, "MAX_FILE_BYTES": 200_000}
    parts = dict(world.setdefault("parts", parts_of(world["returned"])))
    head, _, _ = parts["word/comments.xml"].decode().partition("<w:comment ")
    parts["word/comments.xml"] = (head + "".join(
        f'<w:comment w:id="{i}" w:author="R"><w:p><w:r><w:t>{escape(body)}</w:t></w:r></w:p></w:comment>'
        for i, body in enumerate(bodies)) + " " * padding + "</w:comments>").encode()
    parts.update({f"word/media/extra{n}.bin": b"\0" * extra_size for n in range(extra_parts)})
    path = write_zip(world["folder"] / "generated.docx", parts)
    over = (
        len(parts) > limits["MAX_PARTS"]
        or max(len(data) for data in parts.values()) > limits["MAX_PART_BYTES"]
        or sum(len(data) for data in parts.values()) > limits["MAX_TOTAL_BYTES"]
        or len(bodies) > limits["MAX_COMMENTS"]
        or any(len(b) > limits["MAX_COMMENT_CHARS"] for b in bodies)
    )
    svc = world["svc"]
    before = svc.store.scalar("SELECT count(*) FROM audit")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in limits.items():
            patch.setattr(review_limits, name, value)
        try:
            result = review_docx.import_review(svc, world["meeting"], path)
        except review_limits.ReviewFileRefused as exc:
            assert over, f"refused within every limit: {exc}"
            assert str(exc).startswith("generated.docx is refused: ") and "\n" not in str(exc)
            assert svc.store.scalar("SELECT count(*) FROM audit") == before
            return
    assert not over, "accepted a file over a limit"
    assert len(result.added) + result.already + result.empty == len(bodies)
