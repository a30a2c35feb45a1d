"""Layers that only point down: no import cycle between the packages of ``analysis/`` and
none of the imports the architecture forbids (docs/architecture.md).

Every import is read from the source (``ast``), function-level imports included: an
import hidden in a function is still a dependency.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

ANALYSIS = PROJECT_ROOT / "analysis"
FAMILIES = ("response_team", "conscription", "hms")
#: package -> packages it must not import. The register knows nothing of a family; the
#: report object knows nothing of the runner; a family knows nothing of another family.
FORBIDDEN = {
    "municipalities": {*FAMILIES, "runner", "presentation"},
    "presentation": {*FAMILIES, "runner"},
    "survey": {*FAMILIES, "runner", "presentation", "municipalities"},
    "i18n": {*FAMILIES, "runner", "presentation"},
    **{family: set(FAMILIES) - {family} for family in FAMILIES},
}


def _packages() -> set[str]:
    return {p.name for p in ANALYSIS.iterdir() if (p / "__init__.py").is_file()}


def _imported(tree: ast.AST) -> list[tuple[str, int]]:
    """Every ``analysis.*`` module an ``import`` or ``from ... import`` names, with its line
    (relative imports are not used in this project)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"relative import on line {node.lineno}"
            out.append((node.module, node.lineno))
            if node.module == "analysis":  # from analysis import csvfiles, runner
                out += [(f"analysis.{a.name}", node.lineno) for a in node.names]
    return [(m, line) for m, line in out if m.startswith("analysis.")]


def package_imports() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> where (``file:line``), between packages only."""
    packages = _packages()
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(ANALYSIS.rglob("*.py")):
        rel = path.relative_to(ANALYSIS)
        if len(rel.parts) < 2 or rel.parts[0] not in packages:
            continue  # a top-level module (cli, paths, ...): not a package
        source = rel.parts[0]
        for module, line in _imported(ast.parse(path.read_text(encoding="utf-8"))):
            target = module.split(".")[1]
            if target in packages and target != source:
                edges[source][target].append(f"analysis/{rel.as_posix()}:{line}")
    return edges


def find_cycle(edges: dict[str, dict[str, list[str]]]) -> list[str]:
    """One cycle of the graph (``[a, b, a]``), or ``[]``.

    >>> find_cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}})
    ['a', 'b', 'c', 'a']
    >>> find_cycle({"a": {"b": []}, "b": {"c": []}})
    []
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, {}):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def test_no_import_cycle_between_packages():
    edges = package_imports()
    cycle = find_cycle(edges)
    where = [edges[a][b][0] for a, b in zip(cycle, cycle[1:], strict=False)]
    assert not cycle, f"import cycle {' -> '.join(cycle)} ({'; '.join(where)})"


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_of_a_layer_above(package):
    edges = package_imports()
    wrong = {target: edges[package][target] for target in FORBIDDEN[package]
             if target in edges.get(package, {})}
    assert not wrong, f"analysis.{package} imports {wrong}"


def test_the_scan_sees_function_level_imports(tmp_path):
    """The check itself can fail: an import inside a function is found."""
    tree = ast.parse("def f():\n    from analysis.conscription import inputs\n")
    assert _imported(tree) == [("analysis.conscription", 2)]
    edges = {"municipalities": {"conscription": ["x.py:2"]},
             "conscription": {"municipalities": ["y.py:1"]}}
    assert find_cycle(edges) == ["conscription", "municipalities", "conscription"]


def test_every_package_is_scanned():
    assert set(FAMILIES) | {"municipalities", "presentation", "runner"} <= _packages()
    assert Path(ANALYSIS / "municipalities" / "register.py").is_file()
