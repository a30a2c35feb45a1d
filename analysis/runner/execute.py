"""Build one report: validate parameters, execute with papermill, render, publish.

Parameters are validated against the notebook's parameter file before anything runs
(papermill itself only warns about unknown names). A failed execution keeps its executed
notebook as the run's log and leaves the published report in place.
"""

from __future__ import annotations

import json
import os
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
from analysis.i18n import DEFAULT_LANGUAGE, check_language, domain_of, translator, using_language
from analysis.notebooks import Target, scenario_of
from analysis.parameters import load_parameter_file, parse_cli_value
from analysis.paths import PROJECT_ROOT
from analysis.presentation.provenance import data_sources
from analysis.presentation.report import NOTICES_FILE, READ_FILES, SOURCES_FILE, TABLES_FILE
from analysis.runner import memo, publish
from analysis.runner.browser import print_pdf
from analysis.runner.excel import write_workbook
from analysis.runner.inputs import fingerprint, target_inputs
from analysis.runner.publish import language_href
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
    languages: list[str] = field(default_factory=list)  # built and published together

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


def job_languages(values: dict[str, Any], languages: list[str] | None) -> list[str]:
    """The languages one job builds: those asked for (``--language``), else the resolved
    ``language`` parameter (the parameter file's default, a scenario's or ``-p``'s)."""
    if languages:
        return [check_language(c) for c in dict.fromkeys(languages)]
    return [check_language(str(values.get("language", DEFAULT_LANGUAGE)))]


def start_kernel() -> LocalKernelManager:
    """One kernel for one job, with the job memo switched on (:mod:`analysis.runner.memo`)."""
    km = LocalKernelManager(kernel_name=KERNEL)
    km.start_kernel(cwd=str(PROJECT_ROOT), env={**os.environ, memo.ENV: "1"})
    return km


#: Tag of the cell put first in the second and later languages' runs: it empties the
#: kernel's variables (modules, and with them the job memo, stay loaded), so every
#: language's run starts as the first did. It is removed from the executed notebook.
RESET_TAG = "analysis-language-reset"


def _source(target: Target, reset: bool) -> str | nbformat.NotebookNode:
    if not reset:
        return str(target.path)
    nb = nbformat.read(target.path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("%reset -f", metadata={"tags": [RESET_TAG]}))
    return nb


def _execute(target: Target, values: dict[str, Any], language: str, folder: Path,
             km: KernelManager, reset: bool = False) -> Path:
    executed = folder / f"{target.notebook}.ipynb"
    papermill.execute_notebook(
        _source(target, reset), str(executed),
        parameters={**values, "language": language, "scenario": target.scenario,
                    "output_dir": str(folder)},
        kernel_name=KERNEL, km=km, cwd=str(PROJECT_ROOT), progress_bar=False,
        log_output=False, report_mode=False,
        # written once when the run ends (also when a cell fails), not after every cell
        request_save_on_cell_execute=False,
    )
    if reset:
        nb = nbformat.read(executed, as_version=4)
        nb.cells = [c for c in nb.cells if RESET_TAG not in c.metadata.get("tags", [])]
        nb.metadata.papermill.input_path = str(target.path)  # not the notebook itself
        nbformat.write(nb, executed)
    return executed


def _render(target: Target, executed: Path, folder: Path, language: str,
            languages: list[str], started: datetime, commit: str | None, pdf: bool) -> None:
    """The page, workbook (and PDF) of one language, from its executed notebook."""
    nb = nbformat.read(executed, as_version=4)
    with using_language(language):
        info = page_info(target, started, commit)
        info.language = language
        info.other_languages = [(code, language_href(language, code))
                                for code in languages if code != language]
        notices, sources = folder / NOTICES_FILE, folder / SOURCES_FILE
        if notices.exists():
            info.notices += json.loads(notices.read_text(encoding="utf-8"))
        if sources.exists():  # the data files a run read come before the parameters' sources
            info.sources = json.loads(sources.read_text(encoding="utf-8")) + info.sources
        read_page_file(info, folder)  # summary and data date (issue 13)
        info.workbook = (folder / TABLES_FILE).exists()
        info.pdf = pdf
        page = folder / "index.html"
        page.write_text(render_html(nb, info), encoding="utf-8")
        write_workbook(folder, info)  # tables.xlsx (issue 13)
        if pdf:
            print_pdf(page, folder / "report.pdf")


def run_target(target: Target, overrides: dict[str, Any], reports: Path,
               commit: str | None = None, *, pdf: bool = False, reason: str = "",
               languages: list[str] | None = None) -> Outcome:
    """Build one report, in each of its languages, into ``reports``; never raises for a
    failure of the report itself.

    Every language is built in one staging folder (bokmål at its top, others in a
    subfolder, :func:`analysis.runner.publish.language_dir`) by one kernel, and published
    together, or not at all. The kernel runs the notebook once per language; the family's
    analysis is computed once and reused (:mod:`analysis.runner.memo`).
    """
    started = datetime.now(OSLO)
    t0 = time.perf_counter()
    outcome = Outcome(str(target), target.notebook, target.scenario, "failed",
                      started.isoformat(timespec="seconds"), 0.0, overrides=dict(overrides),
                      reason=reason)
    staging = None
    km = None
    try:
        outcome.title = load_parameter_file(target.notebook).title
        outcome.scenario_title = scenario_of(target).title
        values = resolve_parameters(target, overrides)
        langs = job_languages(values, languages)
        outcome.languages = langs
        outcome.parameters = values
        outcome.inputs = target_inputs(target, values)
        outcome.fingerprint = fingerprint(outcome.inputs)
        staging = publish.new_staging_dir(reports, target.notebook, target.scenario)
        read_files: set[str] = set()
        executed_files = []
        try:
            km = start_kernel()
            for i, language in enumerate(langs):
                folder = publish.language_dir(staging, language)
                folder.mkdir(parents=True, exist_ok=True)
                executed_files.append(_execute(target, values, language, folder, km,
                                               reset=i > 0))
                read = folder / READ_FILES
                if read.exists():
                    read_files.update(json.loads(read.read_text(encoding="utf-8")))
                    read.unlink()
        finally:
            outcome.seconds = time.perf_counter() - t0
            if km is not None:
                km.shutdown_kernel(now=True)
        if read_files:
            outcome.read_files = sorted(read_files)
            outcome.inputs = target_inputs(target, values, outcome.read_files)
            outcome.fingerprint = fingerprint(outcome.inputs)
        for language, executed in zip(langs, executed_files, strict=True):
            _render(target, executed, publish.language_dir(staging, language), language,
                    langs, started, commit, pdf)
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
    """The first screen's facts, in the current language (titles through the notebook's
    catalog domain)."""
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    _ = translator(domain_of(target.notebook))
    return PageInfo(
        title=_(pfile.title),
        scenario=target.scenario,
        scenario_title=_(scenario.title),
        date=started.strftime("%d.%m.%Y kl. %H:%M"),
        commit=commit or code_version(),
        sources=data_sources(pfile),
        notices=[],
        notebook=target.notebook,
    )


def _write_run_json(folder: Path, outcome: Outcome, commit: str | None) -> None:
    record = asdict(outcome)
    record["commit"] = commit or code_version()
    (folder / "run.json").write_text(json.dumps(record, indent=2, ensure_ascii=False,
                                                default=str) + "\n", encoding="utf-8")
