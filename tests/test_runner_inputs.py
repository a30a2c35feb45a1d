"""Bad input that used to be read silently wrong, or refused with an unhelpful message:
YAML files and -p values, CSV files, values written by hand in a notebook."""

from __future__ import annotations

import pandera.pandas as pa
import pytest

from analysis import contracts, csvfiles
from analysis.errors import DataFileError, ParameterError
from analysis.notebooks import Target
from analysis.parameters import (
    ParameterFile,
    ParameterSpec,
    check_value,
    load_named_entries,
    load_parameter_file,
    parse_cli_overrides,
    parse_cli_value,
    parse_parameter_file,
)
from analysis.runner.execute import resolve_parameters
from analysis.scenarios import ScenarioFile
from analysis.yamlfiles import load_text

RT = "response_team_costs"


# ------------------------------------------------------------------ YAML and -p values
def test_leading_zero_is_decimal_not_octal_on_the_command_line():
    values = resolve_parameters(Target(RT, "letter_baseline"), {"team_size": "050"})
    assert values["team_size"] == 50  # YAML 1.1 would read 40


def test_exponent_is_a_number_on_the_command_line():
    spec = load_parameter_file(RT).parameters["contract_months"]
    assert parse_cli_value(spec, "1e1") == 10.0
    assert parse_cli_value(None, "1.5e3") == 1500.0


def test_yaml_literals_follow_yaml_1_2():
    assert load_text("a: 050\nb: 1e1\nc: no\nd: off\ne: 1:20\nf: true\ng: 0o17") == {
        "a": 50, "b": 10.0, "c": "no", "d": "off", "e": "1:20", "f": True, "g": 15}


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_key_in_a_scenario_file_names_file_and_line(tmp_path):
    path = _write(tmp_path, "s.yaml", (
        "notebook: response_team_costs\n"
        "scenarios:\n"
        "  team_50:\n"
        "    title: Team\n"
        "    description: d\n"
        "    parameters:\n"
        "      team_size: 50\n"
        "      team_size: 20\n"))
    with pytest.raises(ParameterError) as err:
        load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")
    message = str(err.value)
    assert "s.yaml, line 8" in message
    assert "'team_size' appears twice (first on line 7)" in message


def test_duplicate_key_in_a_parameter_file_is_refused(tmp_path):
    path = _write(tmp_path, "p.yaml", (
        "notebook: x\ntitle: t\nparameters:\n"
        "  agency:\n    type: int\n    value: 600000\n    value: 3000000\n"
        "    unit: kr\n    description: d\n    label: l\n    setting: true\n"))
    with pytest.raises(ParameterError, match=r"p\.yaml, line 7: the key 'value' appears twice"):
        parse_parameter_file(path)


def test_duplicate_top_level_scenario_is_refused(tmp_path):
    path = _write(tmp_path, "s.yaml", (
        "notebook: n\nscenarios:\n  a:\n    title: t\n    description: d\n"
        "  a:\n    title: u\n    description: e\n"))
    with pytest.raises(ParameterError, match=r"line 6: the key 'a' appears twice"):
        load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")


def test_yaml_syntax_error_has_a_line_number(tmp_path):
    path = _write(tmp_path, "s.yaml", "notebook: n\nscenarios:\n  a: [1, 2\n  b: 3\n")
    with pytest.raises(ParameterError) as err:
        load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")
    assert str(err.value).startswith("s.yaml, line ")
    assert "\n" not in str(err.value)


def test_schema_error_has_a_line_number(tmp_path):
    path = _write(tmp_path, "s.yaml", (
        "notebook: n\nscenarios:\n  a:\n    title: t\n    description: d\n"
        "    scheduled: maybe\n"))
    with pytest.raises(ParameterError, match=r"s\.yaml, line 6: entry 'scenarios\.a\.scheduled'"):
        load_named_entries(path, "scenarios", ScenarioFile, "Scenario file")


@pytest.mark.parametrize("name", ["output_dir", "scenario"])
def test_runner_parameters_cannot_be_given_with_p(name):
    with pytest.raises(ParameterError, match=f"-p {name} is set by the runner"):
        parse_cli_overrides([(name, "x")])


def test_repeated_p_is_refused():
    with pytest.raises(ParameterError, match=r"-p team_size is given twice \('50' and '60'\)"):
        parse_cli_overrides([("team_size", "50"), ("team_size", "60")])


@pytest.mark.parametrize("value", ["[25, 1e300]", "[-5]", "[25, .inf]", "[1, x]"])
def test_sweep_values_are_checked_item_by_item(value):
    with pytest.raises(ParameterError, match="sweep_severity_percents"):
        resolve_parameters(Target("conscription_scenarios", "mild"),
                           {"sweep_severity_percents": value})


def _float_spec() -> ParameterSpec:
    return ParameterSpec(name="x", type="float", value=1.0, unit="u", description="d",
                         label="l", setting=True)


def test_decimal_comma_in_a_notebook_gets_a_hint():
    with pytest.raises(ValueError, match=r"write the decimal point, 14\.5"):
        check_value(_float_spec(), (14, 5))


def test_decimal_comma_in_a_notebook_through_the_parameter_file():
    pfile: ParameterFile = load_parameter_file(RT)
    name = next(n for n, s in pfile.parameters.items() if s.type == "float")
    with pytest.raises(ParameterError, match=r"decimal point"):
        pfile.validate({name: (14, 5)}, where="notebook")


# ------------------------------------------------------------------------------ CSV
FIELDS = (csvfiles.Field("name", "text", "Navn", "name", "text"),
          csvfiles.Field("amount", "float", "Beløp", "amount", "a number"))
# a cell that cannot be read is worded by its reason (unreadable=None)
CONTRACT = contracts.Contract(FIELDS, pa.DataFrameSchema(
    {f.name: contracts.column(f, [], nullable=False) for f in FIELDS}), unreadable=None)


def _csv(tmp_path, text: str, mode: str = "w"):
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_thousands_separator_in_a_semicolon_file_is_refused(tmp_path):
    path = _csv(tmp_path, "name;amount\nOslo;1.250\n")
    with pytest.raises(DataFileError) as err:
        contracts.load(path, CONTRACT)
    message = str(err.value)
    assert "column 'amount', line 2:" in message and "'1.250'" in message
    assert "thousands separators" in message


def test_decimal_comma_in_a_semicolon_file_still_reads(tmp_path):
    typed = contracts.load(_csv(tmp_path, "name;amount\nOslo;1,25\n"), CONTRACT)
    assert typed["amount"].tolist() == [1.25]


def test_tab_separated_file_is_named_as_such(tmp_path):
    with pytest.raises(DataFileError, match="line 1: the file is tab-separated"):
        contracts.load(_csv(tmp_path, "name\tamount\nOslo\t1.5\n"), CONTRACT)


def test_unbalanced_quote_is_reported_where_it_opens(tmp_path):
    text = 'name,amount\nOslo,1.5\n"Bergen,2.5\nTromsø,3.5\nBodø,4.5\n'
    with pytest.raises(DataFileError, match=r"line 3: a quote mark"):
        contracts.load(_csv(tmp_path, text), CONTRACT)


def test_nul_byte_is_refused_with_its_line(tmp_path):
    with pytest.raises(DataFileError, match="line 3: the line holds a NUL byte"):
        contracts.load(_csv(tmp_path, "name,amount\nOslo,1.5\nBer\x00gen,2.5\n"),
                       CONTRACT)


def test_file_not_found_names_no_machine_folder(tmp_path):
    with pytest.raises(DataFileError) as err:
        contracts.load("data/none.csv", CONTRACT)
    from analysis.paths import PROJECT_ROOT
    assert str(PROJECT_ROOT) not in str(err.value)
