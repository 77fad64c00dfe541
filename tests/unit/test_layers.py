"""Layers import only downward: no SQL library above the store (COMMON.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import leap_desktop

PACKAGE = Path(leap_desktop.__file__).resolve().parent
SQL_MODULES = {"sqlite3", "sqlcipher3", "sqlite_utils", "apsw"}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_sql_library_is_imported_above_the_store():
    found = {
        str(path.relative_to(PACKAGE)): sorted(imported(path) & SQL_MODULES)
        for layer in ("domain", "services", "export", "cli", "models", "views")
        for path in (PACKAGE / layer).rglob("*.py")
        if imported(path) & SQL_MODULES
    }
    assert found == {}


def test_the_engine_versions_come_from_the_store():
    from leap_desktop.store.connection import engine

    found = engine()
    assert found.cipher_version and found.cipher_version.startswith("4.")
    assert found.driver == "sqlcipher3" and found.sqlite_version[0].isdigit()


def test_no_sql_is_written_above_the_store():
    """Services, exports, the command line and the Qt side ask the store's named queries
    (store/queries.py) or ``store.find``; none writes SQL of its own."""
    import re

    sql = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I | re.S)
    found = []
    for layer in ("domain", "services", "export", "cli", "models", "views"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.search(node.value):
                    if node.value.lstrip().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "select")):
                        found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


# -- imports between the layers ----------------------------------------------------------

#: What each layer must not import (counting imports inside functions and under
#: TYPE_CHECKING: every import in the module's syntax tree). The package's top
#: (``leap_desktop``: its name and version) and ``paths`` are below every layer.
FORBIDDEN = {
    "domain": {"store", "services", "export", "cli", "models", "views", "paths"},
    "store": {"services", "export", "cli", "models", "views"},
    "services": {"export", "cli", "models", "views"},
    "export": {"cli", "models", "views"},
    "cli": {"store", "models", "views"},
    "models": {"store", "export", "cli", "views"},
    "views": {"store", "cli"},
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def app_imports(path: Path, tree: ast.AST) -> list[tuple[str, str]]:
    """(the layer, the name) of every import of this package in a module, e.g.
    ``("store", "store.keys.PanelKey")``; ``from .. import x`` resolved to its layer."""
    package = list(path.relative_to(PACKAGE).parent.parts)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("leap_desktop."):
                    name = alias.name.removeprefix("leap_desktop.")
                    found.append((name.split(".")[0], name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "leap_desktop":
                module = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                full = [*module, alias.name]
                # ``from .. import words``: the name is a module of the package's top
                name = ".".join(full)
                found.append((full[0] if (PACKAGE / full[0]).is_dir() or (PACKAGE / f"{full[0]}.py").exists()
                              else "", name))
    return found


def store_reaches(path: Path, tree: ast.AST) -> int:
    imported = sum(1 for layer, _ in app_imports(path, tree) if layer == "store")
    attributes = sum(1 for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "store")
    return imported + attributes


def test_the_import_walk_sees_every_kind_of_import(tmp_path):
    """The checker's own check: relative, absolute, nested and TYPE_CHECKING imports."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..store import keys\n"
        "from ..models.table import TableModel\n"
        "import leap_desktop.store.backup\n"
        "from .. import paths\n"
        "if TYPE_CHECKING:\n"
        "    from ..views.page import Page\n"
        "def later():\n"
        "    from leap_desktop.cli import main\n"
        "    return ctx.service.store\n"
    )
    path = PACKAGE / "models" / "example.py"
    layers = [layer for layer, _ in app_imports(path, ast.parse(source))]
    assert layers == ["store", "models", "store", "paths", "views", "cli"]
    assert store_reaches(path, ast.parse(source)) == 3


def test_each_layer_imports_only_the_layers_below_it():
    broken = []
    for path, tree in _modules():
        layer = _layer(path)
        for target, name in app_imports(path, tree):
            if target in FORBIDDEN.get(layer, set()):
                broken.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert broken == [], "A layer imports one it must not (see FORBIDDEN):\n" + "\n".join(broken)


def test_models_never_reach_the_store_or_the_views():
    found = [str(path.relative_to(PACKAGE)) for path, tree in _modules()
             if _layer(path) == "models" and store_reaches(path, tree)]
    assert found == []


@pytest.mark.parametrize("layer", ["views", "cli"])
def test_the_views_and_the_command_line_never_reach_the_store(layer):
    """Views and commands reach the store only through services: none imports a store
    name or reaches a ``.store`` attribute (``ctx.service.store.get``, ``svc.store.clock()``):
    ask a service instead (services/panel.py and its feature services such as
    ``.security``; services/files.py for writing a file; services/opening.py opens a
    panel for the app and the command alike)."""
    found = {str(path.relative_to(PACKAGE)): n for path, tree in _modules()
             if _layer(path) == layer and (n := store_reaches(path, tree))}
    assert found == {}, (
        f"{layer} reaches the store past the services (per module, how many store imports and "
        f"'.store' uses): {found}; add or reuse a service call instead")
