"""Every word of a chart lies on the figure (export/charts.py): long titles, axis labels
and bar names are wrapped to the room there is, in Word's pictures and in the app's
canvas, at the usual text size and at twice it."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from chart_words import off_the_figure, words_of
from leap_desktop.export import charts

LONG_AXIS = "Share of the members present at the meeting who spoke at least once"
LONG_NAME = "Researchers, practitioners and members of the wider research team"
LONG_TITLE = "Share of those present who spoke at each meeting of the panel in the whole period chosen"

# (font size in points, figure width and height in inches at 100 dots to the inch):
# the Word picture's size and text, and the app's canvas at 200 % text in a window of
# 1366 by 768, and with the chart's side of the page narrowed.
SIZES = [(9, 6.3, 3.2), (18, 8.8, 4.3), (18, 6.0, 4.0)]


@pytest.fixture(scope="module")
def demo_charts(demo_master):
    from leap_desktop.services import PanelService

    with PanelService.open(demo_master, readonly=True) as svc:
        report = svc.analytics.participation(svc.analytics.period(None, None))
    made = list(report.charts)
    assert {c.kind for c in made} == {"bars", "columns", "stacked", "line"}
    return made


def long_worded(chart):
    categories = list(chart.categories)
    if chart.kind == "bars":
        categories[0] = LONG_NAME
    return dataclasses.replace(chart, title=LONG_TITLE, axis=LONG_AXIS, categories=categories)


def drawn(chart, font_size, width, height):
    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    charts.draw(chart, figure, charts.Style(font_size=font_size))
    figure.canvas.draw()
    return figure


@pytest.mark.parametrize(("font_size", "width", "height"), SIZES)
def test_every_word_of_every_chart_lies_on_the_figure(demo_charts, font_size, width, height):
    made = [long_worded(c) for c in demo_charts] + (demo_charts if (width, height) != (6.0, 4.0) else [])
    for chart in made:
        figure = drawn(chart, font_size, width, height)
        assert words_of(figure), chart.key
        assert off_the_figure(figure) == [], f"{chart.key} at {font_size} pt"


def test_a_long_label_is_wrapped_not_cut(demo_charts):
    line = next(c for c in demo_charts if c.kind == "line")
    figure = drawn(long_worded(line), 18, 8.8, 4.3)
    (ax,) = figure.axes
    label = ax.yaxis.label.get_text()
    assert "\n" in label and label.split() == [*LONG_AXIS.split(), "(%)"]
    assert ax._left_title.get_text().split() == LONG_TITLE.split()
    bars = next(c for c in demo_charts if c.kind == "bars")
    figure = drawn(long_worded(bars), 18, 8.8, 4.3)
    (ax,) = figure.axes
    assert ax.get_yticklabels()[0].get_text().split() == LONG_NAME.split()


def test_the_word_picture_is_still_a_print_resolution_png(demo_charts):
    data = charts.png(long_worded(demo_charts[0]))
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


@pytest.mark.parametrize("name", ["Fees $20 to $30", r"Costs $\frac{$ and more"])
def test_dollar_signs_in_peoples_words_are_shown_as_typed(demo_charts, name):
    bars = next(c for c in demo_charts if c.kind == "bars")
    chart = dataclasses.replace(bars, title=f"Decisions by stage: {name}", categories=[name, *bars.categories[1:]])
    figure = drawn(chart, 9, 6.3, 3.2)  # drawing an unreadable formula used to stop with a ValueError
    (ax,) = figure.axes
    assert ax.get_yticklabels()[0].get_text() == name
    assert " ".join(ax._left_title.get_text().split()) == f"Decisions by stage: {name}"
    assert charts.png(chart).startswith(b"\x89PNG")
