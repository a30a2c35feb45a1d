"""Where a run with ``-p`` overrides publishes when no ``--out`` is given: its own folder,
never over a scheduled report.

``reports/egne/<notebook>-<scenario>-<hash>/`` (``<hash>``: the first 8 hex digits of the
SHA-256 of the sorted overrides), so the same overrides land in the same folder and other
overrides in another; the scheduled reports and their index page stay as they were.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from analysis.notebooks import Target

OWN = "egne"


def own_folder(reports: Path, targets: list[Target], overrides: dict[str, Any]) -> Path:
    """The reports folder of a run with ``overrides`` (named by its scenario, or by its
    notebook when it builds several, and a short hash of the overrides)."""
    digest = hashlib.sha256(json.dumps(overrides, sort_keys=True, default=str)
                            .encode("utf-8")).hexdigest()[:8]
    names = sorted({str(t).replace("/", "-") for t in targets})
    name = names[0] if len(names) == 1 else "-".join(sorted({t.notebook for t in targets}))
    return reports / OWN / f"{name}-{digest}"
