"""ui/ and the code stay in step: every form loads, every view finds the widgets it
names, and no form is left without a view."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from PySide6.QtWidgets import QWidget

import leap_desktop.views
from leap_desktop.paths import root
from leap_desktop.views.partials.forms import load_form

FORMS = sorted(p.name for p in (root() / "ui").glob("*.ui"))


def view_modules() -> list[str]:
    """Every module of leap_desktop.views, in its subpackages too (views/shell/, ...)."""
    return sorted(info.name for info in pkgutil.walk_packages(leap_desktop.views.__path__, "leap_desktop.views."))


def views_with_forms() -> list[type]:
    found = {}
    for name in view_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if getattr(cls, "FORM", None) and cls.__module__ == module.__name__:
                found[cls.__qualname__] = cls
    return sorted(found.values(), key=lambda c: c.__qualname__)


def test_there_are_forms_and_views():
    assert len(FORMS) >= 10
    assert len(views_with_forms()) >= 10
    assert "leap_desktop.views.shell.menus" in view_modules(), "subpackages are walked"


def test_no_dialog_lays_out_a_table_in_code():
    """Lists of rows are a QTableView over a model, laid out in a form (issue 11, item 9)."""
    offenders = [name for name in view_modules()
                 if "QTableWidget" in (importlib.import_module(name).__loader__.get_source(name) or "")]
    assert offenders == []


@pytest.mark.parametrize("name", FORMS)
def test_every_form_loads(qtbot, name):
    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(name, host)
    assert form.objectName(), f"{name} has no named top widget"


@pytest.mark.parametrize("view", views_with_forms(), ids=lambda c: c.__qualname__)
def test_every_view_finds_its_widgets(qtbot, view):
    assert view.FORM in FORMS, f"{view.__qualname__} uses {view.FORM}, which is not in ui/"
    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(view.FORM, host)
    missing = [name for name in view.WIDGETS if form.findChild(QWidget, name) is None]
    assert not missing, f"{view.FORM} has no widget(s) {missing} that {view.__qualname__} uses"
    for field, (widget, label) in getattr(view, "FIELD_ERRORS", {}).items():
        assert widget in view.WIDGETS and label in view.WIDGETS, f"{view.__qualname__}: {field} errors"


def test_every_form_has_a_view():
    used = {view.FORM for view in views_with_forms()}
    assert set(FORMS) - used == set(), "forms in ui/ that no view loads"
