"""The Python scripts in scripts/ name only modules and names that exist.

They run rarely (`make screenshots`, redrawing the icons), so a module moved in the
package would otherwise be found only then: the views' move into pages, dialogs, shell
and partials left scripts/sync-screenshots importing leap_desktop.views.app, and
`make screenshots` stopped at its sync dialogs.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def python_scripts() -> list[Path]:
    return sorted(p for p in SCRIPTS.iterdir()
                  if p.is_file() and p.read_text(encoding="utf-8").startswith("#!/usr/bin/env python"))


def package_imports(script: Path) -> list[tuple[str, str | None]]:
    """(module, name) for every ``from leap_desktop... import name`` and
    ``import leap_desktop...`` anywhere in the script, inside functions too."""
    found = []
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"), str(script))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "leap_desktop":
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names if alias.name.split(".")[0] == "leap_desktop"]
    return found


def test_there_are_python_scripts_that_use_the_package():
    assert any(package_imports(script) for script in python_scripts())


@pytest.mark.parametrize("script", python_scripts(), ids=lambda p: p.name)
def test_every_name_a_script_imports_from_the_package_exists(script):
    missing = []
    for module_name, name in package_imports(script):
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            missing.append(f"{module_name}: {error}")
            continue
        if name is not None and not hasattr(module, name):
            try:
                importlib.import_module(f"{module_name}.{name}")
            except ImportError:
                missing.append(f"{module_name}.{name}")
    assert missing == [], f"{script.name} imports what is not there"
