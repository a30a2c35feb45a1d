"""What a notebook run by hand (JupyterLab, papermill without the runner) must not get
wrong: the scenario it names, a parameters cell older than the parameter file, a misspelt
parameter, and an output folder inside the published reports.

The runner passes every parameter already resolved (defaults, scenario, ``-p``) and an
``output_dir`` in its staging folder; nothing here applies to it.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis import published
from analysis.errors import ParameterError
from analysis.parameters import ParameterFile

HAND_SCENARIO = "interaktiv"  # the parameters cell's own scenario: the values as they are


def is_runner_run(output_dir: str | Path | None) -> bool:
    """Whether the runner started this run: it passes resolved values and an output
    folder (:func:`analysis.published.started_by_runner`)."""
    return bool(output_dir) and published.started_by_runner()


def with_scenario(pfile: ParameterFile, scenario: str, given: Mapping[str, Any]
                  ) -> dict[str, Any]:
    """The notebook's values with the named scenario's overrides loaded, as the runner
    would: a value still at the parameter file's default takes the scenario's; a value
    set to something else (papermill ``-p``, an edit in the cell) is kept on top of it.
    An unknown scenario is refused in one sentence.
    """
    if scenario in ("", HAND_SCENARIO):
        return dict(given)
    from analysis.scenarios import load_scenarios

    scenarios = load_scenarios(pfile.notebook).scenarios
    if scenario not in scenarios:
        raise ParameterError(
            f"scenario = '{scenario}' is not a scenario of the notebook '{pfile.notebook}'; "
            f"its scenarios are: {', '.join(scenarios)}. Name one of them, or leave "
            f"scenario = '{HAND_SCENARIO}' to run with the values of the parameters cell.")
    defaults = pfile.defaults
    out = dict(given)
    for name, value in scenarios[scenario].parameters.items():
        if name not in given or given[name] == defaults.get(name):
            out[name] = value
    return out


def stale_parameters_cell(pfile: ParameterFile) -> list[str]:
    """The parameters whose default in the notebook's parameters cell is not the
    parameter file's (the cell is older than the file: ``python -m analysis
    sync-params``)."""
    import ast

    import nbformat

    from analysis.paths import NOTEBOOKS_DIR

    path = NOTEBOOKS_DIR / f"{pfile.notebook}.ipynb"
    try:
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        tree = ast.parse(cell.source)
    except (OSError, StopIteration, SyntaxError, ValueError):
        return []
    cell_values = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    cell_values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    defaults = pfile.defaults
    return [name for name in pfile.parameters
            if name not in cell_values or cell_values[name] != defaults[name]]


def warn_if_stale(pfile: ParameterFile) -> str:
    """Warn (in the notebook's first output) when the parameters cell is older than the
    parameter file; return the warning, or "" when they agree."""
    stale = stale_parameters_cell(pfile)
    if not stale:
        return ""
    text = (f"The parameters cell of {pfile.notebook}.ipynb differs from "
            f"data/parameters/{pfile.notebook}.yaml for {', '.join(stale)}: this hand run "
            "uses the cell's values. Run 'python -m analysis sync-params "
            f"{pfile.notebook}' and reopen the notebook to use the parameter file's.")
    warnings.warn(text, stacklevel=3)
    return text


_NOT_PARAMETERS = {"In", "Out", "exit", "quit", "get_ipython", "report", "p"}


def check_hand_run(pfile: ParameterFile, namespace: Mapping[str, Any]) -> None:
    """Refuse a variable that looks like a misspelt parameter (``team_sise = 75``).

    In JupyterLab, or with papermill's ``-p``, a misspelt name is just another variable
    and the parameter keeps its default; the report would look right and be wrong.
    """
    import difflib

    from analysis.parameters import RUN_PARAMETERS

    known = [*pfile.parameters, *RUN_PARAMETERS]
    for name, value in namespace.items():
        if (name in known or name.startswith("_") or name in _NOT_PARAMETERS
                or not isinstance(value, int | float | str | bool | list | tuple)):
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        if close:
            raise ParameterError(
                f"The notebook '{pfile.notebook}' sets '{name}', which is not one of its "
                f"parameters; did you mean '{close[0]}'? Allowed parameters: "
                f"{', '.join(pfile.parameters)}.")


def check_output_dir(output_dir: str | Path) -> None:
    """Refuse an ``output_dir`` inside a published reports folder
    (:func:`analysis.published.published_reports_folder`: resolved first, so neither a
    link to a published report nor a path through the runner's staging folder and ``..``
    gets past the check).

    Only the runner publishes there, through a staging folder that it swaps into place
    with a matching page and run record; a hand run writing a ``summary.json`` straight
    into a published report leaves a page that shows other figures.
    """
    if published.started_by_runner():
        return
    if published.published_reports_folder(output_dir) is not None:
        raise ParameterError(
            f"output_dir {Path(output_dir).resolve().name} lies inside the published "
            "reports folder; build reports with 'python -m analysis run' (or give an empty "
            "output_dir, or a folder outside the reports, for a hand run).")
