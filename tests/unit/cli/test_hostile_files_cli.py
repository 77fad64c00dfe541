"""Issue 9: a panel file is never overwritten by an export, and what a kill leaves is cleaned."""

from __future__ import annotations

import io
import os

import pytest

from leap_desktop.cli import main


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "p.leap"
    assert leap("--db", path, "demo")[0] == 0
    return path


@pytest.mark.parametrize("suffix, command", [
    (".docx", ["export-minutes", "M-12"]),
    (".docx", ["export-decisions"]),
    (".csv", ["export-decisions"]),
    (".csv", ["export-actions"]),
])
def test_no_export_writes_over_the_panel_file(tmp_path, suffix, command):
    panel = tmp_path / f"panel{suffix}"
    assert leap("--db", panel, "demo")[0] == 0
    assert leap("--db", panel, "people")[0] == 0
    before = panel.read_bytes()
    code, _, err = leap("--db", panel, *command, "--out", panel)
    assert code == 1
    assert err.strip() == f"leap: {panel} is the panel file itself: choose another file for the export (nothing was written)"
    assert panel.read_bytes() == before
    assert leap("--db", panel, "people")[0] == 0


def test_no_export_writes_over_a_hard_link_or_another_panel_file(demo, tmp_path):
    assert leap("--db", demo, "people")[0] == 0  # its first open settles it (the day's backup)
    link = tmp_path / "link.csv"
    os.link(demo, link)
    before = demo.read_bytes()
    code, _, err = leap("--db", demo, "export-actions", "--out", link)
    assert code == 1 and "is the panel file itself" in err and len(err.splitlines()) == 1
    other = tmp_path / "other.csv"
    assert leap("--db", other, "demo")[0] == 0
    other_bytes = other.read_bytes()
    code, _, err = leap("--db", demo, "export-actions", "--out", other)
    assert code == 1
    assert err.strip() == f"leap: {other} is a panel file: nothing is ever written over one. Choose another file name (nothing was written)"
    assert demo.read_bytes() == before and other.read_bytes() == other_bytes
    # an ordinary earlier export is still replaced
    out = tmp_path / "a.csv"
    assert leap("--db", demo, "export-actions", "--out", out)[0] == 0
    assert leap("--db", demo, "export-actions", "--out", out)[0] == 0
