"""Parameter files: schema, provenance, validation messages, and the notebook cells."""

from __future__ import annotations

import re

import papermill
import pytest

from analysis.errors import ParameterError
from analysis.notebooks import notebook_names
from analysis.parameters import RUN_PARAMETERS, load_parameter_file, parse_parameter_file
from analysis.paths import NOTEBOOKS_DIR, PARAMETERS_DIR
from analysis.presentation.provenance import cite

NOTEBOOKS = notebook_names()


def test_every_notebook_has_a_parameter_file():
    assert NOTEBOOKS, "no notebooks found"
    for name in NOTEBOOKS:
        assert (PARAMETERS_DIR / f"{name}.yaml").exists(), name


@pytest.mark.parametrize("path", sorted(PARAMETERS_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_parameter_file_is_schema_valid_with_provenance(path):
    pfile = parse_parameter_file(path)
    assert pfile.notebook == path.stem
    for name, spec in pfile.parameters.items():
        if spec.setting:
            continue
        if spec.source is None:
            rng = spec.assumption
            assert rng is not None and rng.rationale.strip(), f"{name}: assumption without range"
            assert rng.low <= spec.value <= rng.high
        elif spec.source.kind == "letter":
            doc = spec.source.document  # a public reference ("20/42562-29"), never the name
            # of a local copy of the letter (seed files such as "002_<hash>.txt", "L002")
            assert cite(doc) != doc and spec.source.section, name
            assert not re.search(r"\.txt\b|\bL\d{3}\b", doc), f"{name}: local file name {doc}"
        elif spec.source.kind == "statistic":
            assert spec.source.publisher and spec.source.year, name
        elif spec.source.kind == "law":
            assert spec.source.title and "§" in spec.source.section, name


def _write(tmp_path, body: str):
    path = tmp_path / "x.yaml"
    path.write_text("notebook: x\ntitle: X\nparameters:\n" + body, encoding="utf-8")
    return path


def test_misplaced_key_is_an_error_not_ignored(tmp_path):
    path = _write(tmp_path, "  a:\n    type: int\n    value: 1\n    unit: u\n"
                  "    description: d\n    label: l\n    setting: true\n    minimum: 0\n")
    with pytest.raises(ParameterError, match="minimum"):
        parse_parameter_file(path)


def test_value_without_source_or_assumption_is_rejected(tmp_path):
    path = _write(tmp_path, "  a:\n    type: int\n    value: 1\n    unit: u\n"
                  "    description: d\n    label: l\n")
    with pytest.raises(ParameterError, match="source"):
        parse_parameter_file(path)


def test_default_outside_its_range_is_rejected(tmp_path):
    path = _write(tmp_path, "  a:\n    type: int\n    value: 50\n    unit: u\n"
                  "    description: d\n    label: l\n"
                  "    assumption: {low: 1, high: 10, rationale: r}\n")
    with pytest.raises(ParameterError, match="outside its range"):
        parse_parameter_file(path)


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("team_size", -5, "at least 0"),
        ("contract_months", 0, "at least 1"),
        ("team_size", 2.5, "a whole number"),
        ("deployment_days", "fourteen", "a number"),
        ("deployment_days", 0, "above 0"),
    ],
)
def test_bad_value_message_names_parameter_value_and_allowed(name, value, allowed):
    pfile = load_parameter_file("response_team_costs")
    with pytest.raises(ParameterError) as err:
        pfile.validate({name: value})
    message = str(err.value)
    assert f"'{name}'" in message and repr(value) in message and allowed in message
    assert "\n" not in message


def test_unknown_parameter_suggests_the_close_name():
    pfile = load_parameter_file("response_team_costs")
    with pytest.raises(ParameterError, match="Did you mean 'team_size'"):
        pfile.validate({"team_sise": 10})


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_parameters_cell_matches_the_parameter_file(notebook):
    """papermill's own reading of the cell must agree with the file: names, types, defaults."""
    inferred = papermill.inspect_notebook(str(NOTEBOOKS_DIR / f"{notebook}.ipynb"))
    pfile = load_parameter_file(notebook)
    expected_names = list(RUN_PARAMETERS) + list(pfile.parameters)
    assert list(inferred) == expected_names
    for name, spec in pfile.parameters.items():
        cell = inferred[name]
        assert cell["inferred_type_name"] == spec.type, name
        assert eval(cell["default"]) == spec.value, name  # literal from the notebook cell
        assert cell["help"].strip(), name


def test_list_choices_constrain_every_item(tmp_path):
    path = _write(tmp_path, "  domains:\n    type: list\n    value: [role]\n    unit: u\n"
                  "    description: d\n    label: l\n    setting: true\n"
                  "    choices: [role, sector]\n")
    pfile = parse_parameter_file(path)
    assert pfile.validate({"domains": ["sector", "role"]}) == {"domains": ["sector", "role"]}
    assert pfile.validate({"domains": []}) == {"domains": []}
    with pytest.raises(ParameterError) as err:
        pfile.validate({"domains": ["role", "county"]})
    assert "'county'" in str(err.value) and "a list of items from 'role', 'sector'" in str(
        err.value)


def test_law_source_is_accepted_and_needs_a_section(tmp_path):
    body = ("  hours:\n    type: int\n    value: 40\n    unit: timer\n"
            "    description: d\n    label: l\n    source:\n      kind: law\n"
            "      title: Forskrift om organisering, ledelse og medvirkning\n")
    with pytest.raises(ParameterError, match="section"):
        parse_parameter_file(_write(tmp_path, body))
    pfile = parse_parameter_file(_write(tmp_path, body + "      section: § 3-18\n"))
    assert pfile.parameters["hours"].source.section == "§ 3-18"
