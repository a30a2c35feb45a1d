"""Named scenarios: version-controlled parameter sets with the key results expected of them.

``data/scenarios/<notebook>.yaml`` lists each scenario's title, whether the schedule
builds it, its parameter overrides and, where an independent source gives them, the key
figures it must reproduce (used as parametrised tests).
"""

from __future__ import annotations

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
    """Load ``data/scenarios/<notebook>.yaml``; every override is checked against the
    notebook's parameter file."""
    path = SCENARIOS_DIR / f"{notebook}.yaml"
    sfile = load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")
    for name in sfile.scenarios:  # a scenario's name becomes a folder of the reports
        if not is_name(name):
            line = line_of(path, ["scenarios", name])
            raise ParameterError(
                f"{public_path(path)}{f', line {line}' if line else ''}: the scenario name "
                f"{name!r} cannot name a report folder; use {NAME_RULE}.")
    pfile = load_parameter_file(notebook)
    for s in sfile.scenarios.values():
        pfile.validate(s.parameters, where=f"scenario '{s.name}' in {path.name}")
    return sfile
