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


@pytest.mark.parametrize(("args", "endings"), COMMANDS, ids=NAMES)
def test_a_file_already_there_is_replaced_only_with_overwrite(demo_path, tmp_path, args, endings):
    out = tmp_path / f"out{endings[0]}"
    out.write_bytes(b"edited by hand since")
    code, _, err = leap(demo_path, args, out)
    assert code == 1 and err.strip() == f"leap: {out} already exists (nothing was written): add --overwrite to replace it"
    assert out.read_bytes() == b"edited by hand since"
    code, _, err = leap(demo_path, [*args, "--overwrite"], out)
    assert code == 0 and err.splitlines()[0].endswith(f" to {out}")
    assert out.read_bytes() != b"edited by hand since"


def test_csv_tables_and_feedback_for_everyone_are_not_written_over_unasked(demo_path, tmp_path):
    out = tmp_path / "report.csv"
    assert leap(demo_path, ["report", "participation", "--out", "{out}"], out)[0] == 0
    tables = sorted(tmp_path.glob("report-*.csv"))
    assert tables and not out.exists()
    kept = {t: t.read_bytes() for t in tables}
    tables[-1].write_bytes(b"edited")
    code, _, err = leap(demo_path, ["report", "participation", "--out", "{out}"], out)
    assert code == 1 and "already exists (nothing was written): add --overwrite" in err
    assert [t.read_bytes() for t in tables] == [kept[t] for t in tables[:-1]] + [b"edited"]
    assert leap(demo_path, ["report", "participation", "--out", "{out}", "--overwrite"], out)[0] == 0
    assert tables[-1].read_bytes() == kept[tables[-1]]

    folder = tmp_path / "feedback"
    assert leap(demo_path, ["feedback", "--all", "M-1", "--out", "{out}"], folder)[0] == 0
    written = sorted(folder.iterdir())
    assert written
    written[0].write_bytes(b"edited")
    before = {p: p.read_bytes() for p in written}
    code, _, err = leap(demo_path, ["feedback", "--all", "M-1", "--out", "{out}"], folder)
    assert code == 1 and f"leap: {folder}/feedback-M-1-" in err and "already exists (nothing was written)" in err
    assert {p: p.read_bytes() for p in written} == before
    assert leap(demo_path, ["feedback", "--all", "M-1", "--out", "{out}", "--overwrite"], folder)[0] == 0
    assert written[0].read_bytes() != b"edited"
