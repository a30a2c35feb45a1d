"""Scheduled runs: the lock, the manifest, change detection and failures in a batch.

Change detection is tested on a copy of the project (so the test may edit its files)
whose only notebooks are two one-cell toy families (``tests/toy/``: the runner's
behaviour does not need a model); then one parameter file is edited and ``run
--changed`` must rebuild exactly the reports that use it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.paths import PROJECT_ROOT
from analysis.runner.lock import RunLock

NB = "response_team_costs"
TOY, COPY = "toy", "toy_copy"
TOY_DIR = PROJECT_ROOT / "tests" / "toy"


def test_second_run_is_refused_while_one_holds_the_lock(tmp_path, cli):
    with RunLock(tmp_path):
        result = cli("run", f"{NB}/letter_baseline", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "Another report run is already using" in result.stderr
    assert f"process {os.getpid()}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock"]  # nothing touched
    assert "Traceback" not in result.stderr


def test_lock_is_released_after_a_run(tmp_path):
    with RunLock(tmp_path):
        pass
    with RunLock(tmp_path):  # would raise if the first had not released it
        pass


def test_manifest_records_inputs_parameters_and_outcomes(schedule_reports):
    manifests = sorted((schedule_reports / "runs").glob("*.json"))
    assert manifests
    first = json.loads(manifests[0].read_text())
    assert first["started"] <= first["ended"]
    assert first["code_version"]
    assert f"notebooks/{NB}.ipynb" in first["inputs"]
    assert f"data/parameters/{NB}.yaml" in first["inputs"]
    assert all(len(h) == 64 for h in first["inputs"].values())
    built = {r["target"]: r for r in first["reports"]}
    baseline = built[f"{NB}/letter_baseline"]
    assert baseline["status"] == "ok"
    assert baseline["parameters"]["team_size"] == 100
    assert built[f"{NB}/team_50"]["parameters"]["team_size"] == 50


# ---------------------------------------------------------------------- project copy
def _copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", ".git", "reports", "__pycache__", ".pytest_cache",
                                    ".hypothesis", "*.egg-info", "test-artifacts", "tests")
    shutil.copytree(PROJECT_ROOT, dest, ignore=ignore)
    for nb_path in (dest / "notebooks").glob("*.ipynb"):  # only the toy families
        nb_path.unlink()
    for name in (TOY, COPY):
        for src, folder in ((TOY_DIR / "toy.yaml", dest / "data" / "parameters"),
                            (TOY_DIR / "toy_scenarios.yaml", dest / "data" / "scenarios")):
            text = src.read_text(encoding="utf-8").replace(f"notebook: {TOY}",
                                                         f"notebook: {name}")
            (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        nb = nbformat.read(TOY_DIR / "toy.ipynb", as_version=4)
        for cell in nb.cells:
            cell.source = cell.source.replace(f'Report.start("{TOY}"', f'Report.start("{name}"')
        nbformat.write(nb, dest / "notebooks" / f"{name}.ipynb")
    return dest


@pytest.fixture(scope="module")
def project(tmp_path_factory, cli):
    root = _copy_project(tmp_path_factory.mktemp("copy") / "project")
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = root / "reports"
    first = cli("run", "--jobs", "2", "--out", str(out), cwd=root, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    return root, env, out


def _last_manifest(out: Path) -> dict:
    return json.loads(sorted((out / "runs").glob("*.json"))[-1].read_text())


def test_changed_skips_everything_when_nothing_changed(project, cli):
    root, env, out = project
    result = cli("run", "--changed", "--out", str(out), cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    manifest = _last_manifest(out)
    assert manifest["reports"] == []
    assert len(manifest["skipped"]) == 6
    assert all("unchanged" in s["reason"] for s in manifest["skipped"])


def test_edited_parameter_file_rebuilds_exactly_its_reports(project, cli):
    root, env, out = project
    pfile = root / "data" / "parameters" / f"{COPY}.yaml"
    pfile.write_text(pfile.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = cli("run", "--changed", "--out", str(out), cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    manifest = _last_manifest(out)
    rebuilt = sorted(r["target"] for r in manifest["reports"])
    assert rebuilt == [f"{COPY}/one", f"{COPY}/three", f"{COPY}/two"]
    assert all(f"data/parameters/{COPY}.yaml" in r["reason"] for r in manifest["reports"])
    assert sorted(s["target"] for s in manifest["skipped"]) == [
        f"{TOY}/one", f"{TOY}/three", f"{TOY}/two"]


def test_failing_report_leaves_the_others_and_the_earlier_good_report(project, cli):
    root, env, out = project
    good = (out / COPY / "two" / "index.html").read_bytes()
    path = root / "notebooks" / f"{COPY}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "if scenario == 'two':\n    raise ValueError('planned failure in two')"))
    nbformat.write(nb, path)
    result = cli("run", COPY, "--out", str(out), cwd=root, env=env)
    assert result.returncode != 0
    assert f"{COPY}/two" in result.stderr and "planned failure" in result.stderr
    manifest = _last_manifest(out)
    status = {r["target"]: r["status"] for r in manifest["reports"]}
    assert status == {f"{COPY}/one": "ok", f"{COPY}/two": "failed", f"{COPY}/three": "ok"}
    assert (out / COPY / "two" / "index.html").read_bytes() == good
    failed_nb = out / "failed" / COPY / "two" / f"{COPY}.ipynb"
    assert "planned failure" in failed_nb.read_text()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "planned failure in two" in index
    assert f"failed/{COPY}/two/{COPY}.ipynb" in index
