"""Plain text output for a terminal: tables and wrapped paragraphs."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any


def _width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def table(ctx, headers: list[str], rows: list[list[Any]]) -> None:
    """A plain text table; the last column takes the remaining width."""
    if not rows:
        ctx.print("(none)")
        return
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], _width() - fixed))

    def line(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            if i == len(values) - 1:
                parts.append(v if len(v) <= widths[i] else v[: widths[i] - 1] + "…")
            else:
                parts.append(v.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    ctx.print(line(headers))
    for row in cells:
        ctx.print(line(row))


def wrap(ctx, text: str, indent: str = "  ") -> None:
    for paragraph in str(text).splitlines() or [""]:
        ctx.print(textwrap.fill(paragraph, width=_width(), initial_indent=indent, subsequent_indent=indent))
