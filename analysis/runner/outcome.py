"""What a build is asked and what it gives: the parts of the runner that need neither
papermill nor a kernel.

Kept apart from :mod:`analysis.runner.execute` so that planning a batch (``run
--changed`` that finds nothing to build, the index, the manifest) loads no notebook
machinery and answers in about a second.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from analysis.i18n import DEFAULT_LANGUAGE, check_language
from analysis.notebooks import Target, scenario_of
from analysis.parameters import load_parameter_file, parse_cli_value
from analysis.paths import PROJECT_ROOT

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class Limits:
    """What one report's kernel may use: seconds of execution, and memory in bytes
    (0: no limit). Enforced by :class:`analysis.runner.kernels.Watch`."""

    seconds: float = 1800.0
    memory_bytes: int = 8 * 1024**3


DEFAULT_LIMITS = Limits()


@dataclass
class Outcome:
    """What happened to one target."""

    target: str
    notebook: str
    scenario: str
    status: str  # "ok" or "failed"
    started: str
    seconds: float
    error: str = ""
    path: str = ""  # published report folder, or the failed run's folder
    parameters: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> content hash
    read_files: list[str] = field(default_factory=list)  # project files the run opened
    fingerprint: str = ""
    reason: str = ""  # why it was built (or skipped)
    title: str = ""  # Norwegian titles, for the index page
    scenario_title: str = ""
    languages: list[str] = field(default_factory=list)  # built and published together
    #: the scenario's expected figures against this run's (analysis.scenarios.check_expected);
    #: empty when the scenario expects nothing or -p overrides changed its parameters
    checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def code_version() -> str:
    """The git commit the code was run from, with ``-dirty`` if it had local changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "ukjent (ikke et git-arkiv)"


def resolve_parameters(target: Target, overrides: dict[str, Any]) -> dict[str, Any]:
    """Defaults, then the scenario, then the command line; all validated.

    Command-line values arrive as text and are read as YAML literals unless the
    parameter is text itself.
    """
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    typed = {
        k: parse_cli_value(pfile.parameters.get(k), v) if isinstance(v, str) else v
        for k, v in overrides.items()
    }
    return pfile.resolve(
        (f"scenario '{target.scenario}'", scenario.parameters),
        ("command line -p", typed),
    )


def job_languages(values: dict[str, Any], languages: list[str] | None) -> list[str]:
    """The languages one job builds: those asked for (``--language``), else the resolved
    ``language`` parameter (the parameter file's default, a scenario's or ``-p``'s)."""
    if languages:
        return [check_language(c) for c in dict.fromkeys(languages)]
    return [check_language(str(values.get("language", DEFAULT_LANGUAGE)))]
