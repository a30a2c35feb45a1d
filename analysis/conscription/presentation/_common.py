"""Helpers shared by the modules of the conscription report: colours, whole persons, axes."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.presentation import charts
from analysis.presentation.formatting import number

STEP_COLOURS = [charts.PALETTE[i] for i in (2, 4, 0, 1, 5)]


def persons(x: float) -> str:
    """Whole persons with Norwegian digit grouping.

    >>> persons(1234.4)
    '1\\xa0234'
    """
    return number(round(float(x)))


def _count_axis(ax, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(FuncFormatter(lambda x, _p=None: number(x)))


def _with_total(frame: pd.DataFrame, label_column: str, label: str = "Sum") -> pd.DataFrame:
    total = frame.sum(numeric_only=True)
    return pd.concat([frame, pd.DataFrame([{label_column: label, **total}])],
                     ignore_index=True)
