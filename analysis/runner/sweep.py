"""``python -m analysis sweep TARGET -p NAME V1,V2,… [-p …] --out DIR``: one scenario run
for every combination of the given values, each a complete report, and a sweep page.

Every run is built by :func:`build_run` in a private temporary folder, locally (in this
process or a process pool, ``--jobs``) or on a Dask distributed cluster (``--dask
tcp://HOST:PORT``), and returns its files; this process alone publishes them, under the
sweep folder's run lock, into ``DIR/runs/<run>/``. So the workers need the project (code,
parameter files, input files) but no file system shared with the client, and nothing is
ever published over a scheduled report. ``DIR/index.html`` (and ``nn/``) shows one row
per run with the family's key figures (:mod:`analysis.presentation.key_figures`), a chart
along the first swept parameter and links to each run's report; ``DIR/sweep.json`` is the
machine-readable record. Docs: ``docs/sweeps.md``.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import ParameterError, TargetError
from analysis.i18n import DEFAULT_LANGUAGE, domain_of, translator, using_language
from analysis.notebooks import Target, parse_target, scenario_of
from analysis.parameters import RUN_PARAMETERS, load_parameter_file
from analysis.presentation.key_figures import labelled
from analysis.presentation.report import PAGE_FILE, Figure, Table
from analysis.runner import publish
from analysis.runner.execute import OSLO, code_version, resolve_parameters, run_target
from analysis.runner.lock import RunLock
from analysis.runner.overview import OverviewPage, check_own_folder
from analysis.runner.render import PageInfo

_ = translator("common")
RUNS = "runs"
RECORD = "sweep.json"


@dataclass(frozen=True)
class RunSpec:
    """One run of a sweep: the scenario with one combination of the swept values."""

    name: str  # the run's folder under DIR/runs/
    notebook: str
    scenario: str
    overrides: dict[str, str]  # the swept values, as -p gives them (text)
    languages: tuple[str, ...] = ("nb", "nn")
    #: parameter -> (file name, content) of swept input files outside the project, sent
    #: with the run so that a worker needs no file system shared with the client
    files: tuple[tuple[str, str, bytes], ...] = ()


@dataclass
class RunResult:
    """What a run sends back: its outcome (as in ``run.json``) and its files."""

    spec: RunSpec
    outcome: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # path in the report -> content
    worker: str = ""


def parse_sweep(pairs: list[tuple[str, str]] | None) -> dict[str, list[str]]:
    """``-p NAME V1,V2,…`` pairs as name → values, in the order given; one sentence for a
    name given twice, a runner's own parameter or an empty list."""
    out: dict[str, list[str]] = {}
    for name, text in pairs or []:
        if name in RUN_PARAMETERS:
            raise ParameterError(f"-p {name} is set by the runner and cannot be swept.")
        if name in out:
            raise ParameterError(f"-p {name} is given twice; give its values once, separated "
                                 "by commas (-p NAME V1,V2,…).")
        values = [v.strip() for v in text.split(",") if v.strip()]
        if not values:
            raise ParameterError(f"-p {name} '{text}' gives no value; give one or more, "
                                 "separated by commas.")
        out[name] = list(dict.fromkeys(values))
    if not out:
        raise ParameterError("A sweep needs at least one -p NAME V1,V2,… to vary.")
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "-", Path(text).stem.lower()).strip("-")[:24] or "x"


def plan_runs(target: Target, swept: dict[str, list[str]], languages: list[str]
              ) -> list[RunSpec]:
    """Every combination of the swept values, each checked against the parameter file
    before anything runs (one sentence naming the first bad value)."""
    specs = []
    names = list(swept)
    for i, values in enumerate(itertools.product(*swept.values()), start=1):
        overrides = dict(zip(names, values, strict=True))
        resolve_parameters(target, overrides)  # ParameterError before any run starts
        digest = hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()
        label = "-".join(f"{_slug(k)}-{_slug(v)}" for k, v in overrides.items())
        specs.append(RunSpec(f"{i:03d}-{label[:60]}-{digest[:6]}", target.notebook,
                             target.scenario, overrides, tuple(languages),
                             _outside_files(overrides)))
    return specs


def _outside_files(overrides: dict[str, str]) -> tuple[tuple[str, str, bytes], ...]:
    """Swept values naming an existing file outside the project, with their content."""
    from analysis.paths import PROJECT_ROOT

    out = []
    for name, value in overrides.items():
        path = Path(value)
        if not path.is_absolute() or not path.is_file():
            continue  # project files are part of the project every worker has
        if PROJECT_ROOT in path.resolve().parents:
            continue
        out.append((name, path.name, path.read_bytes()))
    return tuple(out)


def build_run(spec: RunSpec, commit: str | None = None) -> RunResult:
    """Build one run in a temporary folder of this machine and return its files.

    Runs wherever it is called: in the client, a local process, or a Dask worker.
    """
    import socket

    with tempfile.TemporaryDirectory(prefix="analysis-sweep-") as tmp:
        overrides = dict(spec.overrides)
        for name, file_name, content in spec.files:  # the client's input files, here
            local = Path(tmp) / "inputs" / name / file_name
            local.parent.mkdir(parents=True, exist_ok=True)
            local.write_bytes(content)
            overrides[name] = str(local)
        o = run_target(Target(spec.notebook, spec.scenario), overrides, Path(tmp) / "out",
                       commit, reason="sweep", languages=list(spec.languages))
        files: dict[str, bytes] = {}
        if o.ok:
            folder = Path(o.path)
            files = {p.relative_to(folder).as_posix(): p.read_bytes()
                     for p in sorted(folder.rglob("*")) if p.is_file()}
        outcome = asdict(o)
        outcome["path"] = ""
        outcome["overrides"] = dict(spec.overrides)
    return RunResult(spec, outcome, files, socket.gethostname())


def _local(specs: list[RunSpec], commit: str, jobs: int) -> Iterator[RunResult]:
    if jobs <= 1 or len(specs) <= 1:
        for spec in specs:
            yield build_run(spec, commit)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_run, spec, commit) for spec in specs]
        for f in as_completed(futures):
            yield f.result()


def _dask(specs: list[RunSpec], commit: str, address: str) -> Iterator[RunResult]:
    """The runs on a Dask distributed cluster; results arrive as they finish."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise TargetError("--dask needs the 'distributed' package (pip install "
                          "distributed).") from exc
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise TargetError(f"No Dask scheduler answered at {address} ({exc}); start one "
                          "with 'dask scheduler' and give its address, e.g. "
                          "tcp://HOST:8786.") from exc
    with client:
        futures = client.map(build_run, specs, commit=commit, pure=False,
                             key=[f"analysis-sweep-{s.name}-{time.time_ns()}" for s in specs])
        for f in dask_completed(futures):
            yield f.result()


def publish_run(result: RunResult, out: Path) -> Path | None:
    """Write a finished run's files into a staging folder of ``out`` and swap them into
    ``out/runs/<run>/`` (call under the sweep folder's run lock)."""
    if not result.files:
        return None
    staging = publish.new_staging_dir(out, RUNS, result.spec.name)
    for rel, data in result.files.items():
        path = staging / rel
        if staging.resolve() not in path.resolve().parents:
            raise TargetError(f"run {result.spec.name} returned a file outside its folder.")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    final = out / RUNS / result.spec.name
    publish.swap_into_place(staging, final)
    return final


def run_sweep(target: Target, swept: dict[str, list[str]], out: Path, *, jobs: int = 1,
              dask: str | None = None, languages: list[str] | None = None,
              echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the sweep, publish every run and the sweep page; return the sweep's record."""
    languages = languages or ["nb", "nn"]
    specs = plan_runs(target, swept, languages)
    commit = code_version()
    started = datetime.now(OSLO)
    t0 = time.perf_counter()
    where = f"Dask cluster {dask}" if dask else f"{jobs} local job(s)"
    echo(f"sweep {target}: {len(specs)} run(s) on {where} into {out}")
    results: list[RunResult] = []
    check_own_folder(out, RECORD, "sweep")
    with RunLock(out):
        publish.repair(out)
        source = _dask(specs, commit, dask) if dask else _local(specs, commit, jobs)
        for result in source:
            publish_run(result, out)
            o = result.outcome
            state = "ok" if o["status"] == "ok" else f"FAILED: {o['error']}"
            echo(f"  [{len(results) + 1}/{len(specs)}] {result.spec.name} "
                 f"({o['seconds']:.1f} s): {state}")
            results.append(result)
        results.sort(key=lambda r: r.spec.name)
        record = {
            "target": str(target), "swept": swept, "languages": languages,
            "started": started.isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - t0, 2),
            "engine": "dask" if dask else "local", "jobs": None if dask else jobs,
            "code_version": commit,
            "runs": [{"name": r.spec.name, "overrides": r.spec.overrides,
                      "status": r.outcome["status"], "error": r.outcome["error"],
                      "seconds": round(r.outcome["seconds"], 2),
                      "figures": _summary(out, r)} for r in results],
        }
        write_sweep_page(target, record, out)
        (out / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
        shutil.rmtree(out / publish.STAGING, ignore_errors=True)
    return record


def _summary(out: Path, result: RunResult) -> dict[str, Any]:
    path = out / RUNS / result.spec.name / "summary.json"
    if result.outcome["status"] != "ok" or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _as_number(values: list[str]) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def _chart(notebook: str, record: dict, first: str, x_label: str) -> Figure | None:
    """The key figures sharing the first figure's unit, along the first swept parameter
    (the other swept parameters at their first value)."""
    figures = labelled(notebook)
    if not figures or not record["runs"]:
        return None
    unit = figures[0][2]
    chosen = [(f, label) for f, label, u in figures if u == unit]
    others = {k: v[0] for k, v in record["swept"].items() if k != first}
    runs = [r for r in record["runs"]
            if all(r["overrides"].get(k) == v for k, v in others.items())]
    xs = [r["overrides"][first] for r in runs]
    numeric = _as_number(xs)
    positions = numeric if numeric is not None else list(range(len(xs)))
    data = pd.DataFrame({first: xs, **{f.key: [r["figures"].get(f.key) for r in runs]
                                       for f, _l in chosen}})
    from analysis.presentation import charts

    fig, ax = charts.new_figure(height=4.0 + 0.25 * len(chosen))
    for (f, label), colour in zip(chosen, itertools.cycle(charts.PALETTE), strict=False):
        ys = pd.to_numeric(data[f.key], errors="coerce")
        ax.plot(positions, ys, marker="o", color=colour, label=label)
    if numeric is None:
        ax.set_xticks(positions, xs)
    ax.set_xlabel(x_label)
    ax.set_ylabel(unit)
    if unit == "kr":
        charts.nok_axis(ax, "y")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18),
              ncol=2)
    caption = _("Hovedtallene målt i {unit}, etter {parameter}").format(unit=unit,
                                                                         parameter=x_label)
    alt = _("Linjediagram med ett punkt per kjøring: {figures} etter {parameter}. Tallene "
            "står i tabellen over.").format(figures=", ".join(label for _f, label in chosen),
                                             parameter=x_label)
    cols = {first: x_label, **{f.key: label for f, label in chosen}}
    return Figure("hovedtall_diagram", caption, alt, fig, data, columns=cols,
                  formats={f.key: f.kind for f, _l in chosen})


def runs_table(notebook: str, record: dict) -> Table:
    """One row per run: the swept values, status and every key figure."""
    pfile = load_parameter_file(notebook)
    tr = translator(domain_of(notebook))
    cols: dict[str, str] = {}
    formats: dict[str, str] = {}
    for name in record["swept"]:
        spec = pfile.parameters.get(name)
        cols[name] = tr(spec.label) if spec else name
        formats[name] = "text"
    rows = []
    figures = labelled(notebook)
    for f, label, unit in figures:
        cols[f.key] = f"{label} ({unit})"
        formats[f.key] = f.kind
    cols["status"] = _("Status")
    for r in record["runs"]:
        row: dict[str, Any] = {k: Path(v).name if "/" in v else v
                               for k, v in r["overrides"].items()}
        for f, _label, _unit in figures:
            value = r["figures"].get(f.key)
            row[f.key] = float(value) if isinstance(value, int | float) else None
        row["status"] = _("ferdig") if r["status"] == "ok" else _("feilet: {error}").format(
            error=r["error"])
        rows.append(row)
    return Table("kjoringer", _("Hovedtallene i hver kjøring"),
                 pd.DataFrame(rows, columns=list(cols)), cols, formats=formats,
                 note=_("Én rad per kjøring. Hver kjøring er en egen rapport med usikkerhet "
                        "som i en vanlig rapport; lenkene står under."))


def write_sweep_page(target: Target, record: dict, out: Path) -> list[Path]:
    """The sweep page in each language of the runs, with its workbook."""
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    first = next(iter(record["swept"]))
    pages = []
    for code in record["languages"]:
        with using_language(code):
            tr = translator(domain_of(target.notebook))
            page = OverviewPage(publish.language_dir(out, code))
            page.heading(_("Hovedtall"), "key-figures")
            page.show(runs_table(target.notebook, record))
            spec = pfile.parameters.get(first)
            chart = _chart(target.notebook, record, first, tr(spec.label) if spec else first)
            if chart is not None:
                page.show(chart)
            page.heading(_("Kjøringene"))
            items = []
            for r in record["runs"]:
                if r["status"] == "ok":
                    up = "" if code == DEFAULT_LANGUAGE else "../"
                    run_page = publish.language_dir(Path(RUNS) / r["name"], code)
                    link = f"{up}{run_page.as_posix()}/index.html"
                    items.append(f'<li><a href="{html.escape(link)}">'
                                 f"{html.escape(_overrides_text(r['overrides']))}</a></li>")
                else:
                    items.append(f"<li>{html.escape(_overrides_text(r['overrides']))}: "
                                 f"{html.escape(_('feilet'))}</li>")
            page.html_block(f'<ul class="report-list">{"".join(items)}</ul>')
            swept_text = "; ".join(f"{k} = {', '.join(v)}" for k, v in record["swept"].items())
            info = PageInfo(
                title=_("Parameterstudie: {title}").format(title=tr(pfile.title)),
                scenario=target.scenario, scenario_title=tr(scenario.title),
                date=datetime.fromisoformat(record["started"]).strftime("%d.%m.%Y kl. %H:%M"),
                commit=record["code_version"],
                summary=[_("{n} kjøringer av scenarioet med alle kombinasjoner av {swept}. "
                           "Tabellen har én rad per kjøring, og hver kjøring er en egen "
                           "rapport.").format(n=len(record["runs"]), swept=swept_text)],
                data_date=_first_data_date(out, record, code),
                notebook=target.notebook, language=code,
                other_languages=[(c, publish.language_href(code, c))
                                 for c in record["languages"] if c != code])
            pages.append(page.write(info))
    return pages


def _overrides_text(overrides: dict[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in overrides.items())


def _first_data_date(out: Path, record: dict, code: str) -> str:
    for r in record["runs"]:
        folder = publish.language_dir(out / RUNS / r["name"], code)
        try:
            page = json.loads((folder / PAGE_FILE).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if page.get("data_date"):
            return str(page["data_date"])
    return ""


def parse_sweep_target(text: str) -> Target:
    targets = parse_target(text)
    if len(targets) != 1 or "/" not in text:
        raise TargetError(f"A sweep varies one scenario; name it as NOTEBOOK/SCENARIO, not "
                          f"'{text}'.")
    return targets[0]
