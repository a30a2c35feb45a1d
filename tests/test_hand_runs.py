"""A notebook run by hand (JupyterLab, or papermill without the runner) gets the runner's
checks: a misspelt parameter is refused, and it cannot write into published reports."""

from __future__ import annotations

import papermill
import pytest

from analysis import paths
from analysis.errors import ParameterError
from analysis.notebooks import Target
from analysis.paths import PROJECT_ROOT
from analysis.presentation.report import Report

NB = "response_team_costs"


def test_misspelt_parameter_in_a_notebook_is_refused():
    namespace = {"scenario": "interaktiv", "output_dir": "", "team_sise": 75}
    with pytest.raises(ParameterError, match="sets 'team_sise'.*did you mean 'team_size'"):
        Report.start(NB, namespace)


def test_other_variables_of_a_notebook_are_left_alone():
    report = Report.start(NB, {"scenario": "interaktiv", "output_dir": "", "p": {},
                               "rt": object(), "In": [], "_i1": "x"})
    assert report.params["team_size"] == 100


def test_decimal_comma_written_in_a_notebook_gets_a_hint():
    pfile_float = "contract_months"  # an int parameter: 14,5 is two values there too
    with pytest.raises(ParameterError, match=r"read as two values"):
        Report.start(NB, {pfile_float: (14, 5)})


@pytest.mark.parametrize("where", [f"{NB}/letter_baseline", "scratch"])
def test_output_dir_inside_the_published_reports_is_refused(where, tmp_path, monkeypatch):
    # the project's reports folder stands in a temporary folder: a user's `make reports`
    # fills the real one, and no test may depend on (or write into) what is there
    reports = tmp_path / "reports"
    monkeypatch.setattr(paths, "REPORTS_DIR", reports)
    with pytest.raises(ParameterError, match="inside the published reports folder"):
        Report.start(NB, {"output_dir": str(reports / where)})
    assert not reports.exists()


def test_output_dir_inside_another_reports_folder_is_refused(schedule_reports):
    where = schedule_reports / NB / "letter_baseline"
    with pytest.raises(ParameterError, match="inside the published reports folder"):
        Report.start(NB, {"output_dir": str(where)})


def test_output_dir_outside_the_reports_is_allowed(tmp_path):
    report = Report.start(NB, {"output_dir": str(tmp_path / "mine")})
    assert (tmp_path / "mine" / "tables").is_dir() and report.output_dir


def test_papermill_by_hand_with_a_misspelt_parameter_fails(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as err:
        papermill.execute_notebook(str(Target(NB, "letter_baseline").path),
                                   str(tmp_path / "out.ipynb"),
                                   parameters={"team_sise": 75}, cwd=str(PROJECT_ROOT),
                                   progress_bar=False, kernel_name="python3")
    assert err.value.ename == "ParameterError" and "team_size" in err.value.evalue


# ------------------------------------------------- scenario= and the parameters cell
def test_a_hand_run_naming_a_scenario_computes_that_scenario():
    """team_50 of data/scenarios/response_team_costs.yaml: team_size 50 and
    demand_at_ceiling true, whatever the parameters cell's defaults say."""
    from analysis.parameters import load_parameter_file

    cell = load_parameter_file(NB).defaults  # what the parameters cell sets
    report = Report.start(NB, {**cell, "scenario": "team_50", "output_dir": ""})
    assert report.params["team_size"] == 50 and report.params["demand_at_ceiling"] is True
    assert report.params["contract_months"] == cell["contract_months"]


def test_a_value_given_on_top_of_the_scenario_is_kept():
    from analysis.parameters import load_parameter_file

    cell = load_parameter_file(NB).defaults
    report = Report.start(NB, {**cell, "team_size": 70, "scenario": "team_50",
                               "output_dir": ""})
    assert report.params["team_size"] == 70 and report.params["demand_at_ceiling"] is True


def test_a_hand_run_naming_an_unknown_scenario_is_refused():
    with pytest.raises(ParameterError, match="'team_5' is not a scenario.*team_50"):
        Report.start(NB, {"scenario": "team_5", "output_dir": ""})


def test_the_runner_values_are_never_replaced(tmp_path, monkeypatch):
    """The runner passes resolved values and an output folder (and says so in the
    kernel's environment): team_size 100 with scenario team_50 is a -p override there,
    not a default to replace."""
    from analysis import published

    monkeypatch.setenv(published.RUNNER_ENV, "1")
    staging = tmp_path / "x"
    report = Report.start(NB, {"scenario": "team_50", "team_size": 100,
                               "output_dir": str(staging)})
    assert report.params["team_size"] == 100


def test_a_parameters_cell_older_than_the_parameter_file_is_named(tmp_path, monkeypatch):
    import nbformat

    from analysis.parameters import load_parameter_file
    from analysis.paths import NOTEBOOKS_DIR
    from analysis.presentation import hand_run

    pfile = load_parameter_file(NB)
    assert hand_run.stale_parameters_cell(pfile) == []  # the committed notebooks agree
    nb = nbformat.read(NOTEBOOKS_DIR / f"{NB}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = cell.source.replace("team_size: int = 100", "team_size: int = 90")
    nbformat.write(nb, tmp_path / f"{NB}.ipynb")
    monkeypatch.setattr("analysis.paths.NOTEBOOKS_DIR", tmp_path)
    assert hand_run.stale_parameters_cell(pfile) == ["team_size"]
    with pytest.warns(UserWarning, match="differs from data/parameters/.*team_size.*sync-params"):
        assert hand_run.warn_if_stale(pfile)
