"""The modules of ``src/eventwire`` import each other without a cycle (#21).

The graph is read with ``ast`` from the source, so nothing is imported. Every import of
an ``eventwire`` module counts wherever it is written: at module level, inside a function
(a "late" import that only hides a cycle) and under ``if TYPE_CHECKING:``. An edge goes to
the module named: ``from .x import y`` is an edge to ``x.y`` when that is a module, else
to ``x``. The import of a package's ``__init__`` that Python runs before any of its
modules is not an edge: the package re-exports its modules, so counting it would make
every package a cycle of itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"


def module_names(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if package else parts)] = (path, package)
    return out


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the eventwire modules it imports (see the module docstring for what counts)."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        base = name if package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = base.split(".")
                    parent = ".".join(parts[:len(parts) - node.level + 1])
                    source = f"{parent}.{node.module}" if node.module else parent
                else:
                    source = node.module or ""
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    targets.add(sub if sub in modules else source)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], else None (depth-first search).

    >>> find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}})
    ['a', 'b', 'c', 'a']
    >>> find_cycle({"a": {"b"}, "b": set()}) is None
    True
    """
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return None
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        if (cycle := visit(start)) is not None:
            return cycle
    return None


def test_import_graph_has_no_cycle():
    cycle = find_cycle(import_graph(PACKAGE))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("module, imported", [
    ("eventwire.jobs", "eventwire.scale.engines"),  # late or not, an import is an edge
    ("eventwire.stories.dedup", "eventwire.stories.disagreements"),
    ("eventwire.nlp.pipeline", "eventwire.factories"),
])
def test_import_graph_counts_every_import(module, imported):
    assert imported in import_graph(PACKAGE)[module]
