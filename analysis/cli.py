"""Command line: ``python -m analysis list`` and ``python -m analysis run``.

Only the standard library and :mod:`analysis.errors` are imported at the top: argument
errors (a bad ``--language``, ``--jobs 0``) are answered before pydantic, pandas or the
runner are loaded, in a fraction of a second.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from analysis.errors import AnalysisError, OutputError, ParameterError, os_problem
from analysis.runner.targets import reports_folder


def _list(_args: argparse.Namespace) -> int:
    from analysis import notebooks

    for name in notebooks.notebook_names():
        print(notebooks.describe(name))
        print()
    return 0


def _sync(args: argparse.Namespace) -> int:
    from analysis import notebooks

    for name in args.notebooks or notebooks.notebook_names():
        if name not in notebooks.notebook_names():
            raise notebooks.TargetError(f"Unknown notebook '{name}'.")
        changed = notebooks.sync_parameters_cell(name)
        print(f"{name}: {'parameters cell rewritten' if changed else 'already in step'}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from analysis.i18n import parse_languages

    # the command line itself first: the cheapest checks answer before anything loads
    languages = parse_languages(args.language) if args.language else None
    if languages and any(name == "language" for name, _value in args.param or []):
        raise ParameterError("Give the report language once: either --language or "
                             "-p language, not both.")
    from analysis import notebooks
    from analysis.parameters import parse_cli_overrides
    from analysis.paths import REPORTS_DIR

    targets: list[notebooks.Target] = []
    for text in args.targets or []:
        targets += notebooks.parse_target(text)
    if not args.targets:
        targets = notebooks.schedule()
    overrides = parse_cli_overrides(args.param)
    if args.out:
        reports = check_out(Path(args.out))
    elif overrides:  # never over a scheduled report: the run's own folder
        from analysis.runner.own_runs import own_folder

        reports = check_out(own_folder(REPORTS_DIR, targets, overrides))
    else:
        reports = check_out(REPORTS_DIR)
    from analysis.runner.deployment import missing_settings

    warning = missing_settings()
    if warning:  # once per run, not once per report
        print(warning, file=sys.stderr, flush=True)
    from analysis.runner.batch import run_batch  # papermill and friends: only for runs
    from analysis.runner.progress import Progress

    print(f"{len(targets)} report(s) into {reports}, {args.jobs} job(s)"
          + (f", languages {', '.join(languages)}" if languages else "")
          + (", only what changed" if args.changed else ""), flush=True)
    from analysis.runner.outcome import Limits

    limits = Limits(seconds=args.time_limit, memory_bytes=int(args.memory_limit * 1024**3))
    outcomes, manifest = run_batch(targets, overrides, reports, args.jobs,
                                   changed_only=args.changed, pdf=args.pdf,
                                   progress=Progress(len(targets)), languages=languages,
                                   limits=limits)
    failed = [o for o in outcomes if not o.ok]
    skipped = len(targets) - len(outcomes)
    print(f"{len(outcomes) - len(failed)} built, {len(failed)} failed, {skipped} unchanged "
          f"and skipped. Index: {reports / 'index.html'}. Manifest: {manifest}")
    check_failures = 0
    if args.check:
        from analysis.runner.checking import print_checks

        check_failures = print_checks(outcomes)
    if failed:
        print(f"{len(failed)} report(s) failed:", file=sys.stderr)
        for o in failed:
            log = f" (log: {o.path})" if o.path else ""
            print(f"  {o.target}: {o.error}{log}", file=sys.stderr)
        return 1
    return 1 if check_failures else 0


def check_out(folder: Path) -> Path:
    """The reports folder, absolute; refused in one sentence if it is a file or cannot be
    written to."""
    folder = reports_folder(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder} is a file, not a folder; name a folder to "
                          "publish the reports into.")
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"The reports folder {folder} cannot be written to (no write "
                          f"permission on {existing}); choose another folder with --out.")
    return folder


def os_error_sentence(exc: OSError) -> str:
    """One sentence for a fault of the machine (disk full, no permission, ...)."""
    problem = os_problem(exc)
    return (f"{problem[0].upper()}{problem[1:]}; nothing more was done. "
            "Free space or fix the permissions and run again.")


def _compare(args: argparse.Namespace) -> int:
    from analysis.i18n import parse_languages
    from analysis.paths import REPORTS_DIR
    from analysis.runner.compare import RECORD, find_reports, write_comparison
    from analysis.runner.overview import check_own_folder

    out = check_own_folder(check_out(Path(args.out)), RECORD, "comparison")
    reports = check_out(Path(args.reports) if args.reports else REPORTS_DIR)
    languages = parse_languages(args.language) if args.language else None
    pages = write_comparison(find_reports(args.reports_to_compare, reports, out, args.jobs),
                             out, languages)
    print("Comparison: " + ", ".join(str(p) for p in pages))
    return 0


def _sweep(args: argparse.Namespace) -> int:
    from analysis.i18n import parse_languages
    from analysis.runner.sweep import parse_sweep, parse_sweep_target, run_sweep

    target = parse_sweep_target(args.target)
    swept = parse_sweep(args.param)
    out = check_out(Path(args.out))
    languages = parse_languages(args.language) if args.language else None
    record = run_sweep(target, swept, out, jobs=args.jobs, dask=args.dask,
                       languages=languages)
    failed = [r for r in record["runs"] if r["status"] != "ok"]
    print(f"{len(record['runs']) - len(failed)} run(s) built, {len(failed)} failed, in "
          f"{record['seconds']:.1f} s. Sweep page: {out / 'index.html'}")
    return 1 if failed else 0


def _catalogs(args: argparse.Namespace) -> int:
    from analysis.i18n.catalogs import check, update_all

    if args.check:
        lines = check()
        for line in lines:
            print(line)
        print(f"{len(lines)} problem(s) in the catalogs" if lines else
              "catalogs complete: every message has a reviewed translation")
        return 1 if lines else 0
    for domain, missing in update_all().items():
        gaps = ", ".join(f"{code}: {n} untranslated or fuzzy" for code, n in missing.items())
        print(f"{domain}: {gaps}")
    return 0


def _positive(option: str):
    """An argparse type: a finite number above 0, refused in one sentence otherwise."""

    def read(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (value > 0 and value != float("inf")):
            raise argparse.ArgumentTypeError(
                f"{option} must be a number above 0; got '{text}'")
        return value

    return read


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
    p_run.add_argument("--out", help="folder to publish into (default: reports/; with -p "
                       "overrides: reports/egne/NOTEBOOK-SCENARIO-HASH/, never over a "
                       "scheduled report)")
    p_run.add_argument("--jobs", type=int, default=1,
                       help="reports built in parallel processes")
    p_run.add_argument("--changed", action="store_true",
                       help="rebuild only reports whose notebook, parameters, package code "
                       "or data changed since their last successful build")
    p_run.add_argument("--pdf", action="store_true",
                       help="also write report.pdf through headless Chromium")
    p_run.add_argument("--language", metavar="nb|nn|nb,nn",
                       help="report language(s), built together in one job per report: "
                       "bokmål into reports/NOTEBOOK/SCENARIO/, nynorsk into .../nn/ "
                       "(default: the language parameter, nb unless a scenario or -p sets "
                       "it)")
    p_run.add_argument("--time-limit", type=_positive("--time-limit"), default=1800,
                       metavar="SECONDS",
                       help="stop a report whose notebook runs longer (default 1800)")
    p_run.add_argument("--memory-limit", type=_positive("--memory-limit"), default=8,
                       metavar="GB",
                       help="stop a report whose kernel uses more memory (default 8)")
    p_run.add_argument("--check", action="store_true",
                       help="compare each report's figures with its scenario's expected: "
                       "block; pass/fail in the console (exit status 1 on a difference), "
                       "the run record and the index page")
    p_run.set_defaults(func=_run)
    p_cat = sub.add_parser("catalogs", help="extract report text and update the language "
                           "catalogs (analysis/locale/)")
    p_cat.add_argument("--check", action="store_true",
                       help="write nothing; list every message that is fuzzy or untranslated "
                       "and every catalog that is out of date (exit status 1 if any)")
    p_cat.set_defaults(func=_catalogs)
    p_cmp = sub.add_parser("compare", help="the key figures of two or more reports side by "
                           "side, in bokmål and nynorsk (docs/sweeps.md)")
    p_cmp.add_argument("reports_to_compare", nargs="+", metavar="REPORT",
                       help="NOTEBOOK/SCENARIO (published, or built when it is not) or a "
                       "published report's folder")
    p_cmp.add_argument("--out", required=True, help="folder for the comparison page")
    p_cmp.add_argument("--reports", help="where published reports are looked up "
                       "(default: reports/)")
    p_cmp.add_argument("--language", metavar="nb|nn|nb,nn",
                       help="page language(s) (default: nb,nn)")
    p_cmp.add_argument("--jobs", type=int, default=1,
                       help="reports built in parallel when some are not published")
    p_cmp.set_defaults(func=_compare)
    p_sweep = sub.add_parser("sweep", help="run a scenario for every combination of "
                             "parameter values, with a sweep page (docs/sweeps.md)")
    p_sweep.add_argument("target", metavar="NOTEBOOK/SCENARIO")
    p_sweep.add_argument("-p", "--param", nargs=2, action="append", metavar=("NAME", "VALUES"),
                         help="a parameter and its values, separated by commas (files too: "
                         "-p demand_file a.csv,b.csv); repeat for more parameters")
    p_sweep.add_argument("--out", required=True, help="the sweep's own folder")
    p_sweep.add_argument("--jobs", type=int, default=1,
                         help="runs built in parallel local processes")
    p_sweep.add_argument("--dask", metavar="ADDRESS",
                         help="send the runs to a Dask distributed scheduler, e.g. "
                         "tcp://HOST:8786 (workers need the project, not a shared disk)")
    p_sweep.add_argument("--language", metavar="nb|nn|nb,nn",
                         help="report language(s) of every run and the page (default: nb,nn)")
    p_sweep.set_defaults(func=_sweep)
    from analysis.conscription import importer  # light: pandas loads when it runs

    p_import = importer.add_parser(sub)  # import-outbreak: a demand file from MSIS weeks
    for p in (parser, p_list, p_sync, p_run, p_cat, p_cmp, p_sweep, p_import):
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the full traceback of an error")
    return parser


def _terminated(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        print("--jobs must be a whole number of at least 1.", file=sys.stderr)
        return 2
    debug = getattr(args, "debug", False)
    signal.signal(signal.SIGTERM, _terminated)  # a scheduler's stop: handled as Ctrl-C
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (`... list | head`): not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - no flush error at exit
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("error: interrupted; reports already published are kept, the rest were not "
              "built.", file=sys.stderr)
        return 130
    except AnalysisError as exc:
        error, message = exc, str(exc)
    except OSError as exc:
        error, message = exc, os_error_sentence(exc)
    except Exception as exc:  # noqa: BLE001 - a bug: one sentence, traceback on request
        error = exc
        first = (str(exc).strip() or "no message").splitlines()[0]
        message = (f"Unexpected {type(exc).__name__}: {first}; run again with --debug for "
                   "the traceback and report it.")
    if debug:
        traceback.print_exception(error)
    print(f"error: {message}", file=sys.stderr)
    return 2
