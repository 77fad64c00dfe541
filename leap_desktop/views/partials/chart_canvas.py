"""A chart of participation and influence drawn in the window: matplotlib's Qt canvas,
drawn by ``export/charts.py`` exactly as for Word, but in the window's text size and,
in the high-contrast theme, in its colours (light colours on black). Its accessible
name is the chart's title and its description the chart's text alternative.

matplotlib is imported when the first chart is drawn, never at the app's start.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ...services.analytics_tables import Chart


def style_for(widget: QWidget):
    """The chart style for this widget: its font size, and the theme's colours."""
    from ...export.charts import Style

    size = widget.font().pointSizeF()
    if size <= 0:
        size = widget.font().pixelSize() * 0.75
    palette = widget.palette()
    paper = palette.color(QPalette.ColorRole.Window)
    if paper.lightness() < 100:  # the high-contrast theme (white on black)
        return Style.high_contrast(size)
    return Style(font_size=size, ink=palette.color(QPalette.ColorRole.WindowText).name(), paper=paper.name())


class ChartView(QWidget):
    """One chart at a time, redrawn when the text size or the theme changes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 3.4))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.chart: Chart | None = None
        self.style = None
        # Drawn again at its new size: the labels are wrapped to the room there is (once
        # for a burst of new sizes, as when the text size changes: at the next turn).
        self._drawn_size = None
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._resized)
        self.canvas.mpl_connect("resize_event", lambda _event: self._relayout.start())

    def show_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setVisible(chart is not None)
        name = chart.title if chart else "No chart"
        description = chart.alt if chart else ""
        for widget in (self, self.canvas):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        self.redraw()

    def redraw(self) -> None:
        if self.chart is None:
            return
        from ...export.charts import draw

        self.style = style_for(self)
        # Room for its words at the text size chosen (468 by 432 pixels at 18 points), and
        # for each bar's name on up to three lines (at 200 % they lay on top of each other).
        lines = 3.2 * len(self.chart.categories) + 5 if self.chart.kind == "bars" else 0
        height = max(220, round(self.style.font_size * 24), round(lines * QFontMetrics(self.font()).lineSpacing()))
        self.canvas.setMinimumSize(max(300, round(self.style.font_size * 26)), height)
        draw(self.chart, self.figure, self.style)
        self._drawn_size = tuple(self.figure.get_size_inches())
        self.canvas.draw_idle()

    def _resized(self) -> None:
        if tuple(self.figure.get_size_inches()) != self._drawn_size:
            self.redraw()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.ApplicationFontChange,
                            QEvent.Type.ApplicationPaletteChange):
            self.redraw()
        super().changeEvent(event)
