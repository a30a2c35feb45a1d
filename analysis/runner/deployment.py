"""Parameters of a deployment: who publishes the reports and how to reach them.

Read from ``deploy/publication.yaml`` (or the file named by the environment variable
``ANALYSIS_PUBLICATION``). Missing keys fall back to :data:`DEFAULTS`, which hold no owner
and no contact: a placeholder address must never reach a published page. Without a
configured owner or contact the page leaves that line out and a run prints one warning
(:func:`missing_settings`). The owner and purpose may be given in
another report language with the language's code as suffix (``owner_nn``); a page in that
language shows them, else the default text.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.i18n import DEFAULT_LANGUAGE, LANGUAGES, language
from analysis.paths import PROJECT_ROOT, public_path
from analysis.yamlfiles import load_file

ENV = "ANALYSIS_PUBLICATION"
DEFAULT_FILE = PROJECT_ROOT / "deploy" / "publication.yaml"
DEFAULTS = {
    "owner": "",
    "contact": "",
    "purpose": "Beregninger til bruk i departementets arbeid. Hver rapport regner på ett "
               "scenario med en modell og viser kildene for alle tall.",
}


TRANSLATED = ("owner", "purpose")  # keys that may have a ``_<language>`` variant


@dataclass(frozen=True)
class Publication:
    owner: str
    contact: str
    purpose: str


def _file() -> Path:
    return Path(os.environ[ENV]) if os.environ.get(ENV) else DEFAULT_FILE


@cache
def _load(path: Path) -> Publication:
    raw: dict = {}
    if path.exists():
        # the strict reader: a key given twice, an alias bomb or non-UTF-8 text is
        # refused with the file and line
        raw = load_file(path, AnalysisError, f"The publication file {public_path(path)}"
                        ) or {}
        allowed = [*DEFAULTS, *(f"{k}_{code}" for code in LANGUAGES
                                 if code != DEFAULT_LANGUAGE for k in TRANSLATED)]
        unknown = set(raw) - set(allowed) if isinstance(raw, dict) else {"(not a mapping)"}
        if unknown:
            raise AnalysisError(f"The publication file {public_path(path)} has unknown keys "
                                f"{sorted(unknown)}; allowed are {', '.join(allowed)}.")
    values = {k: str(raw.get(k) or v).strip() for k, v in DEFAULTS.items()}
    return _in_languages(values, raw)


def _in_languages(values: dict, raw: dict) -> dict[str, Publication]:
    out = {}
    for code in LANGUAGES:
        own = {k: str(raw.get(f"{k}_{code}") or values[k]).strip() for k in TRANSLATED}
        out[code] = Publication(**{**values, **own})
    return out


def publication() -> Publication:
    """Owner, contact and purpose of this deployment, in the current report language."""
    return _load(_file())[language()]


def missing_settings() -> str | None:
    """One warning sentence when the deployment names no owner or no contact, else None."""
    pub = _load(_file())[DEFAULT_LANGUAGE]
    missing = [key for key in ("owner", "contact") if not getattr(pub, key)]
    if not missing:
        return None
    return (f"warning: the publication file {_file().name} gives no {' and no '.join(missing)};"
            f" the reports leave that line out. Set {', '.join(missing)} in "
            f"deploy/publication.yaml or in the file named by {ENV}.")


def package_version() -> str:
    """The installed version of the ``analysis`` package."""
    try:
        return version("analysis")
    except PackageNotFoundError:
        return "ukjent"


def contact_html(contact: str) -> str:
    """The contact as shown on a page: a mail link when it is an e-mail address."""
    esc = html.escape(contact)
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", contact, flags=re.I):
        return f'<a href="mailto:{esc}">{esc}</a>'
    return esc
