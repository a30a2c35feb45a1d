"""Project paths, resolved from the package location, never from the working directory.

Notebooks run by papermill may start in any folder; resolving everything from here keeps
relative-path surprises out of reports.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DATA_DIR = PROJECT_ROOT / "data"
PARAMETERS_DIR = DATA_DIR / "parameters"
SCENARIOS_DIR = DATA_DIR / "scenarios"
# Reports may be redirected (for example by tests or a scheduler) without touching code.
REPORTS_DIR = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJECT_ROOT / "reports"))
