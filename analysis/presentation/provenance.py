"""The provenance table that ends every report: every parameter, its value and source."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.parameters import ParameterFile, ParameterSpec
from analysis.presentation.formatting import number
from analysis.presentation.report import Table

# The public documents parameters cite, by their reference number (saksnummer). A
# parameter file names a letter by its reference number (``document: "20/42562-29"``) or by
# a citation that contains it; the report then shows the full public reference below. A
# document not listed here is shown as the parameter file writes it.
PUBLIC_DOCUMENTS = {
    "20/42562-29": ("Helsedirektoratet, brev til Helse- og omsorgsdepartementet 19.11.2020: "
                    "«Svar på oppdrag 232 til Helsedirektoratet om helsepersonellportalen», "
                    "ref. 20/42562-29"),
    "20/27924-5": ("Helsedirektoratet, brev til alle kommuner 19.08.2020: «Bruk av "
                   "personellressurser ved TISK», ref. 20/27924-5"),
    "21/227-1": ("Helsedirektoratet, brev til statsforvalterne 04.01.2021: «Liste over mulige "
                 "tiltak for kommuner med bemanningsutfordringer», ref. 21/227-1"),
    "22/3861": ("Arbeids- og inkluderingsdepartementet, supplerende tildelingsbrev til "
                "Arbeidstilsynet 22.01.2024: «Kunnskapsbehov – vurdering av dagens ordning for "
                "HMS-opplæring», ref. 22/3861"),
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
            return citation
    return document


def source_text(spec: ParameterSpec) -> str:
    """One line, in Norwegian, saying where a value comes from."""
    if spec.setting:
        return "Metodevalg"
    if spec.assumption is not None:
        return f"Antakelse: {spec.assumption.rationale}"
    s = spec.source
    if s.kind == "letter":
        return f"{cite(s.document)}, avsnitt «{s.section}»"
    if s.kind == "statistic":
        return f"{s.title}, {s.publisher} {s.year}"
    if s.kind == "law":
        return f"{s.title} {s.section}"
    origin = ""
    if s.document:
        origin = f"; grunnlag: {cite(s.document)}, «{s.section}»"
    elif s.title:
        origin = f"; grunnlag: {s.title}, {s.publisher} {s.year}"
    return f"Utledet: {s.how}{origin}"


_PATH = re.compile(r"[/\\]|\.(csv|xlsx?|txt|json|ya?ml|parquet)$", re.I)
DATA_FILE_TEXT = "datafil, se «Datakilder»"


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
        return "ja" if v else "nei"
    if isinstance(v, int | float):
        return number(v, 0 if float(v).is_integer() else 2)
    if isinstance(v, list):
        return ", ".join(_value_text(x, labels) for x in v)
    if isinstance(v, str) and v in labels:
        return labels[v]
    if isinstance(v, str) and _PATH.search(v):
        return DATA_FILE_TEXT
    return str(v)


def provenance_frame(pfile: ParameterFile, values: dict[str, Any],
                     value_labels: Mapping[str, Mapping[Any, str]] | None = None
                     ) -> pd.DataFrame:
    """Every parameter used, flagging overrides and assumptions (raw values kept).

    ``value_labels`` maps a parameter's name to Norwegian words for its code values, e.g.
    ``{"allocation_method": {"proportional": "forholdsmessig"}}``.
    """
    value_labels = value_labels or {}
    defaults = pfile.defaults
    rows = []
    for name, spec in pfile.parameters.items():
        value = values[name]
        rng = spec.range
        labels = value_labels.get(name)
        rows.append({
            "parameter": name,
            "label": spec.label,
            "value": value,
            "value_text": _value_text(value, labels),
            "unit": spec.unit,
            "default": defaults[name],
            "overridden": value != defaults[name],
            "kind": "setting" if spec.setting else "assumption" if spec.is_assumption
            else "source",
            "range_text": f"{_value_text(rng.low)}–{_value_text(rng.high)}" if rng else "",
            "source": source_text(spec),
            "status": ", ".join(
                flag for flag, on in (("overstyrt i denne kjøringen",
                                       value != defaults[name]),
                                      ("antakelse", spec.is_assumption)) if on
            ),
        })
    return pd.DataFrame(rows)


def provenance_table(pfile: ParameterFile, values: dict[str, Any],
                     value_labels: Mapping[str, Mapping[Any, str]] | None = None) -> Table:
    """The report's closing table of parameters with sources (see :func:`provenance_frame`)."""
    return Table(
        name="kilder_og_forutsetninger",
        caption="Alle parametere i beregningen, med verdi, kilde og status",
        data=provenance_frame(pfile, values, value_labels),
        columns={
            "label": "Parameter",
            "value_text": "Verdi",
            "unit": "Enhet",
            "range_text": "Usikkerhetsintervall",
            "status": "Status",
            "source": "Kilde",
        },
        formats={"value_text": "verbatim", "range_text": "verbatim"},
        note="«Overstyrt» betyr at verdien avviker fra standardverdien i parameterfilen. "
        "«Antakelse» betyr at verdien ikke står i en kilde, men er anslått med et "
        "intervall.",
    )


def data_sources(pfile: ParameterFile) -> list[str]:
    """The distinct documents and statistics the parameters rest on (Norwegian)."""
    seen: list[str] = []
    for spec in pfile.parameters.values():
        s = spec.source
        if s is None:
            continue
        doc = getattr(s, "document", None)
        if doc:
            text = cite(doc)
        elif s.kind == "law":
            text = s.title
        elif getattr(s, "title", None):
            text = f"{s.title}, {s.publisher} {s.year}"
        else:
            continue
        if text not in seen:
            seen.append(text)
    if any(spec.is_assumption for spec in pfile.parameters.values()):
        seen.append("Egne antakelser, merket i tabellen over parametere")
    return seen
