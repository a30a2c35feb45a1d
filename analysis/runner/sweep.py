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

from analysis.errors import ParameterError, TargetError
from analysis.notebooks import Target, parse_target
from analysis.parameters import RUN_PARAMETERS
from analysis.runner import publish
from analysis.runner.execute import OSLO, code_version, resolve_parameters, run_target
from analysis.runner.lock import RunLock
from analysis.runner.overview import check_own_folder
from analysis.runner.sweep_page import RUNS, write_sweep_page

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


def parse_sweep_target(text: str) -> Target:
    targets = parse_target(text)
    if len(targets) != 1 or "/" not in text:
        raise TargetError(f"A sweep varies one scenario; name it as NOTEBOOK/SCENARIO, not "
                          f"'{text}'.")
    return targets[0]
