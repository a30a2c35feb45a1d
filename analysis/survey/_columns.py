"""Column look-up, validation and factorisation for survey designs.

Every failure raises :class:`~analysis.errors.DataFileError` (the data break the design's
contract) or :class:`~analysis.errors.ParameterError` (an argument is not allowed) with one
sentence naming what was wrong, the column, and what is allowed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError


def show(value: object) -> str:
    """A category label for messages: numpy scalars shown as plain Python values."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def require_column(data: pd.DataFrame, column: object, role: str) -> pd.Series:
    """The column ``column`` of ``data``, or a DataFileError naming the role it was given for."""
    if not isinstance(column, str):
        raise ParameterError(
            f"The {role} must be given as a column name (a string), not {column!r}."
        )
    if column not in data.columns:
        shown = ", ".join(map(str, list(data.columns)[:12]))
        more = ", ..." if data.shape[1] > 12 else ""
        raise DataFileError(
            f"Column '{column}' given as the {role} is not in the data; "
            f"the columns are: {shown}{more}."
        )
    return data[column]


def numeric_values(series: pd.Series, role: str) -> np.ndarray:
    """``series`` as float64 with missing values as NaN; non-numeric columns are refused."""
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=float, na_value=np.nan)
    raise DataFileError(
        f"Column '{series.name}' used as the {role} has non-numeric type {series.dtype}; "
        "only numbers or booleans are allowed (use proportion() for categories)."
    )


def check_weights(series: pd.Series) -> np.ndarray:
    """Sampling weights as float64: numeric, finite, non-negative, not all zero."""
    w = numeric_values(series, "weights")
    bad = ~np.isfinite(w)
    if bad.any():
        raise DataFileError(
            f"Column '{series.name}' (weights) has {int(bad.sum())} missing or infinite "
            f"values (first at row {int(np.argmax(bad))}); every weight must be a finite number."
        )
    if (w < 0).any():
        raise DataFileError(
            f"Column '{series.name}' (weights) has {int((w < 0).sum())} negative values "
            f"(first at row {int(np.argmax(w < 0))}); weights must be zero or positive."
        )
    if not (w > 0).any():
        raise DataFileError(
            f"Column '{series.name}' (weights) is zero everywhere; at least one weight "
            "must be positive."
        )
    return w


def factorize(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (``-1`` for missing) and the sorted levels of ``series``.

    Categorical columns keep their category order (unused categories are dropped).
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        cat = series.cat.remove_unused_categories()
        return cat.cat.codes.to_numpy(dtype=np.int64), pd.Index(cat.cat.categories)
    codes, levels = pd.factorize(series, sort=True, use_na_sentinel=True)
    return codes.astype(np.int64, copy=False), pd.Index(levels)


def complete_codes(series: pd.Series, role: str) -> tuple[np.ndarray, pd.Index]:
    """``factorize`` for design columns, which may not have missing values."""
    codes, levels = factorize(series)
    missing = codes < 0
    if missing.any():
        raise DataFileError(
            f"Column '{series.name}' ({role}) has {int(missing.sum())} missing values "
            f"(first at row {int(np.argmax(missing))}); {role} must be given for every row."
        )
    return codes, levels


def combine_codes(
    parts: Sequence[tuple[np.ndarray, pd.Index]], names: Sequence[str]
) -> tuple[np.ndarray, pd.Index]:
    """Codes and levels of the combinations of several factorised columns (observed only)."""
    if len(parts) == 1:
        codes, levels = parts[0]
        return codes, levels.rename(names[0])
    combined = np.zeros(parts[0][0].shape[0], dtype=np.int64)
    missing = np.zeros(combined.shape[0], dtype=bool)
    for codes, levels in parts:
        combined = combined * max(len(levels), 1) + np.maximum(codes, 0)
        missing |= codes < 0
    combined[missing] = -1
    uniq, inverse = np.unique(combined[~missing], return_inverse=True)
    out = np.full(combined.shape[0], -1, dtype=np.int64)
    out[~missing] = inverse
    sizes = [max(len(levels), 1) for _, levels in parts]
    flat = np.unravel_index(uniq, sizes)
    arrays = [levels.take(i) for (_, levels), i in zip(parts, flat, strict=True)]
    return out, pd.MultiIndex.from_arrays(arrays, names=list(names))
