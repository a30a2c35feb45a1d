"""A reports folder as the runner lays it out, named once, and how a notebook knows the
runner started it.

The runner (:mod:`analysis.runner`) publishes through a staging folder (:data:`STAGING`)
that it swaps into place, under a lock (:data:`LOCK_NAME`), with a run record per batch
(:data:`RUNS_DIR`); it starts every kernel with :data:`RUNNER_ENV` set. The report object
(:mod:`analysis.presentation.report`) asks only the two questions below, so it knows
nothing of the runner's folder names: was this notebook started by the runner
(:func:`started_by_runner`), and does a folder lie inside a published reports folder
(:func:`published_reports_folder`), where a hand run must not write.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis import paths

#: Set to "1" in the environment of every kernel the runner starts.
RUNNER_ENV = "ANALYSIS_RUNNER"
#: Where the runner builds reports before it swaps them into place (under ``reports``).
STAGING = ".staging"
#: The lock file of a reports folder a batch is writing.
LOCK_NAME = ".run.lock"
#: The run records of a reports folder (beside its ``index.html``).
RUNS_DIR = "runs"


def started_by_runner() -> bool:
    """Whether this process is a kernel the runner started (the runner passes resolved
    parameters and an ``output_dir`` in its staging folder)."""
    return os.environ.get(RUNNER_ENV) == "1"


def published_reports_folder(folder: str | Path) -> Path | None:
    """The published reports folder ``folder`` lies in, or None.

    The folder is resolved first (``..`` and symbolic links), so neither a link to a
    published report nor a path through ``.staging/..`` hides it. A reports folder is the
    project's (``analysis.paths.REPORTS_DIR``), one a batch holds the lock of, or one
    with an ``index.html`` beside its run records.
    """
    resolved = Path(folder).resolve()
    reports = paths.REPORTS_DIR.resolve()
    for parent in (resolved, *resolved.parents):
        if parent == reports or (parent / LOCK_NAME).exists() \
                or (parent / "index.html").exists() and (parent / RUNS_DIR).is_dir():
            return parent
    return None
