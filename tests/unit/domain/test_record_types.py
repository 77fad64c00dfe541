"""Every record type, found by its table or its reference letter, whether or not the
features beside the meetings (payments, the impact log, communication, reports) have
been used yet: their records are made when first asked for (domain/model.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from leap_desktop.domain import model
from leap_desktop.store.migrations import RECORD_TABLES

ROOT = Path(__file__).resolve().parents[3]


def test_every_table_has_its_record_type():
    assert set(model.BY_TABLE) == set(RECORD_TABLES)
    assert all(model.BY_TABLE[cls.TABLE] is cls for cls in model.RECORD_TYPES)
    assert model.BY_PREFIX["D"] is model.Decision and model.BY_PREFIX["P"] is model.Person


def test_the_impact_records_are_named_in_the_model_too():
    from leap_desktop.domain import impact_records
    from leap_desktop.domain.model import ImpactEntry, StageMark

    assert ImpactEntry is impact_records.ImpactEntry and StageMark is impact_records.StageMark
    assert ImpactEntry in model.RECORD_TYPES


def test_the_features_records_are_made_only_when_asked_for():
    code = (
        "import sys; import leap_desktop.domain.model as m; "
        "later = ['leap_desktop.domain.' + n for n in ('payments', 'impact_records', 'comms', 'reports')]; "
        "print(sorted(n for n in later if n in sys.modules)); m.BY_TABLE; "
        "print(sorted(n for n in later if n in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    before, after = done.stdout.splitlines()
    assert before == "[]"
    assert after.count("leap_desktop.domain.") == 4
