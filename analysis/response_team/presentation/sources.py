"""The closing table of parameters and sources, short enough to print.

The shared provenance table cites every letter in full in every row. Here each citation is
the sender, date and reference number (the full references are listed under
«Datakilder»), and a value taken from a source that the simulations vary also gets the
reason for its range, so this one table holds every value, range and reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from analysis.parameters import ParameterFile
from analysis.presentation.provenance import PUBLIC_DOCUMENTS, cite, provenance_table
from analysis.presentation.report import Table
from analysis.response_team.presentation._common import value_labels

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
    return f"{full.split(',')[0]} {date.group(0)}, ref. {ref}"


def sources_table(pfile: ParameterFile, params: Mapping[str, Any]) -> Table:
    """Every parameter with value, unit, range, status and a short source."""
    table = provenance_table(pfile, dict(params), value_labels=value_labels(params))
    data = table.data.copy()
    short = {cite(ref): short_citation(ref) for ref in PUBLIC_DOCUMENTS}
    for full, brief in short.items():
        data["source"] = data["source"].str.replace(full, brief, regex=False)
    for row in data.itertuples():
        spec = pfile.parameters[row.parameter]
        if spec.range is not None and row.kind == "source":
            data.loc[row.Index, "source"] = "{source}. Intervallet: {reason}".format(
                source=row.source, reason=spec.range.rationale)
    table.data = data
    table.note = (table.note + " Simuleringene trekker verdier innenfor intervallene; en "
                  "brukt verdi utenfor sitt intervall stanser beregningen. Kildene står med "
                  "full tittel under «Datakilder».").strip()
    return table
