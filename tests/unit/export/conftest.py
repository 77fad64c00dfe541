"""A demo panel for the export tests, built once per module at a fixed date."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from leap_desktop.services import PanelService
from leap_desktop.services.demo import build_demo

NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-master") / "demo.leap"
    with PanelService.open(path, create=True, clock=lambda: NOW) as svc:
        build_demo(svc.store)
    return path


@pytest.fixture
def demo(demo_master, tmp_path):
    """A fresh copy of the demo panel (a year of meetings), clock at 15 June 2026."""
    path = tmp_path / "demo.leap"
    shutil.copyfile(demo_master, path)
    svc = PanelService.open(path, clock=lambda: NOW)
    yield svc
    svc.close()
