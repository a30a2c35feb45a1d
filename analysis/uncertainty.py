"""Uncertainty over the parameters that carry a range: Monte Carlo and one-way sensitivity.

Shared by the notebook families. Each ranged parameter is drawn from a triangular
distribution on (low, default, high): the default is the most likely value and the range
is the plausible span given in the parameter file. Whole-number parameters are rounded.
Draws are vectorised: a model function receives arrays and returns arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.parameters import ParameterFile

QUANTILES = (0.10, 0.50, 0.90)


def ranged(pfile: ParameterFile, values: Mapping[str, Any],
           fixed: Collection[str] = ()) -> dict[str, tuple[float, float]]:
    """The (low, high) of every parameter with a range; an overridden value widens it.

    Parameters in ``fixed`` (e.g. the team size a scenario is about) are left out: they
    keep their value in every draw.
    """
    out = {}
    for name, spec in pfile.parameters.items():
        rng = spec.range
        if rng is not None and name not in fixed:
            v = values[name]
            out[name] = (min(rng.low, v), max(rng.high, v))
    return out


def outside_ranges(pfile: ParameterFile, values: Mapping[str, Any]
                   ) -> list[tuple[str, Any, float, float]]:
    """Every ranged parameter whose value lies outside its range: (name, value, low, high)."""
    out = []
    for name, spec in pfile.parameters.items():
        rng = spec.range
        if rng is not None and not rng.low <= values[name] <= rng.high:
            out.append((name, values[name], rng.low, rng.high))
    return out


def check_within_ranges(pfile: ParameterFile, values: Mapping[str, Any]) -> None:
    """Raise ParameterError if a value contradicts the range the report would show for it.

    :func:`ranged` widens a range to an overridden value silently; a family that shows its
    ranges next to the values calls this first, so that a range and a value never disagree.
    """
    bad = outside_ranges(pfile, values)
    if bad:
        name, value, low, high = bad[0]
        raise ParameterError(
            f"Parameter '{name}' of notebook '{pfile.notebook}' was given {value!r}, outside "
            f"its uncertainty range {low:g}–{high:g} in the parameter file; choose a value "
            "inside the range, or widen the range there with a stated reason."
        )


def percentile_of(draws: np.ndarray, value: float) -> float:
    """Where ``value`` lies among ``draws``, 0–100 (ties count half: the mid-rank)."""
    x = np.asarray(draws, float)
    below = np.count_nonzero(x < value)
    equal = np.count_nonzero(np.isclose(x, value, rtol=1e-12, atol=1e-9))
    return float(100 * (below + equal / 2) / len(x))


def draw(
    pfile: ParameterFile, values: Mapping[str, Any], n: int, seed: int,
    fixed: Collection[str] = (),
) -> dict[str, np.ndarray | Any]:
    """``values`` with every ranged parameter (except those in ``fixed``) replaced by ``n``
    seeded triangular draws."""
    rng = np.random.default_rng(seed)
    out: dict[str, Any] = dict(values)
    for name, (low, high) in ranged(pfile, values, fixed).items():
        mode = values[name]
        if high == low:
            sample = np.full(n, float(mode))
        else:
            sample = rng.triangular(low, mode, high, size=n)
        if pfile.parameters[name].type == "int":
            sample = np.rint(sample)
        out[name] = sample
    return out


def monte_carlo(
    model: Callable[[dict[str, Any]], Mapping[str, Any]],
    pfile: ParameterFile,
    values: Mapping[str, Any],
    n: int,
    seed: int,
    keys: list[str],
    fixed: Collection[str] = (),
) -> pd.DataFrame:
    """Run ``model`` on ``n`` draws; return the draws of the output ``keys`` as columns."""
    results = model(draw(pfile, values, n, seed, fixed))
    return pd.DataFrame({k: np.broadcast_to(np.asarray(results[k], float), (n,)) for k in keys})


def quantile_table(draws: pd.DataFrame, quantiles=QUANTILES) -> pd.DataFrame:
    """P10/P50/P90 (and mean) of each column of ``draws``."""
    q = draws.quantile(list(quantiles)).T
    q.columns = [f"p{round(x * 100)}" for x in quantiles]
    q["mean"] = draws.mean()
    return q.rename_axis("figure").reset_index()


def tornado(
    model: Callable[[dict[str, Any]], Mapping[str, Any]],
    pfile: ParameterFile,
    values: Mapping[str, Any],
    key: str,
    fixed: Collection[str] = (),
) -> pd.DataFrame:
    """One-way sensitivity of output ``key``: each ranged parameter at its low and high.

    Rows are sorted by swing (largest first); parameters that do not move ``key`` are left
    out, since a bar of zero length tells the reader nothing.
    """
    base = float(model(dict(values))[key])
    rows = []
    for name, (low, high) in ranged(pfile, values, fixed).items():
        at_low = float(model({**values, name: low})[key])
        at_high = float(model({**values, name: high})[key])
        swing = abs(at_high - at_low)
        if swing == 0:
            continue
        spec = pfile.parameters[name]
        rows.append({
            "parameter": name, "label": spec.label, "unit": spec.unit,
            "low": low, "base_value": values[name], "high": high,
            "result_low": at_low, "result_base": base, "result_high": at_high,
            "swing": swing,
        })
    cols = ["parameter", "label", "unit", "low", "base_value", "high",
            "result_low", "result_base", "result_high", "swing"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("swing", ascending=False, ignore_index=True)
