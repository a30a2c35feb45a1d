"""Benchmark: the default schedule with ``--jobs 2`` against the command-line loop.

Both build every scheduled report from scratch, in the same run of this script:

A. ``python -m analysis run --jobs 2`` — parallel processes, rendering in-process;
B. for each report, one after another: ``papermill`` (command-line tool) to execute the
   notebook with the scenario's parameters, then ``jupyter nbconvert --to html
   --no-input`` to render it — a new process per step, as a shell loop would do.

Prints wall-clock seconds of each and their ratio; the aim is A ≤ 0.25 × B on 2 cores
(issue 24; it was 0.5 before the warm kernels). Also printed: the per-report floor (the
fastest report of A, from its manifest: what any report costs at least), a no-op ``run
--changed`` on A's output (aim: under 2 s) and a refused command line, ``run --language
xx`` (aim: under 1 s).

Then the report languages (issue 15): C, ``run --jobs 2 --language nb`` (bokmål alone)
against D, ``run --jobs 2 --language nb,nn`` (what ``make reports`` runs: both languages,
one job per report). The aim is D ≤ 1.5 × C. Each is run ``--repeat`` times (default 2),
alternating, and the best time of each is compared, since the machine may be shared.

Usage: ``.venv/bin/python benchmarks/bench_schedule.py`` (``make bench`` runs it too);
``--languages-only`` runs only C and D.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from analysis.notebooks import schedule
from analysis.paths import PROJECT_ROOT
from analysis.runner.execute import resolve_parameters

BIN = Path(sys.executable).parent


def timed(cmd: list[str], check: bool = True) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=PROJECT_ROOT, check=check, capture_output=True)
    return time.perf_counter() - t0


def cli_loop(out: Path) -> float:
    t0 = time.perf_counter()
    for target in schedule():
        folder = out / target.notebook / target.scenario
        folder.mkdir(parents=True)
        values = resolve_parameters(target, {})
        # one YAML document keeps lists and booleans typed (papermill's -p sends text)
        params = ["-y", yaml.safe_dump({**values, "scenario": target.scenario,
                                        "output_dir": str(folder)})]
        executed = folder / f"{target.notebook}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(target.path), str(executed), "-k",
                        "python3", "--no-progress-bar", *params], cwd=PROJECT_ROOT,
                       check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed), "--output", "index"], cwd=PROJECT_ROOT, check=True,
                       capture_output=True)
    return time.perf_counter() - t0


def languages(repeat: int) -> tuple[float, float]:
    """Best wall-clock seconds of the schedule in bokmål alone (C) and in both (D)."""
    c, d = [], []
    for i in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            run = [sys.executable, "-m", "analysis", "run", "--jobs", "2"]
            c.append(timed([*run, "--language", "nb", "--out", f"{tmp}/c{i}"]))
            d.append(timed([*run, "--language", "nb,nn", "--out", f"{tmp}/d{i}"]))
    return min(c), min(d)


def main() -> None:
    n = len(schedule())
    only_languages = "--languages-only" in sys.argv
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 2
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"reports in the default schedule: {n}")
    if not only_languages:
        with tempfile.TemporaryDirectory() as tmp:
            run = [sys.executable, "-m", "analysis", "run"]
            a = timed([*run, "--jobs", "2", "--out", f"{tmp}/a"])
            manifest = json.loads(next(Path(tmp, "a", "runs").glob("*.json")).read_text())
            floor = min(r["seconds"] for r in manifest["reports"])
            noop = timed([*run, "--changed", "--out", f"{tmp}/a"])
            refused = timed([*run, "--language", "xx"], check=False)
            b = cli_loop(Path(tmp) / "b")
        print(f"A  python -m analysis run --jobs 2        {a:7.1f} s")
        print(f"B  papermill + jupyter nbconvert loop     {b:7.1f} s")
        print(f"A / B = {a / b:.2f}  (aim: at most 0.25)")
        print(f"per-report floor (fastest report of A)   {floor:7.1f} s")
        print(f"no-op run --changed                      {noop:7.2f} s  (aim: under 2 s)")
        print(f"refused run --language xx                {refused:7.2f} s  (aim: under 1 s)")
    c, d = languages(repeat)
    print(f"C  run --jobs 2 --language nb             {c:7.1f} s  (best of {repeat})")
    print(f"D  run --jobs 2 --language nb,nn          {d:7.1f} s  (best of {repeat})")
    print(f"D / C = {d / c:.2f}  (aim: at most 1.50)")


if __name__ == "__main__":
    main()
