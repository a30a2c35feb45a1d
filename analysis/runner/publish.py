"""Where a run's files go, and how they replace the published report without losing it.

A run writes into a fresh staging folder. Only a complete, successful run is swapped into
``<reports>/<notebook>/<scenario>/``; the earlier report is moved aside first and removed
only once the new one is in place. A failed run's executed notebook and error go to
``<reports>/failed/<notebook>/<scenario>/`` and the published report stays untouched.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

STAGING = ".staging"
FAILED = "failed"


def published_dir(reports: Path, notebook: str, scenario: str) -> Path:
    return reports / notebook / scenario


def failed_dir(reports: Path, notebook: str, scenario: str) -> Path:
    return reports / FAILED / notebook / scenario


def new_staging_dir(reports: Path, notebook: str, scenario: str) -> Path:
    path = reports / STAGING / f"{notebook}--{scenario}--{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    return path


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging``; if anything fails, the old ``final`` comes back."""
    final.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if final.exists():
        backup = final.with_name(f".{final.name}.previous-{uuid.uuid4().hex[:8]}")
        os.replace(final, backup)
    try:
        os.replace(staging, final)
    except BaseException:
        if backup is not None:
            os.replace(backup, final)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def publish(staging: Path, reports: Path, notebook: str, scenario: str) -> Path:
    """Publish a successful run; an older failure record of the same target is cleared."""
    final = published_dir(reports, notebook, scenario)
    swap_into_place(staging, final)
    shutil.rmtree(failed_dir(reports, notebook, scenario), ignore_errors=True)
    return final


def keep_failure(staging: Path, reports: Path, notebook: str, scenario: str) -> Path:
    """Keep a failed run's files (its executed notebook is the run's log)."""
    final = failed_dir(reports, notebook, scenario)
    swap_into_place(staging, final)
    return final
