"""The project files a report's kernel opens for reading, for ``run --changed``.

The runner installs a process-wide audit hook in the kernel before the notebook runs
(:func:`record`, once per kernel: an audit hook cannot be removed) and writes what it
noted into the report's folder after the last cell (:func:`write`, :data:`READ_FILES`);
:mod:`analysis.runner.execute` hashes those files with the run. Both calls are cells the
runner adds to the notebook it executes and removes from the executed notebook, so
neither a notebook nor the report object knows of them.

A kernel is kept warm between reports and data loaders cache what they read, so the
files noted are every project file the kernel opened so far: a superset of the report's
inputs, never fewer.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from analysis import published
from analysis.paths import PROJECT_ROOT

READ_FILES = "read_files.json"  # the project files a run opened, for `run --changed`

# Folders whose files are no input of a report: the code (hashed as the code version),
# the environment, and what the runner writes.
_NOT_INPUTS = {"analysis", ".venv", ".git", "reports", published.STAGING, "__pycache__"}
_read_files: set[str] = set()
_installed = False


def _hook(event: str, args: tuple) -> None:
    if event != "open":
        return
    try:
        path, mode, flags = args
        if not isinstance(path, str | os.PathLike):
            return
        if (any(c in mode for c in "wax+") if isinstance(mode, str)
                else flags & (os.O_WRONLY | os.O_RDWR)):
            return
        rel = Path(os.path.abspath(path)).relative_to(PROJECT_ROOT)
        if rel.parts and not _NOT_INPUTS & set(rel.parts) and rel.suffix != ".pyc":
            _read_files.add(rel.as_posix())
    except Exception:  # noqa: BLE001 - never disturb the open itself
        return


def record() -> None:
    """Note every project file this process opens for reading from now on (once per
    process)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def read_files() -> list[str]:
    """The project files opened so far that exist (an attempt to open a file that is not
    there is no input, nor is metadata of an installed package)."""
    return sorted(f for f in _read_files if (PROJECT_ROOT / f).is_file()
                  and not any(part.endswith(".egg-info") for part in Path(f).parts))


def write(folder: str | Path) -> None:
    """Write :func:`read_files` into ``folder`` as :data:`READ_FILES`."""
    read = read_files()
    if read:
        (Path(folder) / READ_FILES).write_text(json.dumps(read), encoding="utf-8")


def setup_cell() -> str:
    """The code of the cell the runner puts first: start noting reads."""
    return ("import analysis.runner.reads as _analysis_reads\n_analysis_reads.record()\n"
            "del _analysis_reads")


def final_cell(folder: str | Path) -> str:
    """The code of the cell the runner puts last: write what was read into ``folder``."""
    return (f"import analysis.runner.reads as _analysis_reads\n"
            f"_analysis_reads.write({str(folder)!r})\ndel _analysis_reads")
