"""Benchmark: the response-team cost model.

A: 100 000 vectorised Monte Carlo draws of the model (target: well under a second).
B: the whole analysis as a report runs it, ``pipeline.analyse`` with 100 000 draws, the
cost by month and one-way sensitivity of five headline figures (target: under 3 s).
"""

from __future__ import annotations

from timing import best_of  # benchmarks/timing.py: the script's folder is on the path

from analysis import uncertainty
from analysis.parameters import load_parameter_file
from analysis.response_team import costs, pipeline


def main() -> None:
    pfile = load_parameter_file("response_team_costs")
    values = pfile.defaults
    a = best_of(5, lambda: uncertainty.monte_carlo(costs.outcomes, pfile, values, 100_000, 1,
                                                   ["team_total_nok", "total_nok"]))
    print(f"A: 100 000 draws of the cost model: best of 5 = {a * 1000:.1f} ms "
          "(target < 1 s)")
    b = best_of(3, lambda: pipeline.analyse(values, pfile))
    print(f"B: analyse() with 100 000 draws: best of 3 = {b * 1000:.0f} ms (target < 3 s)")


if __name__ == "__main__":
    main()
