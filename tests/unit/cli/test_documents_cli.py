"""Every command that writes a document to --out (cli/documents.py) checks the name the
same way before anything is written, writes the file and says where it went."""

from __future__ import annotations

import io

import pytest

from leap_desktop.cli import main

# command and its arguments, with {out} for the file, and the endings it takes
COMMANDS = [
    (["export-minutes", "M-1", "--out", "{out}"], (".docx",)),
    (["export-decisions", "--out", "{out}"], (".docx", ".csv")),
    (["export-actions", "--out", "{out}"], (".csv",)),
    (["impact-log", "--out", "{out}"], (".docx", ".csv")),
    (["feedback", "P-1", "--out", "{out}"], (".docx",)),
    (["report", "gripp2", "--out", "{out}"], (".docx",)),
    (["report", "standards", "--out", "{out}"], (".docx",)),
    (["report", "participation", "--out", "{out}"], (".docx", ".csv")),
    (["claim-form", "--person", "P-1", "--out", "{out}"], (".docx",)),
    (["statement", "P-1", "--tax-year", "2025", "--out", "{out}"], (".docx",)),
    (["export-payments", "--out", "{out}"], (".csv",)),
    (["invite", "M-1", "--out", "{out}"], (".ics",)),
]
NAMES = [" ".join(c[:2] if c[0] == "report" else c[:1]) for c, _ in COMMANDS]


def leap(db, args, out):
    o, e = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *[str(out) if a == "{out}" else a for a in args]], out=o, err=e)
    return code, o.getvalue(), e.getvalue()


@pytest.mark.parametrize(("args", "endings"), COMMANDS, ids=NAMES)
def test_a_bad_out_is_refused_in_one_line_and_nothing_is_written(demo_path, tmp_path, args, endings):
    before = sorted(tmp_path.iterdir())
    code, _, err = leap(demo_path, args, tmp_path / "notes.txt")
    assert code == 1 and err.strip() == f"leap: notes.txt: the file name must end in {' or '.join(endings)}"
    folder = tmp_path / f"folder{endings[0]}"
    folder.mkdir()
    code, _, err = leap(demo_path, args, folder)
    assert code == 1 and err.strip() == f"leap: {folder} is a folder; give a file name"
    link = tmp_path / f"panel{endings[0]}"
    link.symlink_to(demo_path)
    code, _, err = leap(demo_path, args, link)
    assert code == 1 and err.strip() == (f"leap: {link} is the panel file itself: choose another file for the "
                                         "export (nothing was written)")
    assert sorted(tmp_path.iterdir()) == sorted([*before, folder, link])


@pytest.mark.parametrize(("args", "endings"), COMMANDS, ids=NAMES)
def test_a_document_is_written_and_the_command_says_where(demo_path, tmp_path, args, endings):
    out = tmp_path / f"out{endings[0]}"
    code, _, err = leap(demo_path, args, out)
    assert code == 0, err
    assert err.splitlines()[0].startswith("Wrote ") and err.splitlines()[0].endswith(f" to {out}")
    assert out.stat().st_size > 0 and oct(out.stat().st_mode & 0o777) == "0o600"
