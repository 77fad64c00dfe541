"""How the whole app looks: text size and the high-contrast theme, remembered between runs.

Text follows the system font, scaled by View > Text size; nothing in the app sets a
fixed font size, so one change here reaches every window. The high-contrast theme is
the Fusion style with a white-on-black palette and ``resources/styles/high-contrast.qss``
(focus and selection in yellow); the standard theme keeps the system's own look.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ..paths import resource

#: The text sizes View > Text size steps through, as a share of the system font size.
TEXT_SCALES = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)

SCALE_KEY = "view/text_scale"
CONTRAST_KEY = "view/high_contrast"


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (an empty icon if it is missing)."""
    return QIcon(str(resource("icons", f"{name}.svg")))


def stylesheet(name: str) -> str:
    path = resource("styles", f"{name}.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def high_contrast_palette() -> QPalette:
    black, white, yellow, cyan = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00"), QColor("#66e0ff")
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in (
            (QPalette.ColorRole.Window, black),
            (QPalette.ColorRole.WindowText, white),
            (QPalette.ColorRole.Base, black),
            (QPalette.ColorRole.AlternateBase, QColor("#141414")),
            (QPalette.ColorRole.Text, white),
            (QPalette.ColorRole.Button, black),
            (QPalette.ColorRole.ButtonText, white),
            (QPalette.ColorRole.BrightText, yellow),
            (QPalette.ColorRole.Highlight, yellow),
            (QPalette.ColorRole.HighlightedText, black),
            (QPalette.ColorRole.Link, cyan),
            (QPalette.ColorRole.LinkVisited, cyan),
            (QPalette.ColorRole.ToolTipBase, white),
            (QPalette.ColorRole.ToolTipText, black),
            (QPalette.ColorRole.PlaceholderText, QColor("#d0d0d0")),
            (QPalette.ColorRole.Mid, white),
            (QPalette.ColorRole.Dark, white),
            (QPalette.ColorRole.Light, white),
        ):
            palette.setColor(group, role, colour)
    grey = QColor("#a0a0a0")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, black)
    return palette


class Appearance(QObject):
    """The app-wide text size and theme. One per application; kept in QSettings."""

    changed = Signal()

    def __init__(self, settings: QSettings, app: QApplication | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.app = app or QApplication.instance()
        self.settings = settings
        # The system font, not the app's current one, so the scale never compounds.
        self.base_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.base_style = self.app.style().name()
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
        font = self.font()
        app.setFont(font)
        # Widgets under an application style sheet keep the font size the sheet gives
        # them, so the size goes in the sheet too: then every widget follows it.
        if font.pointSizeF() > 0:
            size = f"* {{ font-size: {font.pointSizeF():g}pt; }}\n"
        else:
            size = f"* {{ font-size: {font.pixelSize()}px; }}\n"
        if self.high_contrast:
            if app.style().name().lower() != "fusion":
                app.setStyle("Fusion")
            app.setPalette(high_contrast_palette())
            app.setStyleSheet(size + stylesheet("high-contrast"))
        else:
            if app.style().name() != self.base_style:
                app.setStyle(self.base_style)
            app.setPalette(app.style().standardPalette() if self.base_style.lower() == "fusion" else QPalette())
            app.setStyleSheet(size + stylesheet("standard"))
        self.changed.emit()


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
