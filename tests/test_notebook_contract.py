"""Contract of every notebook under notebooks/: one parameters cell, no outputs, kernel,
stable cell ids."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest

from analysis.notebooks import notebook_names
from analysis.paths import NOTEBOOKS_DIR


@pytest.fixture(params=notebook_names())
def nb(request):
    return nbformat.read(NOTEBOOKS_DIR / f"{request.param}.ipynb", as_version=4)


def test_exactly_one_parameters_cell(nb):
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


def test_parameters_cell_is_one_annotated_literal_per_line(nb):
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    for line in cell.source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, rest = line.partition(":")
            assert name.isidentifier() and "=" in rest and "#" in rest, line


def test_committed_without_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None


@pytest.mark.parametrize("name", notebook_names())
def test_every_cell_has_a_committed_id(name):
    """nbformat 4.5 cell ids stand in the file (read as JSON: nbformat would add missing ones
    in memory, new and random on every build, and warn MissingIDFieldWarning)."""
    raw = json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert (raw["nbformat"], raw["nbformat_minor"]) >= (4, 5)
    ids = [cell.get("id") for cell in raw["cells"]]
    assert None not in ids, f"{name}: cell {ids.index(None)} has no id"
    assert len(set(ids)) == len(ids), f"{name}: repeated cell ids"


def test_kernel_is_python3(nb):
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_notebook_is_thin(nb):
    """Logic lives in analysis/: no function or class definitions in notebook cells."""
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    for cell in nb.cells:
        if cell.cell_type == "code":
            nodes = ast.walk(ast.parse(cell.source))
            assert not any(isinstance(node, definitions) for node in nodes), cell.source
