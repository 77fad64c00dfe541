"""Problems, shown plainly: known problems as a short message, bugs as a copyable report.

* :func:`~.partials.feedback.tell` shows a known problem (a :class:`LeapError`
  message) in a small window that does not stop the app; what the user typed stays
  where it was.
* :func:`install_excepthook` makes every unexpected exception open
  :class:`ErrorReportDialog`, with a report the user can copy and send. The app keeps
  running: every change is saved the moment it is made, so nothing typed before is lost.

The report dialog is built in code, not from ``ui/``: it must still work when the
installation itself is broken (a missing form is one of the bugs it reports).
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, __version__
from ...domain.errors import LeapError
from ..partials.feedback import tell
from ..partials.screen_fit import ScreenFit


def format_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What a bug report needs: versions, time, and the traceback."""
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"System: {platform.platform()}",
        f"Time: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


class ErrorReportDialog(ScreenFit, QDialog):
    """An unexpected problem: say so calmly, and give a report that can be copied."""

    def __init__(self, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorReportDialog")
        self.setWindowTitle("Something went wrong")
        self.setAccessibleName("Something went wrong")
        self.setAccessibleDescription("An unexpected problem, with a report you can copy")
        self.resize(640, 420)

        intro = QLabel(
            f"{APP_NAME} ran into a problem it did not expect.\n\n"
            "Everything you saved before this is safe: each change is saved the moment it is "
            "made. You can carry on working; if something looks wrong, close the panel and "
            "open it again.\n\n"
            "Please copy the report below and send it to whoever looks after "
            f"{APP_NAME} for you. It holds no panel records, only what the program was doing."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.report = QPlainTextEdit(report)
        self.report.setObjectName("reportText")
        self.report.setReadOnly(True)
        self.report.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setAccessibleName("Problem report")
        self.report.setAccessibleDescription("The details of the problem, for a bug report")
        self.report.setTabChangesFocus(True)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.setObjectName("copyReportButton")
        self.copy_button.setAccessibleName("Copy report")
        self.copy_button.setAccessibleDescription("Copy the problem report to the clipboard")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close this message and carry on")
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        close.setFocus()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText("Copied")


_open_dialog: ErrorReportDialog | None = None


def show_report(report: str) -> ErrorReportDialog:
    """Open the report dialog, or add to the one already open (never a pile of dialogs)."""
    global _open_dialog
    if _open_dialog is not None and _open_dialog.isVisible():
        _open_dialog.report.appendPlainText("\n" + "-" * 60 + "\n" + report)
        return _open_dialog
    parent = QApplication.activeWindow()
    dialog = ErrorReportDialog(report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.destroyed.connect(_forget_dialog)
    _open_dialog = dialog
    dialog.show()
    dialog.raise_()
    return dialog


def _forget_dialog() -> None:
    global _open_dialog
    _open_dialog = None


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the app: never a silent crash, never a bare traceback."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        if isinstance(exc, LeapError):
            # A known problem that escaped a handler: it has a plain message of its own.
            tell(QApplication.activeWindow(), "Could not do that", str(exc))
            return
        report = format_report(exc_type, exc, tb)
        print(report, file=sys.stderr)
        show_report(report)
    except Exception:  # the dialog itself failed: fall back to stderr, never recurse
        sys.__excepthook__(exc_type, exc, tb)


def install_excepthook() -> None:
    sys.excepthook = excepthook
