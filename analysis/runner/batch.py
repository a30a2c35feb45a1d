"""Run many targets, in parallel processes when asked, and report every failure."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from analysis.notebooks import Target
from analysis.runner.execute import Outcome, code_version, run_target
from analysis.runner.index import write_index


def run_batch(targets: list[Target], overrides: dict[str, Any], reports: Path, jobs: int = 1,
              on_done: Callable[[Outcome, int, int], None] | None = None) -> list[Outcome]:
    """Build every target; a failing one never stops the others."""
    commit = code_version()
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome, len(outcomes), len(targets))

    if jobs <= 1 or len(targets) <= 1:
        for t in targets:
            done(run_target(t, overrides, reports, commit))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_target, t, overrides, reports, commit) for t in targets]
            for f in as_completed(futures):
                done(f.result())
    write_index(reports)
    order = {str(t): i for i, t in enumerate(targets)}
    return sorted(outcomes, key=lambda o: order[o.target])


def print_outcome(outcome: Outcome, n: int, total: int) -> None:
    status = "ok" if outcome.ok else "FAILED"
    where = f" -> {outcome.path}" if outcome.path else ""
    print(f"[{n}/{total}] {outcome.target}: {status} ({outcome.seconds:.1f} s){where}",
          flush=True)
    if not outcome.ok:
        print(f"    {outcome.error}", file=sys.stderr, flush=True)
