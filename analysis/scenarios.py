"""Named scenarios: version-controlled parameter sets with the key results expected of them.

``data/scenarios/<notebook>.yaml`` lists each scenario's title, whether the schedule
builds it, its parameter overrides and, where an independent source gives them, the key
figures it must reproduce (used as parametrised tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from analysis.errors import ParameterError
from analysis.parameters import load_named_entries, load_parameter_file
from analysis.paths import SCENARIOS_DIR, public_path
from analysis.runner.targets import NAME_RULE, is_name
from analysis.yamlfiles import line_of


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    tolerance: float = 0.0
    source: str = Field(description="where the expected figure comes from")


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str = Field(description="Norwegian title shown in reports")
    description: str
    scheduled: bool = True
    parameters: dict[str, Any] = {}
    expected: dict[str, Expected] = {}


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    notebook: str
    scenarios: dict[str, Scenario]


@cache
def load_scenarios(notebook: str) -> ScenarioFile:
    """Load ``data/scenarios/<notebook>.yaml``.

    A scenario whose overrides the parameter file refuses (a misspelt name, a value out
    of range) is kept: it fails alone when it is built, with the parameter file's
    sentence, and :func:`scenario_problems` names it (``list`` shows it), so one bad
    scenario never blocks the others, ``list`` or the schedule. A scenario name that
    cannot name a folder refuses the file: the name is the report's folder.
    """
    path = SCENARIOS_DIR / f"{notebook}.yaml"
    sfile = load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")
    for name in sfile.scenarios:  # a scenario's name becomes a folder of the reports
        if not is_name(name):
            line = line_of(path, ["scenarios", name])
            raise ParameterError(
                f"{public_path(path)}{f', line {line}' if line else ''}: the scenario name "
                f"{name!r} cannot name a report folder; use {NAME_RULE}.")
    return sfile


@cache
def scenario_problems(notebook: str) -> dict[str, str]:
    """Scenario name → the sentence saying what is wrong with its overrides."""
    from analysis.errors import ParameterError

    path = SCENARIOS_DIR / f"{notebook}.yaml"
    pfile = load_parameter_file(notebook)
    out = {}
    for s in load_scenarios(notebook).scenarios.values():
        try:
            pfile.validate(s.parameters, where=f"scenario '{s.name}' in {path.name}")
        except ParameterError as exc:
            out[s.name] = str(exc)
    return out

def check_expected(expected: Mapping[str, Expected], summary: Mapping[str, Any]
                   ) -> list[dict[str, Any]]:
    """Each expected figure against a report's ``summary.json``: one record per figure
    with ``key``, ``expected``, ``tolerance``, ``actual`` (None when the report has no
    such figure), ``ok`` and ``source``.

    A figure passes when it lies within ``tolerance`` of the expected value (absolute, no
    relative slack): the one rule of the tests (``tests/test_scenarios.py``) and of
    ``python -m analysis run --check``.

    >>> [c["ok"] for c in check_expected(
    ...     {"a": Expected(value=1.0, tolerance=0.1, source="s"),
    ...      "b": Expected(value=2.0, source="s"), "c": Expected(value=0.0, source="s")},
    ...     {"a": 1.05, "b": 2.5})]
    [True, False, False]
    """
    out = []
    for key, exp in expected.items():
        actual = summary.get(key)
        ok = isinstance(actual, int | float) and abs(float(actual) - exp.value) <= exp.tolerance
        out.append({"key": key, "expected": exp.value, "tolerance": exp.tolerance,
                    "actual": actual, "ok": bool(ok), "source": exp.source})
    return out
