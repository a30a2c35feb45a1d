"""Break-even values: where an input that is still a guess changes the conclusion.

The conclusion is a yes/no (is a step needed), monotone in the input over its search
interval. :func:`bisect` finds the value where it changes to a tolerance; ``None`` when
it is the same at both ends (no value in the interval changes it).

>>> round(bisect(lambda x: x >= 0.3, 0.0, 1.0, tol=1e-9), 6)
0.3
>>> bisect(lambda x: x >= 2.0, 0.0, 1.0) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from analysis.errors import ParameterError


def bisect(conclusion: Callable[[float], bool], low: float, high: float,
           tol: float = 1e-6, max_iter: int = 200) -> float | None:
    """The value in ``[low, high]`` where ``conclusion`` changes, to ``tol`` (rounded to
    the tolerance's digits); ``None`` when it is the same at both ends."""
    at_low = bool(conclusion(low))
    if bool(conclusion(high)) == at_low:
        return None
    lo, hi = float(low), float(high)
    for _ in range(max_iter):
        if hi - lo <= tol:
            break
        mid = 0.5 * (lo + hi)
        if bool(conclusion(mid)) == at_low:
            lo = mid
        else:
            hi = mid
    digits = max(int(-np.floor(np.log10(tol))), 0)
    return round(hi, digits)


def one_way(conclusion: Callable[[Mapping[str, Any]], bool], p: Mapping[str, Any],
            ranges: Mapping[str, tuple[float, float]], tol_share: float = 1e-4
            ) -> list[dict[str, Any]]:
    """For each ranged input: does moving it alone within its range change the
    conclusion, and where (the break-even value found by bisection between the default
    and the end that changes it)? Rows sorted by how far (as a share of the range) the
    input must move; inputs that cannot change it are left out. A value the model refuses
    (a combination it cannot compute) counts as not changing the conclusion."""
    base = bool(conclusion(p))

    def safe(q: Mapping[str, Any]) -> bool:
        try:
            return bool(conclusion(q))
        except ParameterError:  # a value the model refuses (e.g. shares above 1) changes nothing
            return base

    rows = []
    for name, (low, high) in ranges.items():
        value = float(p[name])
        for end in (low, high):
            if end == value or safe({**p, name: end}) == base:
                continue
            span = abs(high - low) or 1.0
            x = bisect(lambda v, n=name: safe({**p, n: v}), value, end,
                       tol=span * tol_share)
            if x is None:
                continue
            rows.append({"parameter": name, "default": value, "break_even": x,
                         "end": end, "distance": abs(x - value) / span})
            break
    return sorted(rows, key=lambda r: r["distance"])
