"""Every control's outline and the keyboard focus, measured from rendered pixels in both
themes (issue 10, items 12 and 15; WCAG 2.2 1.4.11, 2.4.7 and 2.4.13).

Each control is drawn offscreen (``grab()``) on a window of the theme's background,
and the pixels across its edge are compared with the background beside it and with the
inside of the control: the outline must reach 3:1 against both. The focus ring is
compared with the same pixels unfocused: at least 2 pixels deep must change by 3:1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QRadioButton, QSpinBox,
    QStyle, QStyleOptionButton, QVBoxLayout, QWidget,
)

from leap_desktop.views.shell.theme import contrast_ratio

from .meeting_helpers import show

THEMES = pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])


def pixel(image: QImage, x: int, y: int) -> QColor:
    return QColor(image.pixel(x, y))


def edge_contrast(image: QImage, start: QPoint, step: QPoint, outside: QColor, inside: QColor, depth: int = 5) -> float:
    """The best contrast, among the ``depth`` pixels from ``start`` going ``step`` (across
    the control's edge), that an outline pixel has against both the background outside
    and the fill inside."""
    best = 0.0
    for n in range(depth):
        x, y = start.x() + step.x() * n, start.y() + step.y() * n
        colour = pixel(image, x, y)
        best = max(best, min(contrast_ratio(colour, outside), contrast_ratio(colour, inside)))
    return best


def host(qtbot, *controls: QWidget) -> QWidget:
    """The controls on a plain window with room round each (and a button to hold the
    keyboard, so none of them has the focus)."""
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(20, 20, 20, 20)
    layout.setSpacing(16)
    for control in controls:
        layout.addWidget(control)
    sink = QPushButton("Somewhere else")
    layout.addWidget(sink)
    show(qtbot, window, size=(320, 120 + 60 * len(controls)))
    sink.setFocus()
    qtbot.waitUntil(sink.hasFocus)
    return window


def control_edges(window: QWidget, control: QWidget, image: QImage) -> dict[str, float]:
    """Contrast of the outline at the left, top and right edge of ``control`` (of its tick
    box for a check box or radio button), at its middle."""
    if isinstance(control, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        option.initFrom(control)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(control, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        rect = control.style().subElementRect(element, option, control)
        rect.translate(control.mapTo(window, QPoint(0, 0)))
    else:
        rect = control.geometry()
        rect.moveTopLeft(control.mapTo(window, QPoint(0, 0)))
    ratio = image.devicePixelRatio()
    left, top, right = round(rect.left() * ratio), round(rect.top() * ratio), round(rect.right() * ratio)
    middle_y, middle_x = round(rect.center().y() * ratio), round(rect.center().x() * ratio)
    if isinstance(control, QRadioButton):  # round: the edge is met a little further in at the middle
        left, right = left + 1, right - 1
    outside_left = pixel(image, left - 4, middle_y)
    inside = pixel(image, round((rect.left() + rect.width() * 0.35) * ratio), middle_y)
    if isinstance(control, (QComboBox, QPushButton)):
        inside = pixel(image, left + 3, middle_y)  # in the padding, before any text
    return {
        "left": edge_contrast(image, QPoint(left - 1, middle_y), QPoint(1, 0), outside_left, inside),
        "top": edge_contrast(image, QPoint(middle_x, top - 1), QPoint(0, 1), pixel(image, middle_x, top - 4), inside),
        "right": edge_contrast(image, QPoint(right + 1, middle_y), QPoint(-1, 0), pixel(image, right + 4, middle_y), inside),
    }


@THEMES
def test_every_control_has_an_outline_of_3_to_1(appearance, qtbot, high_contrast):
    appearance.set_high_contrast(high_contrast)
    combo = QComboBox()
    combo.addItems(["One", "Two"])
    said = QPlainTextEdit()  # the "What was said" box of meeting mode
    said.setFixedHeight(60)
    listing = QListWidget()
    listing.addItems(["First", "Second"])
    listing.setFixedHeight(70)
    controls = {
        "text field": QLineEdit("typed"), "empty text field": QLineEdit(), "What was said": said,
        "unticked check box": QCheckBox("Present"), "radio button": QRadioButton("Named"),
        "drop-down list": combo, "number field": QSpinBox(), "button": QPushButton("Save"), "list": listing,
    }
    window = host(qtbot, *controls.values())
    image = window.grab().toImage()
    short = {}
    for name, control in controls.items():
        for edge, ratio in control_edges(window, control, image).items():
            if ratio < 3.0:
                short[f"{name} ({edge})"] = round(ratio, 2)
    assert short == {}, f"outlines under 3:1 in the {'high-contrast' if high_contrast else 'standard'} theme"


def focus_change(before: QImage, after: QImage, start: QPoint, step: QPoint, depth: int = 6) -> int:
    """How many pixels deep, from ``start`` going ``step``, the focused picture differs
    from the unfocused one by at least 3:1 (the deepest run)."""
    run = best = 0
    for n in range(depth):
        x, y = start.x() + step.x() * n, start.y() + step.y() * n
        if contrast_ratio(pixel(after, x, y), pixel(before, x, y)) >= 3.0:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best


@THEMES
def test_the_keyboard_focus_on_a_button_is_2_pixels_at_3_to_1(appearance, qtbot, high_contrast):
    appearance.set_high_contrast(high_contrast)
    button = QPushButton("Add meeting")
    window = host(qtbot, button)
    before = window.grab().toImage()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)  # by keyboard, onto the button
    assert button.hasFocus()
    after = window.grab().toImage()
    origin = button.mapTo(window, QPoint(0, 0))
    middle = origin.y() + button.height() // 2
    assert focus_change(before, after, QPoint(origin.x(), middle), QPoint(1, 0)) >= 2
    assert focus_change(before, after, QPoint(origin.x() + button.width() // 2, origin.y()), QPoint(0, 1)) >= 2


@THEMES
def test_the_keyboard_focus_on_a_list_row_is_2_pixels_at_3_to_1(appearance, qtbot, high_contrast):
    appearance.set_high_contrast(high_contrast)
    listing = QListWidget()
    listing.addItems(["First meeting", "Second meeting", "Third meeting"])
    listing.setFixedHeight(110)
    listing.setCurrentRow(1)
    window = host(qtbot, listing)
    before = window.grab().toImage()
    listing.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(listing.hasFocus)
    after = window.grab().toImage()
    row = listing.visualItemRect(listing.item(1))
    top = listing.viewport().mapTo(window, row.topLeft())
    # Down from just above the row's top edge, in its middle: the ring round the row.
    assert focus_change(before, after, QPoint(top.x() + row.width() // 2, top.y() - 1), QPoint(0, 1)) >= 2
    # And the row's focus ring stands out from the row itself (chosen rows are filled).
    inside = pixel(after, top.x() + row.width() // 2, top.y() + row.height() // 2 + 3)
    ring = max((pixel(after, top.x() + row.width() // 2, top.y() + n) for n in range(3)),
               key=lambda colour: contrast_ratio(colour, inside))
    assert contrast_ratio(ring, inside) >= 3.0
