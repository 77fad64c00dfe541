"""The shapes participation and influence are given in (services/analytics.py makes them):
a tidy :class:`Table` (one row per observation, each with its definition) and a
:class:`Chart` drawn from one, with its text alternative.

No drawing here: ``export/charts.py`` draws a chart with matplotlib, for Word and for
the app alike. Small numbers are hidden here, once, so every output agrees.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..domain.reports import FEWER, SMALL_NUMBER, suppressed
from ..words import names_list


def percent(share: float | None) -> str:
    return "none" if share is None else f"{share * 100:.0f}%"


@dataclass
class Table:
    """One table of figures: tidy, with what each figure means.

    ``people`` names the columns holding counts that could point to a person (read
    "fewer than 3" when anonymised); ``shares`` maps a share column to the (numerator,
    denominator) columns it comes from, hidden when either is hidden (a share with no
    columns named is shown as it is); ``depends`` hides any other column with the columns
    it names (an average over a group of fewer than 3 people)."""

    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    definition: str
    anonymised: bool = True
    people: frozenset[int] = frozenset()
    shares: dict[int, tuple[int, ...]] = field(default_factory=dict)
    depends: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def hidden(self, row: list[Any], column: int) -> bool:
        """Whether this cell reads "fewer than 3" in this (anonymised) table."""
        if not self.anonymised:
            return False
        if column in self.people:
            value = row[column]
            return isinstance(value, int) and 0 < value < SMALL_NUMBER
        guards = self.shares.get(column, ()) + self.depends.get(column, ())
        return any(self.hidden(row, c) for c in guards)

    def cell(self, row: list[Any], column: int) -> str:
        value = row[column]
        if column in self.people and isinstance(value, int):
            return suppressed(value, self.anonymised)
        if self.hidden(row, column):
            return FEWER
        if column in self.shares:
            return percent(value)
        if value is None:
            return ""
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, float):
            return f"{value:,.1f}"
        return str(value)

    def cells(self) -> list[list[str]]:
        """Every row as it is shown (small numbers hidden when anonymised)."""
        return [[self.cell(row, c) for c in range(len(self.headers))] for row in self.rows]

    def plain_rows(self) -> list[list[Any]]:
        """Every row for CSV: numbers as numbers (shares as fractions), small numbers hidden."""
        def plain(row: list[Any], column: int) -> Any:
            if self.hidden(row, column):
                return FEWER
            value = row[column]
            return round(value, 4) if isinstance(value, float) else value
        return [[plain(row, c) for c in range(len(self.headers))] for row in self.rows]

    def value(self, row: list[Any], column: int) -> Any:
        """The value to draw, or None when it is hidden."""
        return None if self.hidden(row, column) else row[column]

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "definition": self.definition,
                "columns": self.headers, "rows": self.cells()}


@dataclass
class Chart:
    """A chart of one table: ``kind`` is ``bars`` (one bar per category, across),
    ``columns`` (one bar per period, up), ``stacked`` (periods up, a series stacked in
    each) or ``line`` (a share per meeting). ``series`` are (name, values); a value of
    None is hidden (a small number) and labelled "fewer than 3" where it would be."""

    key: str
    title: str
    kind: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    table: Table
    unit: str = ""  # "%" for shares (values 0..1), "" for counts
    axis: str = ""

    @property
    def alt(self) -> str:
        """The text alternative: what the chart shows, in words, with every figure."""
        kind = {"bars": "Bar chart", "columns": "Column chart", "stacked": "Stacked column chart",
                "line": "Line chart"}[self.kind]
        if not self.categories:
            return f"{kind}: {self.title}. Nothing recorded in this period."
        if self.kind == "line":
            values = [v for v in self.series[0][1] if v is not None]
            if not values:
                return f"{kind}: {self.title}, over {len(self.categories)} meetings; every figure hidden (fewer than 3)."
            mean = sum(values) / len(values)
            hidden = len(self.series[0][1]) - len(values)
            note = f" ({hidden:,} hidden: {FEWER} people)" if hidden else ""
            return (f"{kind}: {self.title}, over {len(self.categories)} meetings from {self.categories[0]} to "
                    f"{self.categories[-1]}{note}: on average {percent(mean)}, lowest {percent(min(values))}, "
                    f"highest {percent(max(values))}. The figures for each meeting are in the table beside it.")
        parts = []
        for c, category in enumerate(self.categories):
            said = [f"{name} {self.shown(v)}" for name, values in self.series if (v := values[c]) != 0]
            if len(self.series) == 1:
                parts.append(f"{category} {self.shown(self.series[0][1][c])}")
            else:
                parts.append(f"{category}: {names_list(said) or 'none'}")
        return f"{kind}: {self.title}. " + "; ".join(parts) + "."

    def shown(self, value: float | None) -> str:
        if value is None:
            return FEWER
        if self.unit == "%":
            return percent(value)
        return f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def replace(table: Table, **changes: Any) -> Table:
    return dataclasses.replace(table, **changes)
