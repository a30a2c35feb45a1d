"""Shared fixtures."""

from __future__ import annotations

import pytest

from analysis.parameters import load_parameter_file


@pytest.fixture(scope="session")
def rt_defaults() -> dict:
    """The response-team parameters as the parameter file gives them."""
    return load_parameter_file("response_team_costs").defaults


import hashlib  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from analysis.paths import PROJECT_ROOT  # noqa: E402


def run_cli(*args: str, cwd: Path = PROJECT_ROOT, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` as a user would run it."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def schedule_reports(tmp_path_factory) -> Path:
    """The whole default schedule in both languages (as `make reports` builds it), built once
    per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("schedule")
    result = run_cli("run", "--jobs", "2", "--language", "nb,nn", "--out", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def cli():
    """The ``run_cli`` helper, for test modules."""
    return run_cli


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256, to prove a report was left untouched."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def digest():
    """The ``tree_digest`` helper, for test modules."""
    return tree_digest
