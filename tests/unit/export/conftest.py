"""The export tests use the shared demo panel (tests/conftest.py), clock at 15 June 2026."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(demo_service):
    """A fresh copy of the demo panel (a year of meetings), open."""
    return demo_service
