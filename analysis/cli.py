"""Command line: ``python -m analysis list`` and ``python -m analysis run``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import notebooks
from analysis.errors import AnalysisError
from analysis.paths import REPORTS_DIR
from analysis.runner.batch import print_outcome, run_batch


def _list(_args: argparse.Namespace) -> int:
    for name in notebooks.notebook_names():
        print(notebooks.describe(name))
        print()
    return 0


def _run(args: argparse.Namespace) -> int:
    targets: list[notebooks.Target] = []
    for text in args.targets or []:
        targets += notebooks.parse_target(text)
    if not args.targets:
        targets = notebooks.schedule()
    overrides = dict(args.param or [])
    reports = Path(args.out).resolve() if args.out else REPORTS_DIR
    print(f"Building {len(targets)} report(s) into {reports} with {args.jobs} job(s)",
          flush=True)
    outcomes = run_batch(targets, overrides, reports, args.jobs, on_done=print_outcome)
    failed = [o for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} report(s) built; index: "
          f"{reports / 'index.html'}")
    if failed:
        print(f"{len(failed)} report(s) failed:", file=sys.stderr)
        for o in failed:
            log = f" (log: {o.path})" if o.path else ""
            print(f"  {o.target}: {o.error}{log}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="notebooks, their parameters and named scenarios")
    p_list.set_defaults(func=_list)
    p_run = sub.add_parser("run", help="build reports (none named: the whole schedule)")
    p_run.add_argument("targets", nargs="*", metavar="TARGET",
                       help="NOTEBOOK (its scheduled scenarios) or NOTEBOOK/SCENARIO")
    p_run.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                       help="override a parameter for this run, on top of the scenario")
    p_run.add_argument("--out", help="folder to publish into (default: reports/)")
    p_run.add_argument("--jobs", type=int, default=1, help="reports built in parallel")
    p_run.set_defaults(func=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        print("--jobs must be a whole number of at least 1.", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
