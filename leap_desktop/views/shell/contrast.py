"""WCAG 2 contrast between colours: used by the theme (views/shell/theme.py) to keep text
readable and by the outlines (views/partials/outlines.py) to keep every control's edge seen."""

from __future__ import annotations

from PySide6.QtGui import QColor


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def mix(colour: QColor, other: QColor, share: float) -> QColor:
    """``colour`` with ``share`` of ``other`` mixed in (and its transparency laid over it)."""
    return QColor.fromRgbF(*(c + (o - c) * share for c, o in zip(
        (colour.redF(), colour.greenF(), colour.blueF()), (other.redF(), other.greenF(), other.blueF()))))


def contrast_ratio(text: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio of ``text`` (laid over ``background`` if see-through)."""
    seen = mix(background, text, text.alphaF())
    light, dark = sorted((luminance(seen), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
