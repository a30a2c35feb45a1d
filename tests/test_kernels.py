"""The kernels reports run in (analysis.runner.kernels): kept warm between reports, emptied
between them, and watched: a kernel that dies, runs too long or grows too large fails its
report in one sentence within seconds instead of hanging the schedule.

The watch is tested on one-cell toy notebooks, not on a report family.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from analysis.errors import AnalysisError
from analysis.notebooks import Target, schedule
from analysis.runner import execute, kernels
from analysis.runner.outcome import DEFAULT_LIMITS, Limits


def toy(tmp_path: Path, *cells: str) -> SimpleNamespace:
    """A notebook of ``cells`` with a parameters cell, as a target :func:`execute._execute`
    can run."""
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("language = 'nb'", metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(c) for c in cells)]
    path = tmp_path / "toy.ipynb"
    nbformat.write(nb, path)
    return SimpleNamespace(path=path, scenario="toy", notebook="toy")


@pytest.fixture
def kernel():
    km, _used = kernels.acquire()
    yield km
    kernels.shutdown()


def run(target, km, tmp_path, limits=DEFAULT_LIMITS, reset=""):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return execute._execute(target, {}, "nb", out, km, reset, limits)


def test_a_kernel_that_dies_fails_its_report_within_seconds(tmp_path, kernel):
    target = toy(tmp_path, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
                 "never = True")
    t0 = time.monotonic()
    with pytest.raises(AnalysisError, match="stopped unexpectedly"):
        run(target, kernel, tmp_path)
    # before the async client, the runner waited for the dead kernel forever
    assert time.monotonic() - t0 < 60


def test_a_report_past_its_time_limit_is_stopped(tmp_path, kernel):
    target = toy(tmp_path, "import time\ntime.sleep(120)")
    t0 = time.monotonic()
    with pytest.raises(kernels.LimitExceeded, match="time limit of 2 seconds"):
        run(target, kernel, tmp_path, Limits(seconds=2, memory_bytes=0))
    assert time.monotonic() - t0 < 60
    assert not kernel.is_alive()


def test_a_kernel_past_its_memory_limit_is_stopped(tmp_path, kernel):
    # 400 MB held for a minute, against a limit of 0.25 GB (kernels start at about 60 MB)
    target = toy(tmp_path, "import time\nblock = bytearray(400 * 1024**2)\ntime.sleep(60)")
    with pytest.raises(kernels.LimitExceeded, match="memory limit of 0.25 GB"):
        run(target, kernel, tmp_path, Limits(seconds=0, memory_bytes=1024**3 // 4))


def test_the_next_report_in_a_warm_kernel_starts_empty(tmp_path, kernel):
    run(toy(tmp_path, "left_behind = 42"), kernel, tmp_path)
    check = toy(tmp_path, "import json\nprint(json.dumps('left_behind' in globals()))")
    executed = run(check, kernel, tmp_path, reset=kernels.RESET_REPORT)
    nb = nbformat.read(executed, as_version=4)
    assert [c for c in nb.cells if kernels.RESET_TAG in c.metadata.get("tags", [])] == []
    assert json.loads(nb.cells[-1].outputs[0]["text"]) is False


def test_acquire_reuses_a_live_kernel_and_replaces_a_dead_one(kernel):
    again, used = kernels.acquire()
    assert again is kernel and used is False
    kernels.release(again, healthy=True)
    assert kernels.acquire() == (kernel, True)
    kernel.shutdown_kernel(now=True)  # died between reports
    fresh, used = kernels.acquire()
    assert fresh is not kernel and fresh.is_alive() and used is False


def test_a_report_built_in_a_warm_kernel_equals_a_fresh_build(schedule_reports, tmp_path):
    """The schedule's build processes keep their kernels, so its last report followed
    others in the same kernel; built alone in a fresh kernel it gives the same files."""
    target = schedule()[-1]
    kernels.shutdown()
    outcome = execute.run_target(Target(target.notebook, target.scenario), {}, tmp_path,
                                 "x", languages=["nb", "nn"], keep_kernel=False)
    assert outcome.ok, outcome.error
    for folder in ("", "nn"):
        warm = schedule_reports / target.notebook / target.scenario / folder
        fresh = tmp_path / target.notebook / target.scenario / folder
        names = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.csv"))
        assert names, fresh
        for name in [*names, "summary.json"]:
            assert (warm / name).read_text(encoding="utf-8") == \
                (fresh / name).read_text(encoding="utf-8"), f"{folder}/{name}"


def test_a_malformed_file_on_the_command_line_is_refused_before_a_kernel_starts(
        tmp_path, monkeypatch):
    """A demand file with a share of 1.3 (line 4): the run fails with the contract's
    sentence, and no kernel is asked for."""
    from analysis.paths import DATA_DIR

    src = DATA_DIR / "conscription" / "demand_autumn_2020.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("share_staff_isolated")] = "1.3"
    lines[3] = ",".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def no_kernel():
        raise AssertionError("a kernel was started for a file the runner could check")

    monkeypatch.setattr(kernels, "acquire", no_kernel)
    outcome = execute.run_target(Target("conscription_scenarios", "mild"),
                                 {"demand_file": str(bad)}, tmp_path / "out", "x")
    assert not outcome.ok
    assert "column 'share_staff_isolated', line 4: 1.3 is outside 0–1" in outcome.error
    assert (tmp_path / "out" / "failed" / "conscription_scenarios" / "mild"
            / "error.txt").exists()
