"""Run a batch of reports: lock, plan (what changed), build, manifest, index.

A failing report never stops the others. With ``changed_only`` a report is rebuilt only
when one of its inputs (see :mod:`analysis.runner.inputs`) differs from its last
successful build; the manifest says what was skipped and why.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from analysis import published
from analysis.errors import AnalysisError, OutputError
from analysis.i18n import DEFAULT_LANGUAGE
from analysis.notebooks import Target
from analysis.paths import public_text
from analysis.runner import publish
from analysis.runner.index import write_index
from analysis.runner.inputs import changed_inputs, fingerprint, target_inputs
from analysis.runner.lock import RunLock
from analysis.runner.outcome import (
    DEFAULT_LIMITS,
    OSLO,
    Limits,
    Outcome,
    code_version,
    job_languages,
    resolve_parameters,
)
from analysis.runner.progress import Progress

RUNS_DIR = published.RUNS_DIR


@dataclass
class Plan:
    build: list[tuple[Target, str]] = field(default_factory=list)  # (target, reason)
    skip: list[tuple[Target, str]] = field(default_factory=list)


def _last_success(reports: Path, target: Target) -> dict | None:
    path = publish.published_dir(reports, target.notebook, target.scenario) / "run.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return record if record.get("status") == "ok" else None


def plan(targets: list[Target], overrides: dict[str, Any], reports: Path,
         changed_only: bool, languages: list[str] | None = None) -> Plan:
    """Decide which targets to build, with the reason for each.

    With ``changed_only`` a target is skipped only if its inputs are unchanged and every
    language asked for is in its last successful build.
    """
    out = Plan()
    for t in targets:
        if not changed_only:
            out.build.append((t, "requested"))
            continue
        last = _last_success(reports, t)
        if last is None:
            out.build.append((t, "no earlier successful build"))
            continue
        try:
            values = resolve_parameters(t, overrides)
            wanted = job_languages(values, languages)
            built = last.get("languages") or [str(last.get("parameters", {}).get(
                "language", DEFAULT_LANGUAGE))]
            missing = [code for code in wanted if code not in built]
            if missing:
                out.build.append((t, f"language(s) {', '.join(missing)} not in the last "
                                     "successful build"))
                continue
            inputs = target_inputs(t, values, last.get("read_files", []))
        except AnalysisError:
            out.build.append((t, "parameters need checking"))  # the build reports the error
            continue
        except OSError as exc:  # an unreadable input: the build reports it for this target
            out.build.append((t, f"an input could not be read ({exc.strerror or exc})"))
            continue
        if fingerprint(inputs) == last.get("fingerprint"):
            out.skip.append((t, f"unchanged since the successful build of {last['started']}"))
        else:
            diff = changed_inputs(last.get("inputs", {}), inputs)
            out.build.append((t, "changed: " + ", ".join(diff)))
    return out


def _execute(p: Plan, overrides, reports, jobs, pdf, commit, progress,
             languages=None, limits: Limits = DEFAULT_LIMITS
             ) -> list[Outcome]:
    """Build the plan's targets, ``jobs`` at a time; each build process keeps one warm
    kernel for the reports it builds (:mod:`analysis.runner.kernels`)."""
    outcomes: list[Outcome] = []
    if not p.build:
        return outcomes
    # the notebook machinery loads only when something is built: a no-op --changed is fast
    from analysis.runner import kernels
    from analysis.runner.execute import run_target

    if jobs <= 1 or len(p.build) <= 1:
        try:
            for t, reason in p.build:
                progress.started(str(t))
                o = run_target(t, overrides, reports, commit, pdf=pdf, reason=reason,
                               languages=languages, limits=limits)
                progress.finished(o)
                outcomes.append(o)
        finally:
            kernels.shutdown()
        return outcomes
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        queue = list(p.build)
        running = {}
        while queue or running:
            while queue and len(running) < jobs:  # submit only what can start now
                t, reason = queue.pop(0)
                progress.started(str(t))
                f = pool.submit(run_target, t, overrides, reports, commit, pdf=pdf,
                                reason=reason, languages=languages, limits=limits)
                running[f] = t
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for f in finished:
                t = running.pop(f)
                try:
                    o = f.result()
                except Exception as exc:  # noqa: BLE001 - e.g. a worker killed by the OS
                    o = Outcome(str(t), t.notebook, t.scenario, "failed", "", 0.0,
                                error=f"the process building it stopped ({type(exc).__name__})",
                                overrides=dict(overrides))
                progress.finished(o)
                outcomes.append(o)
    return outcomes


def write_manifest(reports: Path, record: dict) -> Path:
    folder = reports / RUNS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record['run_id']}.json"
    tmp = path.with_suffix(".json.tmp")
    text = json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n"
    try:
        tmp.write_text(public_text(text, {reports: reports.name}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return path


def run_batch(targets: list[Target], overrides: dict[str, Any], reports: Path, jobs: int = 1,
              *, changed_only: bool = False, pdf: bool = False,
              progress: Progress | None = None,
              languages: list[str] | None = None,
              limits: Limits = DEFAULT_LIMITS
              ) -> tuple[list[Outcome], Path]:
    """Build ``targets`` under the run lock; return the outcomes and the manifest path.

    ``languages``: the report languages each job builds and publishes together (None:
    each report's ``language`` parameter). ``limits``: the time and memory each report's
    kernel may use.
    """
    with RunLock(reports):
        started = datetime.now(OSLO)
        for line in publish.repair(reports):
            print(f"repair: {line}", flush=True)
        commit = code_version()
        p = plan(targets, overrides, reports, changed_only, languages)
        progress = progress or Progress(len(p.build), live=False)
        progress.total = len(p.build)
        with progress:
            for t, reason in p.skip:
                progress.skipped(str(t), reason)
            outcomes = _execute(p, overrides, reports, jobs, pdf, commit, progress,
                                languages, limits)
        order = {str(t): i for i, (t, _) in enumerate(p.build)}
        outcomes.sort(key=lambda o: order[o.target])
        ended = datetime.now(OSLO)
        inputs: dict[str, str] = {}
        for o in outcomes:
            inputs.update(o.inputs)
        record = {
            "run_id": started.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}",
            "started": started.isoformat(timespec="seconds"),
            "ended": ended.isoformat(timespec="seconds"),
            "seconds": round((ended - started).total_seconds(), 2),
            "code_version": commit,
            "command": " ".join(sys.argv),
            "jobs": jobs,
            "changed_only": changed_only,
            "languages": languages,
            "overrides": overrides,
            "status": "ok" if all(o.ok for o in outcomes) else "failed",
            "inputs": dict(sorted(inputs.items())),
            "reports": [asdict(o) for o in outcomes],
            "skipped": [{"target": str(t), "reason": r} for t, r in p.skip],
        }
        problems = []
        manifest = reports / RUNS_DIR / f"{record['run_id']}.json"
        for step in (lambda: write_manifest(reports, record), lambda: write_index(reports)):
            try:
                step()
            except OSError as exc:  # e.g. disk full: still try the next, then say so
                problems.append(f"{exc.strerror or exc} ({public_text(str(exc.filename))})")
        remove_empty_staging(reports)
    if problems:
        built = sum(o.ok for o in outcomes)
        raise OutputError(
            f"{built} of {len(outcomes)} report(s) were published, but the run record or the "
            f"index page could not be written: {problems[0]}; free space and run again.")
    return outcomes, manifest


def remove_empty_staging(reports: Path) -> None:
    """Remove the staging folder if no run left anything in it."""
    staging = reports / publish.STAGING
    try:
        staging.rmdir()
    except OSError:
        pass
