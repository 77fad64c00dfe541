"""Writing the record out: the decision log (Word or CSV) and the action list (CSV),
as their pages show them now, and the pieces every export dialog shares.

Each dialog says what will be written ("the 12 decisions the decision log shows now:
agreed, panel-led"), offers the anonymised edition for publication, and suggests a file
in the folder used last (remembered in the app's settings). A refusal (a folder that is
not there, a file name without the right ending) is said in the dialog, in words, with
the focus on the field at fault; nothing is written. Files are written atomically and
owner-only (``services.files.write_atomically``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLineEdit, QPushButton, QWidget

from ...domain import rules
from ...domain.errors import LeapError, StoreError
from ...domain.model import Meeting, Person
from ...domain.vocab import DecisionStatus, InvolvementLevel
from ...export import csv_export
from ...models.actions import SHOWS
from ...services import DecisionFilter
from ...services.files import write_atomically
from ...models.context import AppContext
from ...words import plural
from ..partials.feedback import tell_screen_reader as announce
from ..partials.forms import load_form
from ..shell.theme import set_label_role
from ..partials.screen_fit import ScreenFit

FOLDER_KEY = "export/folder"


def named(widget: QWidget, name: str, description: str) -> QWidget:
    """Give a control its accessible name and description (and the description as its tip)."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    widget.setToolTip(description)
    return widget


def fit_dialog(dialog: QDialog, chars: int = 72) -> None:
    """At least ``chars`` characters wide and as tall as its contents need, in the
    current text size (also after a line was added, such as a problem)."""
    hint = dialog.sizeHint()
    dialog.resize(max(dialog.width(), hint.width(), chars * dialog.fontMetrics().averageCharWidth()),
                  max(dialog.height(), hint.height()))


def export_folder(ctx: AppContext) -> Path:
    """The folder files were last written to (the home folder the first time)."""
    remembered = str(ctx.settings.value(FOLDER_KEY, "") or "")
    folder = Path(remembered) if remembered else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember_folder(ctx: AppContext, path: Path) -> None:
    ctx.settings.setValue(FOLDER_KEY, str(path.parent))


def checked_path(text: str, suffixes: Sequence[str]) -> Path:
    """The file to write, or a plain reason it cannot be (nothing is written then)."""
    text = text.strip()
    if not text:
        raise StoreError("Say where to save the file")
    path = Path(text).expanduser()
    if path.suffix.lower() not in suffixes:
        raise StoreError(f"The file name must end in {' or '.join(suffixes)}")
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise StoreError(f"The folder {path.parent} does not exist")
    return path


class SaveFileRow:
    """A file name to save to (``edit``) with its Choose… button (a save dialog)."""

    def __init__(self, edit: QLineEdit, button: QPushButton, title: str, filters: str):
        self.edit, self.choose_button = edit, button
        self.title, self.filters = title, filters
        button.clicked.connect(self.choose)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's naming)
        self.edit.setText(text)

    def suggest(self, name: str) -> None:
        """A file called ``name`` in the folder of the name shown now."""
        folder = Path(self.edit.text()).expanduser().parent if self.edit.text().strip() else Path.home()
        self.edit.setText(str(folder / name))

    def choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.edit.window(), self.title, self.edit.text(), self.filters)
        if path:
            self.edit.setText(path)


class ExportDialog(ScreenFit, QDialog):
    """A dialog that writes one file (ui/export_dialog.ui): what will be written, the
    format (where there is a choice), the anonymised edition, the file, and a line for
    problems; Export and Cancel."""

    FORM = "export_dialog.ui"
    WIDGETS = ("whatLabel", "formatLabel", "formatCombo", "anonymisedCheck", "fileEdit",
               "chooseButton", "errorLabel", "buttons")
    TITLE = ""
    FILTERS = ""
    SUFFIXES: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.written: Path | None = None
        self.setObjectName(type(self).__name__)
        self.ui = load_form(self.FORM, self)
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.what = self.ui.whatLabel
        self.form = self.ui.fieldsLayout
        self.format = self.ui.formatCombo
        self.anonymised = self.ui.anonymisedCheck
        self.file = SaveFileRow(self.ui.fileEdit, self.ui.chooseButton,
                                f"Save the {self.TITLE.lower().removeprefix('export ')} as", self.FILTERS)
        self.path = self.file.edit
        self.error = self.ui.errorLabel
        self.error.hide()
        self.buttons = self.ui.buttons
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Export")
        named(self.ok, "Export", "Write the file (Enter)")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel", "Close without writing (Escape)")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        fit_dialog(self)
        super().showEvent(event)

    def show_problem(self, message: str, field: QWidget | None = None) -> None:
        """Say why nothing was written, beside the form, and move to the field at fault."""
        self.error.setText(f"Not exported: {message}" if message else "")
        self.error.setAccessibleDescription(message or "Why the file was not written")
        set_label_role(self.error, "error" if message else None)
        self.error.setVisible(bool(message))
        fit_dialog(self)
        if message:
            (field or self.path).setFocus(Qt.FocusReason.OtherFocusReason)
            announce(self.error, f"Not exported. {message}")

    def write(self, path: Path, make: Callable[[], bytes]) -> bool:
        """Build the document and write it atomically; False (and why) if it cannot."""
        try:
            data = make()
            write_atomically(path, data)
        except LeapError as exc:
            self.show_problem(str(exc))
            return False
        except OSError as exc:
            self.show_problem(f"Could not write {path}: {exc.strerror}")
            return False
        self.written = path
        remember_folder(self.ctx, path)
        return True

    def write_and_close(self, path: Path, make: Callable[[], bytes], said: str) -> None:
        """Write the file as :meth:`write` does; once it is written, say ``said`` in the
        status bar and close the dialog."""
        if self.write(path, make):
            self.ctx.message.emit(said)
            self.accept()

    def checked(self) -> Path | None:
        try:
            return checked_path(self.path.text(), self.SUFFIXES)
        except LeapError as exc:
            self.show_problem(str(exc))
            return None

    def run(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


def describe_filter(ctx: AppContext, flt: DecisionFilter, *, anonymised: bool = False) -> str:
    """The decision log's filters in words, for the top of an export ("decisions
    matching 'consent', status agreed, shaped by B.O."). People appear as their consent
    allows, and by role only in the anonymised edition."""
    service = ctx.service
    parts = []
    words = service.redactor(anonymised=anonymised).search_words(flt.text.strip())[0] if flt.text.strip() else ""
    if words:  # never a hidden name (docs/minutes.md, names in free text)
        parts.append(f"matching '{words}'")
    if flt.statuses:
        parts.append("status " + " or ".join(DecisionStatus(s).label.lower() for s in flt.statuses))
    if flt.levels:
        parts.append("involvement " + " or ".join(InvolvementLevel(x).label.lower() for x in flt.levels))
    if flt.meeting_id:
        meeting = service.find(Meeting, flt.meeting_id)
        if meeting is not None:
            parts.append(f"made at {meeting.ref}")
    if flt.person_id:
        person = service.find(Person, flt.person_id)
        if person is not None:
            parts.append(f"shaped by {rules.attribute(person, anonymised=anonymised)}")
    return "decisions " + ", ".join(parts) if parts else ""


class ExportDecisionsDialog(ExportDialog):
    """The decision log as the page shows it now (its search and filters), as a Word
    document or a CSV file."""

    TITLE = "Export the decision log"
    FILTERS = "Word documents (*.docx);;CSV files (*.csv)"
    SUFFIXES = (".docx", ".csv")

    def __init__(self, ctx: AppContext, flt: DecisionFilter, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.filter = flt
        self.count = ctx.service.count_decisions(flt)
        described = describe_filter(ctx, flt)
        self.what.setText(
            f"Writes the {plural(self.count, 'decision')} the decision log shows now"
            + (f": {described.removeprefix('decisions ').rstrip('.')}." if described else " (every decision).")
            + " Change the search or filters on the page to write others."
        )
        named(self.what, "What will be written", self.what.text())
        self.format.addItem("Word document (.docx)", ".docx")
        self.format.addItem("CSV for a spreadsheet (.csv)", ".csv")
        self.path.setText(str(export_folder(ctx) / "decision-log.docx"))
        self.format.currentIndexChanged.connect(self._suggest)
        self.anonymised.toggled.connect(self._suggest)
        self.format.setFocus()

    def _suggest(self) -> None:
        suffix = self.format.currentData()
        self.file.suggest(f"decision-log{'-anonymised' if self.anonymised.isChecked() else ''}{suffix}")

    def run(self) -> None:
        path = self.checked()
        if path is None:
            return
        service, anonymised, flt = self.ctx.service, self.anonymised.isChecked(), self.filter

        def make() -> bytes:
            rows = service.decision_log(flt)
            if path.suffix.lower() == ".csv":
                return csv_export.decisions_csv(service, rows, anonymised=anonymised)
            from ...export import decisions_docx  # python-docx: loaded when first used

            return decisions_docx.render(service, rows, filters=describe_filter(self.ctx, flt, anonymised=anonymised),
                                         anonymised=anonymised, now=service.clock())

        self.write_and_close(path, make, f"Wrote {plural(self.count, 'decision')} to {path}")


class ExportActionsDialog(ExportDialog):
    """The action list as the page shows it now (what it shows, whose), as CSV."""

    TITLE = "Export the action list"
    FILTERS = "CSV files (*.csv)"
    SUFFIXES = (".csv",)

    def __init__(self, ctx: AppContext, show: str, owner_id: str | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        label, self.statuses, self.overdue = SHOWS.get(show, SHOWS["all"])
        self.owner_id = owner_id
        self.count = len(self.listed_actions())
        owner = ctx.service.find(Person, owner_id) if owner_id else None
        whose = f", owned by {rules.attribute(owner)}" if owner is not None else ""
        self.what.setText(
            f"Writes the {plural(self.count, 'action')} the action list shows now: "
            f"{(label.lower() + whose).rstrip('.')}. Change Show or Owner on the page to write others."
        )
        named(self.what, "What will be written", self.what.text())
        self.form.setRowVisible(self.format, False)  # CSV only
        self.path.setText(str(export_folder(ctx) / "actions.csv"))
        self.anonymised.toggled.connect(
            lambda on: self.file.suggest(f"actions{'-anonymised' if on else ''}.csv"))
        self.path.setFocus()

    def listed_actions(self):
        return self.ctx.service.actions(owner_id=self.owner_id, statuses=self.statuses, overdue=self.overdue)

    def run(self) -> None:
        path = self.checked()
        if path is None:
            return
        service, anonymised = self.ctx.service, self.anonymised.isChecked()
        self.write_and_close(path, lambda: csv_export.actions_csv(service, self.listed_actions(),
                                                                  anonymised=anonymised),
                             f"Wrote {plural(self.count, 'action')} to {path}")
