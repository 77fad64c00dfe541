"""Payments: claims by status, payee and meeting, their totals, overdue claims said in
words, each person's tax year against their threshold, the rate card, and the claim
forms, statements and finance CSV. For the coordinator and finance only: this page is
never shown to the panel, and nothing on it reaches a panel-facing page or output."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...domain.model import Meeting
from ...domain.money import pounds, tax_year_of
from ...domain.payments import OVERDUE_AFTER_DAYS, Claim, ClaimStatus
from ...models.context import AppContext
from ...models.payments import ClaimLine, ClaimsModel, YearTotalsModel, quantity_text, status_text
from ...models.roles import RowRole, SortRole
from ...services.payment_reports import ADVICE_POINTER
from ...words import day, plural
from ..dialogs.claims import ClaimDialog, ClaimStepDialog, meeting_label
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..dialogs.payment_exports import (
    ClaimFormDialog,
    FinanceCsvDialog,
    StatementDialog,
    fill_years,
    tax_years,
)
from ..dialogs.rate_card import DraftClaimsDialog, RateCardDialog
from ..partials.widgets import compact_combo, prepare_table, select_row, set_combo_data

#: What the Status filter offers: (label, value for ClaimsModel.set_filter)
STATUSES = [("All claims", None), ("Overdue", "overdue")] + [(s.label, s.value) for s in ClaimStatus]


class PaymentsPage(Page):
    PAGE_ID = "payments"
    TITLE = "Payments"
    FORM = "payments_page.ui"
    WIDGETS = ("heading", "intro", "statusCombo", "personCombo", "meetingCombo", "addButton", "openButton",
               "submitButton", "approveButton", "payButton", "withdrawButton", "draftButton", "ratesButton", "limitsButton",
               "formButton", "statementButton", "csvButton", "claimsTable", "countLabel", "detailLabel",
               "yearCombo", "totalsTable", "adviceLabel")
    MENU = "&Payments"
    TABLES = frozenset({"payment_claims", "payment_expenses", "payment_rates", "payment_limits", "people", "meetings"})
    KEYS = (("Enter (on a claim)", "Open the claim"),)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.model = ClaimsModel(ctx, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        table = ui.claimsTable
        table.setModel(self.proxy)
        self.columns = prepare_table(table, stretch_column=ClaimsModel.ACTIVITY, stretch_min=18, widths={
            ClaimsModel.REF: 6, ClaimsModel.PAYEE: 16, ClaimsModel.ON: 11, ClaimsModel.MEETING: 7,
            ClaimsModel.FEE: 17, ClaimsModel.EXPENSES: 9, ClaimsModel.METHOD: 13, ClaimsModel.STATUS: 38})
        table.setSortingEnabled(True)
        table.sortByColumn(ClaimsModel.ON, Qt.SortOrder.DescendingOrder)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        table.activated.connect(lambda _index: self.open_claim())
        self.totals = YearTotalsModel(ctx, self)
        ui.totalsTable.setModel(self.totals)
        self.total_columns = prepare_table(ui.totalsTable, stretch_column=YearTotalsModel.LEFT, stretch_min=26, widths={
            YearTotalsModel.PERSON: 16, YearTotalsModel.PAID: 10, YearTotalsModel.DUE: 10,
            YearTotalsModel.EXPENSES: 10, YearTotalsModel.THRESHOLD: 10, YearTotalsModel.OWN: 10})
        ui.adviceLabel.setText(ADVICE_POINTER + " Expenses are not income, so they are not counted.")
        ui.adviceLabel.setWordWrap(True)
        for label, value in STATUSES:
            ui.statusCombo.addItem(label, value)
        for combo in (ui.personCombo, ui.meetingCombo):
            compact_combo(combo, 12)
        self._fill_choices()
        for combo in (ui.statusCombo, ui.personCombo, ui.meetingCombo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ui.yearCombo.currentIndexChanged.connect(lambda _i: self._show_year())

        has = self._current_status_in
        self.add_action = self.page_action("&Add a claim…", self.add_claim, shortcut="Ctrl+Shift+N",
                                           description="Add a claim by hand: a review, a task, a training day",
                                           button=ui.addButton)
        self.open_action = self.page_action("&Open the claim…", self.open_claim, description=(
            "See or change the chosen claim and its expenses (Enter on a claim)"), button=ui.openButton,
            enabled_when=lambda: self.current() is not None)
        self.add_menu_separator()
        self.submit_action = self._step("&Submit…", ClaimStatus.SUBMITTED, ui.submitButton, "submitted", has(ClaimStatus.DRAFT))
        self.approve_action = self._step("A&pprove…", ClaimStatus.APPROVED, ui.approveButton, "approved", has(ClaimStatus.SUBMITTED))
        self.pay_action = self._step("Mark pai&d…", ClaimStatus.PAID, ui.payButton, "paid", has(ClaimStatus.APPROVED))
        self.withdraw_action = self._step("&Withdraw…", ClaimStatus.WITHDRAWN, ui.withdrawButton, "withdrawn, saying why",
                                          has(ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED))
        self.add_menu_separator()
        self.draft_action = self.page_action("D&raft claims for a meeting…", self.draft_claims, description=(
            "Draft a claim for each paid member present at a held meeting"), button=ui.draftButton)
        self.rates_action = self.page_action("Rate &card…", self.rate_card, description=(
            "See the dated rates, add a rate, mark a rate as an example"), button=ui.ratesButton)
        self.limits_action = self.page_action("Thresholds and &limits…", self.limits, description=(
            "Set the tax-year threshold for fees (the panel's or one person's), or note a person's own limit"),
            button=ui.limitsButton)
        self.add_menu_separator()
        self.form_action = self.page_action("Claim &form…", self.claim_form, description=(
            "Write a claim form (Word) for the member to check and sign"), button=ui.formButton,
            enabled_when=lambda: self.current() is not None)
        self.statement_action = self.page_action("Annual s&tatement…", self.statement, description=(
            "Write a member's statement for a tax year (Word)"), button=ui.statementButton)
        self.csv_action = self.page_action("Finance CS&V…", self.finance_csv, description=(
            "Write the finance CSV: one row per fee or expense line"), button=ui.csvButton)
        # With large text the filters and the rows of buttons go on to more lines.
        flow_rows(self, ui.layout(), *(ui.findChild(QHBoxLayout, name)
                                       for name in ("filterRow", "stepRow", "moreRow", "exportRow", "yearRow")))
        self.refresh()

    def _step(self, text: str, status: ClaimStatus, button, done: str, when):
        return self.page_action(text, lambda: self.step(status), button=button, enabled_when=when,
                                description=f"Record that the chosen claim was {done}, and when")

    # -- what is shown -----------------------------------------------------------------

    def _fill_choices(self) -> None:
        ui, service = self.ui, self.ctx.service
        payees = {r.claim.person_id for r in service.payments.claims()}
        for combo, entries in (
            (ui.personCombo, [("Anyone", None)] + [(p.display_name, p.id) for p in service.people() if p.id in payees]),
            (ui.meetingCombo, [("Any meeting", None)] + [(meeting_label(m), m.id) for m in reversed(service.meetings())
                                                         if m.status.value not in ("planned", "cancelled")]),
            (ui.yearCombo, None),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if entries is None:
                fill_years(combo, tax_years(self.ctx), keep if keep is not None else tax_year_of(service.today()))
            else:
                for label, value in entries:
                    combo.addItem(label, value)
                set_combo_data(combo, keep)
            combo.blockSignals(False)

    def refresh(self) -> None:
        keep = self.current()
        self._fill_choices()
        ui = self.ui
        self.model.set_filter(status=ui.statusCombo.currentData(), person_id=ui.personCombo.currentData(),
                              meeting_id=ui.meetingCombo.currentData())
        self.columns.fit()
        fees, expenses = self.model.totals()
        text = (f"{plural(self.model.rowCount(), 'claim')} listed: fees {pounds(fees)}, expenses {pounds(expenses)}"
                " (withdrawn claims not counted).")
        overdue = self.model.overdue_count()
        if overdue:
            text += (f" {overdue:,} OVERDUE: submitted or approved and not paid {OVERDUE_AFTER_DAYS} days after the "
                     "activity (they say OVERDUE in the Status column).")
        ui.countLabel.setText(text)
        ui.countLabel.setAccessibleName(text)
        self._show_year()
        self._select(keep.id if keep else None)
        self.update_actions()

    def _show_year(self) -> None:
        year = self.ui.yearCombo.currentData()
        if year is not None:
            self.totals.set_year(year)
            self.total_columns.fit()

    def _select(self, claim_id: str | None) -> None:
        row = self.model.row_of(claim_id)
        proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row() if row >= 0 else (0 if self.proxy.rowCount() else -1)
        select_row(self.ui.claimsTable, proxy_row)
        self._show_detail()

    def current_line(self) -> ClaimLine | None:
        index: QModelIndex = self.ui.claimsTable.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def current(self) -> Claim | None:
        line = self.current_line()
        return line.claim if line else None

    def _current_status_in(self, *statuses: ClaimStatus):
        return lambda: (claim := self.current()) is not None and claim.status in statuses

    def _current_changed(self) -> None:
        self._show_detail()
        self.update_actions()

    def _show_detail(self) -> None:
        line = self.current_line()
        label = self.ui.detailLabel
        if line is None:
            label.setText("No claim chosen." if self.model.rowCount() else "No claims listed: change Status, Payee or "
                          "Meeting, add a claim, or draft the claims of a held meeting.")
            return
        c, row = line.claim, line.row
        meeting = f" at {row.meeting_ref}" if row.meeting_ref else ""
        parts = [f"{c.ref} for {row.payee}: {c.description or c.activity.label}{meeting} on {day(c.activity_on)}.",
                 f"{quantity_text(c)}" + (f" (rate source: {c.rate_source})" if c.rate_source else "") + ".",
                 f"Fee: {pounds(c.fee_pence)} ({c.fee_choice.label.lower()}). Method: {c.method.label.lower()}."
                 + (f" Cost code: {c.cost_code}." if c.cost_code else "")]
        expenses = self.ctx.service.payments.expenses(c.id)
        if expenses:
            listed = "; ".join(f"{e.category.label} {pounds(e.amount_pence)}"
                               + (f" (receipt {e.receipt_ref})" if e.receipt_ref else "")
                               + (", paid in advance" if e.paid_in_advance.value == "yes" else "") for e in expenses)
            parts.append(f"Expenses {pounds(row.expenses_pence)}: {listed}.")
        steps = [f"{what} {day(on)}" for what, on in (("submitted", c.submitted_on), ("approved", c.approved_on),
                                                      ("paid", c.paid_on), ("withdrawn", c.withdrawn_on)) if on]
        parts.append(f"Status: {status_text(line)}." + (f" Dates: {', '.join(steps)}." if steps else ""))
        if c.withdrawn_reason:
            parts.append(f"Why withdrawn: {c.withdrawn_reason}")
        label.setText("\n".join(parts))
        label.setAccessibleDescription(label.text())

    def show_record(self, record_id: str | None) -> None:
        """A claim to choose, or a meeting whose claims to list."""
        if not record_id:
            return
        if self.ctx.service.find(Meeting, record_id) is not None:
            set_combo_data(self.ui.statusCombo, None)
            set_combo_data(self.ui.personCombo, None)
            set_combo_data(self.ui.meetingCombo, record_id)
            self.refresh()
            return
        if self.model.row_of(record_id) < 0:
            for combo in (self.ui.statusCombo, self.ui.personCombo, self.ui.meetingCombo):
                set_combo_data(combo, None)
            self.refresh()
        self._select(record_id)
        self.update_actions()

    def focus_first(self) -> None:
        self.ui.claimsTable.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands ----------------------------------------------------------------------

    def _after(self, claim: Claim | None) -> None:
        if claim is not None:
            self.show_record(claim.id)
        self.ui.claimsTable.setFocus()

    def add_claim(self) -> None:
        dialog = ClaimDialog(self.ctx, None, self, person_id=self.ui.personCombo.currentData())
        self.open_dialog(dialog, lambda: self._after(dialog.saved))

    def open_claim(self) -> None:
        claim = self.current()
        if claim is not None:
            dialog = ClaimDialog(self.ctx, claim, self)
            self.open_dialog(dialog, lambda: self._after(dialog.saved))

    def step(self, status: ClaimStatus) -> None:
        claim = self.current()
        if claim is not None:
            dialog = ClaimStepDialog(self.ctx, claim, status, self)
            self.open_dialog(dialog, lambda: self._after(dialog.saved))

    def draft_claims(self) -> None:
        dialog = DraftClaimsDialog(self.ctx, self.ui.meetingCombo.currentData(), self)
        self.open_dialog(dialog, lambda: self._drafted(dialog))

    def _drafted(self, dialog: DraftClaimsDialog) -> None:
        if dialog.drafted is not None and dialog.drafted.made:
            self.show_record(dialog.drafted.made[0].meeting_id)

    def rate_card(self) -> None:
        self.open_dialog(RateCardDialog(self.ctx, self))

    def limits(self) -> None:
        from ..dialogs.limits import LimitDialog

        self.open_dialog(LimitDialog(self.ctx, self, person_id=self.ui.personCombo.currentData()))

    def claim_form(self) -> None:
        line = self.current_line()
        if line is not None:
            self.open_dialog(ClaimFormDialog(self.ctx, line.row, self))

    def statement(self) -> None:
        person = self.ui.personCombo.currentData() or (self.current().person_id if self.current() else None)
        self.open_dialog(StatementDialog(self.ctx, person, self.ui.yearCombo.currentData(), self))

    def finance_csv(self) -> None:
        self.open_dialog(FinanceCsvDialog(self.ctx, self))
