"""Helpers shared by the modules of the conscription report: colours, whole persons, totals."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import number

_ = translator("conscription")

STEP_COLOURS: dict[str, str] = {
    "lokalt og regionalt": charts.PALETTE[6],
    "innsatsteam": charts.PALETTE[0],
    "registeret": charts.PALETTE[2],
    "vikarbyrå": charts.PALETTE[4],
    "insentiver": charts.PALETTE[3],
    "bokstav a": charts.PALETTE[1],
    "bokstav b": charts.PALETTE[5],
}
TOP_N = 12  # municipalities shown in a chart (readable on a phone); all are in the table

def persons(x: float) -> str:
    """Whole persons with Norwegian digit grouping.

    >>> persons(1234.4)
    '1\\xa0234'
    """
    return number(round(float(x)))


def _with_total(frame: pd.DataFrame, label_column: str, label: str | None = None
                ) -> pd.DataFrame:
    """``frame`` with a total row labelled ``label`` (default "Sum", translated)."""
    label = _("Sum") if label is None else label
    total = frame.sum(numeric_only=True)
    return pd.concat([frame, pd.DataFrame([{label_column: label, **total}])],
                     ignore_index=True)
