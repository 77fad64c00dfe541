"""The Reports page's table model: a figure table, with small numbers hidden as in the
documents, checked by Qt's model tester with no window."""

from PySide6.QtCore import Qt

from leap_desktop.models.figures import FigureTableModel
from leap_desktop.services.analytics_tables import Table


def table(anonymised=True):
    return Table("spoke", "Share who spoke", ["Meeting", "Present", "Spoke", "Share"],
                 [["M-1", 6, 3, 0.5], ["M-2", 4, 2, 0.5], ["M-10", 12, 6, 0.5]], "What it counts",
                 anonymised, people=frozenset({1, 2}), shares={3: (2, 1)})


def test_figure_model_shows_the_table_as_the_reports_do(qtmodeltester):
    model = FigureTableModel()
    model.show_table(table())
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Meeting", "Present", "Spoke", "Share"]
    assert [model.index(1, c).data() for c in range(4)] == ["M-2", "4", "fewer than 3", "fewer than 3"]
    assert model.index(0, 3).data(Qt.ItemDataRole.AccessibleTextRole) == "Share: 50%"
    assert "What it counts" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    model.show_table(table(anonymised=False))
    assert model.index(1, 2).data() == "2"
    model.show_table(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.columnCount() == 0


def test_numbers_sort_as_numbers():
    model = FigureTableModel()
    model.show_table(table(anonymised=False))
    keys = sorted(range(3), key=lambda r: model.index(r, 1).data(model.SortRole))
    assert [model.index(r, 0).data() for r in keys] == ["M-2", "M-1", "M-10"]
