"""The rate card (dated rates: add one, mark one as an example) and drafting a held
meeting's claims. Each change is one undoable edit; a claim keeps the rate it was made
with, so nothing here ever changes a claim already made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.errors import LeapError
from ...domain.payments import Claim, Rate, RateActivity, RateUnit
from ...models.context import AppContext
from ...models.payments import RatesModel
from ...models.roles import RowRole
from ...services.payments import Drafted
from ...words import names_list, plural
from .claims import held_meetings, meeting_label, typed_day
from ..partials.edits import add_record, change_records
from ..partials.forms import load_form
from .form_dialog import FormDialog, text_of
from ..partials.undo import run_undoable
from ..partials.widgets import DayField, prepare_table, select_row, set_combo_data
from ..partials.screen_fit import ScreenFit

#: The unit each activity is usually paid by, chosen for you when you pick the activity.
USUAL_UNIT = {RateActivity.HALF_DAY: RateUnit.HALF_DAY, RateActivity.DAY: RateUnit.DAY,
              RateActivity.TRAINING: RateUnit.DAY, RateActivity.TASK: RateUnit.TASK, RateActivity.MILEAGE: RateUnit.MILE}


class RateCardDialog(ScreenFit, QDialog):
    """The rate card: its dated lines, newest first for each activity."""

    FORM = "rate_card_dialog.ui"
    WIDGETS = ("introLabel", "ratesLabel", "ratesTable", "addButton", "exampleButton", "buttons")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.setWindowTitle("Rate card")
        self.setAccessibleName("Rate card")
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.model = RatesModel(ctx, self)
        ctx.changed.connect(self._changed)
        self.model.refresh()
        ui.ratesTable.setModel(self.model)
        self.columns = prepare_table(ui.ratesTable, stretch_column=RatesModel.SOURCE, stretch_min=20, widths={
            RatesModel.ACTIVITY: 22, RatesModel.AMOUNT: 18, RatesModel.FROM: 12, RatesModel.EXAMPLE: 14})
        ui.ratesTable.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        ui.addButton.clicked.connect(self.add_rate)
        ui.exampleButton.clicked.connect(self.toggle_example)
        close = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close the rate card (Escape)")
        close.setAutoDefault(False)
        ui.buttons.rejected.connect(self.reject)
        select_row(ui.ratesTable, 0)
        self._update()
        width = max(self.sizeHint().width(), 96 * self.fontMetrics().averageCharWidth())
        self.resize(width, max(self.sizeHint().height(), 24 * self.fontMetrics().height()))
        ui.ratesTable.setFocus()

    def _changed(self, tables) -> None:
        if "payment_rates" in tables:
            self.model.refresh()
            self._update()

    def current(self) -> Rate | None:
        index = self.ui.ratesTable.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _update(self) -> None:
        rate = self.current()
        button = self.ui.exampleButton
        button.setEnabled(rate is not None)
        example = rate is not None and rate.example.value == "yes"
        button.setText("Not an &example" if example else "&Mark as example")
        button.setAccessibleName("Not an example" if example else "Mark as example")

    def add_rate(self) -> None:
        dialog = RateDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select(dialog.saved))
        self.dialog = dialog
        dialog.open()

    def _select(self, rate: Rate | None) -> None:
        if rate is not None:
            select_row(self.ui.ratesTable, self.model.row_of(rate.id))
            self._update()
        self.ui.ratesTable.setFocus()

    def toggle_example(self) -> None:
        rate = self.current()
        if rate is None:
            return
        pay = self.ctx.service.payments
        before = self.ctx.service.get(Rate, rate.id)
        new = "no" if before.example.value == "yes" else "yes"
        what = "an example" if new == "yes" else "not an example"
        if change_records(self.ctx, f"Mark the {before.activity.label.lower()} rate {what}", [before],
                          lambda: pay.edit_rate(before.id, example=new)) is not None:
            self.ctx.message.emit(f"The {before.activity.label.lower()} rate from {before.valid_from} is {what}")
        self._select(before)


class RateDialog(FormDialog):
    """Add a dated line to the rate card."""

    FORM = "rate_dialog.ui"
    WIDGETS = ("introLabel", "formError", "activityCombo", "activityError", "unitCombo", "unitError", "amountEdit",
               "amountError", "fromEdit", "fromHint", "fromError", "sourceEdit", "sourceError", "exampleCheck", "buttons")
    FIELD_ERRORS = {"activity": ("activityCombo", "activityError"), "unit": ("unitCombo", "unitError"),
                    "amount_pence": ("amountEdit", "amountError"), "valid_from": ("fromEdit", "fromError"),
                    "source": ("sourceEdit", "sourceError")}
    TITLE = "Add a rate"
    WIDTH_CHARS = 64

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.saved: Rate | None = None
        ui = self.ui
        ui.introLabel.setText("A new line applies to activities from its \u201cvalid from\u201d day; claims already "
                              "made keep the rate they were made with.")
        for activity in RateActivity:
            ui.activityCombo.addItem(activity.label, activity.value)
        for unit in RateUnit:
            ui.unitCombo.addItem(unit.label, unit.value)
        ui.activityCombo.currentIndexChanged.connect(self._usual_unit)
        self.valid_from = DayField(ui.fromEdit, ui.fromHint, "valid_from")
        ui.fromEdit.setText(typed_day(ctx.service.today()))
        ui.activityCombo.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.activityCombo

    def _usual_unit(self) -> None:
        activity = RateActivity(self.ui.activityCombo.currentData())
        set_combo_data(self.ui.unitCombo, USUAL_UNIT.get(activity, RateUnit.HOUR).value)

    def save(self) -> None:
        pay = self.ctx.service.payments
        ui = self.ui
        values = {"activity": ui.activityCombo.currentData(), "unit": ui.unitCombo.currentData(),
                  "amount_pence": ui.amountEdit.text().strip() or None, "valid_from": self.valid_from.value(),
                  "source": ui.sourceEdit.text().strip() or None,
                  "example": "yes" if ui.exampleCheck.isChecked() else "no"}
        self.saved = add_record(self.ctx, "Add a rate", Rate, create=lambda: pay.add_rate(**values),
                                remove=pay.remove_rate)
        self.ctx.message.emit(f"Added the rate {text_of(ui.amountEdit)} for {self.saved.activity.label.lower()}")


def drafted_words(meeting_ref: str, drafted: Drafted) -> str:
    made = drafted.made
    text = (f"Drafted {plural(len(made), 'claim')} for {meeting_ref} ({', '.join(c.ref for c in made)})."
            if made else f"No new claims for {meeting_ref}.")
    if drafted.passed_over:
        text += " Passed over: " + names_list(f"{p.display_name} ({why})" for p, why in drafted.passed_over) + "."
    return text


class DraftClaimsDialog(FormDialog):
    """Draft the claims of a held meeting from its attendance. Undoable: undo deletes
    the drafts it made, with anything added to them."""

    FORM = "draft_claims_dialog.ui"
    WIDGETS = ("introLabel", "formError", "meetingCombo", "buttons")
    TITLE = "Draft claims for a meeting"
    WIDTH_CHARS = 70

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.drafted: Drafted | None = None
        self.meeting_ref = ""
        combo = self.ui.meetingCombo
        for meeting in held_meetings(ctx):
            combo.addItem(meeting_label(meeting), meeting.id)
        set_combo_data(combo, meeting_id)
        self.ok_button().setText("&Draft claims")
        self.ok_button().setAccessibleName("Draft claims")
        combo.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.meetingCombo

    def save(self) -> None:
        meeting_id = self.ui.meetingCombo.currentData()
        if meeting_id is None:
            raise LeapError("No meeting has been held yet: claims are drafted once a meeting has been held")
        pay = self.ctx.service.payments
        self.meeting_ref = self.ui.meetingCombo.currentText().split(" ", 1)[0]
        made: list[str] = []

        def do() -> Drafted:
            if made:
                return Drafted(pay.restore_claims(made), [])
            drafted = pay.draft_claims(meeting_id)
            if not drafted.made:
                raise LeapError(drafted_words(self.meeting_ref, drafted))
            made[:] = [c.id for c in drafted.made]
            return drafted

        self.drafted = run_undoable(self.ctx, f"Draft claims for {self.meeting_ref}", do,
                                 lambda _d: pay.remove_claims([c for c in made if self.ctx.service.find(Claim, c)]))
        self.ctx.message.emit(drafted_words(self.meeting_ref, self.drafted))
