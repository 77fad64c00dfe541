"""``leap report`` end to end (issue 14)."""

from __future__ import annotations

import io
import json

import docx

from leap_desktop.cli import main
from leap_desktop.services import PanelService

from ..services.reports_panel import build


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_reports_of_the_demo_panel(demo_path, tmp_path):
    for args, name in ((["gripp2"], "g.docx"), (["gripp2", "--long"], "gl.docx"), (["standards"], "s.docx"),
                       (["participation"], "p.docx")):
        code, _, err = leap("--db", demo_path, "report", *args, "--out", tmp_path / name)
        assert code == 0, err
        assert docx.Document(str(tmp_path / name)).paragraphs[0].text
    code, _, err = leap("--db", demo_path, "report", "participation", "--out", tmp_path / "p.csv")
    assert code == 0 and "as CSV: p-*.csv" in err and (tmp_path / "p-decision-levels.csv").exists()


def test_participation_json_for_a_typed_period(panel_path, tmp_path):
    with PanelService.open(panel_path, create=True) as svc:
        svc.set_panel(name="Test panel")
        build(svc)
    code, printed, err = leap("--db", panel_path, "report", "participation", "--json", "--from", "1/2/2026",
                              "--to", "31 March 2026")
    data = json.loads(printed)
    assert code == 0, err
    assert data["meetings"] == 2 and data["period"]["words"] == "1 February 2026 to 31 March 2026"
    spoke = next(t for t in data["tables"] if t["key"] == "spoke")
    assert spoke["rows"][0] == ["M-2", "2026-02-10", "4", "fewer than 3", "fewer than 3"]


def test_narratives_are_set_kept_and_refused_plainly(panel_path, tmp_path):
    with PanelService.open(panel_path, create=True) as svc:
        svc.set_panel(name="Test panel")
    code, _, err = leap("--db", panel_path, "report", "set-narrative", "reflections", "We learnt to listen.")
    assert code == 0 and err.strip() == "Saved the GRIPP2 reflections"
    code, _, err = leap("--db", panel_path, "report", "set-answer", "governance", "Two members sit on the board.")
    assert code == 0 and err.strip() == "Saved the answer for Governance"
    code, _, err = leap("--db", panel_path, "report", "set-answer", "teamwork", "x")
    assert code == 1 and err.startswith("leap: No UK Standard 'teamwork'") and "Traceback" not in err
    code, _, err = leap("--db", panel_path, "report", "set-narrative", "poem", "x")
    assert code == 1 and "No GRIPP2 field 'poem'" in err
    leap("--db", panel_path, "report", "gripp2", "--out", tmp_path / "g.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "g.docx")).paragraphs)
    assert "We learnt to listen." in text
    with PanelService.open(panel_path) as svc:
        assert svc.reports.texts("standards") == {"governance": "Two members sit on the board."}


def test_bad_files_and_dates_are_refused_in_one_line(demo_path, tmp_path):
    code, _, err = leap("--db", demo_path, "report", "gripp2", "--out", tmp_path / "g.pdf")
    assert code == 1 and err.strip() == "leap: g.pdf: the file name must end in .docx"
    code, _, err = leap("--db", demo_path, "report", "participation", "--out", tmp_path / "p.docx", "--from", "banana")
    assert code == 1 and err.startswith("leap: The first date:") and not (tmp_path / "p.docx").exists()
    code, _, err = leap("--db", demo_path, "report", "participation")
    assert code == 1 and "Say where to write the report" in err
