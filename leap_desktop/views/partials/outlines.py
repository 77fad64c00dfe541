"""Outlines and keyboard focus that can be seen, in both themes.

The app has no style sheet (one would stop View > Text size reaching every widget), so
this is a thin :class:`QProxyStyle` over the theme's own style (the system's, or Fusion
for high contrast). It draws what the base style drew, then:

* an **outline** round every control a person types into or ticks (text fields and
  boxes, drop-down lists, number fields, check boxes and radio buttons, buttons and
  lists) in a colour with at least 3:1 contrast against the window and the field
  (WCAG 2.2, 1.4.11 non-text contrast). In the high-contrast theme Fusion drew these in
  black on black; in the standard theme a pale grey of about 1.5:1;
* a **focus ring**, 2 pixels wide, round the control or list row that has the keyboard,
  in a colour with at least 3:1 contrast against what is behind it, and against what
  those pixels show when the control does not have the focus (WCAG 2.2, 2.4.7 and
  2.4.13). The standard theme drew a faint one-pixel box.

The colours come from the palette (:func:`outline_colour`, :func:`focus_colour`), so they
follow the theme; ``tests/ui/test_outlines.py`` measures them from rendered pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QProxyStyle, QStyle, QStyleOption, QStyleOptionFrame

from ..shell.contrast import contrast_ratio

#: The least contrast an outline or a focus ring has against what is beside it.
MIN_OUTLINE_CONTRAST = 3.0
#: How wide the focus ring is, in pixels (at least 2: WCAG 2.4.13).
FOCUS_WIDTH = 2

PE = QStyle.PrimitiveElement
_OUTLINED = {PE.PE_FrameLineEdit, PE.PE_Frame, PE.PE_PanelButtonCommand, PE.PE_FrameButtonBevel}
_INDICATORS = {PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton, PE.PE_IndicatorItemViewItemCheck}
_COMPLEX = {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox}
_FRAMED_SHAPES = {QFrame.Shape.StyledPanel, QFrame.Shape.Panel, QFrame.Shape.Box, QFrame.Shape.WinPanel}


def _mix(colour: QColor, other: QColor, share: float) -> QColor:
    return QColor.fromRgbF(*(c + (o - c) * share for c, o in zip(
        (colour.redF(), colour.greenF(), colour.blueF()), (other.redF(), other.greenF(), other.blueF()))))


def _enough(colour: QColor, backgrounds: list[QColor], least: float) -> bool:
    return all(contrast_ratio(colour, b) >= least for b in backgrounds)


#: Colours worked out so far, by what they depend on (the start colour, the window, the
#: field, the text, the contrast wanted): every control drawn asks again, a few themes' worth.
_WORKED_OUT: dict[tuple, QColor] = {}


def _towards_text(start: QColor, palette: QPalette, least: float) -> QColor:
    """``start``, moved towards the theme's text colour until it stands out enough from
    the window and from the inside of a field."""
    backgrounds = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
    text = palette.color(QPalette.ColorRole.WindowText)
    key = (start.rgba(), backgrounds[0].rgba(), backgrounds[1].rgba(), text.rgba(), least)
    found = _WORKED_OUT.get(key)
    if found is None:
        found = QColor(text)
        for step in range(11):
            colour = _mix(start, text, step / 10)
            if _enough(colour, backgrounds, least):
                found = colour
                break
        if len(_WORKED_OUT) > 64:  # themes come and go (high contrast, a system change): stay small
            _WORKED_OUT.clear()
        _WORKED_OUT[key] = found
    return QColor(found)


def outline_colour(palette: QPalette) -> QColor:
    """The outline of a control: the palette's mid tone, darkened (or lightened) just
    enough to reach 3:1, with a margin, against the window and the field."""
    return _towards_text(palette.color(QPalette.ColorRole.Mid), palette, MIN_OUTLINE_CONTRAST + 0.5)


def focus_colour(palette: QPalette) -> QColor:
    """The focus ring: the theme's highlight (yellow in high contrast), deepened until it
    reaches 4.5:1 against the window and the field, so it also differs from the outline."""
    return _towards_text(palette.color(QPalette.ColorRole.Highlight), palette, 4.5)


def ring_colour(palette: QPalette, behind: QColor) -> QColor:
    """A focus ring drawn on ``behind`` (a list row, chosen or not): the focus colour if
    it stands out there, else whichever of the theme's text colours does best."""
    candidates = [focus_colour(palette), palette.color(QPalette.ColorRole.HighlightedText),
                  palette.color(QPalette.ColorRole.Text)]
    for colour in candidates:
        if contrast_ratio(colour, behind) >= MIN_OUTLINE_CONTRAST:
            return colour
    return max(candidates, key=lambda c: contrast_ratio(c, behind))


def _has_focus(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus) and bool(option.state & QStyle.StateFlag.State_Enabled)


def _box(painter: QPainter, rect: QRect, colour: QColor, width: int, *, round_: bool = False) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
    pen = QPen(colour)
    pen.setWidth(width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    area = QRectF(rect).adjusted(inset, inset, -inset, -inset)
    if round_:
        painter.drawEllipse(area)
    else:
        painter.drawRect(area)
    painter.restore()


class LeapStyle(QProxyStyle):
    """The theme's style, with outlines and focus rings that can be seen (see above)."""

    def __init__(self, base_name: str):
        self.base_name = base_name
        super().__init__(base_name)  # the proxy makes the base style by its name, and owns it

    def _outline(self, option: QStyleOption, painter: QPainter, rect: QRect | None = None, *, round_: bool = False) -> None:
        rect = rect or option.rect
        if rect.width() < 4 or rect.height() < 4:
            return
        palette = option.palette
        if _has_focus(option):
            _box(painter, rect, focus_colour(palette), FOCUS_WIDTH + 1, round_=round_)
        elif option.state & QStyle.StateFlag.State_Enabled:
            _box(painter, rect, outline_colour(palette), 1, round_=round_)
        else:  # a control that cannot be used: still outlined, as the disabled text is
            _box(painter, rect, palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText), 1, round_=round_)

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802 - Qt's name
        if element == PE.PE_FrameFocusRect:
            behind = getattr(option, "backgroundColor", None)
            if not isinstance(behind, QColor) or not behind.isValid() or behind.alpha() == 0:
                behind = option.palette.color(QPalette.ColorRole.Base)
            _box(painter, option.rect, ring_colour(option.palette, behind), FOCUS_WIDTH)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _OUTLINED:
            if element == PE.PE_Frame and isinstance(option, QStyleOptionFrame) and option.lineWidth == 0:
                return
            self._outline(option, painter)
        elif element in _INDICATORS:
            self._outline(option, painter, round_=element == PE.PE_IndicatorRadioButton)

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 - Qt's name
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ShapedFrame and isinstance(option, QStyleOptionFrame):
            if option.frameShape in _FRAMED_SHAPES and option.lineWidth > 0:
                self._outline(option, painter)

    def drawComplexControl(self, control, option, painter, widget=None):  # noqa: N802 - Qt's name
        super().drawComplexControl(control, option, painter, widget)
        if control in _COMPLEX and getattr(option, "frame", True):
            self._outline(option, painter)
