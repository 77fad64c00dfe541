"""No import cycle anywhere in the package, and no store or command module over 500 lines.

Every import counts: at the top, inside functions, and under ``TYPE_CHECKING`` (a
cycle hidden in a function is still two modules that cannot be understood, tested
or moved one without the other). Importing a module runs its package's
``__init__`` first; that is not counted as an import of the ``__init__``'s own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import leap_desktop

PACKAGE = Path(leap_desktop.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``path`` imports (every import in its syntax tree):
    ``from .x import y`` is ``x.y`` when that is a module, else ``x``."""
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
    found.discard(name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another (directly or round a loop),
    found by Tarjan's strongly connected components; sorted, for a readable failure."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for target in sorted(graph.get(name, ())):
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(groups)


def test_the_cycle_finder_finds_them():
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_imports_inside_functions_and_under_type_checking_count(tmp_path):
    known = {"leap_desktop.store.a": tmp_path / "a.py", "leap_desktop.store.b": tmp_path / "b.py"}
    known["leap_desktop.store.a"].write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n", encoding="utf-8")
    known["leap_desktop.store.b"].write_text("def f():\n    from . import a\n", encoding="utf-8")
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert graph == {"leap_desktop.store.a": {"leap_desktop.store.b"}, "leap_desktop.store.b": {"leap_desktop.store.a"}}
    assert cycles(graph) == [["leap_desktop.store.a", "leap_desktop.store.b"]]


def test_no_import_cycle_in_the_whole_package():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert "leap_desktop.store.panel_store" in graph["leap_desktop.store.queries"]  # the graph is real
    assert cycles(graph) == []


@pytest.mark.parametrize(
    "path", sorted([*(PACKAGE / "store").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")]),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_store_or_command_module_is_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500
