"""Writing payment documents from the Payments page: a claim form and an annual
statement (Word), and the finance CSV. For the member and finance only; built like the
other export dialogs (views/dialogs/export.py): said in words, written atomically and
owner-only, a refusal said in the dialog with nothing written."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...domain.errors import LeapError
from ...domain.model import Person
from ...domain.money import tax_year_bounds, tax_year_of, tax_year_words
from ...domain.payments import ClaimStatus
from ...export import claim_docx, payments_csv
from ...models.context import AppContext
from ...services.payment_reports import finance_lines
from ...services.payments import ClaimRow
from ...words import plural
from .export import ExportDialog, export_folder, named
from ..partials.widgets import DayField, set_combo_data


def _panel_name(ctx: AppContext) -> str:
    panel = ctx.service.panel()
    return panel.name if panel else "LEAP panel"


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-") or "member"


def tax_years(ctx: AppContext) -> list[int]:
    """The tax years with claims, to the current one, newest first."""
    today = tax_year_of(ctx.service.today())
    days = [r.claim.activity_on for r in ctx.service.payments.claims()]
    first = min([tax_year_of(d) for d in days] + [today])
    return list(range(today, first - 1, -1))


def fill_years(combo: QComboBox, years: list[int], chosen: int | None = None) -> None:
    for year in years:
        combo.addItem(f"{year} to {year + 1} ({tax_year_words(year)})", year)
    set_combo_data(combo, chosen)


class _PaymentExport(ExportDialog):
    """A payment document: no choice of format and no anonymised edition (payment data
    is for the coordinator and finance only); the dialog's own rows go above the file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        for row in (0, 1):  # the format row and the anonymised edition's row
            self.form.setRowVisible(row, False)

    def add_row(self, label: QWidget | str, widget: QWidget) -> None:
        row, _role = self.form.getWidgetPosition(self.ui.fileLabel)
        self.form.insertRow(row, label, widget)


class ClaimFormDialog(_PaymentExport):
    """A claim form for the chosen claim, or for all of its payee's claims in a tax year."""

    TITLE = "Write a claim form"
    FILTERS = "Word documents (*.docx)"
    SUFFIXES = (".docx",)

    def __init__(self, ctx: AppContext, row: ClaimRow, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.row = row
        self.what.setText(f"A claim form (Word) for {row.payee} to check and sign: the claims, their fees and "
                          "expenses apart, and a declaration.")
        named(self.what, "What will be written", self.what.text())
        year = tax_year_of(row.claim.activity_on)
        self.scope = named(QComboBox(), "Which claims", "This claim only, or all of the payee's claims in its tax year")
        self.scope.addItem(f"Only {row.claim.ref}", None)
        self.scope.addItem(f"All of {row.payee}'s claims in the tax year {tax_year_words(year)}", year)
        label = QLabel("&Claims:")
        label.setBuddy(self.scope)
        self.add_row(label, self.scope)
        self.path.setText(str(export_folder(ctx) / f"claim-form-{row.claim.ref}.docx"))
        self.scope.currentIndexChanged.connect(self._suggest)
        self.scope.setFocus()

    def _suggest(self) -> None:
        year = self.scope.currentData()
        name = f"claim-form-{self.row.claim.ref}" if year is None else f"claim-form-{_slug(self.row.payee)}-{year}"
        self.file.suggest(f"{name}.docx")

    def rows(self) -> list[ClaimRow]:
        pay, year = self.ctx.service.payments, self.scope.currentData()
        if year is None:
            return [r for r in pay.claims(person_id=self.row.claim.person_id) if r.claim.id == self.row.claim.id]
        start, end = tax_year_bounds(year)
        rows = [r for r in pay.claims(person_id=self.row.claim.person_id, from_day=start, to_day=end)
                if r.claim.status is not ClaimStatus.WITHDRAWN]
        return sorted(rows, key=lambda r: (r.claim.activity_on, r.claim.number or 0))

    def run(self) -> None:
        path = self.checked()
        if path is None:
            return
        service, year = self.ctx.service, self.scope.currentData()
        rows = self.rows()

        def make() -> bytes:
            person = service.get(Person, self.row.claim.person_id)
            expenses = {r.claim.id: service.payments.expenses(r.claim.id) for r in rows}
            period = f"claims in the tax year {tax_year_words(year)}" if year is not None else None
            return claim_docx.render_claim_form(_panel_name(self.ctx), person, rows, expenses, period=period,
                                                now=service.payments.now())

        self.write_and_close(path, make, f"Wrote the claim form for {', '.join(r.claim.ref for r in rows)} to {path}")


class StatementDialog(_PaymentExport):
    """A member's annual statement: what they were paid in a tax year, fees and expenses apart."""

    TITLE = "Write an annual statement"
    FILTERS = "Word documents (*.docx)"
    SUFFIXES = (".docx",)

    def __init__(self, ctx: AppContext, person_id: str | None, year: int | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.what.setText("A statement (Word) of what a member was paid in a tax year, and for what: "
                          "fees and expenses apart, with their limits.")
        named(self.what, "What will be written", self.what.text())
        pay = ctx.service.payments
        payees = {r.claim.person_id for r in pay.claims()}
        self.person = named(QComboBox(), "Member", "Whose statement")
        for person in ctx.service.people():
            if person.id in payees:
                self.person.addItem(person.display_name, person.id)
        set_combo_data(self.person, person_id)
        self.year = named(QComboBox(), "Tax year", "The tax year, 6 April to 5 April")
        fill_years(self.year, tax_years(ctx), year)
        for text, widget in (("&Member:", self.person), ("Tax &year:", self.year)):
            label = QLabel(text)
            label.setBuddy(widget)
            self.add_row(label, widget)
        self._suggest()
        self.person.currentIndexChanged.connect(self._suggest)
        self.year.currentIndexChanged.connect(self._suggest)
        self.person.setFocus()

    def _suggest(self) -> None:
        name = f"statement-{_slug(self.person.currentText())}-{self.year.currentData()}.docx"
        if self.path.text().strip():
            self.file.suggest(name)
        else:
            self.path.setText(str(export_folder(self.ctx) / name))

    def run(self) -> None:
        path = self.checked()
        if path is None:
            return
        person_id, year = self.person.currentData(), self.year.currentData()
        if person_id is None:
            self.show_problem("Nobody has a claim yet, so there is no statement to write", self.person)
            return
        service = self.ctx.service

        def make() -> bytes:
            return claim_docx.render_statement(_panel_name(self.ctx), service.payments.statement(person_id, year),
                                               now=service.payments.now())

        self.write_and_close(path, make, f"Wrote {self.person.currentText()}'s statement for {year} to {year + 1} "
                                         f"to {path}")


class FinanceCsvDialog(_PaymentExport):
    """The finance CSV: one row per fee or expense line (withdrawn claims left out),
    for activities in a period, or all of them."""

    TITLE = "Write the finance CSV"
    FILTERS = "CSV files (*.csv)"
    SUFFIXES = (".csv",)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.what.setText("A CSV file for finance: one row per fee line and per expense line, with the payee, "
                          "cost code, method, status and dates. Declined fees and withdrawn claims have no line. "
                          "Leave the dates empty for every claim.")
        named(self.what, "What will be written", self.what.text())
        self.days = {}
        for key, text, name in (("from", "Activities f&rom:", "From"), ("to", "Activities &to:", "To")):
            edit = named(QLineEdit(), f"Activities {name.lower()}", "A date like 31/03/2026, or empty")
            hint = QLabel()
            hint.setProperty("role", "hint")
            label = QLabel(text)
            label.setBuddy(edit)
            self.add_row(label, edit)
            self.add_row("", hint)
            self.days[key] = DayField(edit, hint, key, empty="Any day")
        self.path.setText(str(export_folder(ctx) / "payments.csv"))
        self.days["from"].edit.setFocus()

    def run(self) -> None:
        try:
            from_day, to_day = self.days["from"].value(), self.days["to"].value()
        except LeapError as exc:
            field = self.days.get(getattr(exc, "field", ""), self.days["from"]).edit
            self.show_problem(str(exc), field)
            return
        path = self.checked()
        if path is None:
            return
        lines = finance_lines(self.ctx.service.payments, from_day=from_day, to_day=to_day)
        self.write_and_close(path, lambda: payments_csv.payments_csv(lines),
                             f"Wrote {plural(len(lines), 'payment line')} to {path}")
