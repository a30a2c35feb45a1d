"""What a report depends on, hashed: the basis of ``run --changed`` and the run manifest.

A report's inputs are its notebook, its parameter file, its scenario entry and resolved
parameters (all but ``language``: the languages a job built are recorded apart), the
package code (every file under ``analysis/``, the language catalogs included, and the
pinned requirements), every data file a text parameter points to, and every file of the project
the notebook opened while it ran (recorded by :mod:`analysis.presentation.report`, e.g. a
county table a loader reads without a parameter). Content is hashed, not modification
times, so a fresh clone and an unchanged file agree.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from analysis.notebooks import Target, scenario_of
from analysis.parameters import parameter_file_path
from analysis.paths import PROJECT_ROOT, public_path

PACKAGE_DIR = PROJECT_ROOT / "analysis"
CODE_KEY = "analysis/ (package code) + requirements.lock"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def code_hash() -> str:
    """One hash over the package's source files and the pinned requirements."""
    h = hashlib.sha256()
    files = sorted(p for p in PACKAGE_DIR.rglob("*")
                   if p.is_file() and p.suffix in {".py", ".css", ".html", ".yaml", ".json", ".po"}
                   and "__pycache__" not in p.parts)
    lock = PROJECT_ROOT / "requirements.lock"
    for p in files + ([lock] if lock.exists() else []):
        h.update(p.relative_to(PROJECT_ROOT).as_posix().encode())
        h.update(file_hash(p).encode())
    return h.hexdigest()


PUBLICATION_KEY = "publication settings (deploy/publication.yaml or ANALYSIS_PUBLICATION)"


def publication_hash() -> str:
    """One hash over the publication settings every page shows (owner, contact,
    purpose): the file in use, which ``ANALYSIS_PUBLICATION`` may name, and its text."""
    from analysis.runner import deployment

    path = deployment._file()
    h = hashlib.sha256(os.environ.get(deployment.ENV, "").encode())
    h.update(path.read_bytes() if path.is_file() else MISSING.encode())
    return h.hexdigest()


def _rel(path: Path) -> str:
    """Project-relative name, or the file name alone outside the project (no machine
    folders in run records)."""
    return public_path(path)


MISSING = "missing"


def data_files(values: dict[str, Any]) -> list[Path]:
    """Files named by text parameters (relative to the project root, or absolute)."""
    out = []
    for v in values.values():
        if isinstance(v, str) and v and ("/" in v or "." in v):
            p = Path(v) if Path(v).is_absolute() else PROJECT_ROOT / v
            if p.is_file():
                out.append(p)
    return out


def target_inputs(target: Target, values: dict[str, Any],
                  read_files: list[str] = ()) -> dict[str, str]:
    """Input name → content hash for one report.

    ``read_files`` are the project-relative files an earlier run of the notebook opened;
    one that has gone is recorded as ``missing`` (and so counts as changed).
    """
    scenario = scenario_of(target).model_dump(mode="json")
    # the languages a job builds are recorded apart (run.json "languages"), not hashed
    shown = {k: v for k, v in values.items() if k != "language"}
    resolved = json.dumps({"scenario": scenario, "parameters": shown}, sort_keys=True,
                          default=str)
    inputs = {
        _rel(target.path): file_hash(target.path),
        _rel(parameter_file_path(target.notebook)):
            file_hash(parameter_file_path(target.notebook)),
        f"scenario {target} (entry and resolved parameters)":
            hashlib.sha256(resolved.encode()).hexdigest(),
        CODE_KEY: code_hash(),
        PUBLICATION_KEY: publication_hash(),
    }
    for p in data_files(values):
        inputs[_rel(p)] = file_hash(p)
    for rel in read_files:
        p = PROJECT_ROOT / rel
        inputs.setdefault(rel, file_hash(p) if p.is_file() else MISSING)
    return inputs


def fingerprint(inputs: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def changed_inputs(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Names of inputs that differ (added, removed or changed)."""
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
