"""The provenance table that ends every report: every parameter, its value and source.

Shown in the current report language: the frame's words through the ``common`` catalog,
the parameter file's own text (labels, units, rationales, how a value is derived, titles
of statistics and laws) through the catalog of the notebook's family. Quotes and the
letters' section headings are citations and stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.i18n import LANGUAGE_NAMES, N_, domain_of, translator
from analysis.parameters import ParameterFile, ParameterSpec
from analysis.presentation.formatting import date_in_words, number
from analysis.presentation.report import Table

# The public documents parameters cite, by their reference number (saksnummer). A
# parameter file names a letter by its reference number (``document: "20/42562-29"``) or by
# a citation that contains it; the report then shows the full public reference below. A
# document not listed here is shown as the parameter file writes it.
_ = translator("common")
# The description is translated; the letters' titles in «» are citations and are not.
PUBLIC_DOCUMENTS = {
    "20/42562-29": N_("Helsedirektoratet, brev til Helse- og omsorgsdepartementet "
                      "19.11.2020: «Svar på oppdrag 232 til Helsedirektoratet om "
                      "helsepersonellportalen», ref. 20/42562-29"),
    "20/27924-5": N_("Helsedirektoratet, brev til alle kommuner 19.08.2020: «Bruk av "
                     "personellressurser ved TISK», ref. 20/27924-5"),
    "21/227-1": N_("Helsedirektoratet, brev til statsforvalterne 04.01.2021: «Liste over "
                   "mulige tiltak for kommuner med bemanningsutfordringer», ref. 21/227-1"),
    "22/3861": N_("Arbeids- og inkluderingsdepartementet, supplerende tildelingsbrev til "
                  "Arbeidstilsynet 22.01.2024: «Kunnskapsbehov – vurdering av dagens ordning "
                  "for HMS-opplæring», ref. 22/3861"),
}


def cite(document: str) -> str:
    """The public reference of a cited document.

    >>> cite("20/42562-29").startswith("Helsedirektoratet, brev til Helse- og omsorg")
    True
    >>> cite("Helsedirektoratet 04.01.2021, ref. 21/227-1").endswith("ref. 21/227-1")
    True
    """
    for ref, citation in PUBLIC_DOCUMENTS.items():
        if re.search(rf"(?<![\d/]){re.escape(ref)}(?![\d-])", document):
            return _(citation)
    return document


def source_text(spec: ParameterSpec, domain: str = "common") -> str:
    """One line, in the report's language, saying where a value comes from (the parameter
    file's own words through the catalog ``domain`` of its notebook)."""
    own = translator(domain)
    if spec.setting:
        return _("Metodevalg")
    if spec.assumption is not None:
        return _("Antakelse: {rationale}").format(rationale=own(spec.assumption.rationale))
    s = spec.source
    if s.kind == "letter":
        return _("{document}, avsnitt «{section}»").format(document=cite(s.document),
                                                          section=s.section)
    if s.kind == "statistic":
        return f"{own(s.title)}, {s.publisher} {s.year}"
    if s.kind == "law":
        return f"{own(s.title)} {s.section}"
    if s.document:
        return _("Utledet: {how}; grunnlag: {document}, «{section}»").format(
            how=own(s.how), document=cite(s.document), section=s.section)
    if s.title:
        return _("Utledet: {how}; grunnlag: {title}, {publisher} {year}").format(
            how=own(s.how), title=own(s.title), publisher=s.publisher, year=s.year)
    return _("Utledet: {how}").format(how=own(s.how))


_PATH = re.compile(r"[/\\]|\.(csv|xlsx?|txt|json|ya?ml|parquet)$", re.I)
DATA_FILE_TEXT = N_("datafil, se «Datakilder»")
#: Units that are words of the code, not of the reader: shown as no unit.
DEVELOPER_UNITS = {"filsti", "språkkode"}
#: Parameters whose value is the reader's choice, not a change of the analysis.
NOT_FLAGGED = {"language"}


def _value_text(v: Any, labels: Mapping[Any, str] | None = None) -> str:
    """A parameter value as a reader sees it: Norwegian numbers, words for code values.

    ``labels`` maps code values (choices, list items) to Norwegian words; a file path is
    never shown (the data sources name the data in words).

    >>> _value_text(["role", "sector"], {"role": "rolle", "sector": "sektor"})
    'rolle, sektor'
    >>> _value_text("data/hms/x.csv")
    'datafil, se «Datakilder»'
    """
    labels = labels or {}
    if isinstance(v, bool):
        return _("ja") if v else _("nei")
    if isinstance(v, int | float):
        return number(v, 0 if float(v).is_integer() else 2)
    if isinstance(v, list):
        return ", ".join(_value_text(x, labels) for x in v)
    if isinstance(v, str) and v in labels:
        return labels[v]
    if isinstance(v, str) and _PATH.search(v):
        return _(DATA_FILE_TEXT)
    return str(v)


def _date_words(value: Any) -> dict[Any, str] | None:
    """A date parameter's value in words (``format: date``), in the report's language.

    >>> _date_words("2020-11-30"), _date_words("not a date")
    ({'2020-11-30': '30. november 2020'}, None)
    """
    try:
        return {value: date_in_words(value)} if isinstance(value, str) else None
    except ValueError:
        return None


def provenance_frame(pfile: ParameterFile, values: dict[str, Any],
                     value_labels: Mapping[str, Mapping[Any, str]] | None = None
                     ) -> pd.DataFrame:
    """Every parameter used, flagging overrides and assumptions (raw values kept).

    ``value_labels`` maps a parameter's name to Norwegian words for its code values, e.g.
    ``{"allocation_method": {"proportional": "forholdsmessig"}}``.
    """
    value_labels = value_labels or {}
    defaults = pfile.defaults
    own = translator(domain_of(pfile.notebook))
    rows = []
    for name, spec in pfile.parameters.items():
        value = values[name]
        rng = spec.range
        labels = value_labels.get(name)
        if name == "language" and labels is None:  # the report language, by its name
            labels = LANGUAGE_NAMES
        if spec.format == "date" and labels is None:  # a date in words: 30. november 2020
            labels = _date_words(value)
        rows.append({
            "parameter": name,
            "label": own(spec.label),
            "value": value,
            # a seed or another number without a unit is an identifier, not an amount
            "value_text": (str(value) if spec.setting and not spec.unit
                           and isinstance(value, int) and not isinstance(value, bool)
                           else _value_text(value, labels)),
            "unit": "" if spec.unit in DEVELOPER_UNITS else own(spec.unit),
            "default": defaults[name],
            "overridden": value != defaults[name],
            "kind": "setting" if spec.setting else "assumption" if spec.is_assumption
            else "source",
            "range_text": f"{_value_text(rng.low)}–{_value_text(rng.high)}" if rng else "",
            "source": source_text(spec, domain_of(pfile.notebook)),
            "status": ", ".join(
                flag for flag, on in ((_("endret i dette scenarioet"),
                                       value != defaults[name] and name not in NOT_FLAGGED),
                                      (_("antakelse"), spec.is_assumption)) if on
            ),
        })
    return pd.DataFrame(rows)


def provenance_table(pfile: ParameterFile, values: dict[str, Any],
                     value_labels: Mapping[str, Mapping[Any, str]] | None = None) -> Table:
    """The report's closing table of parameters with sources (see :func:`provenance_frame`)."""
    return Table(
        name="kilder_og_forutsetninger",
        caption=_("Alle parametere i beregningen, med verdi, kilde og status"),
        data=provenance_frame(pfile, values, value_labels),
        columns={
            "label": _("Parameter"),
            "value_text": _("Verdi"),
            "unit": _("Enhet"),
            "range_text": _("Usikkerhetsintervall"),
            "status": _("Status"),
            "source": _("Kilde"),
        },
        formats={"value_text": "verbatim", "range_text": "verbatim"},
        note=_("«Endret i dette scenarioet» betyr at scenarioet bruker en annen verdi enn "
               "kilden eller rapportens standardverdi. «Antakelse» betyr at verdien ikke står "
               "i en kilde, men er anslått med et intervall."),
    )


_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def short_citation(ref: str) -> str:
    """«Helsedirektoratet 19.11.2020, ref. 20/42562-29» for a public document's reference.

    >>> short_citation("20/42562-29")
    'Helsedirektoratet 19.11.2020, ref. 20/42562-29'
    """
    full = cite(ref)
    date = _DATE.search(full)
    if date is None:
        return full
    return _("{sender} {date}, ref. {ref}").format(sender=full.split(",")[0],
                                                    date=date.group(0), ref=ref)


def sources_table(pfile: ParameterFile, values: Mapping[str, Any], *,
                  value_labels: Mapping[str, Mapping[Any, str]] | None = None,
                  value_words: Mapping[str, str] | None = None,
                  short: bool = False) -> Table:
    """The closing table of parameters and sources: the one entry point every family's
    report uses (:func:`provenance_table` with a family's words).

    ``value_labels``: words for a parameter's code values; ``value_words``: a text shown
    instead of a parameter's value (a data file described, not named). ``short``: each
    citation as sender, date and reference number (the full references are listed under
    «Datakilder»), and a sourced value the simulations vary also gets the reason for its
    range, so this one table, short enough to print, holds every value, range and reason.
    """
    table = provenance_table(pfile, dict(values), value_labels)
    data = table.data.copy()
    for name, text in (value_words or {}).items():
        at = data["parameter"] == name
        for column in ("value", "value_text", "default"):
            data[column] = data[column].astype(object)
            data.loc[at, column] = text
    if short:
        own = translator(domain_of(pfile.notebook))
        for full, brief in {cite(ref): short_citation(ref) for ref in PUBLIC_DOCUMENTS}.items():
            data["source"] = data["source"].str.replace(full, brief, regex=False)
        for row in data.itertuples():
            spec = pfile.parameters[row.parameter]
            if spec.range is not None and row.kind == "source":
                data.loc[row.Index, "source"] = _("{source}. Intervallet: {reason}").format(
                    source=row.source, reason=own(spec.range.rationale))
        table.note = " ".join(filter(None, (table.note, _(
            "Simuleringene trekker verdier innenfor intervallene; en brukt verdi utenfor "
            "sitt intervall stanser beregningen. Kildene står med full tittel under "
            "«Datakilder»."))))
    table.data = data
    return table


def data_sources(pfile: ParameterFile) -> list[str]:
    """The distinct documents and statistics the parameters rest on (Norwegian)."""
    own = translator(domain_of(pfile.notebook))
    seen: list[str] = []
    for spec in pfile.parameters.values():
        s = spec.source
        if s is None:
            continue
        doc = getattr(s, "document", None)
        if doc:
            text = cite(doc)
        elif s.kind == "law":
            text = own(s.title)
        elif getattr(s, "title", None):
            text = f"{own(s.title)}, {s.publisher} {s.year}"
        else:
            continue
        if text not in seen:
            seen.append(text)
    if any(spec.is_assumption for spec in pfile.parameters.values()):
        seen.append(_("Egne antakelser, merket i tabellen over parametere"))
    return seen
