"""``run --check``: each run's figures against its scenario's ``expected:`` block, in the
console (the comparison itself is :func:`analysis.scenarios.check_expected`, made by every
run and kept in its ``run.json``; the index page shows it too)."""

from __future__ import annotations

import sys

from analysis.runner.execute import Outcome


def print_checks(outcomes: list[Outcome]) -> int:
    """Print pass/fail per report and per failing figure; return the number of reports
    whose figures differ from what their scenario expects."""
    failing = 0
    for o in outcomes:
        if not o.ok:
            continue
        if not o.checks:
            why = "-p overrides change the scenario" if o.overrides else "nothing expected"
            print(f"check {o.target}: not checked ({why})")
            continue
        bad = [c for c in o.checks if not c["ok"]]
        if not bad:
            print(f"check {o.target}: PASS, all {len(o.checks)} expected figures agree")
            continue
        failing += 1
        print(f"check {o.target}: FAIL, {len(bad)} of {len(o.checks)} expected figures "
              "differ:", file=sys.stderr)
        for c in bad:
            got = "missing from summary.json" if c["actual"] is None else repr(c["actual"])
            print(f"  {c['key']}: expected {c['expected']!r} ± {c['tolerance']!r}, got {got} "
                  f"(source: {c['source']})", file=sys.stderr)
    return failing
