"""Layers import only downward: no SQL library above the store (COMMON.md)."""

from __future__ import annotations

import ast
from pathlib import Path

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
