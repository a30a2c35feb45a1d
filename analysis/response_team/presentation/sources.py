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

from analysis.i18n import translator
from analysis.parameters import ParameterFile
from analysis.presentation.provenance import PUBLIC_DOCUMENTS, cite, provenance_table
from analysis.presentation.report import Table
from analysis.response_team.presentation._common import value_labels

_ = translator("response_team")
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


def sources_table(pfile: ParameterFile, params: Mapping[str, Any]) -> Table:
    """Every parameter with value, unit, range, status and a short source."""
    table = provenance_table(pfile, dict(params), value_labels=value_labels(params))
    data = table.data.copy()
    short = {cite(ref): short_citation(ref) for ref in PUBLIC_DOCUMENTS}
    for full, brief in short.items():
        data["source"] = data["source"].str.replace(full, brief, regex=False)
    # the parameter file's words are in this family's catalog
    data["label"] = data["label"].map(_)
    data["unit"] = data["unit"].map(lambda u: _(u) if isinstance(u, str) else u)
    for row in data.itertuples():
        spec = pfile.parameters[row.parameter]
        if row.kind == "assumption":
            data.loc[row.Index, "source"] = _("Antakelse: {reason}").format(
                reason=_(spec.assumption.rationale))
            continue
        source = row.source
        # the parameter file's own words inside the shared text: how a value is derived,
        # the title of a statistic
        for text in (getattr(spec.source, "how", None), getattr(spec.source, "title", None)):
            if text:
                source = source.replace(text, _(text))
        data.loc[row.Index, "source"] = source
        if spec.range is not None and row.kind == "source":
            data.loc[row.Index, "source"] = _("{source}. Intervallet: {reason}").format(
                source=source, reason=_(spec.range.rationale))
    table.data = data
    table.note = " ".join(filter(None, (
        table.note,
        _("Simuleringene trekker verdier innenfor intervallene; en brukt verdi utenfor sitt "
          "intervall stanser beregningen. Kildene står med full tittel under «Datakilder»."))))
    return table
