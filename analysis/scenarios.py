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

from analysis.parameters import load_named_entries, load_parameter_file
from analysis.paths import SCENARIOS_DIR


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
    """Load ``data/scenarios/<notebook>.yaml``; every override is checked against the
    notebook's parameter file."""
    path = SCENARIOS_DIR / f"{notebook}.yaml"
    sfile = load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")
    pfile = load_parameter_file(notebook)
    for s in sfile.scenarios.values():
        pfile.validate(s.parameters, where=f"scenario '{s.name}' in {path.name}")
    return sfile


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
