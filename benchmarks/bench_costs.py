"""Benchmark: Monte Carlo of the response-team cost model (target: 100 000 draws < 1 s)."""

from __future__ import annotations

import time

from analysis import uncertainty
from analysis.parameters import load_parameter_file
from analysis.response_team import costs


def main() -> None:
    pfile = load_parameter_file("response_team_costs")
    values = pfile.defaults
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        uncertainty.monte_carlo(costs.totals, pfile, values, 100_000, 1,
                                ["team_total_nok", "total_nok"])
        best = min(best, time.perf_counter() - t0)
    print(f"100 000 draws of the cost model: best of 5 = {best * 1000:.1f} ms (target < 1 s)")


if __name__ == "__main__":
    main()
