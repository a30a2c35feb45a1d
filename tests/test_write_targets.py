"""Nothing outside the reports folder is ever touched: a scenario named like a path, a
notebook folder that is a link, a hand run's output_dir through a link or ``.staging/..``,
and ``--out`` a link. Each is refused in one sentence (or said) and a sentinel file
outside the reports folder survives."""

from __future__ import annotations

import shutil

import pytest

from analysis import scenarios
from analysis.cli import check_out, main
from analysis.errors import OutputError, ParameterError, TargetError
from analysis.paths import SCENARIOS_DIR
from analysis.presentation.report import Report
from analysis.runner import kernels, publish
from analysis.runner.targets import inside, is_name

NB = "response_team_costs"
SC = "letter_baseline"
HOSTILE = ["../../victim", "/tmp/x/victim2", "<b>x</b> #?", "a/b", "..", ".", "", "-x",
           "navn med mellomrom", "æøå"]


@pytest.fixture()
def sentinel(tmp_path):
    """A file two levels above the reports folder, and one in an absolute victim folder."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep", encoding="utf-8")
    yield victim / "keep.txt"
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("name", HOSTILE)
def test_a_scenario_name_that_is_not_an_identifier_is_refused_when_published(
        tmp_path, sentinel, name):
    reports = tmp_path / "a" / "reports"
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    with pytest.raises(TargetError, match="letters .*digits, _ and -"):
        publish.publish(staging, reports, NB, name)
    with pytest.raises(TargetError):
        publish.new_staging_dir(reports, NB, name)
    with pytest.raises(TargetError):
        publish.keep_failure(staging, reports, name, SC)
    assert not is_name(name)
    assert (staging / "index.html").exists()


def test_a_notebook_folder_that_links_outside_the_reports_is_refused(tmp_path, sentinel):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / NB).symlink_to(sentinel.parent, target_is_directory=True)
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(OutputError, match="outside the reports folder"):
        publish.publish(staging, reports, NB, SC)
    with pytest.raises(OutputError, match="outside the reports folder"):
        inside(reports, reports, NB)
    assert sorted(p.name for p in sentinel.parent.iterdir()) == ["keep.txt"]


@pytest.fixture()
def scenario_file(tmp_path, monkeypatch):
    """A copy of the notebook's scenario file the test may add a scenario to."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / f"{NB}.yaml"
    shutil.copy(SCENARIOS_DIR / f"{NB}.yaml", path)
    monkeypatch.setattr(scenarios, "SCENARIOS_DIR", folder)
    scenarios.load_scenarios.cache_clear()
    yield path
    scenarios.load_scenarios.cache_clear()


def _add_scenario(path, name: str) -> int:
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    line = text.count("\n") + 1
    path.write_text(text + f"  {name!r}:\n    title: x\n    description: x\n",
                    encoding="utf-8")
    return line


@pytest.mark.parametrize("name", ["../../victim", "/tmp/x/victim2", "<b>x</b> #?"])
def test_a_scenario_file_with_a_path_as_name_is_refused_when_read(scenario_file, name):
    line = _add_scenario(scenario_file, name)
    with pytest.raises(ParameterError) as err:
        scenarios.load_scenarios(NB)
    message = str(err.value)
    assert f"{NB}.yaml, line {line}:" in message and repr(name) in message
    assert "letters" in message and "digits, _ and -" in message


def test_the_cli_refuses_the_scenario_before_any_kernel_starts(scenario_file, tmp_path,
                                                                 sentinel, monkeypatch,
                                                                 capsys):
    _add_scenario(scenario_file, "../../victim")
    monkeypatch.setattr(kernels, "acquire", lambda: pytest.fail("a kernel started"))
    out = tmp_path / "a" / "b" / "out"
    assert main(["run", NB, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and err.count("\n") == 1
    assert not out.exists()


def test_out_a_symbolic_link_is_resolved_and_said(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert check_out(link) == real
    assert f"resolves to {real}" in capsys.readouterr().out
    assert check_out(real) == real
    assert capsys.readouterr().out == ""


@pytest.fixture()
def hand_reports(tmp_path):
    """A reports folder as the runner leaves it, with one published report."""
    reports = tmp_path / "reports"
    final = reports / NB / SC
    (final / "tables").mkdir(parents=True)
    (final / "summary.json").write_text("{}", encoding="utf-8")
    (reports / "index.html").write_text("index", encoding="utf-8")
    (reports / "runs").mkdir()
    return final


def test_hand_run_output_dir_a_link_to_a_published_report_is_refused(tmp_path, hand_reports):
    link = tmp_path / "mine"
    link.symlink_to(hand_reports, target_is_directory=True)
    with pytest.raises(ParameterError, match="inside the published reports folder"):
        Report.start(NB, {"output_dir": str(link)})
    assert (hand_reports / "summary.json").read_text(encoding="utf-8") == "{}"


def test_hand_run_output_dir_through_staging_dotdot_is_refused(hand_reports):
    reports = hand_reports.parent.parent
    sneaky = reports / ".staging" / ".." / NB / SC
    with pytest.raises(ParameterError, match="inside the published reports folder"):
        Report.start(NB, {"output_dir": str(sneaky)})
