"""No doubled word ("is is", "the the") in anything a person reads: the strings in the
code, the Designer forms, the docs, and the refusals put together from pieces."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from leap_desktop.domain import rules
from leap_desktop.domain.errors import RuleError

ROOT = Path(__file__).resolve().parents[2]
DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b")  # case matters: SQL's "text TEXT" is fine


def doubled(text: str) -> list[str]:
    return [match.group(0) for match in DOUBLED.finditer(text)]


def test_the_pattern_finds_a_doubled_word():
    assert doubled("so what was said is is locked") == ["is is"]
    assert doubled("this is it") == [] and doubled("text TEXT") == []


def test_no_string_in_the_code_has_a_doubled_word():
    found = []
    for path in sorted((ROOT / "leap_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # plain strings, and the fixed parts of f-strings
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: {words}" for words in doubled(node.value)]
    assert found == []


def test_no_form_or_doc_has_a_doubled_word():
    paths = [*sorted((ROOT / "ui").rglob("*.ui")), ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    found = [f"{path.relative_to(ROOT)}: {words}" for path in paths for words in doubled(path.read_text(encoding="utf-8"))]
    assert found == []


def _what_arguments() -> list[tuple[str, ...]]:
    """Every piece of wording the code hands to check_minutes_unlocked (directly or
    through PanelCore.unlocked), as written in the code."""
    pieces = []
    for path in sorted((ROOT / "leap_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in ("check_minutes_unlocked", "_unlocked", "unlocked"):
                    words = tuple(a.value for a in node.args[1:] if isinstance(a, ast.Constant) and isinstance(a.value, str))
                    if words:
                        pieces.append(words)
    return pieces


def test_every_locked_minutes_refusal_reads_as_one_sentence(monkeypatch):
    pieces = _what_arguments()
    assert len(pieces) > 10  # the scan found the calls
    monkeypatch.setattr(rules, "is_locked", lambda meeting: True)
    meeting = SimpleNamespace(ref="M-3", title="March panel")
    for words in pieces + [()]:
        with pytest.raises(RuleError) as refused:
            rules.check_minutes_unlocked(meeting, *words)
        assert doubled(str(refused.value)) == [], words
        assert " cannot be " in str(refused.value)
