"""Command line: ``python -m analysis list`` and ``python -m analysis run``."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from pathlib import Path

from analysis import notebooks
from analysis.errors import AnalysisError, OutputError, ParameterError
from analysis.i18n import parse_languages
from analysis.municipalities import importer
from analysis.parameters import parse_cli_overrides
from analysis.paths import REPORTS_DIR


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
    from analysis.runner.batch import run_batch  # papermill and friends: only for runs
    from analysis.runner.progress import Progress

    overrides = parse_cli_overrides(args.param)
    languages = parse_languages(args.language) if args.language else None
    if languages and "language" in overrides:
        raise ParameterError("Give the report language once: either --language or "
                             "-p language, not both.")
    reports = check_out(Path(args.out) if args.out else REPORTS_DIR)
    from analysis.runner.deployment import missing_settings

    warning = missing_settings()
    if warning:  # once per run, not once per report
        print(warning, file=sys.stderr, flush=True)
    print(f"{len(targets)} report(s) into {reports}, {args.jobs} job(s)"
          + (f", languages {', '.join(languages)}" if languages else "")
          + (", only what changed" if args.changed else ""), flush=True)
    outcomes, manifest = run_batch(targets, overrides, reports, args.jobs,
                                   changed_only=args.changed, pdf=args.pdf,
                                   progress=Progress(len(targets)), languages=languages)
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


def check_out(folder: Path) -> Path:
    """The reports folder, absolute; refused in one sentence if it is a file or cannot be
    written to."""
    folder = folder.absolute()
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
    where = f" ({exc.filename})" if exc.filename else ""
    what = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission was denied",
            errno.EROFS: "the file system is read-only", errno.EDQUOT: "the disk quota is used up",
            }.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return (f"Could not read or write a file{where}: {what}; nothing more was done. "
            "Free space or fix the permissions and run again.")


def _catalogs(_args: argparse.Namespace) -> int:
    from analysis.i18n.catalogs import update_all

    for domain, missing in update_all().items():
        gaps = ", ".join(f"{code}: {n} untranslated" for code, n in missing.items())
        print(f"{domain}: {gaps}")
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
    p_run.add_argument("--language", metavar="nb|nn|nb,nn",
                       help="report language(s), built together in one job per report: "
                       "bokmål into reports/NOTEBOOK/SCENARIO/, nynorsk into .../nn/ "
                       "(default: the language parameter, nb unless a scenario or -p sets "
                       "it)")
    p_run.set_defaults(func=_run)
    p_cat = sub.add_parser("catalogs", help="extract report text and update the language "
                           "catalogs (analysis/locale/)")
    p_cat.set_defaults(func=_catalogs)
    p_import = importer.add_parser(sub)  # import-outbreak: a demand file from MSIS weeks
    for p in (parser, p_list, p_sync, p_run, p_cat, p_import):
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the full traceback of an error")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) < 1:
        print("--jobs must be a whole number of at least 1.", file=sys.stderr)
        return 2
    debug = getattr(args, "debug", False)
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
