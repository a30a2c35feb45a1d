"""Faults of the machine and of operators: a publish killed at each step, leftovers,
disk full, an unusable --out, an unreadable input, a held lock. Each ends in one sentence
and a folder the next run puts right; none loses a published report."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.errors import OutputError
from analysis.notebooks import Target
from analysis.paths import PROJECT_ROOT
from analysis.runner import batch, execute, inputs, publish
from analysis.runner.batch import plan, run_batch
from analysis.runner.index import write_index
from analysis.runner.lock import RunInProgress, RunLock

NB = "response_team_costs"
SC = "letter_baseline"


def _index_links_exist(reports: Path, some: bool = True) -> None:
    page = (reports / "index.html").read_text(encoding="utf-8")
    # links into the reports folder (not mailto: or web addresses of the owner)
    links = [link for link in re.findall(r'href="([^"#]+)"', page) if ":" not in link]
    assert links or not some, page
    for link in links:
        assert (reports / link).is_file(), link
        assert not any(part.startswith(".") for part in Path(link).parts), link


@pytest.fixture()
def reports(schedule_reports, tmp_path) -> Path:
    """A private copy of one published report (and the index) to break."""
    out = tmp_path / "reports"
    shutil.copytree(schedule_reports / NB / SC, out / NB / SC)
    write_index(out)
    return out


# ------------------------------------------------------------- killed while publishing
KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from analysis.runner import publish
    step = int(sys.argv[1]); staging, reports = Path(sys.argv[2]), Path(sys.argv[3])
    calls = {"replace": 0}
    real_replace, real_rmtree = os.replace, publish.shutil.rmtree
    def replace(a, b):
        real_replace(a, b)
        calls["replace"] += 1
        if calls["replace"] == step:
            os.kill(os.getpid(), signal.SIGKILL)
    publish.os.replace = replace
    if step == 3:  # the atomic exchange done, the old report not yet removed
        real_exchange = publish._exchange
        def exchange(a, b):
            assert real_exchange(a, b)
            os.kill(os.getpid(), signal.SIGKILL)
        publish._exchange = exchange
    else:  # the three-step swap of systems without an atomic exchange
        publish._renameat2 = None
    if step == 0:  # staging written, nothing moved yet
        os.kill(os.getpid(), signal.SIGKILL)
    publish.publish(staging, reports, "response_team_costs", "letter_baseline")
""")


@pytest.mark.parametrize("step", [0, 1, 2, 3], ids=["staging-written", "old-moved-aside",
                                                     "new-moved-in", "exchanged"])
def test_publish_killed_at_each_step_is_repaired_by_the_next_run(reports, step):
    final = reports / NB / SC
    old = (final / "index.html").read_bytes()
    staging = publish.new_staging_dir(reports, NB, SC)
    shutil.copytree(final, staging, dirs_exist_ok=True)
    (staging / "index.html").write_bytes(old.replace(b"<h1>", b"<h1>NEW "))
    result = subprocess.run([sys.executable, "-c", KILLER, str(step), str(staging),
                             str(reports)], cwd=PROJECT_ROOT, capture_output=True)
    assert result.returncode == -signal.SIGKILL
    if step == 3:  # with the exchange, the index links a whole report before any repair
        _index_links_exist(reports)
        assert b"<h1>NEW " in (final / "index.html").read_bytes()
    # the next run (here one with nothing to build) repairs under the lock
    run_batch([], {}, reports)
    assert not (reports / publish.STAGING).exists()
    assert not list((reports / NB).glob(".*"))  # no hidden copy left behind
    page = (final / "index.html").read_bytes()
    assert page == (old if step < 2 else old.replace(b"<h1>", b"<h1>NEW "))
    assert (reports / NB / SC).is_dir()
    _index_links_exist(reports)


def test_index_never_links_to_a_report_moved_aside(reports):
    final = reports / NB / SC
    os.replace(final, final.with_name(f".{SC}.previous-0123abcd"))  # a kill after step 1
    shutil.copytree(final.with_name(f".{SC}.previous-0123abcd"),
                    reports / publish.STAGING / "x--y--1")  # and a staging with run.json
    write_index(reports)
    assert f"{NB}/{SC}/index.html" not in (reports / "index.html").read_text()
    _index_links_exist(reports, some=False)


def test_interrupted_build_leaves_no_staging(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(execute.papermill, "execute_notebook", interrupted)
    with pytest.raises(KeyboardInterrupt):
        execute.run_target(Target(NB, SC), {}, tmp_path)
    assert not list((tmp_path / publish.STAGING).iterdir())


# ------------------------------------------------------------------------- disk full
def test_disk_full_during_a_build_fails_that_report_and_the_batch_goes_on(tmp_path,
                                                                           monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "x.ipynb")
    monkeypatch.setattr(execute.papermill, "execute_notebook", full)
    outcomes, manifest = run_batch([Target(NB, SC), Target(NB, "team_50")], {}, tmp_path)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert outcomes[0].error == "could not write or read x.ipynb: the disk is full"
    assert json.loads(manifest.read_text())["status"] == "failed"
    assert (tmp_path / "index.html").exists()


def test_disk_full_while_keeping_the_log_still_returns_an_outcome(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(execute.papermill, "execute_notebook", full)
    monkeypatch.setattr(publish, "keep_failure", full)
    outcome = execute.run_target(Target(NB, SC), {}, tmp_path)
    assert not outcome.ok and "could not be kept" in outcome.error
    assert not list((tmp_path / publish.STAGING).iterdir())


def test_disk_full_writing_the_index_is_one_sentence(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "index.html"))
    monkeypatch.setattr(batch, "write_index", full)
    with pytest.raises(OutputError, match="could not be written: No space left on device"):
        run_batch([], {}, tmp_path)
    assert list((tmp_path / "runs").glob("*.json"))  # the manifest was still written


# ------------------------------------------------------------------------ --out, lock
def _main(capsys, *args: str) -> tuple[int, str]:
    """``python -m analysis ARGS`` in this process (faster than a subprocess)."""
    code = main(list(args))
    return code, capsys.readouterr().err


def test_out_naming_a_file_is_one_sentence(tmp_path, capsys):
    afile = tmp_path / "reports.txt"
    afile.write_text("x")
    code, err = _main(capsys, "run", f"{NB}/{SC}", "--out", str(afile))
    assert code == 2
    assert "is a file, not a folder" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unwritable_out_is_one_sentence(tmp_path, monkeypatch):
    def denied(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    monkeypatch.setattr(Path, "mkdir", denied)
    with pytest.raises(OutputError, match="cannot be used \\(Permission denied\\)"):
        with RunLock(tmp_path / "ro"):
            pass


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write into read-only folders")
def test_read_only_out_through_the_cli(tmp_path, cli):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    result = cli("run", f"{NB}/{SC}", "--out", str(ro))
    assert result.returncode == 2 and "cannot be written to" in result.stderr
    assert "Traceback" not in result.stderr


def test_lock_message_is_in_oslo_time(tmp_path):
    with RunLock(tmp_path):
        holder = json.loads((tmp_path / ".run.lock.json").read_text())
        assert holder["started"].endswith(("+01:00", "+02:00"))
        with pytest.raises(RunInProgress, match=r"started \d\d\.\d\d\.\d{4} .* Oslo time"):
            with RunLock(tmp_path):
                pass


def test_no_unix_only_module_is_imported():
    for path in (PROJECT_ROOT / "analysis").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+fcntl\b", path.read_text(), re.M), path


def test_debug_shows_the_traceback_and_plain_runs_do_not(tmp_path, cli):
    afile = tmp_path / "f"
    afile.write_text("x")
    plain = cli("run", f"{NB}/{SC}", "--out", str(afile))  # as a user runs it
    assert "Traceback" not in plain.stderr and plain.returncode == 2
    debug = cli("run", f"{NB}/{SC}", "--out", str(afile), "--debug")
    assert "Traceback" in debug.stderr and debug.returncode == 2


@pytest.mark.parametrize("args", [["-p", "output_dir", "reports/x"],
                                  ["-p", "scenario", "team_50"],
                                  ["-p", "team_size", "50", "-p", "team_size", "60"]])
def test_ignored_p_values_are_refused_by_the_cli(tmp_path, capsys, args):
    code, err = _main(capsys, "run", f"{NB}/{SC}", *args, "--out", str(tmp_path))
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / NB).exists()


# ------------------------------------------------------------------ --changed, plan()
def test_unreadable_input_does_not_stop_plan(schedule_reports, monkeypatch):
    real = inputs.file_hash

    def unreadable(path: Path) -> str:
        if path.name == f"{NB}.yaml" and "parameters" in path.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(inputs, "file_hash", unreadable)
    targets = [Target(NB, SC), Target("conscription_scenarios", "mild")]
    p = plan(targets, {}, schedule_reports, changed_only=True)
    reasons = dict((str(t), r) for t, r in p.build)
    assert reasons[f"{NB}/{SC}"].startswith("an input could not be read")
    assert [str(t) for t, _ in p.skip] == ["conscription_scenarios/mild"]


def test_changed_sees_a_data_file_no_parameter_names(schedule_reports, monkeypatch):
    """The county table is read by the conscription loader, not named by a parameter."""
    run = json.loads((schedule_reports / "conscription_scenarios" / "mild" / "run.json")
                     .read_text())
    assert "data/conscription/counties.csv" in run["read_files"]
    assert "data/conscription/counties.csv" in run["inputs"]
    real = inputs.file_hash
    monkeypatch.setattr(inputs, "file_hash", lambda p: "edited" if p.name == "counties.csv"
                        else real(p))
    p = plan([Target("conscription_scenarios", "mild")], {}, schedule_reports, True)
    assert [r for _, r in p.build] == ["changed: data/conscription/counties.csv"]


def test_list_into_a_closed_pipe_is_not_an_error():
    result = subprocess.run(f'"{sys.executable}" -m analysis list | head -1', shell=True,
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.stdout.strip() and result.stderr == ""
