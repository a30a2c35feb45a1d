"""Every numeric parameter is bounded by the schema before any arithmetic: 1e300 and
10**300 for a parameter without a declared maximum, a date past 9999, a NaN threshold:
each one sentence, nothing computed."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.conscription.importer import demand_frame
from analysis.errors import ParameterError
from analysis.parameters import NUMBER_LIMIT, load_parameter_file
from analysis.runner import kernels


@pytest.mark.parametrize("notebook, name", [
    ("conscription_scenarios", "incentive_grant_nok"),
    ("conscription_scenarios", "weight_incidence"),
    ("conscription_scenarios", "other_industries_per_10000"),
    ("conscription_scenarios", "civil_defence_persons"),
    ("response_team_costs", "register_2021_nok"),
])
@pytest.mark.parametrize("value", [1e300, 10**300, NUMBER_LIMIT + 1])
def test_a_number_beyond_the_schema_is_refused(notebook, name, value):
    pfile = load_parameter_file(notebook)
    assert pfile.parameters[name].max is None  # the case: no maximum declared
    with pytest.raises(ParameterError) as err:
        pfile.validate({name: value})
    message = str(err.value)
    assert f"at most {NUMBER_LIMIT}" in message and len(message) < 400, message
    assert pfile.validate({name: 1000})[name] == 1000


@pytest.mark.parametrize("value", ["9999-12-31", "10000-01-01", "1899-12-31", "2020-02-30",
                                   "30.11.2020"])
def test_a_date_outside_the_schema_is_refused(value):
    pfile = load_parameter_file("response_team_costs")
    with pytest.raises(ParameterError, match="allowed is a date written YYYY-MM-DD from "
                                             "1900-01-01 to 2099-12-31"):
        pfile.validate({"start_date": value})
    assert pfile.validate({"members_ready_date": "2099-12-31"})


def test_the_cli_refuses_a_huge_number_before_a_kernel_starts(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kernels, "acquire", lambda: pytest.fail("a kernel started"))
    code = main(["run", "response_team_costs/letter_baseline", "--out", str(tmp_path / "o"),
                 "-p", "start_date", "9999-12-31"])
    err = capsys.readouterr().err
    assert code in (1, 2) and "Traceback" not in err and "start_date" in err, err


@pytest.mark.parametrize("threshold, said", [(float("nan"), "got nan (not a number)"),
                                             (float("inf"), "got inf"), (-1.0, "got -1")])
def test_a_threshold_that_is_not_a_number_is_named_as_such(threshold, said):
    with pytest.raises(ParameterError) as err:
        demand_frame("2020-W45", threshold=threshold)
    assert str(err.value) == f"--threshold must be a number of 0 or more per 100 000; {said}."
