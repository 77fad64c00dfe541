"""Loading Qt Designer forms from ``ui/``: the one way forms are loaded in this app.

Forms are loaded at run time with ``QUiLoader`` (no generated code to keep in step).
A view declares its form and the widget names it uses::

    class PeoplePage(Page):
        FORM = "people_page.ui"
        WIDGETS = ("peopleTable", "addButton")

        def __init__(self, ctx, parent=None):
            super().__init__(ctx, parent)
            self.ui = load_form(self.FORM, self)
            self.ui.addButton.clicked.connect(...)

``tests/ui/test_forms.py`` loads every form and checks that each view's WIDGETS exist in
it, so a renamed widget in Designer fails a test instead of a user's click.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QVBoxLayout, QWidget

from ...paths import ui_file
from ..shell.theme import style_labels


class FormError(RuntimeError):
    """A form is missing or broken: a packaging bug, not a user error."""


_loader: QUiLoader | None = None


def loader() -> QUiLoader:
    """The one form loader, made once, without Qt Designer's widget plugins.

    A new ``QUiLoader`` loads every plugin in each library path's ``designer`` folder
    (PySide6's own, Qt Quick's, Qt WebEngine's: about 11 ms and a dozen libraries at
    start). The forms use only Qt's own widgets (and the app's), so the loader is made while the
    library paths are empty, and they are put back at once. The app's own few widgets
    (:mod:`.labels`) are registered with it, so a form can name them."""
    global _loader
    if _loader is None:
        from .labels import OneLineLabel

        paths = QCoreApplication.libraryPaths()
        QCoreApplication.setLibraryPaths([])
        try:
            _loader = QUiLoader()
        finally:
            QCoreApplication.setLibraryPaths(paths)
        _loader.registerCustomWidget(OneLineLabel)
    return _loader


def load_form(name: str, host: QWidget | None = None) -> QWidget:
    """Load ``ui/<name>`` and return its top widget.

    With ``host``, the form fills the host widget (it is laid out inside it), so the
    host class keeps its own behaviour and the form provides the layout.
    """
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FormError(f"The form {path} is missing from this installation")
    try:
        form = loader().load(handle, host)
    finally:
        handle.close()
    if form is None:
        raise FormError(f"The form {path} could not be loaded: {loader().errorString()}")
    style_labels(form)  # labels marked role=error / role=hint take their colours from the theme
    name_clear_buttons(form)
    if host is not None:
        layout = host.layout()
        if layout is None:
            layout = QVBoxLayout(host)
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
    return form


def name_clear_buttons(root: QWidget) -> None:
    """Name the clear button Qt shows inside a text box once something is typed in it
    (a screen reader met it as an unnamed button): "Clear <the box's name>"."""
    for edit in root.findChildren(QLineEdit):
        if not edit.isClearButtonEnabled():
            continue
        what = edit.accessibleName() or "the text"
        for button in edit.findChildren(QAbstractButton):
            button.setAccessibleName(f"Clear {what[:1].lower()}{what[1:]}")
            button.setAccessibleDescription("Empty this box")
            button.setToolTip(f"Clear {what[:1].lower()}{what[1:]}")
