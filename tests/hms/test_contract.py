"""HMS survey data contract: the shipped files pass, each bad input gets one clear sentence."""

from __future__ import annotations

import csv
import hashlib

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import DataFileError
from analysis.hms import columns as c
from analysis.hms import contract
from analysis.paths import PROJECT_ROOT

ALL_COLUMNS = list(contract.RESPONDENT_COLUMNS)
# The small files below leave out the optional questions the rules turn on.
COLUMNS = [col for col in ALL_COLUMNS
           if col not in (*c.RULE_ITEMS, c.EMPLOYEES, c.LEGAL_ENTITY, c.LEGAL_ENTITY_EMPLOYEES,
                          c.MONTHS_TO_TRAINING)]
BLANK_ITEMS = [""] * 14  # every item of a non-respondent, comment included
# Six sampled people in two strata (s1: clusters E1, E4; s2: clusters E2, E3); lines 2-7.
GOOD = [
    ["R1", "leader", "private", "C", "20-49", "03", "s1", "E1", "10.5", "40", "respondent",
     "ja", "nei", "1", "2023", "7.5", "external_commercial", "classroom", "true", "4", "5",
     "3", "9", "8", "Nyttig kurs, men for dyrt."],
    ["R2", "verneombud", "private", "C", "20-49", "03", "s1", "E1", "10.5", "40",
     "respondent", "0", "1", "0", "2022", "40", "union_employer_org", "online_live", "1",
     "5", "4", "4", "4", "9", ""],
    ["R3", "leader", "public", "00", "1-4", "54", "s2", "E2", "150", "300", "nonrespondent",
     *BLANK_ITEMS],
    ["R4", "employer_tasks", "public", "00", "1-4", "54", "s2", "E2", "150", "300",
     "respondent", "nei", "", "", "", "", "", "", "false", "", "", "", "2", "0", ""],
    ["R5", "leader", "private", "O", "1-4", "46", "s2", "E3", "150", "300", "respondent",
     "1", "0", "0", "2019", "3", "external_commercial", "online_self_study", "0", "2", "3",
     "1", "3", "5", "Lite relevant."],
    ["R6", "amu_member", "private", "C", "20-49", "11", "s1", "E4", "10.5", "40",
     "respondent", "0", "1", "1", "2024", "44", "internal", "classroom", "1", "4", "4", "5",
     "5", "10", ""],
]
LIKERT_RULE = 'allowed: 1–5, or 9 for "vet ikke", or blank.'
PROVIDER_GOOD = [
    ["Tilbyder A", "external_commercial", "classroom", "40", "9000", "120",
     "law|risk_assessment|psychosocial"],
    ["Tilbyder B", "occupational_health_service", "online_self_study", "3.5", "0", "0", "law"],
]


def write(tmp_path, rows, header=None, name="x.csv", delimiter=","):
    """A CSV file of ``rows`` (lists of cells) under ``header``; returns its path."""
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header or COLUMNS)
        writer.writerows(rows)
    return path


def changed(rows, row: int, column: str, value: str, header=None):
    """A copy of ``rows`` with one cell replaced."""
    out = [list(r) for r in rows]
    out[row][(header or COLUMNS).index(column)] = value
    return out


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def error_for(path, loader=contract.load_respondents) -> str:
    """The message of the DataFileError the loader raises; the file must stay unchanged."""
    before = digest(path) if path.exists() else None
    with pytest.raises(DataFileError) as err:
        loader(str(path))
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(path)) and message.endswith(".")
    if before is not None:
        assert digest(path) == before  # the input is never modified
    return message


# ------------------------------------------------------------------------ good files
def test_shipped_synthetic_files_meet_the_contract():
    path = PROJECT_ROOT / "data" / "hms" / "respondents_synthetic.csv"
    before = digest(path)
    frame = contract.load_respondents("data/hms/respondents_synthetic.csv")
    assert digest(path) == before
    assert list(frame.columns) == ALL_COLUMNS and "line" not in frame
    assert len(frame) > 4000
    providers = contract.load_providers("data/hms/providers_synthetic.csv")
    assert list(providers.columns) == list(contract.PROVIDER_COLUMNS)
    assert 30 <= len(providers) <= 50
    # the loaders' defaults are the shipped files
    assert len(contract.load_providers()) == len(providers)


def test_good_file_is_typed(tmp_path):
    frame = contract.load_respondents(write(tmp_path, GOOD))
    assert list(frame.columns) == COLUMNS
    assert frame[c.INDUSTRY].tolist() == ["C", "C", "00", "00", "O", "C"]  # "00" stays text
    assert frame[c.COUNTY].tolist() == ["03", "03", "54", "54", "46", "11"]
    assert str(frame[c.TRAINED_EMPLOYER].dtype) == "boolean"
    assert frame[c.TRAINED_EMPLOYER].tolist() == [True, False, pd.NA, False, True, False]
    assert frame[c.DOCUMENTED].tolist() == [True, True, pd.NA, False, False, True]
    assert str(frame[c.LIKERT_CONFIDENCE].dtype) == "Int64"
    assert frame[c.LIKERT_CONFIDENCE].tolist() == [9, 4, pd.NA, 2, 3, 5]  # 9 kept apart
    assert str(frame[c.STRATUM_POPULATION].dtype) == "Int64"
    assert frame[c.BASE_WEIGHT].tolist() == [10.5, 10.5, 150.0, 150.0, 150.0, 10.5]
    assert frame[c.TRAINING_HOURS].iloc[0] == 7.5 and pd.isna(frame[c.TRAINING_HOURS].iloc[2])
    assert frame[c.COMMENT].iloc[0] == "Nyttig kurs, men for dyrt."
    assert frame[c.COMMENT].isna().sum() == 4


def test_semicolons_and_decimal_commas_read_the_same(tmp_path):
    comma = contract.load_respondents(write(tmp_path, GOOD))
    decimals = (c.BASE_WEIGHT, c.TRAINING_HOURS)
    excel = [[cell.replace(".", ",") if h in decimals else cell
              for h, cell in zip(COLUMNS, row, strict=True)] for row in GOOD]
    assert excel[0][COLUMNS.index(c.TRAINING_HOURS)] == "7,5"
    semicolon = contract.load_respondents(write(tmp_path, excel, name="excel.csv",
                                                delimiter=";"))
    pd.testing.assert_frame_equal(semicolon, comma)


def test_shipped_providers_read_the_same_with_semicolons(tmp_path):
    shipped = PROJECT_ROOT / "data" / "hms" / "providers_synthetic.csv"
    with shipped.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    number_columns = [rows[0].index(c.HOURS), rows[0].index(c.PRICE_NOK)]
    excel = [[cell.replace(".", ",") if i in number_columns else cell
              for i, cell in enumerate(row)] for row in rows[1:]]
    assert any("," in row[number_columns[0]] for row in excel)  # fractional hours exist
    path = write(tmp_path, excel, header=rows[0], delimiter=";")
    pd.testing.assert_frame_equal(contract.load_providers(path),
                                  contract.load_providers(shipped))


def test_decimal_comma_values_are_shown_as_written(tmp_path):
    rows = changed(GOOD, 0, c.BASE_WEIGHT, "-10,5")
    path = write(tmp_path, rows, name="excel.csv", delimiter=";")
    assert f"{path}, column 'base_weight', line 2: -10,5 is not allowed; allowed: a number " \
           "greater than 0." == error_for(path)


def test_stratum_population_is_optional(tmp_path):
    header = [h for h in COLUMNS if h != c.STRATUM_POPULATION]
    rows = [[cell for h, cell in zip(COLUMNS, row, strict=True) if h != c.STRATUM_POPULATION]
            for row in GOOD]
    frame = contract.load_respondents(write(tmp_path, rows, header))
    assert c.STRATUM_POPULATION not in frame and len(frame) == 6


def test_file_column_order_is_free(tmp_path):
    header = list(reversed(COLUMNS))
    rows = [list(reversed(row)) for row in GOOD]
    frame = contract.load_respondents(write(tmp_path, rows, header))
    assert list(frame.columns) == COLUMNS  # always returned in contract order
    pd.testing.assert_frame_equal(frame, contract.load_respondents(write(tmp_path, GOOD,
                                                                         name="y.csv")))


# ------------------------------------------------------------------------- bad files
@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(changed(GOOD, 1, c.ROLE, "verneombudet"),
                     "column 'role', line 3: 'verneombudet' is not allowed; allowed: one of "
                     "leader, employer_tasks, verneombud, amu_member.", id="unknown role"),
        pytest.param(changed(changed(GOOD, 1, c.LIKERT_QUALITY, "7"), 4, c.LIKERT_QUALITY, "7"),
                     f"column 'likert_quality', lines 3, 6: 7 is not allowed; {LIKERT_RULE}",
                     id="likert 7"),
        pytest.param(changed(changed(GOOD, 0, c.LIKERT_RELEVANCE, "0"), 5,
                             c.LIKERT_RELEVANCE, "6"),
                     f"column 'likert_relevance', lines 2, 7: 0, 6 are not allowed; "
                     f"{LIKERT_RULE}", id="likert 0 and 6"),
        pytest.param(changed(GOOD, 0, c.BASE_WEIGHT, "-10.5"),
                     "column 'base_weight', line 2: -10.5 is not allowed; allowed: a number "
                     "greater than 0.", id="negative weight"),
        pytest.param(changed(GOOD, 2, c.BASE_WEIGHT, ""),
                     "column 'base_weight', line 4: the value is missing; allowed: a number "
                     "greater than 0.", id="blank weight of a non-respondent"),
        pytest.param(changed(GOOD, 4, c.RESPONDENT_ID, "R1"),
                     "column 'respondent_id', line 6: 'R1' already appears on an earlier "
                     "line; each respondent_id must appear once.", id="duplicated id"),
        pytest.param(changed(GOOD, 5, c.CLUSTER, "E2"),
                     "column 'cluster', line 7: 'E2' already appears in another stratum on an "
                     "earlier line; a cluster (enterprise) belongs to one stratum only.",
                     id="cluster in two strata"),
        pytest.param(changed(GOOD, 1, c.STRATUM_POPULATION, "41"),
                     "column 'stratum_population', line 3: 41 differs from the value on the "
                     "stratum's first line; stratum_population must be the same on every "
                     "line of a stratum.", id="varying stratum_population"),
        pytest.param(changed(changed(changed(GOOD, 2, c.STRATUM_POPULATION, "1"), 3,
                                     c.STRATUM_POPULATION, "1"), 4, c.STRATUM_POPULATION, "1"),
                     "column 'stratum_population', lines 4, 5, 6: 1 is fewer than the "
                     "clusters sampled in the stratum; stratum_population must be at least "
                     "the number of distinct clusters sampled in it.",
                     id="stratum_population below the clusters sampled"),
        pytest.param(changed(changed(GOOD, 0, c.TRAINING_HOURS, "mange"), 1,
                             c.TRAINING_HOURS, "1001"),
                     "column 'training_hours', lines 2, 3: 'mange', 1001 are not allowed; "
                     "allowed: a number from 0 to 1000, or blank.", id="hours"),
        pytest.param(changed(GOOD, 0, c.TRAINED_40H, "kanskje"),
                     "column 'trained_40h_course', line 2: 'kanskje' is not allowed; allowed: "
                     "1 or 0 (also ja/nei, true/false), or blank.", id="boolean"),
        pytest.param(changed(GOOD, 4, c.LAST_TRAINING_YEAR, "2025"),
                     "column 'last_training_year', line 6: 2025 is not allowed; allowed: a "
                     "whole number from 1970 to 2024, or blank.", id="year after the survey"),
        pytest.param(changed(GOOD, 4, c.QUIZ_SCORE, "5.5"),
                     "column 'quiz_score', line 6: '5.5' is not allowed; allowed: a whole "
                     "number from 0 to 10, or blank.", id="quiz not whole"),
        pytest.param(changed(GOOD, 3, c.INDUSTRY, "0"),
                     "column 'industry', line 5: '0' is not allowed; allowed: one of A, B, C, "
                     "D-E, F, G, H, I, J, K, L, M, N, O, P, Q, R-U, 00.", id="industry 0"),
        pytest.param(changed(GOOD, 3, c.COUNTY, "3"),
                     "column 'county', line 5: '3' is not allowed; allowed: a two-digit county "
                     "number, one of 03, 11, 15", id="county without leading zero"),
        pytest.param(changed(GOOD, 3, c.STRATUM, " "),
                     "column 'stratum', line 5: the value is missing; allowed: a text that is "
                     "not empty.", id="blank stratum"),
        pytest.param(changed(GOOD, 3, c.RESPONSE_STATUS, "ja"),
                     "column 'response_status', line 5: 'ja' is not allowed; allowed: one of "
                     "respondent, nonrespondent.", id="response status"),
    ],
)
def test_bad_value_names_file_column_lines_and_rule(tmp_path, rows, expected):
    path = write(tmp_path, rows)
    message = error_for(path)
    assert message.startswith(f"{path}, {expected}"), message


def test_more_than_five_lines_are_counted(tmp_path):
    rows = [list(row) for row in GOOD + GOOD]  # lines 2-13
    for i, row in enumerate(rows):
        row[0] = f"R{i + 1}"
        row[COLUMNS.index(c.LIKERT_CONFIDENCE)] = "7"
    message = error_for(write(tmp_path, rows))
    assert f"column 'likert_confidence', lines 2, 3, 4, 5, 6 and 7 more: 7 is not allowed; " \
           f"{LIKERT_RULE}" in message


def test_first_column_in_contract_order_is_reported(tmp_path):
    rows = changed(changed(GOOD, 0, c.QUIZ_SCORE, "11"), 5, c.ROLE, "sjef")
    # the quiz score breaks the contract on an earlier line and comes first in this file's
    # columns, but role comes first in the contract
    reversed_rows = [list(reversed(row)) for row in rows]
    message = error_for(write(tmp_path, reversed_rows, list(reversed(COLUMNS))))
    assert "column 'role', line 7: 'sjef' is not allowed" in message


def test_missing_and_unknown_columns(tmp_path):
    header = [h for h in COLUMNS if h != c.CLUSTER]
    rows = [[cell for h, cell in zip(COLUMNS, row, strict=True) if h != c.CLUSTER]
            for row in GOOD]
    message = error_for(write(tmp_path, rows, header))
    assert "line 1 (header), column 'cluster': the column is missing; the file needs the " \
           "columns respondent_id, role," in message
    assert ("(and may have employees, legal_entity, legal_entity_employees, "
            "stratum_population, response_status, months_to_training, self_study_only, "
            "shortened_by_agreement, paid_working_time)") in message
    message = error_for(write(tmp_path, [[*row, "Ola"] for row in GOOD], [*COLUMNS, "name"],
                              name="extra.csv"))
    assert "line 1 (header), column 'name': not a column of this data contract" in message


def test_row_with_wrong_number_of_values(tmp_path):
    rows = [list(row) for row in GOOD]
    rows[2] = rows[2][:-1]
    message = error_for(write(tmp_path, rows))
    assert "line 4: the row has 24 values but the header has 25 columns" in message


def test_missing_empty_and_header_only_files(tmp_path):
    assert "file not found" in error_for(tmp_path / "none.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "the file is empty" in error_for(empty)
    assert "no data rows" in error_for(write(tmp_path, [], name="header_only.csv"))


def test_blank_lines_keep_the_editor_line_numbers(tmp_path):
    path = write(tmp_path, changed(GOOD, 2, c.ROLE, "x"))
    text = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*text[:2], "", *text[2:]]), encoding="utf-8")
    assert "column 'role', line 5:" in error_for(path)


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (1, c.TOPICS, "law|dance", "column 'topics', line 3: 'law|dance' is not allowed; "
                                   "allowed: at least one of law, risk_assessment,"),
        (1, c.TOPICS, "law||ergonomics", "column 'topics', line 3: 'law||ergonomics' is not"),
        (1, c.TOPICS, "", "column 'topics', line 3: the value is missing"),
        (1, c.PROVIDER, "Tilbyder A", "column 'provider', line 3: 'Tilbyder A' already "
                                      "appears on an earlier line"),
        (0, c.HOURS, "0", "column 'hours', line 2: 0 is not allowed; allowed: a number "
                          "greater than 0."),
        (0, c.PRICE_NOK, "-1", "column 'price_nok', line 2: -1 is not allowed"),
        (0, c.PARTICIPANTS, "2.5", "column 'participants', line 2: '2.5' is not allowed; "
                                   "allowed: a whole number, 0 or more."),
        (0, c.FORMAT, "webinar", "column 'format', line 2: 'webinar' is not allowed; allowed: "
                                 "one of classroom, online_live, online_self_study, blended."),
    ],
)
def test_bad_provider_file(tmp_path, row, column, value, expected):
    header = list(contract.PROVIDER_COLUMNS)
    path = write(tmp_path, changed(PROVIDER_GOOD, row, column, value, header), header)
    assert f"{path}, {expected}" in error_for(path, contract.load_providers)


def test_good_provider_file_is_typed(tmp_path):
    header = list(contract.PROVIDER_COLUMNS)
    frame = contract.load_providers(write(tmp_path, PROVIDER_GOOD, header))
    assert frame[c.HOURS].tolist() == [40.0, 3.5]
    assert str(frame[c.PARTICIPANTS].dtype) == "Int64"
    assert frame[c.TOPICS].tolist() == ["law|risk_assessment|psychosocial", "law"]


# --------------------------------------------------------------------------- property
LIKERT_CELL = st.one_of(st.just(""), st.integers(-3, 12).map(str))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(LIKERT_CELL, min_size=6, max_size=6))
def test_likert_cells_pass_exactly_when_allowed(tmp_path, cells):
    rows = [list(row) for row in GOOD]
    for row, cell in zip(rows, cells, strict=True):
        row[COLUMNS.index(c.LIKERT_APPLICABILITY)] = cell
    path = write(tmp_path, rows, name="likert.csv")
    allowed = {"", "1", "2", "3", "4", "5", "9"}
    bad_lines = [i + 2 for i, cell in enumerate(cells) if cell not in allowed]
    if not bad_lines:
        frame = contract.load_respondents(path)
        expected = [pd.NA if cell == "" else int(cell) for cell in cells]
        assert frame[c.LIKERT_APPLICABILITY].tolist() == expected
        return
    message = error_for(path)
    shown = ", ".join(map(str, bad_lines[:5]))
    lines = (f"line {shown}" if len(bad_lines) == 1 else f"lines {shown}"
             + (f" and {len(bad_lines) - 5} more" if len(bad_lines) > 5 else ""))
    assert f"column 'likert_applicability', {lines}: " in message


# ----------------------------------------------------------------------------- schema
def test_schemas_are_pandera_contracts():
    schema = contract.respondent_schema()
    assert isinstance(schema, pa.DataFrameSchema) and schema.strict
    assert list(schema.columns) == ALL_COLUMNS
    assert not schema.columns[c.STRATUM_POPULATION].required
    assert not schema.columns[c.ROLE].nullable and schema.columns[c.QUIZ_SCORE].nullable
    providers = contract.provider_schema()
    assert isinstance(providers, pa.DataFrameSchema)
    assert list(providers.columns) == list(contract.PROVIDER_COLUMNS)


def test_schema_rejects_a_frame_built_in_memory():
    frame = contract.load_respondents()
    contract.respondent_schema().validate(frame)
    bad = frame.copy()
    bad.loc[0, c.LIKERT_QUALITY] = 7
    with pytest.raises(pa.errors.SchemaError):
        contract.respondent_schema().validate(bad)


def test_fields_use_the_column_vocabulary_and_are_documented():
    readme = (PROJECT_ROOT / "data" / "hms" / "README.md").read_text(encoding="utf-8")
    names = {getattr(c, n) for n in dir(c) if n.isupper() and isinstance(getattr(c, n), str)}
    for field in (*contract.RESPONDENT_FIELDS, *contract.PROVIDER_FIELDS,
                  *contract.ENTERPRISE_FIELDS):
        assert field.name in names or field.name in c.REPORTED.values()
        assert field.label and field.description and field.rule
        assert f"`{field.name}`" in readme
    assert [f.name for f in contract.RESPONDENT_FIELDS if f.optional] == [
        c.EMPLOYEES, c.LEGAL_ENTITY, c.LEGAL_ENTITY_EMPLOYEES, c.STRATUM_POPULATION,
        c.RESPONSE_STATUS, c.MONTHS_TO_TRAINING, *c.RULE_ITEMS]
