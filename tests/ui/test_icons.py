"""The application icon: every size the desktop asks for, drawn from the SVG source."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from leap_desktop.paths import resource
from leap_desktop.views.partials.icons import SIZES, app_icon, icon_file


@pytest.mark.parametrize("size", SIZES)
def test_each_png_is_its_size_and_not_blank(size, qapp):
    image = QImage(icon_file(size))
    assert not image.isNull(), f"{icon_file(size)} is missing or not a PNG"
    assert (image.width(), image.height()) == (size, size)
    # The tile covers the middle: a blank or fully transparent image would not.
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255
    corner = image.pixelColor(0, 0)
    assert corner.alpha() < 255, "the tile has rounded corners"


def test_app_icon_offers_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)
    assert icon.pixmap(QSize(48, 48)).width() == 48


def test_the_svg_source_is_there_for_redrawing():
    assert resource("icons", "leap-desktop.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
