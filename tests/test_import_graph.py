"""The package's import graph: no cycles anywhere, and the core stays pure.

Every module of deskbreak is parsed (not imported) with ast; imports at module level and inside
functions, relative and absolute, all count, since a lazy import still ties two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import deskbreak

PACKAGE_DIR = Path(deskbreak.__file__).parent
CORE_FORBIDDEN = ("PySide6", "apscheduler", "sqlite3", "plyer", "platformdirs")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py")) if "resources" not in p.parts}


def imported_names(module: str, path: Path) -> set[str]:
    """Every absolute module name `module` imports (``from x import y`` counts as x and x.y)."""
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {n for n in imported_names(name, path) if n in modules and n != name}
            for name, path in modules.items()}  # fmt: skip


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_finder_sees_relative_lazy_and_absolute_imports_and_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    names = imported_names("deskbreak.app.ipc", PACKAGE_DIR / "app" / "ipc.py")
    assert "deskbreak.app.ipc_protocol" in names and "deskbreak.app.ipc_unix" in names  # lazy import


def test_no_module_of_deskbreak_is_part_of_an_import_cycle():
    graph = import_graph()
    # A package's __init__ being imported by its own submodules is how Python loads them, not a cycle.
    graph = {m: {n for n in deps if not m.startswith(n + ".")} for m, deps in graph.items()}
    cycles = find_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_the_core_imports_no_qt_scheduler_database_or_other_layer():
    modules = _modules()
    offenders = []
    for name, path in modules.items():
        if not name.startswith("deskbreak.core"):
            continue
        for imported in imported_names(name, path):
            top = imported.split(".")[0]
            outside_core = top == "deskbreak" and not imported.startswith("deskbreak.core")
            if top in CORE_FORBIDDEN or outside_core:
                offenders.append(f"{path.relative_to(PACKAGE_DIR.parent)} imports {imported}")
    assert offenders == []


def test_the_shared_names_are_still_importable_where_callers_import_them():
    from deskbreak.app import ipc, ipc_protocol
    from deskbreak.platform import idle, idle_base

    for name in ("NotRunning", "CommandServer", "Handler", "answer", "request_line", "parse_reply"):
        assert getattr(ipc, name) is getattr(ipc_protocol, name), name
    for name in ("IdleMonitor", "IdleMonitorUnavailable", "NullIdleMonitor"):
        assert getattr(idle, name) is getattr(idle_base, name), name
