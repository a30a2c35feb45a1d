"""Benchmark: a week-by-week sweep of the conscription report on a Dask cluster.

"Week by week through the pandemic, when would conscription have been needed?": one
demand file per ISO week (all 356 municipalities of the register screened; those with a
14-day incidence of at least 150 per 100 000 are in crisis, ``import-outbreak``), and one
complete report per week (``python -m analysis sweep conscription_scenarios/november_2020
-p demand_file week1.csv,week2.csv,… --dask ADDRESS``).

The script starts a ``distributed.LocalCluster`` on 127.0.0.1 with ``--workers`` worker
processes (one thread each), sweeps the last ``--measure`` weeks with a crisis up to ``--last-week``
(bokmål only) and prints the wall time, the mean time per report on one worker and the
extrapolation to the weeks with a municipality in crisis among ``--weeks`` weeks (140:
2020-W09 to 2022-W45, all the shipped MSIS data allows; a week without one has no
report) and to 150 reports on this machine and on
``--cluster`` workers. Record the results in docs/benchmarks.md.

Usage: ``.venv/bin/python benchmarks/bench_sweep_weeks.py [--measure 6] [--workers 2]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.conscription import importer
from analysis.paths import PROJECT_ROOT

TARGET = "conscription_scenarios/november_2020"


def iso_weeks(last: str, n: int) -> list[str]:
    """The ``n`` ISO weeks ending with ``last`` ("2020-46"), oldest first.

    >>> iso_weeks("2021-01", 2)
    ['2020-53', '2021-01']
    """
    year, week = (int(x) for x in last.split("-"))
    monday = dt.date.fromisocalendar(year, week, 1)
    out = []
    for i in range(n - 1, -1, -1):
        y, w, _ = (monday - dt.timedelta(weeks=i)).isocalendar()
        out.append(f"{y}-{w:02d}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--measure", type=int, default=6, help="weeks actually run")
    ap.add_argument("--last-week", default="2020-46")
    ap.add_argument("--workers", type=int, default=2, help="local Dask worker processes")
    ap.add_argument("--weeks", type=int, default=140,
                    help="weeks of the full sweep (the shipped MSIS data, 2020-08 to 2022-45, "
                    "has 140 two-week windows)")
    ap.add_argument("--full-last-week", default="2022-45", help="last week of the full sweep")
    ap.add_argument("--cluster", type=int, default=32, help="workers of a cluster to plan")
    args = ap.parse_args()
    from distributed import LocalCluster

    t0 = time.perf_counter()
    crisis = {}  # the weeks of the full sweep with a municipality in crisis: one report each
    for week in iso_weeks(args.full_last_week, args.weeks):
        frame = importer.demand_frame(week)
        if not frame.empty:  # no municipality in crisis: no report, nothing to conscript
            crisis[week] = importer.to_csv(frame)
    prepare = time.perf_counter() - t0
    print(f"{args.weeks} weeks to {args.full_last_week}, 356 municipalities screened each: "
          f"{len(crisis)} weeks with a municipality in crisis ({prepare:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        files = []
        for week in [w for w in crisis if w <= args.last_week][-args.measure:]:
            path = Path(tmp) / f"demand_{week}.csv"
            path.write_text(crisis[week], encoding="utf-8")
            files.append(str(path))
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None) as cluster:
            t0 = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "analysis", "sweep", TARGET, "-p", "demand_file",
                 ",".join(files), "--language", "nb", "--dask", cluster.scheduler_address,
                 "--out", str(Path(tmp) / "sweep")],
                cwd=PROJECT_ROOT, capture_output=True, text=True)
            wall = time.perf_counter() - t0
        if result.returncode not in (0, 1):
            sys.exit(result.stderr[-2000:])
        record = json.loads((Path(tmp) / "sweep" / "sweep.json").read_text(encoding="utf-8"))
    runs = record["runs"]
    ok = [r for r in runs if r["status"] == "ok"]
    per_run = sum(r["seconds"] for r in runs) / len(runs)
    print(f"sweep of {len(runs)} weeks on {args.workers} local Dask workers: {wall:.1f} s wall, "
          f"{len(ok)} reports built, {per_run:.1f} s per report on one worker")
    for r in runs:
        print(f"  {r['name']}: {r['status']}, {r['seconds']:.1f} s, step needed "
              f"{r['figures'].get('step_needed', '–')}")
    n = len(crisis)
    print(f"extrapolated to the {n} reports of the full sweep: {n * per_run / 60:.0f} "
          f"worker-minutes; {n * wall / len(runs) / 60:.0f} min on this machine "
          f"({args.workers} workers, from the measured wall time), "
          f"{n * per_run / args.cluster / 60:.1f} min on {args.cluster} workers")
    print(f"150 reports: {150 * wall / len(runs) / 60:.0f} min on this machine, "
          f"{150 * per_run / args.cluster / 60:.1f} min on {args.cluster} workers "
          f"({per_run:.1f} s per report and worker)")


if __name__ == "__main__":
    main()
