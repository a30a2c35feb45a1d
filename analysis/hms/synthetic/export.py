"""The form of the synthetic export: the id prefix that marks it, the contract's columns
and dtypes, and its deterministic CSV text.

Respondent ids and cluster codes start with :data:`SYNTHETIC_PREFIX`, so a report can
recognise synthetic data wherever the file is copied (:func:`is_synthetic`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.csvfiles import Field
from analysis.hms import columns as c
from analysis.hms import contract

SYNTHETIC_PREFIX = "SYN-"


def typed(frame: pd.DataFrame, fields: Sequence[Field]) -> pd.DataFrame:
    """The frame with the contract's columns, order and dtypes (as the loaders return)."""
    return pd.DataFrame({f.name: pd.Series(list(frame[f.name]), dtype=contract.DTYPES[f.kind])
                         for f in fields})


def _cell(value: object) -> str:
    """A value as CSV text: blank for missing, 1/0 for booleans, shortest exact numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "1" if value else "0"
    if isinstance(value, float | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def to_csv_text(frame: pd.DataFrame) -> str:
    """The frame as comma-separated UTF-8 text with ``\\n`` line ends (deterministic)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.astype(object).itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def is_synthetic(respondents: pd.DataFrame) -> bool:
    """Whether a respondent frame comes from this generator (ids carry the prefix)."""
    ids = respondents[c.RESPONDENT_ID].astype(str)
    return bool(len(ids)) and bool(ids.str.startswith(SYNTHETIC_PREFIX).all())
