"""How the whole app looks: text size and the high-contrast theme, remembered between runs.

Text follows the system font, scaled by View > Text size; nothing in the app sets a
fixed font size, so one change here reaches every window. The high-contrast theme is
Qt's Fusion style drawn with the colours in ``resources/styles/high-contrast.ini``
(white on black, yellow focus and selection); the standard theme keeps the system's own
look. There is deliberately no application style sheet: under one, Qt stops passing a
new font size down to widgets, and Text size would no longer reach them all.
"""

from __future__ import annotations

import configparser

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

from ...paths import resource
from .contrast import mix, contrast_ratio
from ..partials.outlines import LeapStyle

#: The text sizes View > Text size steps through, as a share of the system font size.
TEXT_SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)

SCALE_KEY = "view/text_scale"
CONTRAST_KEY = "view/high_contrast"


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (an empty icon if it is missing)."""
    return QIcon(str(resource("icons", f"{name}.svg")))


def high_contrast_palette() -> QPalette:
    """The palette described in ``resources/styles/high-contrast.ini``."""
    parser = configparser.ConfigParser()
    parser.optionxform = str  # keep the role names' capitals
    parser.read(resource("styles", "high-contrast.ini"), encoding="utf-8")
    palette = QPalette()
    groups = {
        "normal": (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive),
        "disabled": (QPalette.ColorGroup.Disabled,),
    }
    for section, targets in groups.items():
        if not parser.has_section(section):
            continue
        for name, value in parser.items(section):
            role = getattr(QPalette.ColorRole, name, None)
            if role is None:
                continue
            for group in targets:
                palette.setColor(group, role, QColor(value))
    return palette


def problem_colour(widget: QWidget) -> QColor:
    """A red that reads on the widget's background (yellow on the high-contrast black).

    The background is the theme's (the application palette), not the widget's own
    palette: while a theme change is passed down the window, a widget's palette can
    still hold the old theme's colours."""
    background = QApplication.palette(widget).color(QPalette.ColorRole.Window)
    if background.lightness() < 60:
        return QColor("#ffff00")
    return QColor("#ff8a80") if background.lightness() < 128 else QColor("#a1160a")


#: The least contrast quiet text may have against its background: WCAG 2 level AA for
#: ordinary text (4.5 to 1).
MIN_CONTRAST = 4.5


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """``colour`` as it is if it reads well enough on ``background``; otherwise moved
    towards the theme's ``text`` colour just far enough that it does (a quiet grey that
    some themes draw too faint becomes a darker grey)."""
    seen = mix(background, colour, colour.alphaF())
    for step in range(11):
        mixed = mix(seen, text, step / 10)
        if contrast_ratio(mixed, background) >= MIN_CONTRAST:
            return mixed
    return QColor(text)


#: The looks a label can be given with the dynamic property ``role`` (in a form, or
#: with :func:`set_label_role`): ``error`` for a refusal or a warning in words (bold, in
#: the theme's problem colour), ``hint`` for quieter explanations.
LABEL_ROLES = ("error", "hint")


def style_labels(root: QWidget) -> None:
    """Give labels marked with a ``role`` their look from the current palette. Called
    when a form is loaded and when the theme changes (so the colours follow it)."""
    for label in root.findChildren(QLabel):
        style_label(label)


def set_label_role(label: QLabel, role: str | None) -> None:
    """Mark ``label`` as an error or hint line (or, with None, plain again) and draw it
    so now. Never a style sheet: one would stop the label following View > Text size."""
    label.setProperty("role", role or "")
    style_label(label)


def style_label(label: QLabel) -> None:
    """One label's look for its ``role``. A label whose font the page sizes itself
    (property ``ownFont``, set by a page's heading code) keeps its font: only the
    colour changes."""
    role = label.property("role")
    styled = label.property("styledRole")
    if role not in LABEL_ROLES and not styled:
        return
    own_font = bool(label.property("ownFont"))
    label.setPalette(QPalette())  # back to the theme's own colours first
    if not own_font:
        label.setFont(QFont())  # and to the window's font (its size follows Text size)
    if role not in LABEL_ROLES:
        label.setProperty("styledRole", None)
        return
    label.setProperty("styledRole", role)
    palette = label.palette()
    if role == "error":
        palette.setColor(QPalette.ColorRole.WindowText, problem_colour(label))
        if not own_font:
            font = QFont()
            font.setBold(True)  # only the weight: the size still follows Text size
            label.setFont(font)
    else:
        # The theme's own (application) palette, not the label's: while a new theme is
        # passed down the window, the label's palette can still hold the old one's.
        theme = QApplication.palette(label)
        hint = readable(theme.color(QPalette.ColorRole.PlaceholderText), theme.color(QPalette.ColorRole.Window),
                        theme.color(QPalette.ColorRole.WindowText))
        palette.setColor(QPalette.ColorRole.WindowText, hint)
    label.setPalette(palette)  # only the text colour is the label's own; the rest follows the theme


class Appearance(QObject):
    """The app-wide text size and theme. One per application; kept in QSettings."""

    changed = Signal()

    def __init__(self, settings: QSettings, app: QApplication | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.app = app or QApplication.instance()
        self.settings = settings
        # The system font, not the app's current one, so the scale never compounds.
        self.base_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.base_style = base_style_name(self.app)
        self.scale = _nearest_scale(_as_float(settings.value(SCALE_KEY, 1.0)))
        self.high_contrast = _as_bool(settings.value(CONTRAST_KEY, False))

    # -- text size --------------------------------------------------------------------

    def font(self) -> QFont:
        font = QFont(self.base_font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(round(font.pointSizeF() * self.scale, 1))
        else:
            font.setPixelSize(max(8, round(font.pixelSize() * self.scale)))
        return font

    def describe_size(self) -> str:
        return f"Text size {round(self.scale * 100)}%"

    def set_scale(self, scale: float) -> None:
        self.scale = _nearest_scale(scale)
        self.settings.setValue(SCALE_KEY, self.scale)
        self.apply()

    def larger(self) -> None:
        index = TEXT_SCALES.index(self.scale)
        self.set_scale(TEXT_SCALES[min(index + 1, len(TEXT_SCALES) - 1)])

    def smaller(self) -> None:
        index = TEXT_SCALES.index(self.scale)
        self.set_scale(TEXT_SCALES[max(index - 1, 0)])

    def reset(self) -> None:
        self.set_scale(1.0)

    @property
    def can_grow(self) -> bool:
        return self.scale < TEXT_SCALES[-1]

    @property
    def can_shrink(self) -> bool:
        return self.scale > TEXT_SCALES[0]

    # -- theme ------------------------------------------------------------------------

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = bool(on)
        self.settings.setValue(CONTRAST_KEY, self.high_contrast)
        self.apply()

    def apply(self) -> None:
        """Put the remembered text size and theme into effect for every window."""
        app = self.app
        if app.styleSheet():
            app.setStyleSheet("")
        wanted = "fusion" if self.high_contrast else self.base_style
        current = app.style()
        if not (isinstance(current, LeapStyle) and current.base_name.lower() == wanted.lower()):
            # Outlines and focus rings that can be seen, over the theme's own style (views/partials/outlines.py).
            known = {name.lower(): name for name in QStyleFactory.keys()}
            app.setStyle(LeapStyle(known.get(wanted.lower(), "Fusion")))
        if self.high_contrast:
            app.setPalette(high_contrast_palette())
        else:
            app.setPalette(app.style().standardPalette() if self.base_style.lower() == "fusion" else QPalette())
        app.setFont(self.font())
        for window in app.topLevelWidgets():
            style_labels(window)
        self.changed.emit()


def base_style_name(app: QApplication) -> str:
    """The name of the system's own style under any outlines this app drew over it."""
    style = app.style()
    if isinstance(style, LeapStyle):
        return style.base_name
    return style.name()


def _as_float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _nearest_scale(scale: float) -> float:
    return min(TEXT_SCALES, key=lambda s: abs(s - scale))


