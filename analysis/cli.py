"""Command line: ``python -m analysis list`` and ``python -m analysis run``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import notebooks
from analysis.errors import AnalysisError
from analysis.municipalities import importer
from analysis.paths import REPORTS_DIR
from analysis.runner.batch import run_batch
from analysis.runner.progress import Progress


def _list(_args: argparse.Namespace) -> int:
    for name in notebooks.notebook_names():
        print(notebooks.describe(name))
        print()
    return 0


def _sync(args: argparse.Namespace) -> int:
    for name in args.notebooks or notebooks.notebook_names():
        if name not in notebooks.notebook_names():
            raise notebooks.TargetError(f"Unknown notebook '{name}'.")
        changed = notebooks.sync_parameters_cell(name)
        print(f"{name}: {'parameters cell rewritten' if changed else 'already in step'}")
    return 0


def _run(args: argparse.Namespace) -> int:
    targets: list[notebooks.Target] = []
    for text in args.targets or []:
        targets += notebooks.parse_target(text)
    if not args.targets:
        targets = notebooks.schedule()
    overrides = dict(args.param or [])
    reports = Path(args.out).resolve() if args.out else REPORTS_DIR
    print(f"{len(targets)} report(s) into {reports}, {args.jobs} job(s)"
          + (", only what changed" if args.changed else ""), flush=True)
    outcomes, manifest = run_batch(targets, overrides, reports, args.jobs,
                                   changed_only=args.changed, pdf=args.pdf,
                                   progress=Progress(len(targets)))
    failed = [o for o in outcomes if not o.ok]
    skipped = len(targets) - len(outcomes)
    print(f"{len(outcomes) - len(failed)} built, {len(failed)} failed, {skipped} unchanged "
          f"and skipped. Index: {reports / 'index.html'}. Manifest: {manifest}")
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
    p_sync = sub.add_parser("sync-params",
                            help="rewrite notebooks' parameters cells from their parameter files")
    p_sync.add_argument("notebooks", nargs="*", metavar="NOTEBOOK")
    p_sync.set_defaults(func=_sync)
    p_run = sub.add_parser("run", help="build reports (none named: the whole schedule)")
    p_run.add_argument("targets", nargs="*", metavar="TARGET",
                       help="NOTEBOOK (its scheduled scenarios) or NOTEBOOK/SCENARIO")
    p_run.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUE"),
                       help="override a parameter for this run, on top of the scenario")
    p_run.add_argument("--out", help="folder to publish into (default: reports/)")
    p_run.add_argument("--jobs", type=int, default=1,
                       help="reports built in parallel processes")
    p_run.add_argument("--changed", action="store_true",
                       help="rebuild only reports whose notebook, parameters, package code "
                       "or data changed since their last successful build")
    p_run.add_argument("--pdf", action="store_true",
                       help="also write report.pdf through headless Chromium")
    p_run.set_defaults(func=_run)
    importer.add_parser(sub)  # import-outbreak: a demand file from MSIS weeks
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
