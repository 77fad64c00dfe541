"""View > Text size offers the sizes as percentages beside Larger and Smaller, and shows
the size in use (issue 10, item 14)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from leap_desktop.views.shell.theme import TEXT_SCALES


def text_menu(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return next(a.menu() for a in view.actions() if a.menu() is not None and "Text size" in a.text())


def sizes(menu):
    return [a for a in menu.actions() if a.text().endswith("%")]


def test_the_sizes_are_offered_as_percentages_with_the_one_in_use_ticked(window, appearance):
    menu = text_menu(window)
    words = [a.text().replace("\u00a0", " ") for a in menu.actions() if not a.isSeparator()]
    assert words[:3] == ["&Larger", "&Smaller", "&Normal size"]
    assert [a.text().replace("\u00a0", " ") for a in sizes(menu)] == [f"{round(s * 100)} %" for s in TEXT_SCALES]
    assert "100 %" in words and "250 %" in words and "200 %" in words
    assert menu.title().replace("\u00a0", " ") == "&Text size (100 %)"
    assert [a.text().replace("\u00a0", " ") for a in sizes(menu) if a.isChecked()] == ["100 %"]


def test_choosing_a_size_sets_it_and_the_menu_says_so(window, appearance, qtbot):
    menu = text_menu(window)
    base = QApplication.font().pointSizeF()
    two_hundred = next(a for a in sizes(menu) if a.text().startswith("200"))
    two_hundred.trigger()
    assert appearance.scale == 2.0
    assert QApplication.font().pointSizeF() > base * 1.8
    assert menu.title().replace("\u00a0", " ") == "&Text size (200 %)"
    assert [a.text() for a in sizes(menu) if a.isChecked()] == [two_hundred.text()]
    assert window.statusBar().currentMessage().startswith("Text size 200%")
    window.smaller_action.trigger()  # Larger and Smaller move the tick too
    assert menu.title().replace("\u00a0", " ") == "&Text size (175 %)"
    assert [a.text().replace("\u00a0", " ") for a in sizes(menu) if a.isChecked()] == ["175 %"]


def test_the_page_list_grows_with_the_text_when_the_size_changes(window, appearance, qtbot):
    """The list of pages took its width from the text size before the one just chosen
    (at 200 % it kept the 100 % width in the tests' window), so the page had less room
    than the tests measured, and a step smaller could cut its words."""
    nav = window.navigation
    for scale in (2.0, 1.0, 2.5):
        appearance.set_scale(scale)
        qtbot.wait(20)
        metrics = nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(nav.item(row).text()) for row in range(nav.count()))
        assert nav.width() >= widest + 3 * metrics.averageCharWidth(), (scale, nav.width(), widest)
        assert nav.width() <= widest + 3 * metrics.averageCharWidth() + 80  # and shrinks again
