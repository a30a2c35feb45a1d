"""A survey tool's export read through the shipped mapping: the same rows, so the same
estimates, as the contract-layout file it was made from; clear errors for what the mapping
does not know."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import DataFileError
from analysis.hms import columns as c
from analysis.hms import contract, mapping, pipeline
from analysis.hms.synthetic.tool_export import tool_export_text
from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT

TOOL = "data/hms/respondents_synthetic_tool.csv"
MAPPING = "data/hms/mapping_example_tool.yaml"


@pytest.fixture(scope="module")
def params() -> dict:
    return dict(load_parameter_file("hms_training_survey").defaults)


@pytest.fixture(scope="module")
def exported() -> pd.DataFrame:
    return mapping.load_export(TOOL, MAPPING)


def test_the_tool_layout_has_what_real_exports_have():
    text = (PROJECT_ROOT / TOOL).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "Har du gjennomført arbeidsgivers HMS-opplæring?" in lines[0]  # questions as headers
    assert "Delvis fullført" in text and "Ikke relevant" in text and "Vet ikke" in text
    two_roles = [line for line in lines[1:] if line.count(",Valgt") == 2]
    assert len(two_roles) > 100  # people with two roles (leader or verneombud + AMU)
    assert len(lines) - 1 < len(contract.load_respondents())  # fewer people than roles


def test_read_through_the_mapping_it_is_the_contract_file(exported):
    original = contract.load_respondents()
    assert list(exported.columns) == list(original.columns)
    assert (exported.dtypes == original.dtypes).all()
    rest = [col for col in original.columns if col != c.RESPONDENT_ID]
    def rows(frame):
        return frame[rest].astype(str).sort_values(rest).reset_index(drop=True)
    pd.testing.assert_frame_equal(rows(exported), rows(original))
    # a person with two roles is one row per role, the person's id kept in both
    split = exported[exported[c.RESPONDENT_ID].str.endswith("-amu_member")]
    assert len(split) > 100 and (split[c.RESPONSE_STATUS] == "nonrespondent").all()


def test_same_estimates_as_the_contract_file(params):
    direct = pipeline.analyse(params)
    via_tool = pipeline.analyse({**params, "data_path": TOOL, "mapping_path": MAPPING})
    keys = ["indicator", "group", "category"]
    a = direct.indicators.sort_values(keys).reset_index(drop=True)
    b = via_tool.indicators.sort_values(keys).reset_index(drop=True)
    assert a[keys].equals(b[keys]) and a["n"].equals(b["n"])
    for col in ("estimate", "se", "ci_low", "ci_high"):
        assert b[col].to_numpy() == pytest.approx(a[col].to_numpy(), rel=1e-9, nan_ok=True)
    assert via_tool.response_rate == pytest.approx(direct.response_rate, rel=1e-12)
    assert via_tool.respondents == direct.respondents == 3997


def test_the_shipped_export_is_made_from_the_contract_file():
    text = tool_export_text(contract.load_respondents(), mapping.load_mapping(MAPPING))
    assert text == (PROJECT_ROOT / TOOL).read_text(encoding="utf-8")


def _edited(tmp_path, old: str, new: str, count: int = 1):
    text = (PROJECT_ROOT / TOOL).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "eksport.csv"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_an_unmapped_label_names_the_label_and_the_column(tmp_path):
    path = _edited(tmp_path, ",Helt enig,", ",Svært enig,")
    with pytest.raises(DataFileError) as err:
        mapping.load_export(path, MAPPING)
    message = str(err.value)
    assert "eksport.csv, column 'Påstand: " in message
    assert "the label 'Svært enig' is not in the mapping" in message
    assert "'Helt enig'" in message and message.count(".") >= 1 and "\n" not in message


def test_an_unknown_column_and_a_person_without_a_role(tmp_path):
    path = _edited(tmp_path, "Kommentar", "Fritekst")
    with pytest.raises(DataFileError, match="column 'Fritekst': not in the mapping"):
        mapping.load_export(path, MAPPING)
    path = _edited(tmp_path, ",Valgt,,,\n", ",,,,\n")
    with pytest.raises(DataFileError, match=r"line \d+: no role is marked"):
        mapping.load_export(path, MAPPING)


def test_translated_cells_meet_the_contract_rules(tmp_path):
    path = _edited(tmp_path, ",149.0843373493976,", ",-1,")
    with pytest.raises(DataFileError, match="column 'base_weight', line 2: -1 is not allowed"):
        mapping.load_export(path, MAPPING)


def test_the_tool_export_scenario_expects_what_the_contract_scenario_expects():
    """The scheduled scenario on the tool export must give the contract file's figures
    (tests/test_scenarios.py checks each figure against the published summary.json)."""
    from analysis.scenarios import load_scenarios

    scenarios = load_scenarios("hms_training_survey").scenarios
    tool, direct = scenarios["synthetic_2024_tool_export"], scenarios["synthetic_2024"]
    assert tool.scheduled and tool.parameters == {"data_path": TOOL, "mapping_path": MAPPING}
    assert set(tool.expected) == set(direct.expected) >= {"respondents", "share_trained"}
    for key, exp in direct.expected.items():
        assert (tool.expected[key].value, tool.expected[key].tolerance) == (
            exp.value, exp.tolerance), key
