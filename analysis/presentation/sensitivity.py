"""The one-way sensitivity (tornado) table every family with uncertainty shows.

A family computes the sensitivity once in its ``analyse`` (:func:`analysis.uncertainty.tornado`
gives the frame: parameter, label, low, high, result_low, result_high, swing, largest swing
first) and names what the result is; this module makes the table, the same columns in
every report.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import translator
from analysis.presentation.report import Table

_ = translator("common")


def sensitivity_table(t: pd.DataFrame, *, caption: str, label: str, at_low: str,
                      at_high: str, result_format: str, note: str = "",
                      in_print: bool = True) -> Table:
    """The tornado frame ``t`` (labels already in the report's language) as the table
    ``folsomhet``: the parameter (column heading ``label``), its low and high value, the
    result at each (headings ``at_low``, ``at_high``, shown with ``result_format``) and the
    swing."""
    return Table(
        name="folsomhet",
        in_print=in_print,
        caption=caption,
        data=t,
        columns={"label": label, "low": _("Lav verdi"), "high": _("Høy verdi"),
                 "result_low": at_low, "result_high": at_high, "swing": _("Utslag")},
        formats={"low": "auto", "high": "auto", "result_low": result_format,
                 "result_high": result_format, "swing": result_format},
        note=note,
    )
