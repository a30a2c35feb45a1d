"""Build one report: validate parameters, execute with papermill, render, publish.

Parameters are validated against the notebook's parameter file before anything runs
(papermill itself only warns about unknown names). A failed execution keeps its executed
notebook as the run's log and leaves the published report in place.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import nbformat
import papermill
import zmq
from jupyter_client.manager import KernelManager
from traitlets import default

from analysis.errors import AnalysisError
from analysis.notebooks import Target, scenario_of
from analysis.parameters import load_parameter_file, parse_cli_value
from analysis.paths import PROJECT_ROOT
from analysis.presentation.provenance import data_sources
from analysis.presentation.report import NOTICES_FILE, READ_FILES, SOURCES_FILE
from analysis.runner import publish
from analysis.runner.browser import print_pdf
from analysis.runner.excel import write_workbook
from analysis.runner.inputs import fingerprint, target_inputs
from analysis.runner.render import PageInfo, read_page_file, render_html

OSLO = ZoneInfo("Europe/Oslo")
KERNEL = "python3"


class LocalKernelManager(KernelManager):
    """The kernel papermill starts, with its loopback connection encrypted where it can be.

    ipykernel warns on every start that an unencrypted TCP connection could be read by
    others; with CurveZMQ (which the project's kernelspec declares) the warning, and the
    noise it adds to every scheduled run's log, goes away.
    """

    @default("transport_encryption")
    def _encrypt_when_possible(self) -> str:
        return "auto" if zmq.has("curve") else "disabled"



@dataclass
class Outcome:
    """What happened to one target."""

    target: str
    notebook: str
    scenario: str
    status: str  # "ok" or "failed"
    started: str
    seconds: float
    error: str = ""
    path: str = ""  # published report folder, or the failed run's folder
    parameters: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> content hash
    read_files: list[str] = field(default_factory=list)  # project files the run opened
    fingerprint: str = ""
    reason: str = ""  # why it was built (or skipped)
    title: str = ""  # Norwegian titles, for the index page
    scenario_title: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def code_version() -> str:
    """The git commit the code was run from, with ``-dirty`` if it had local changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=PROJECT_ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "ukjent (ikke et git-arkiv)"


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, papermill.PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}".strip().splitlines()[0]
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def resolve_parameters(target: Target, overrides: dict[str, Any]) -> dict[str, Any]:
    """Defaults, then the scenario, then the command line; all validated.

    Command-line values arrive as text and are read as YAML literals unless the
    parameter is text itself.
    """
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    typed = {
        k: parse_cli_value(pfile.parameters.get(k), v) if isinstance(v, str) else v
        for k, v in overrides.items()
    }
    return pfile.resolve(
        (f"scenario '{target.scenario}'", scenario.parameters),
        ("command line -p", typed),
    )


def run_target(target: Target, overrides: dict[str, Any], reports: Path,
               commit: str | None = None, *, pdf: bool = False, reason: str = "") -> Outcome:
    """Build one report into ``reports``; never raises for a failure of the report itself."""
    started = datetime.now(OSLO)
    t0 = time.perf_counter()
    outcome = Outcome(str(target), target.notebook, target.scenario, "failed",
                      started.isoformat(timespec="seconds"), 0.0, overrides=dict(overrides),
                      reason=reason)
    staging = None
    try:
        outcome.title = load_parameter_file(target.notebook).title
        outcome.scenario_title = scenario_of(target).title
        values = resolve_parameters(target, overrides)
        outcome.parameters = values
        outcome.inputs = target_inputs(target, values)
        outcome.fingerprint = fingerprint(outcome.inputs)
        staging = publish.new_staging_dir(reports, target.notebook, target.scenario)
        executed = staging / f"{target.notebook}.ipynb"
        try:
            papermill.execute_notebook(
                str(target.path), str(executed),
                parameters={**values, "scenario": target.scenario, "output_dir": str(staging)},
                kernel_name=KERNEL, kernel_manager_class=LocalKernelManager,
                cwd=str(PROJECT_ROOT), progress_bar=False,
                log_output=False, report_mode=False,
            )
        finally:
            outcome.seconds = time.perf_counter() - t0
        read = staging / READ_FILES
        if read.exists():
            outcome.read_files = json.loads(read.read_text(encoding="utf-8"))
            read.unlink()
            outcome.inputs = target_inputs(target, values, outcome.read_files)
            outcome.fingerprint = fingerprint(outcome.inputs)
        nb = nbformat.read(executed, as_version=4)
        page = staging / "index.html"
        info = page_info(target, started, commit)
        notices, sources = staging / NOTICES_FILE, staging / SOURCES_FILE
        if notices.exists():
            info.notices += json.loads(notices.read_text(encoding="utf-8"))
        if sources.exists():  # the data files a run read come before the parameters' sources
            info.sources = json.loads(sources.read_text(encoding="utf-8")) + info.sources
        read_page_file(info, staging)  # summary and data date (issue 13)
        page.write_text(render_html(nb, info), encoding="utf-8")
        write_workbook(staging, info)  # tables.xlsx (issue 13)
        if pdf:
            print_pdf(page, staging / "report.pdf")
        outcome.status = "ok"
        outcome.seconds = time.perf_counter() - t0
        _write_run_json(staging, outcome, commit)
        outcome.path = str(publish.publish(staging, reports, target.notebook, target.scenario))
    except Exception as exc:  # one report's failure must not stop the batch
        outcome.status = "failed"
        outcome.error = _first_line(exc)
        outcome.seconds = time.perf_counter() - t0
        if not isinstance(exc, AnalysisError | papermill.PapermillExecutionError):
            outcome.error += " (" + type(exc).__name__ + ")"
        if staging is not None and staging.exists():
            try:
                (staging / "error.txt").write_text(
                    outcome.error + "\n\n" + "".join(traceback.format_exception(exc)),
                    encoding="utf-8")
                _write_run_json(staging, outcome, commit)
                outcome.path = str(publish.keep_failure(staging, reports, target.notebook,
                                                        target.scenario))
            except OSError as record_exc:  # e.g. the disk is full: the batch goes on
                outcome.error += f"; its log could not be kept either ({record_exc.strerror})"
    finally:
        if staging is not None and staging.exists():  # interrupted, or no log kept
            shutil.rmtree(staging, ignore_errors=True)
    return outcome


def page_info(target: Target, started: datetime, commit: str | None) -> PageInfo:
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    return PageInfo(
        title=pfile.title,
        scenario=target.scenario,
        scenario_title=scenario.title,
        date=started.strftime("%d.%m.%Y kl. %H:%M"),
        commit=commit or code_version(),
        sources=data_sources(pfile),
        notices=[],
    )


def _write_run_json(folder: Path, outcome: Outcome, commit: str | None) -> None:
    record = asdict(outcome)
    record["commit"] = commit or code_version()
    (folder / "run.json").write_text(json.dumps(record, indent=2, ensure_ascii=False,
                                                default=str) + "\n", encoding="utf-8")
