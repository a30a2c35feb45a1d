"""Benchmark: the real conscription report and its analysis.

A. ``python -m analysis run conscription_scenarios/november_2020`` into a temporary
   folder: the whole report (39 municipalities of ISO weeks 2020-45–46), kernel start,
   execution, rendering and publishing (target: under 30 s on 2 cores, issue 10).
B. ``pipeline.analyse`` of the same scenario in this process: the point estimate, 5 000
   draws, the severity sweep, one-way sensitivity and rank stability (the model's share
   of A).

Prints wall-clock seconds; record them in docs/benchmarks.md.
Usage: ``.venv/bin/python benchmarks/bench_conscription.py`` (``make bench`` runs it too).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

from timing import best_of  # benchmarks/timing.py: the script's folder is on the path

from analysis.conscription import pipeline
from analysis.notebooks import Target
from analysis.paths import PROJECT_ROOT
from analysis.runner.execute import resolve_parameters

TARGET = "conscription_scenarios/november_2020"


def run_report() -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "analysis", "run", TARGET, "--out", out],
                       cwd=PROJECT_ROOT, check=True, capture_output=True)


def main() -> None:
    a = best_of(2, run_report)
    print(f"A: python -m analysis run {TARGET}: best of 2 = {a:.1f} s (target < 30 s)")
    values = resolve_parameters(Target("conscription_scenarios", "november_2020"), {})
    b = best_of(3, lambda: pipeline.analyse(values))
    print(f"B: pipeline.analyse(), 39 municipalities, {values['n_draws']} draws: "
          f"best of 3 = {b:.2f} s")


if __name__ == "__main__":
    main()
