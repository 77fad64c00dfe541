"""The payment commands end to end, as a coordinator would type them."""

import io
import json

import docx
import pytest

from leap_desktop.cli import main


def leap(db, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(demo_path):
    """The demo panel (clock of the demo: June 2026), with its example rate card and claims."""
    return demo_path


def test_rates_show_the_example_card_and_a_rate_can_be_added(db):
    code, out, _ = leap(db, "rates")
    assert code == 0 and "EXAMPLE ONLY" in out and "per hour" in out
    code, _, err = leap(db, "add-rate", "training", "£160", "--unit", "day", "--from", "2026-04-01", "--source", "Our card")
    assert code == 0 and err == "Added training at £160.00 per day from 2026-04-01\n"
    code, out, _ = leap(db, "rates", "--json")
    assert {"activity": "training", "unit": "day", "amount_pence": 16000} .items() <= next(
        r for r in json.loads(out) if r["activity"] == "training").items()


def test_claims_list_filters_and_json(db):
    code, out, _ = leap(db, "claims", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {"ref", "payee", "fee_pence", "status", "days_to_payment"} <= set(rows[0])
    code, out, _ = leap(db, "claims", "--status", "paid", "--json")
    assert {r["status"] for r in json.loads(out)} == {"paid"}
    code, out, _ = leap(db, "claims", "--person", "Amira", "--json")
    assert {r["payee"] for r in json.loads(out)} == {"Amira Khan"}
    code, out, _ = leap(db, "claims", "--meeting", "M-12", "--json")
    assert {r["meeting"] for r in json.loads(out)} == {"M-12"}
    code, out, _ = leap(db, "claims")
    assert "OVERDUE" in out and "paid 20" in out


def test_draft_submit_approve_pay_and_an_expense(db):
    _, out, _ = leap(db, "meetings", "--json")
    held = [m for m in json.loads(out) if m["status"] == "held"] or [m for m in json.loads(out) if m["status"] != "planned"]
    code, out, _ = leap(db, "claims", "--meeting", held[-1]["ref"], "--json")
    for row in json.loads(out):  # start the meeting afresh
        if row["status"] != "withdrawn":
            leap(db, "withdraw-claim", row["ref"], "--reason", "test") if row["status"] != "paid" else None
    code, out, err = leap(db, "add-claim", "Amira", "--activity", "meeting", "--on", "2026-06-10", "--hours", "2",
                          "--preparation", "1", "--cost-code", "LEAP-01")
    assert code == 0 and "fee £" in err and "(full fee)" in err
    ref = err.split()[1]
    assert leap(db, "add-expense", ref, "mileage", "--miles", "10")[0] == 0
    code, _, err = leap(db, "add-expense", ref, "taxi", "12.345")
    assert (code, err) == (1, "leap: Amount: 12.345 is not a whole number of pence (give at most two figures after the point)\n")
    assert leap(db, "add-expense", ref, "taxi", "£12.40", "--receipt", "T-1", "--paid-in-advance")[0] == 0
    code, _, err = leap(db, "pay-claim", ref)
    assert (code, err) == (1, f"leap: {ref} is draft, so it cannot be paid (it can be: submitted, withdrawn)\n")
    for command in ("submit-claim", "approve-claim", "pay-claim"):
        code, _, err = leap(db, command, ref, "--on", "2026-06-12")
        assert code == 0, err
    code, out, _ = leap(db, "claim", ref, "--json")
    data = json.loads(out)
    assert data["status"] == "paid" and data["days_to_payment"] == 2 and data["cost_code"] == "LEAP-01"
    assert [e["category"] for e in data["expenses"]] == ["mileage", "taxi"] and data["expenses"][1]["paid_in_advance"]


def test_draft_claims_command(db):
    code, out, err = leap(db, "draft-claims", "M-13")
    assert code == 1 and "claims are drafted once a meeting has been held" in err
    _, out, _ = leap(db, "meetings", "--json")
    latest_held = [m for m in json.loads(out) if m["status"] != "planned"][-1]["ref"]
    code, out, err = leap(db, "draft-claims", latest_held)
    assert code == 0 and err.startswith("Drafted ")
    assert "no claim drafted (declined payment)" in out or "already has a claim" in out


def test_thresholds_totals_statement_claim_form_and_finance_csv(db, tmp_path):
    assert leap(db, "set-threshold", "£1,000")[0] == 0
    assert leap(db, "own-limit", "Amira", "£500", "--note", "her own choice", "--on", "2025-05-01")[0] == 0
    code, out, _ = leap(db, "payment-totals", "--person", "Amira", "--tax-year", "2025", "--json")
    data = json.loads(out)
    assert code == 0 and data["threshold_pence"] == 100000 and data["own_limit_pence"] == 50000
    assert any("does not give advice" in line for line in data["words"])
    code, out, _ = leap(db, "payment-totals", "--json")
    assert json.loads(out)["fees_pence"] > 0 and json.loads(out)["expenses_by_category"]
    code, _, err = leap(db, "statement", "Amira", "--tax-year", "2025", "--out", str(tmp_path / "s.docx"))
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "s.docx")).paragraphs)
    assert "Payment statement: Amira Khan, tax year 2025 to 2026" in text and "Total fees:" in text
    code, _, err = leap(db, "claim-form", "CL-1", "--out", str(tmp_path / "c.docx"))
    assert code == 0 and "CL-1" in err
    code, _, err = leap(db, "claim-form", "--person", "Amira", "--from", "2025-06-01", "--out", str(tmp_path / "p.docx"))
    assert code == 0, err
    code, _, err = leap(db, "export-payments", "--out", str(tmp_path / "p.csv"), "--from", "2025-07-01", "--to", "2026-06-30")
    assert code == 0 and "payment lines" in err
    lines = (tmp_path / "p.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Claim,Line,Payee") and any(",Expense," in line for line in lines)


@pytest.mark.parametrize("args, message", [
    (["claim", "CL-99999"], "leap: No claim 'CL-99999' in this panel (use a reference like CL-1)\n"),
    (["claims", "--status", "lost"], "leap: Claim status must be one of: draft, submitted, approved, paid, withdrawn (got 'lost')\n"),
    (["add-rate", "meeting", "£12.345", "--from", "2026-01-01"], "leap: Rate: £12.345 is not a whole number of pence (give at most two figures after the point)\n"),
    (["add-rate", "meeting", "12", "--from", "soon"], "leap: Valid from must be a real date like 2026-03-31 (got 'soon')\n"),
    (["export-payments", "--out", "x.txt"], "leap: x.txt: the file name must end in .csv\n"),
    (["claim-form", "--out", "x.docx"], "leap: Give a claim (e.g. CL-3) or --person, not both and not neither\n"),
    (["set-threshold", "a lot"], "leap: Limit must be an amount of money like £12.40 (got 'a lot')\n"),
])
def test_payment_errors_are_one_clear_line(db, args, message):
    code, _, err = leap(db, *args)
    assert (code, err) == (1, message)
