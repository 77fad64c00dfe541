"""Every dialog fits the screen or scrolls, at 200 % text on a small screen, and a
control the keyboard reaches is scrolled into view (issue 10, item 11). The test
screen is 800x800 (smaller than a 1366x768 laptop's height at 200 % needs)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QScrollArea, QWidget

from leap_desktop.domain.model import Person
from leap_desktop.views.dialogs.person import PersonDialog

from .dialogs import every_dialog
from .helpers import press


def seen_rect(widget: QWidget, dialog) -> QRect:
    """The part of ``widget`` that can be seen in the dialog (scroll areas clip it)."""
    rect = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            rect = rect.intersected(QRect(viewport.mapTo(dialog, QPoint(0, 0)), viewport.size()))
        parent = parent.parentWidget()
    return rect.intersected(dialog.rect())


def in_a_scroll_area(widget: QWidget, dialog) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def test_every_dialog_fits_the_screen_at_200_percent(demo_ctx, qtbot, settings, appearance, window, tmp_path):
    appearance.set_scale(2.0)
    area = QGuiApplication.primaryScreen().availableGeometry()
    dialogs = every_dialog(demo_ctx, window, settings, appearance, tmp_path)
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        name = type(dialog).__name__
        outline = dialog.frameGeometry()
        if isinstance(dialog, QMessageBox):  # Qt sizes its width to a small screen's, a few pixels over
            outline = QRect(area.x(), outline.y(), area.width(), outline.height())
        if not area.contains(outline):
            problems.append(f"{name}: {dialog.frameGeometry()} is not within the screen {area}")
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog) and seen_rect(button, dialog).height() < button.height() - 1 \
                    and not in_a_scroll_area(button, dialog):
                problems.append(f"{name}: the button {button.text()!r} is cut off and cannot be scrolled to")
        dialog.close()
    assert problems == [], "\n".join(problems)


def test_the_member_dialog_at_200_percent_scrolls_to_the_field_an_alt_key_reaches(
        demo_ctx, qtbot, appearance, window):
    appearance.set_scale(2.0)
    area = QGuiApplication.primaryScreen().availableGeometry()
    dialog = PersonDialog(demo_ctx, demo_ctx.service.resolve(Person, "Amira Khan"), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.contains(dialog.frameGeometry())
    save = dialog.ok_button()
    assert seen_rect(save, dialog).height() == save.height(), "Save is always in view"
    assert dialog.ui.height() > dialog.scroller.viewport().height(), "the form is taller than the dialog: it scrolls"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # the last field with an Alt key, far down the form
    with_keys = [l for l in dialog.ui.findChildren(QLabel) if l.buddy() is not None and "&" in l.text()
                 and l.isVisibleTo(dialog)]
    lowest = max(with_keys, key=lambda l: l.mapTo(dialog.ui, QPoint(0, 0)).y())
    key = lowest.text()[lowest.text().index("&") + 1].upper()
    press(qtbot, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.AltModifier)
    focus = QApplication.focusWidget()
    assert focus is lowest.buddy() or lowest.buddy().isAncestorOf(focus)
    seen = seen_rect(focus, dialog)
    assert seen.height() == focus.height(), f"Alt+{key} focused {focus.objectName()}, which cannot be seen"
