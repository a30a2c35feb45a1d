"""Build one report: validate parameters, execute with papermill, render, publish.

Parameters are validated against the notebook's parameter file before anything runs
(papermill itself only warns about unknown names). A failed execution keeps its executed
notebook as the run's log and leaves the published report in place.
"""

from __future__ import annotations

import importlib
import json
import shutil
import time
import traceback
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat
import papermill
from nbclient.exceptions import DeadKernelError

from analysis.errors import AnalysisError, os_problem
from analysis.i18n import domain_of, translator, using_language
from analysis.notebooks import Target, scenario_of
from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT
from analysis.presentation.provenance import data_sources
from analysis.presentation.report import NOTICES_FILE, SOURCES_FILE, TABLES_FILE
from analysis.runner import kernels, publish, reads
from analysis.runner.browser import print_pdf
from analysis.runner.excel import write_workbook
from analysis.runner.inputs import data_files, fingerprint, target_inputs
from analysis.runner.outcome import (  # noqa: F401 - the names this module always had
    DEFAULT_LIMITS,
    OSLO,
    Limits,
    Outcome,
    code_version,
    job_languages,
    resolve_parameters,
)
from analysis.runner.publish import language_href
from analysis.runner.render import PageInfo, read_page_file, render_html
from analysis.scenarios import check_expected

KERNEL = kernels.KERNEL


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, papermill.PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}".strip().splitlines()[0]
    if isinstance(exc, OSError):  # disk full, no permission: in words, no errno
        return os_problem(exc)
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def check_input_files(target: Target, values: dict[str, Any],
                      overrides: dict[str, Any]) -> None:
    """Check the data files a run's command line names before any kernel starts.

    The family's ``pipeline.check_inputs`` reads them as the analysis will, so a malformed
    file is refused in one sentence at once. Files the scenarios name are shipped and
    tested, so only ``-p`` overrides that name a file are read here.
    """
    given = {k: v for k, v in overrides.items() if k in values}
    if not data_files({k: values[k] for k in given}):
        return
    try:  # a notebook's catalog domain is its family's package (analysis.i18n)
        module = importlib.import_module(f"analysis.{domain_of(target.notebook)}.pipeline")
    except ModuleNotFoundError:
        return
    check = getattr(module, "check_inputs", None)
    if check is not None:
        check(values)


def _source(target: Target, reset: str, folder: Path) -> nbformat.NotebookNode:
    """The notebook to execute: a first cell that empties the kernel when it has run a
    notebook before (:mod:`analysis.runner.kernels`) and starts noting the files read,
    and a last cell that writes them into ``folder`` (:mod:`analysis.runner.reads`).
    Both are tagged :data:`~analysis.runner.kernels.RESET_TAG` and removed afterwards."""
    nb = nbformat.read(target.path, as_version=4)
    first = "\n".join(code for code in (reset, reads.setup_cell()) if code)
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        first, metadata={"tags": [kernels.RESET_TAG]}))
    nb.cells.append(nbformat.v4.new_code_cell(
        reads.final_cell(folder), metadata={"tags": [kernels.RESET_TAG]}))
    return nb


def _execute(target: Target, values: dict[str, Any], language: str, folder: Path,
             km: kernels.LocalKernelManager, reset: str = "",
             limits: Limits = DEFAULT_LIMITS) -> Path:
    executed = folder / f"{target.notebook}.ipynb"
    with kernels.Watch(km, limits) as watch:
        try:
            papermill.execute_notebook(
                _source(target, reset, folder), str(executed),
                parameters={**values, "language": language, "scenario": target.scenario,
                            "output_dir": str(folder)},
                kernel_name=KERNEL, km=km, cwd=str(PROJECT_ROOT), progress_bar=False,
                log_output=False, report_mode=False,
                # written once when the run ends (also when a cell fails), not per cell
                request_save_on_cell_execute=False,
            )
        except DeadKernelError:
            watch.check()  # the watch killed it: say which limit
            raise AnalysisError(
                "The kernel running the notebook stopped unexpectedly (killed, or out of "
                "memory); the report was not built.") from None
    nb = nbformat.read(executed, as_version=4)
    nb.cells = [c for c in nb.cells if kernels.RESET_TAG not in c.metadata.get("tags", [])]
    nb.metadata.papermill.input_path = str(target.path)  # not the notebook itself
    nbformat.write(nb, executed)
    return executed


def _render(target: Target, executed: Path, folder: Path, language: str,
            languages: list[str], started: datetime, commit: str | None, pdf: bool,
            overrides: dict[str, Any] | None = None) -> None:
    """The page, workbook (and PDF) of one language, from its executed notebook."""
    nb = nbformat.read(executed, as_version=4)
    with using_language(language):
        info = page_info(target, started, commit)
        if overrides:  # on the first screen: this is not the scenario as scheduled
            info.scenario_title = overridden_title(info.scenario_title, overrides)
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
               languages: list[str] | None = None,
               limits: Limits = DEFAULT_LIMITS, keep_kernel: bool = True
               ) -> Outcome:
    """Build one report, in each of its languages, into ``reports``; never raises for a
    failure of the report itself.

    Every language is built in one staging folder (bokmål at its top, others in a
    subfolder, :func:`analysis.runner.publish.language_dir`) by one kernel, and published
    together, or not at all. The kernel runs the notebook once per language; the family's
    analysis is computed once and reused (:mod:`analysis.runner.memo`). The kernel is this
    process's warm kernel (:mod:`analysis.runner.kernels`), kept for the next report
    when ``keep_kernel`` and this one went well; ``limits`` bound its time and memory.
    """
    started = datetime.now(OSLO)
    t0 = time.perf_counter()
    outcome = Outcome(str(target), target.notebook, target.scenario, "failed",
                      started.isoformat(timespec="seconds"), 0.0, overrides=dict(overrides),
                      reason=reason)
    staging = None
    km = None
    executed_ok = False  # the kernel came through (whether or not the notebook did)
    try:
        outcome.title = load_parameter_file(target.notebook).title
        outcome.scenario_title = scenario_of(target).title
        values = resolve_parameters(target, overrides)
        langs = job_languages(values, languages)
        if languages is None:  # no --language: every language published before, again
            langs += [c for c in earlier_languages(reports, target) if c not in langs]
        outcome.languages = langs
        outcome.parameters = values
        outcome.inputs = target_inputs(target, values)
        outcome.fingerprint = fingerprint(outcome.inputs)
        staging = publish.new_staging_dir(reports, target.notebook, target.scenario)
        check_input_files(target, values, overrides)  # failed/ keeps its sentence
        read_files: set[str] = set()
        executed_files = []
        try:
            km, used = kernels.acquire()
            for i, language in enumerate(langs):
                folder = publish.language_dir(staging, language)
                folder.mkdir(parents=True, exist_ok=True)
                reset = (kernels.RESET_LANGUAGE if i > 0
                         else kernels.RESET_REPORT if used else "")
                executed_files.append(_execute(target, values, language, folder, km,
                                               reset, limits))
                read = folder / reads.READ_FILES
                if read.exists():
                    read_files.update(json.loads(read.read_text(encoding="utf-8")))
                    read.unlink()
            executed_ok = True
        except papermill.PapermillExecutionError:
            executed_ok = True  # a cell raised: the notebook failed, the kernel is fine
            raise
        finally:
            outcome.seconds = time.perf_counter() - t0
            if km is not None:
                kernels.release(km, healthy=executed_ok, keep=keep_kernel)
        if read_files:
            outcome.read_files = sorted(read_files)
            outcome.inputs = target_inputs(target, values, outcome.read_files)
            outcome.fingerprint = fingerprint(outcome.inputs)
        for language, executed in zip(langs, executed_files, strict=True):
            _render(target, executed, publish.language_dir(staging, language), language,
                    langs, started, commit, pdf, overrides)
        outcome.checks = expectation_checks(target, overrides,
                                            publish.language_dir(staging, langs[0]))
        outcome.status = "ok"
        outcome.seconds = time.perf_counter() - t0
        _write_run_json(staging, outcome, commit)
        outcome.path = str(publish.publish(staging, reports, target.notebook, target.scenario))
    except Exception as exc:  # one report's failure must not stop the batch
        outcome.status = "failed"
        outcome.error = _first_line(exc)
        outcome.seconds = time.perf_counter() - t0
        if not isinstance(exc, AnalysisError | OSError | papermill.PapermillExecutionError
                          | kernels.LimitExceeded):
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


def earlier_languages(reports: Path, target: Target) -> list[str]:
    """The languages of the report published for ``target`` in ``reports`` (none if there
    is none): a rebuild without ``--language`` builds them all again, so that rebuilding
    in bokmål never removes the nynorsk pages (docs/languages.md)."""
    try:
        record = json.loads((publish.published_dir(reports, target.notebook, target.scenario)
                             / "run.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    return [c for c in record.get("languages") or [] if isinstance(c, str)]


def overridden_title(title: str, overrides: dict[str, Any]) -> str:
    """The scenario's title with what ``-p`` changed (data files by their name), so the
    first screen never passes a changed run off as the scenario."""
    _ = translator("common")
    def shown(value: Any) -> str:
        text = str(value)
        return Path(text.replace("\\", "/")).name if "/" in text or "\\" in text else text

    changes = ", ".join(f"{k} = {shown(v)}" for k, v in overrides.items())
    return _("{title}, endret ved kjøringen: {changes}").format(title=title, changes=changes)


def expectation_checks(target: Target, overrides: dict[str, Any], folder: Path
                       ) -> list[dict[str, Any]]:
    """The scenario's ``expected:`` figures against the run's ``summary.json`` (none when
    ``-p`` overrides changed the scenario: its expectations are not about that run)."""
    expected = scenario_of(target).expected
    summary = folder / "summary.json"
    if not expected or overrides or not summary.exists():
        return []
    return check_expected(expected, json.loads(summary.read_text(encoding="utf-8")))


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
