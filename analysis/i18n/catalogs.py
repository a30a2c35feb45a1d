"""Extract the report text and update the catalogs (``python -m analysis catalogs``).

Babel does the work, with the extractors of :mod:`analysis.i18n.extractors` for the code,
the notebooks' markdown paragraphs and the parameter and scenario files' Norwegian fields.
For each domain the messages are written to ``analysis/locale/<domain>.pot`` and merged
into the catalog of every translated language (not bokmål: the code is written in
bokmål, the message id is the bokmål text, and a bokmål page shows it as it is).

The merge works like GNU ``msgmerge --previous``: a message whose bokmål text changed is
matched to its nearest earlier message, keeps that message's translation, is marked
``fuzzy`` and carries the earlier bokmål text (``#| msgid``), so the translator sees what
changed. A fuzzy translation is never shown (the page shows the bokmål text until it is
reviewed), and :func:`check` (``python -m analysis catalogs --check``) fails while any
message lacks a reviewed translation. Entries no longer used and not matched are dropped.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import normalize, read_po, unescape, write_po

from analysis.i18n import DOMAINS, LANGUAGES, LOCALE_DIR, TRANSLATED, catalog_path
from analysis.i18n.extractors import markdown_paragraphs
from analysis.paths import PROJECT_ROOT

#: Python keywords: ``_(text)``, ``_n(singular, plural, n)``, ``_p(context, text)``,
#: ``N_(text)``, ``NP_(context, text)`` (``_.n`` and ``_.p`` are read as ``_n``, ``_p``).
KEYWORDS = {"_": None, "_n": (1, 2), "_p": ((1, "c"), 2), "N_": None, "NP_": ((1, "c"), 2)}
PYTHON = "analysis.i18n.extractors:extract_python"
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
    return {".py": PYTHON, ".ipynb": NOTEBOOK, ".yaml": YAML}[path.suffix]


def extract(domain: str, root: Path = PROJECT_ROOT) -> Catalog:
    """Every message of ``domain``, with where it is used."""
    template = Catalog(domain=domain, project="analysis", version="", charset="utf-8",
                       copyright_holder="the analysis project", msgid_bugs_address="",
                       creation_date=datetime(2026, 1, 1))  # fixed: no churn in the .pot
    for source in SOURCES[domain]:
        path = root / source
        if path.is_dir():
            found = ((str(path.relative_to(root) / name), *rest) for name, *rest in
                     extract_from_dir(path, method_map=[("**.py", PYTHON)],
                                      keywords=KEYWORDS))
        else:
            found = ((source, *rest) for rest in
                     extract_from_file(_method(path), path, keywords=KEYWORDS))
        for filename, lineno, message, comments, context in found:
            template.add(message, locations=[(filename, lineno)], auto_comments=comments,
                         context=context)
    return template


#: A placeholder comment that :func:`_po_bytes` replaces by the earlier text.
_MARK = "|previous "


def _previous(message: Message) -> None:
    """Babel reads a ``#| msgid "earlier text"`` line as a user comment: make it the
    message's previous id again (Babel writes it back from there)."""
    lines = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not lines:
        return
    parts: dict[str, str] = {}
    key = "msgid"
    for line in lines:
        word, _sp, rest = line.partition(" ")
        if word in ("msgid", "msgid_plural"):
            key, line = word, rest
        parts[key] = parts.get(key, "") + unescape(line.strip())
    message.previous_id = [parts[k] for k in ("msgid", "msgid_plural") if k in parts]
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]


def _read(code: str, domain: str) -> Catalog:
    path = catalog_path(code, domain)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=LANGUAGES[code], domain=domain)
        for message in catalog:
            _previous(message)
        return catalog
    return Catalog(locale=LANGUAGES[code], domain=domain, project="analysis", version="",
                   charset="utf-8", copyright_holder="the analysis project",
                   msgid_bugs_address="", fuzzy=False, creation_date=datetime(2026, 1, 1),
                   revision_date=datetime(2026, 1, 1))


def _split_cells(catalog: Catalog) -> None:
    """Give each paragraph of a whole-cell markdown entry (made before markdown was
    translated per paragraph, e.g. on a branch merged later) its own entry with the
    matching paragraph of the translation, where the two have as many paragraphs."""
    for m in list(catalog):
        if not (isinstance(m.id, str) and isinstance(m.string, str) and m.string
                and not m.fuzzy and any(f.endswith(".ipynb") for f, _l in m.locations)):
            continue
        ids, texts = markdown_paragraphs(m.id), markdown_paragraphs(m.string)
        if len(ids) > 1 and len(ids) == len(texts):
            for paragraph, text in zip(ids, texts, strict=True):
                if catalog.get(paragraph) is None:
                    catalog.add(paragraph, text, locations=m.locations)


def merged(code: str, domain: str, template: Catalog) -> Catalog:
    """The catalog of language ``code`` merged with ``template`` (not written)."""
    catalog = _read(code, domain)
    _split_cells(catalog)
    # Babel forgets the earlier text of an entry that is still fuzzy: keep it to review
    earlier = {(m.id, m.context): m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    # update() adopts the template's message objects: give each language its own copy;
    # a changed message is matched to its nearest earlier one, marked fuzzy with the
    # earlier text as previous msgid (msgmerge --previous)
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=False)
    catalog.obsolete.clear()
    for m in catalog:  # a reviewed entry needs no earlier text (msgmerge drops it too)
        m.previous_id = (m.previous_id or earlier.get((m.id, m.context), [])) if m.fuzzy else []
    return catalog


def _pot_bytes(template: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, template, width=88, omit_header=False, sort_output=True)
    return buf.getvalue()


def _po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a ``.po`` file, a fuzzy entry's earlier text in ``#|`` lines as GNU
    gettext writes them (Babel wraps a long one across its quotes: written here)."""
    catalog = copy.deepcopy(catalog)
    earlier = []
    for m in catalog:
        if m.id and m.previous_id:
            m.user_comments.append(f"{_MARK}{len(earlier)}")
            earlier.append(m.previous_id)
            m.previous_id = []
    buf = io.BytesIO()
    write_po(buf, catalog, width=88, sort_output=True)
    out, pending = [], []
    for line in buf.getvalue().decode("utf-8").splitlines(keepends=True):
        if line.startswith(f"# {_MARK}"):
            ids = earlier[int(line.removeprefix(f"# {_MARK}"))]
            pending = [f"#| {kw} {normalize(text, prefix='#| ', width=88)}\n"
                       for kw, text in zip(("msgid", "msgid_plural"), ids, strict=False)]
            continue
        if pending and line.startswith(("msgctxt ", "msgid ")):
            out += pending
            pending = []
        out.append(line)
    return "".join(out).encode("utf-8")


def update(domain: str, root: Path = PROJECT_ROOT) -> dict[str, int]:
    """Write the domain's template and merge it into each translated language; return
    how many messages of each language lack a reviewed translation."""
    template = extract(domain, root)
    LOCALE_DIR.mkdir(exist_ok=True)
    (LOCALE_DIR / f"{domain}.pot").write_bytes(_pot_bytes(template))
    missing = {}
    for code in TRANSLATED:
        catalog = merged(code, domain, template)
        missing[code] = len(problems(catalog, code))
        path = catalog_path(code, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))
    return missing


def _texts(message: Message) -> list[str]:
    s = message.string
    return list(s) if isinstance(s, tuple | list) else [s]


def _first(ids) -> str:
    return ids[0] if isinstance(ids, tuple | list) else ids


@dataclass(frozen=True)
class Problem:
    """One message without a reviewed translation in one language."""

    code: str
    domain: str
    message: str
    context: str | None
    previous: str | None  # the earlier bokmål text of a fuzzy entry

    def __str__(self) -> str:
        where = f"{self.code}/{self.domain}.po"
        ctx = f" [msgctxt {self.context!r}]" if self.context else ""
        if self.previous is not None:
            return (f"{where}: fuzzy (the bokmål text changed; review the translation)"
                    f"{ctx}: {self.message!r}, earlier: {self.previous!r}")
        return f"{where}: no translation{ctx}: {self.message!r}"


def problems(catalog: Catalog, code: str) -> list[Problem]:
    """The messages of language ``code``'s catalog that are fuzzy or lack a translation."""
    found = []
    for m in catalog:
        if not m.id or (not m.fuzzy and all(_texts(m))):
            continue
        previous = _first(m.previous_id) if m.fuzzy and m.previous_id else None
        if m.fuzzy and previous is None:
            previous = ""  # fuzzy without an earlier text: still to review
        found.append(Problem(code, catalog.domain or "", _first(m.id), m.context, previous))
    return found


def _content(catalog: Catalog) -> set[tuple]:
    """What a catalog says, without where each message is used (line numbers move with
    every edit of the code and are refreshed by the next update)."""
    def frozen(value):
        return tuple(value) if isinstance(value, tuple | list) else value

    return {(m.context, frozen(m.id), frozen(m.string), m.fuzzy, frozen(m.previous_id))
            for m in catalog if m.id}


def check(root: Path = PROJECT_ROOT) -> list[str]:
    """What stands between the catalogs and a complete translation, one line each:
    every message of the current code, notebooks and files that is fuzzy or has no
    translation in a translated language, and every catalog file whose messages differ
    from the extracted text (``python -m analysis catalogs`` writes it; moved line
    numbers alone do not count). Writes nothing."""
    stale = ("{}: not up to date with the text of the code, notebooks and parameter files "
             "(run `python -m analysis catalogs`)")
    lines = []
    for domain in DOMAINS:
        template = extract(domain, root)
        pot = LOCALE_DIR / f"{domain}.pot"
        if not pot.exists() or {(m.context, m.id) for m in _read_pot(pot) if m.id} != {
                (m.context, m.id) for m in template if m.id}:
            lines.append(stale.format(f"{domain}.pot"))
        for code in TRANSLATED:
            catalog = merged(code, domain, template)
            lines += [str(p) for p in problems(catalog, code)]
            path = catalog_path(code, domain)
            if not path.exists() or _content(_read(code, domain)) != _content(catalog):
                lines.append(stale.format(f"{code}/{domain}.po"))
    return lines


def _read_pot(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def update_all(root: Path = PROJECT_ROOT) -> dict[str, dict[str, int]]:
    return {domain: update(domain, root) for domain in DOMAINS}
