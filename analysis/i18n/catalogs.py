"""Extract the report text and update the catalogs (``python -m analysis catalogs``).

Babel does the work: its Python extractor for the code, and two small extractors of our
own for the notebooks' markdown cells and the parameter and scenario files' Norwegian
fields. For each domain the messages are written to ``analysis/locale/<domain>.pot`` and
merged into every language's ``.po`` file; the bokmål catalog gets each message as its
own translation (the code is written in bokmål), the other languages get an empty entry
for a translator to fill. Entries no longer used are dropped.
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from analysis.i18n import DEFAULT_LANGUAGE, DOMAINS, LANGUAGES, LOCALE_DIR, catalog_path
from analysis.paths import PROJECT_ROOT

#: Python keywords: ``_(text)``, ``_n(singular, plural, n)``, ``_p(context, text)``, ``N_(text)``.
KEYWORDS = {"_": None, "_n": (1, 2), "_p": ((1, "c"), 2), "N_": None}
PYTHON = [("**.py", "python")]
NOTEBOOK = "analysis.i18n.extractors:extract_notebook"
YAML = "analysis.i18n.extractors:extract_yaml"

#: What each domain's messages come from, relative to the project root.
SOURCES: dict[str, list[str]] = {
    "common": ["analysis/presentation", "analysis/runner", "analysis/i18n",
               "analysis/uncertainty.py", "analysis/paths.py", "analysis/disclosure.py"],
    "response_team": ["analysis/response_team", "notebooks/response_team_costs.ipynb",
                      "data/parameters/response_team_costs.yaml",
                      "data/scenarios/response_team_costs.yaml"],
    "conscription": ["analysis/conscription", "analysis/municipalities",
                     "notebooks/conscription_scenarios.ipynb",
                     "data/parameters/conscription_scenarios.yaml",
                     "data/scenarios/conscription_scenarios.yaml",
                     "notebooks/conscription_retrospective.ipynb",
                     "data/parameters/conscription_retrospective.yaml",
                     "data/scenarios/conscription_retrospective.yaml"],
    "hms": ["analysis/hms", "notebooks/hms_training_survey.ipynb",
            "data/parameters/hms_training_survey.yaml",
            "data/scenarios/hms_training_survey.yaml"],
}


def _method(path: Path) -> str:
    return {".py": "python", ".ipynb": NOTEBOOK, ".yaml": YAML}[path.suffix]


def extract(domain: str, root: Path = PROJECT_ROOT) -> Catalog:
    """Every message of ``domain``, with where it is used."""
    template = Catalog(domain=domain, project="analysis", version="", charset="utf-8",
                       copyright_holder="the analysis project", msgid_bugs_address="",
                       creation_date=datetime(2026, 1, 1))  # fixed: no churn in the .pot
    for source in SOURCES[domain]:
        path = root / source
        if path.is_dir():
            found = ((str(path.relative_to(root) / name), *rest) for name, *rest in
                     extract_from_dir(path, method_map=PYTHON, keywords=KEYWORDS))
        else:
            found = ((source, *rest) for rest in
                     extract_from_file(_method(path), path, keywords=KEYWORDS))
        for filename, lineno, message, comments, context in found:
            template.add(message, locations=[(filename, lineno)], auto_comments=comments,
                         context=context)
    return template


def update(domain: str, root: Path = PROJECT_ROOT) -> dict[str, int]:
    """Write the domain's template and merge it into each language; untranslated counts."""
    template = extract(domain, root)
    LOCALE_DIR.mkdir(exist_ok=True)
    with (LOCALE_DIR / f"{domain}.pot").open("wb") as f:
        write_po(f, template, width=88, omit_header=False, sort_output=True)
    missing = {}
    for code, locale in LANGUAGES.items():
        path = catalog_path(code, domain)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=locale, domain=domain)
        else:
            catalog = Catalog(locale=locale, domain=domain, project="analysis", version="",
                              charset="utf-8", copyright_holder="the analysis project",
                              msgid_bugs_address="", fuzzy=False,
                              creation_date=datetime(2026, 1, 1),
                              revision_date=datetime(2026, 1, 1))
        # update() adopts the template's message objects: give each language its own copy
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if code == DEFAULT_LANGUAGE:  # the code is written in bokmål
            for message in catalog:
                if message.pluralizable and not all(message.string):
                    message.string = tuple(message.id)  # nb has the two forms of the code
                elif message.id and not message.string:
                    message.string = message.id
        missing[code] = sum(1 for m in catalog if m.id and not _translated(m))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=88, sort_output=True, include_previous=False)
    return missing


def _translated(message) -> bool:
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def update_all(root: Path = PROJECT_ROOT) -> dict[str, dict[str, int]]:
    return {domain: update(domain, root) for domain in DOMAINS}
