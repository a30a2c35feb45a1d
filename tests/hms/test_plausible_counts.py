"""Counts in the HMS files bounded by what an enterprise can have: role-holders by its
employees (the upper bound of its size class; for 250+ the people employed in its
industry, NAV 2023: 60 983 in B, mining), a count of 10**23 one sentence, and a size class
or sector that differs between the enterprise file and the respondent file refused."""

from __future__ import annotations

import pytest

from analysis.errors import DataFileError
from analysis.hms import contract, enterprise_frame
from analysis.paths import PROJECT_ROOT

ENTERPRISES = PROJECT_ROOT / "data/hms/enterprises_synthetic.csv"
SMALL = ("SYN-E0002,industri|1-4,149.0843373493976,12374,1-4,private,A,103654,147776,10562,"
         "industri|5-19,respondent,1,1,0,0")
LARGE = ("SYN-E1719,industri|100+,14.242424242424242,470,250+,private,B,939,147776,504,"
         "industri|100+,respondent,1,3,1,4")


def _edited(tmp_path, old: str, new: str) -> tuple:
    text = ENTERPRISES.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "virksomheter.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


def _refusal(path) -> str:
    with pytest.raises(DataFileError) as err:
        contract.load_enterprises(path)
    message = str(err.value)
    assert message.startswith(f"{path}, column ") and "\n" not in message
    return message


@pytest.mark.parametrize("old, new, column", [
    (SMALL, SMALL[:-3] + "1000000000,0", "reported_verneombud"),  # 10**9 verneombud
    (SMALL, SMALL[:-1] + "1000000", "reported_amu_member"),       # 10**6 AMU members
    (SMALL, SMALL[:-1] + "5", "reported_amu_member"),             # 5 in an enterprise of 1-4
    (LARGE, LARGE[:-1] + "60984", "reported_amu_member"),         # more than B employs
])
def test_role_holders_beyond_the_enterprise_s_employees(tmp_path, old, new, column):
    path, line = _edited(tmp_path, old, new)
    message = _refusal(path)
    assert message.startswith(f"{path}, column '{column}', line {line}: ")
    assert "is more than the enterprise can have" in message
    assert "4 for 1-4" in message and "for 250+ the people employed in its industry" in message


def test_as_many_role_holders_as_the_size_class_allows_are_read(tmp_path):
    path, _ = _edited(tmp_path, SMALL, SMALL[:-1] + "4")
    assert contract.load_enterprises(path)["reported_amu_member"].max() == 4
    path, _ = _edited(tmp_path, LARGE, LARGE[:-1] + "60983")
    assert contract.load_enterprises(path)["reported_amu_member"].max() == 60983


def test_a_count_of_10_to_the_23_is_one_sentence(tmp_path):
    path, line = _edited(tmp_path, SMALL, SMALL.replace(",12374,", f",{10**23},"))
    message = _refusal(path)
    assert message.startswith(f"{path}, column 'stratum_population', line {line}: ")
    assert f"'{10**23}' is not allowed; allowed: a whole number" in message  # no OverflowError


@pytest.mark.parametrize("column, value", [("size_class", "250+"), ("sector", "public")])
def test_a_size_class_or_sector_that_differs_between_the_files(column, value):
    enterprises = enterprise_frame.indexed(contract.load_enterprises())
    respondents = contract.load_respondents()
    respondents = respondents[respondents["response_status"] == "respondent"].copy()
    row = respondents.index[respondents["cluster"] == "SYN-E0002"][0]
    given = respondents.at[row, column]
    respondents.loc[respondents["cluster"] == "SYN-E0002", column] = value
    with pytest.raises(DataFileError) as err:
        enterprise_frame.check_against_respondents(enterprises, respondents,
                                                   "virksomheter.csv", "svar.csv")
    assert str(err.value) == (
        f"svar.csv, column '{column}': 'SYN-E0002' has another {column} than in the "
        f"enterprise file virksomheter.csv ({value} against {given} for 'SYN-E0002'); the "
        "two files must describe the same sample.")
