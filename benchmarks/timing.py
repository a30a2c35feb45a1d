"""Timing for the benchmark scripts, written once: the best wall time of a few runs.

The scripts run as ``python benchmarks/bench_*.py``, so this module is imported as
``timing`` (the script's folder is on the path).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any


def best(fn: Callable[[], Any], repeats: int, cap_seconds: float = math.inf
         ) -> tuple[float, Any]:
    """Best wall time of ``fn`` over ``repeats`` runs, and the last run's result; stops
    after a run longer than ``cap_seconds``."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        if times[-1] > cap_seconds:
            break
    return min(times), result


def best_of(repeats: int, fn: Callable[[], Any]) -> float:
    """Best wall time of ``fn`` over ``repeats`` runs."""
    return best(fn, repeats)[0]
