"""Every table of participation and influence as CSV, tidy: one file per table, one row
per figure, numbers as numbers (shares as fractions of 1), small numbers hidden as in
the documents. File names come from the tables' own keys, never from what is in them."""

from __future__ import annotations

from pathlib import Path

from ..services.analytics import Participation
from .csv_export import to_csv


def files(report: Participation, out: Path) -> dict[Path, bytes]:
    """``out`` (``report.csv``) -> ``report-attendance.csv``, ``report-spoke.csv``, ..."""
    stem = out.stem
    return {out.with_name(f"{stem}-{key.replace('_', '-')}.csv"): to_csv(t.headers, t.plain_rows())
            for key, t in report.tables.items()}
