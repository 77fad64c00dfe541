"""What a drawn chart shows in words, and where (for the chart tests)."""

from __future__ import annotations


def words_of(figure):
    """(text, where it was drawn) for every piece of text drawn on ``figure``: the
    titles, the axis labels, the tick labels inside the axes' range, the legend."""
    renderer = figure.canvas.get_renderer()
    (ax,) = figure.axes
    texts = [ax.title, ax._left_title, ax.xaxis.label, ax.yaxis.label]
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        texts += [t for t, at in zip(axis.get_ticklabels(), axis.get_ticklocs()) if low - 1e-9 <= at <= high + 1e-9]
    if ax.get_legend():
        texts += [ax.get_legend().get_title(), *ax.get_legend().get_texts()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]


def off_the_figure(figure) -> list[str]:
    """The pieces of text not wholly on ``figure`` (half a pixel's leeway), with where."""
    whole = figure.bbox
    return [f"{text!r} at {box.bounds} on {whole.bounds}" for text, box in words_of(figure)
            if box.x0 < whole.x0 - 0.5 or box.x1 > whole.x1 + 0.5 or box.y0 < whole.y0 - 0.5 or box.y1 > whole.y1 + 0.5]
