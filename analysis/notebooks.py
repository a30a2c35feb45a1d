"""The notebook registry: which notebooks exist, their parameters and scenarios.

A notebook ``notebooks/<name>.ipynb`` belongs to the schedule when it has a parameter file
``data/parameters/<name>.yaml`` and a scenario file ``data/scenarios/<name>.yaml``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import TargetError
from analysis.parameters import (
    RUN_PARAMETERS,
    ParameterFile,
    load_parameter_file,
    parameter_file_path,
)
from analysis.paths import NOTEBOOKS_DIR, SCENARIOS_DIR
from analysis.scenarios import Scenario, load_scenarios, scenario_problems

_PY_TYPES = {"int": "int", "float": "float", "str": "str", "bool": "bool", "list": "list"}


@dataclass(frozen=True)
class Target:
    """One report to build: a notebook run with a named scenario."""

    notebook: str
    scenario: str

    def __str__(self) -> str:
        return f"{self.notebook}/{self.scenario}"

    @property
    def path(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.notebook}.ipynb"


_warned: set[str] = set()


def notebook_names() -> list[str]:
    """Every notebook under ``notebooks/`` with a parameter file and a scenario file
    (sorted). Any other notebook (a copy such as JupyterLab's ``X-Copy1.ipynb``, a
    scratch notebook) is skipped, with one warning per process."""
    names = []
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        missing = [f for f in (parameter_file_path(path.stem),
                               SCENARIOS_DIR / f"{path.stem}.yaml") if not f.exists()]
        if not missing:
            names.append(path.stem)
        elif path.stem not in _warned:
            _warned.add(path.stem)
            files = " and no ".join(f"{f.parent.parent.name}/{f.parent.name}/{f.name}"
                                    for f in missing)
            print(f"warning: notebooks/{path.name} is skipped: it has no {files} (a copy? "
                  "rename it, or add the files to schedule it).", file=sys.stderr)
    return names


def scenario_of(target: Target) -> Scenario:
    return load_scenarios(target.notebook).scenarios[target.scenario]


def schedule() -> list[Target]:
    """Every scheduled scenario of every notebook."""
    return [
        Target(nb, name)
        for nb in notebook_names()
        for name, s in load_scenarios(nb).scenarios.items()
        if s.scheduled
    ]


def parse_target(text: str) -> list[Target]:
    """``NOTEBOOK`` (all its scheduled scenarios) or ``NOTEBOOK/SCENARIO``."""
    notebook, _, scenario = text.strip().removesuffix(".ipynb").partition("/")
    names = notebook_names()
    if notebook not in names:
        raise TargetError(
            f"Unknown notebook '{notebook}' in target '{text}'; notebooks are: "
            f"{', '.join(names)}."
        )
    scenarios = load_scenarios(notebook).scenarios
    if not scenario:
        return [Target(notebook, s) for s, spec in scenarios.items() if spec.scheduled]
    if scenario not in scenarios:
        raise TargetError(
            f"Unknown scenario '{scenario}' of notebook '{notebook}'; scenarios are: "
            f"{', '.join(scenarios)}."
        )
    return [Target(notebook, scenario)]


def parameters_cell(pfile: ParameterFile, scenario: str = "interaktiv") -> str:
    """The source of a notebook's ``parameters`` cell, generated from its parameter file.

    One literal per line, type-annotated, with the help text as a trailing comment, so
    that ``papermill --help-notebook`` documents the notebook.
    """
    lines = [
        f'scenario: str = "{scenario}"  # {RUN_PARAMETERS["scenario"]}',
        f'output_dir: str = ""  # {RUN_PARAMETERS["output_dir"]}',
    ]
    defaults = pfile.defaults
    for name, spec in pfile.parameters.items():
        unit = f" ({spec.unit})" if spec.unit else ""
        lines.append(f"{name}: {_PY_TYPES[spec.type]} = {defaults[name]!r}  "
                     f"# {spec.description}{unit}")
    return "\n".join(lines)


def describe(notebook: str) -> str:
    """Human-readable listing of a notebook's parameters and scenarios."""
    pfile = load_parameter_file(notebook)
    out = [f"{notebook}  —  {pfile.title}", "  parameters:"]
    for name, spec in pfile.parameters.items():
        kind = "assumption" if spec.is_assumption else "setting" if spec.setting else "sourced"
        out.append(f"    {name} ({spec.type}, default {spec.value!r}, {spec.unit}; {kind}): "
                   f"{spec.description}; allowed: {spec.allowed()}")
    out.append("  scenarios:")
    problems = scenario_problems(notebook)
    for name, s in load_scenarios(notebook).scenarios.items():
        flag = "" if s.scheduled else " [not scheduled]"
        if name in problems:
            flag += f" [cannot be built: {problems[name]}]"
        over = ", ".join(f"{k}={v!r}" for k, v in s.parameters.items()) or "defaults"
        out.append(f"    {name}{flag}: {s.title} ({over})")
    return "\n".join(out)


def sync_parameters_cell(notebook: str) -> bool:
    """Rewrite the notebook's ``parameters`` cell from its parameter file.

    Keeps the cell's current ``scenario`` default. Returns True if the cell changed.
    """
    import nbformat

    path = NOTEBOOKS_DIR / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    first = cell.source.splitlines()[0] if cell.source else ""
    scenario = first.split('"')[1] if first.startswith("scenario:") else "interaktiv"
    new = parameters_cell(load_parameter_file(notebook), scenario)
    if new == cell.source:
        return False
    cell.source = new
    nbformat.write(nb, path)
    return True
