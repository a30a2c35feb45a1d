"""Project paths, resolved from the package location, never from the working directory.

Notebooks run by papermill may start in any folder; resolving everything from here keeps
relative-path surprises out of reports.

:func:`public_path` and :func:`public_text` are the one place where a path of this machine
becomes something that may be published or shown: relative to the project when inside
it, the file name alone when outside it. Published files never carry a machine's folders
(and with them a user name).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DATA_DIR = PROJECT_ROOT / "data"
PARAMETERS_DIR = DATA_DIR / "parameters"
SCENARIOS_DIR = DATA_DIR / "scenarios"
# Reports may be redirected (for example by tests or a scheduler) without touching code.
REPORTS_DIR = Path(os.environ.get("ANALYSIS_REPORTS_DIR", PROJECT_ROOT / "reports"))


def public_path(path: str | Path) -> str:
    """``path`` as it may be published: project-relative (POSIX), else the file name.

    >>> public_path(PROJECT_ROOT / "data" / "x.csv")
    'data/x.csv'
    >>> public_path("/Users/kari.nordmann/Nedlastinger/demand.csv")
    'demand.csv'
    >>> public_path("data/x.csv")
    'data/x.csv'
    """
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    for candidate in (p, Path(os.path.abspath(p)), p.resolve()):
        try:
            rel = candidate.relative_to(PROJECT_ROOT).as_posix()
            return rel or "."
        except ValueError:
            continue
    return p.name


# Absolute paths left in free text: at least two folders deep, not inside a URL, base64
# data or a relative path (so "</a>" and "data:image/png;base64,..." are left alone).
_ABS_PATH = re.compile(r"(?<![\w.:/+=~\\-])(?<!base64,)(?:/[\w.@+~-]+){2,}/?"
                       r"|\b[A-Za-z]:\\[^\s\"'<>|,;]+")


def public_text(text: str, roots: dict[str | Path, str] | None = None) -> str:
    """``text`` with every absolute path made public (see :func:`public_path`).

    ``roots`` maps machine folders (or files) to the names they are published as (a
    run's staging folder becomes ``.``); the project root becomes ``.`` and the home
    folder ``~``; any other absolute path keeps only its file name.

    >>> public_text(f"read {PROJECT_ROOT}/data/a.csv and /Users/kari/b.csv")
    'read data/a.csv and b.csv'
    """
    mapping: dict[str, str] = {}
    home = Path.home()
    for root, name in {home: "~", **(roots or {}), PROJECT_ROOT: "."}.items():
        for form in {str(root), os.path.abspath(root), str(Path(root).resolve())}:
            if len(form.rstrip("/\\")) > 1:
                mapping[form.rstrip("/\\")] = name
    for form in sorted(mapping, key=len, reverse=True):
        name = mapping[form]
        inner = "" if name == "." else name + "/"
        text = re.sub(re.escape(form) + r"[/\\](?=[^\s\"'<>])", lambda _m, r=inner: r, text)
        text = re.sub(re.escape(form) + r"(?![\w.-])", lambda _m, r=name: r, text)
    return _ABS_PATH.sub(lambda m: _tail(m.group(0)), text)


def _tail(path: str) -> str:
    return re.split(r"[/\\]", path.rstrip("/\\"))[-1] or "."
