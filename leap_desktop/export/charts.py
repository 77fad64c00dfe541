"""Drawing a chart of participation and influence with matplotlib: into a PNG for Word
(the Agg backend, at print resolution) and onto a figure the app shows (its Qt canvas).

Colour never carries meaning alone: the palette is Okabe and Ito's (safe for every
common kind of colour blindness), every bar or segment also has its own hatching, bars
carry their figure as a direct label, and a stacked chart names each part in a legend
in the same order as the stack. matplotlib is imported here only when drawing (the
app's start must not load it).

Every word stays on the figure, at any text size: the title, the axis labels and the
names of bars are wrapped to the room the drawn chart leaves them, measured, and
matplotlib's constrained layout sets the margins from what is drawn. That is done for
the figure's size when it is drawn; the app's canvas draws the chart again when it is
resized (views/partials/chart_canvas.py).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from ..domain.reports import FEWER
from ..services.analytics_tables import Chart

#: Okabe and Ito (2008): orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442")
#: On black (the high-contrast theme): light, saturated colours that each read on black.
HIGH_CONTRAST = ("#FFFF00", "#00FFFF", "#FFFFFF", "#FF9CFF", "#9CFF9C", "#FFB000", "#8CB4FF")
HATCHES = ("//", "..", "xx", "\\\\", "oo", "--", "++")


@dataclass(frozen=True)
class Style:
    """How a chart looks: the text size (points) and the colours."""

    font_size: float = 10.0
    ink: str = "#1F2A44"
    paper: str = "#FFFFFF"
    palette: tuple[str, ...] = OKABE_ITO
    edge: str = "#1F2A44"

    @classmethod
    def high_contrast(cls, font_size: float) -> "Style":
        # Black hatching on the light bars: the pattern shows on every colour, white included.
        return cls(font_size=font_size, ink="#FFFFFF", paper="#000000", palette=HIGH_CONTRAST, edge="#000000")


def _label(chart: Chart, value: float | None) -> str:
    return FEWER if value is None else chart.shown(value)


def draw(chart: Chart, figure: Any, style: Style = Style()) -> None:
    """Draw ``chart`` on a matplotlib ``figure`` (cleared first)."""
    import matplotlib

    # Titles and names are people's words, never mathematics: a research stage called
    # "Fees $20 to $30" is shown as typed (matplotlib would set "20 to " as a formula, and
    # stop at one it cannot read). Read when each piece of text is made, so set first.
    matplotlib.rcParams["text.parse_math"] = False
    figure.clear()
    figure.set_layout_engine("constrained")
    figure.set_facecolor(style.paper)
    ax = figure.add_subplot(1, 1, 1)
    ax.set_facecolor(style.paper)
    size = style.font_size
    title = ax.set_title(chart.title, loc="left", fontsize=size * 1.15, color=style.ink, fontweight="bold")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    for spine in ("left", "bottom"):
        ax.spines[spine].set_color(style.ink)
    ax.tick_params(colors=style.ink, labelsize=size)
    if not chart.categories:
        ax.set_axis_off()
        ax.text(0.0, 0.5, "Nothing recorded in this period.", fontsize=size, color=style.ink, transform=ax.transAxes)
        return
    {"bars": _bars, "columns": _columns, "stacked": _stacked, "line": _line}[chart.kind](chart, ax, style)
    with warnings.catch_warnings():  # very large text may not fit: drawn as well as it can be
        warnings.simplefilter("ignore")
        _fit_labels(figure, ax, title, bar_names=chart.categories if chart.kind == "bars" else None)


def _fit_labels(figure: Any, ax: Any, title: Any, *, bar_names: list[str] | None = None) -> None:
    """Wrap the title and the axis labels to the room the chart leaves them: the title
    from the plot's left edge to the figure's right, the y label along the plot's
    height, the x label across its width, and the names of a bar chart's bars in a
    third of the figure's width. Again while a wrap moves the margins."""
    renderer = figure._get_renderer()
    texts = {title: title.get_text(), ax.yaxis.label: ax.yaxis.label.get_text(),
             ax.xaxis.label: ax.xaxis.label.get_text()}
    if bar_names:
        font = ax.get_yticklabels()[0]
        ax.set_yticks(ax.get_yticks(), [_wrapped(name, font, figure.bbox.width / 3, renderer) for name in bar_names])
    whole = figure.bbox

    def wrap(room: dict) -> bool:
        before = [text.get_text() for text in texts]
        for text, words in texts.items():
            text.set_text(_wrapped(words, text, room[text] * 0.96, renderer))
        return [text.get_text() for text in texts] != before

    # A first guess from the figure's size, then to the room the layout leaves, until
    # the margins stop moving; never narrower than half the figure (or a wrap that
    # takes room would call for narrower wraps, and so on until nothing is left).
    wrap({title: whole.width * 0.9, ax.yaxis.label: whole.height * 0.6, ax.xaxis.label: whole.width * 0.6})
    for _ in range(4):
        figure.get_layout_engine().execute(figure)
        plot = ax.get_window_extent(renderer)
        if not wrap({title: max(whole.x1 - plot.x0, whole.width / 2), ax.yaxis.label: max(plot.height, whole.height / 2),
                     ax.xaxis.label: max(plot.width, whole.width / 2)}):
            break
    else:
        figure.get_layout_engine().execute(figure)
    # Laid out for this size: drawing (and saving) keeps it so, without laying it out again.
    figure.set_layout_engine("none")


def _wrapped(words: str, text: Any, width: float, renderer: Any) -> str:
    """``words`` in lines no wider than ``width`` pixels in ``text``'s font (a single
    word longer than that keeps its own line)."""
    def wide(line: str) -> float:
        return renderer.get_text_width_height_descent(line, text.get_fontproperties(), ismath=False)[0]

    lines: list[str] = []
    for word in words.split():
        if lines and wide(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _scale(chart: Chart, value: float | None) -> float:
    if value is None:
        return 0.0
    return value * 100 if chart.unit == "%" else value


def _bars(chart: Chart, ax: Any, style: Style) -> None:
    values = chart.series[0][1]
    places = list(range(len(chart.categories)))[::-1]  # first category at the top
    heights = [_scale(chart, v) for v in values]
    bars = ax.barh(places, heights, color=[style.palette[i % len(style.palette)] for i in places[::-1]],
                   edgecolor=style.edge, linewidth=0.8)
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES[i % len(HATCHES)])
    ax.set_yticks(places, chart.categories)  # wrapped to the room there is (_fit_labels)
    top = max(heights + [1.0])
    ax.set_xlim(0, top * 1.3)
    for place, value, height in zip(places, values, heights):
        ax.text(height + top * 0.02, place, _label(chart, value), va="center", fontsize=style.font_size, color=style.ink)
    ax.set_xlabel(chart.axis + (" (%)" if chart.unit == "%" else ""), fontsize=style.font_size, color=style.ink)


def _columns(chart: Chart, ax: Any, style: Style) -> None:
    values = chart.series[0][1]
    places = list(range(len(chart.categories)))
    heights = [_scale(chart, v) for v in values]
    bars = ax.bar(places, heights, color=style.palette[0], edgecolor=style.edge, linewidth=0.8, hatch=HATCHES[0])
    top = max(heights + [1.0])
    ax.set_ylim(0, top * 1.2)
    for bar, value, height in zip(bars, values, heights):
        ax.text(bar.get_x() + bar.get_width() / 2, height + top * 0.02, _label(chart, value), ha="center",
                fontsize=style.font_size * 0.85, color=style.ink, rotation=90 if len(places) > 8 else 0)
    _x_labels(ax, chart, places, style)
    ax.set_ylabel(chart.axis + (" (%)" if chart.unit == "%" else ""), fontsize=style.font_size, color=style.ink)


def _stacked(chart: Chart, ax: Any, style: Style) -> None:
    places = list(range(len(chart.categories)))
    bottoms = [0.0] * len(places)
    total = max([sum(v or 0 for v in col) for col in zip(*(values for _, values in chart.series))] + [1.0])
    for index, (name, values) in enumerate(chart.series):
        heights = [_scale(chart, v) for v in values]
        ax.bar(places, heights, bottom=bottoms, label=name, color=style.palette[index % len(style.palette)],
               edgecolor=style.edge, linewidth=0.8, hatch=HATCHES[index % len(HATCHES)])
        for place, height, bottom in zip(places, heights, bottoms):
            if height and height >= total * 0.08:  # a direct label where it fits
                ax.text(place, bottom + height / 2, f"{height:g}", ha="center", va="center",
                        fontsize=style.font_size * 0.8, color="#000000",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none", "alpha": 0.85})
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    _x_labels(ax, chart, places, style)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(chart.axis, fontsize=style.font_size, color=style.ink)
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=style.font_size * 0.9, frameon=False,
                       reverse=True, title="From the top")
    legend.get_title().set_color(style.ink)
    legend.get_title().set_fontsize(style.font_size * 0.9)
    for text in legend.get_texts():
        text.set_color(style.ink)


def _line(chart: Chart, ax: Any, style: Style) -> None:
    values = chart.series[0][1]
    places = list(range(len(chart.categories)))
    shown = [(p, _scale(chart, v)) for p, v in zip(places, values) if v is not None]
    if shown:
        xs, ys = zip(*shown)
        ax.plot(xs, ys, color=style.palette[3 % len(style.palette)], marker="o", markersize=style.font_size * 0.45,
                linewidth=2, markeredgecolor=style.edge)
        mean = sum(ys) / len(ys)
        ax.axhline(mean, color=style.ink, linestyle="--", linewidth=1)
        ax.text(-0.4, mean + 2, f"average {mean:.0f}%", va="bottom", ha="left", fontsize=style.font_size,
                color=style.ink, bbox={"boxstyle": "round,pad=0.15", "facecolor": style.paper, "edgecolor": "none"})
        ax.text(xs[-1], ys[-1], f" {ys[-1]:.0f}%", va="center", ha="left", fontsize=style.font_size, color=style.ink)
    ax.set_ylim(0, 105)
    ax.set_xlim(-0.5, len(places) - 0.5 + max(1, len(places) * 0.06))
    _x_labels(ax, chart, places, style, short=True)
    ax.set_ylabel(chart.axis + " (%)", fontsize=style.font_size, color=style.ink)


def _x_labels(ax: Any, chart: Chart, places: list[int], style: Style, short: bool = False) -> None:
    labels = [c.split(" (")[0] for c in chart.categories] if short else chart.categories
    step = max(1, len(places) // 12)  # at most about twelve labels along the bottom
    ax.set_xticks(places[::step], labels[::step], rotation=45 if len(places) > 4 else 0, ha="right" if len(places) > 4 else "center")
    ax.tick_params(axis="x", labelsize=style.font_size * 0.85)


def png(chart: Chart, *, dpi: int = 200, width: float = 6.3, height: float = 3.2) -> bytes:
    """The chart as a PNG (inches; 200 dots to the inch by default, for print)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    draw(chart, figure, Style(font_size=9))
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return out.getvalue()
