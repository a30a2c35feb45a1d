"""Shared fixtures (the test tiers: ``tests/tiers.py``)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# No test reads or writes the project's own reports/ (a user's `make reports` fills it):
# the default reports folder of this process, and of every command a test starts, is a
# temporary one. Set before the package is imported, since analysis.paths reads it once.
_REPORTS = tempfile.mkdtemp(prefix="analysis-test-reports-")
os.environ["ANALYSIS_REPORTS_DIR"] = _REPORTS
atexit.register(shutil.rmtree, _REPORTS, ignore_errors=True)

import pytest  # noqa: E402
from filelock import FileLock  # noqa: E402

from analysis.parameters import load_parameter_file  # noqa: E402


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


def shared_folder(tmp_path_factory) -> Path:
    """A temporary folder shared by every pytest-xdist worker of this test session (the
    session's own folder when xdist is not used)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def schedule_reports(tmp_path_factory) -> Path:
    """The whole default schedule in both languages (as `make reports` builds it), built once
    per test session into a temporary folder, and shared by the xdist workers: the first
    to need it builds it under a file lock, the others wait and reuse it. Tests must only
    read it."""
    root = shared_folder(tmp_path_factory)
    out = root / "schedule"
    with FileLock(str(root / "schedule.lock")):
        if not (root / "schedule.built").exists():
            result = run_cli("run", "--jobs", "2", "--language", "nb,nn", "--out", str(out))
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            (root / "schedule.built").write_text("ok\n", encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def published(schedule_reports) -> Path:
    """The published reports of the default schedule (:func:`schedule_reports`), by the
    name the end-to-end tests read them under. Read only."""
    return schedule_reports


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
