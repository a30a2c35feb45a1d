"""Rounding for tables whose printed sums must add up (issue 21: never print A + B ≠ C).

Rounding every cell on its own lets a row's parts miss its printed total by one or two
(75 + 1 ≠ 76). These helpers round the parts so that they add up to the rounded total
(the largest remainders are rounded up), and write a total as the sum of its rounded parts.
"""

from __future__ import annotations

import math

import pandas as pd


def rounded_to_total(values, unit: float) -> list[float]:
    """``values`` rounded to whole ``unit`` so that they add up to their rounded sum (the
    largest remainders are rounded up): a column of a table then sums, as printed, to the
    total printed elsewhere.

    >>> rounded_to_total([400.4, 400.4, 400.4], 1)
    [401.0, 400.0, 400.0]
    >>> rounded_to_total([0.6, 0.6, 0.6, 0.6, 0.6], 1)
    [1.0, 1.0, 1.0, 0.0, 0.0]
    """
    scaled = [x / unit for x in values]
    floors = [math.floor(x) for x in scaled]
    missing = round(sum(scaled)) - sum(floors)
    order = sorted(range(len(scaled)), key=lambda i: floors[i] - scaled[i])
    for i in order[:max(missing, 0)]:
        floors[i] += 1
    return [float(f * unit) for f in floors]


def reader_unit(total: float) -> int:
    """The unit a reader rounds a count of persons to when its parts are printed beside it:
    whole persons below 100, tens below 10 000, hundreds above (issue 21: «om lag 12 700»,
    not «om lag 12 706»). A figure that stands alone, as in a Sammendrag, is rounded more
    coarsely (:func:`analysis.conscription.presentation.conclusion.about_persons`); here
    the parts must stay visible (23 persons under bokstav a do not round to 0).

    >>> [reader_unit(x) for x in (23, 720, 2_454, 12_706)]
    [1, 10, 10, 100]
    """
    total = abs(float(total))
    return 1 if total < 100 else 10 if total < 10_000 else 100


def whole_parts(frame: pd.DataFrame, parts: list[str], total: str | None = None
                ) -> pd.DataFrame:
    """``frame`` with the columns ``parts`` in whole numbers that add up, row by row, to
    the row's rounded sum, and ``total`` (if given) set to that sum.

    >>> f = pd.DataFrame({"a": [0.4, 17.6], "b": [75.4, 0.3], "t": [75.8, 17.9]})
    >>> whole_parts(f, ["a", "b"], "t").to_dict("list")
    {'a': [0.0, 18.0], 'b': [76.0, 0.0], 't': [76.0, 18.0]}
    """
    out = frame.copy()
    rounded = [rounded_to_total(row, 1) for row in out[parts].to_numpy(dtype=float)]
    out[parts] = pd.DataFrame(rounded, index=out.index, columns=parts)
    if total is not None:
        out[total] = out[parts].sum(axis=1)
    return out
