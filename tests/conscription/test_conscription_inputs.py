"""Data contracts: the shipped files pass, and each kind of bad input gets one clear sentence."""

from __future__ import annotations

import hashlib

import pytest

from analysis.conscription import inputs
from analysis.errors import DataFileError
from analysis.paths import PROJECT_ROOT

HEADER = ",".join(inputs.DEMAND_COLUMNS)
GOOD = [
    "3091,Kommune A (illustrativ),20000,3,100,2,1,0.04,0.2,nei",
    "4691,Kommune B (illustrativ),8000,5,150,1,1,0.05,0.3,ja",
    "5091,Kommune C (illustrativ),40000,3,80,0,0,0.03,0.15,nei",
]
REAL = {"demand_november_2020.csv"}  # built by the importer (tests/conscription/test_import*)
SHIPPED = sorted(p for p in (PROJECT_ROOT / "data" / "conscription").glob("demand_*.csv")
                 if p.name not in REAL)


def write(tmp_path, lines: list[str], header: str = HEADER, name: str = "x.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def error_for(path) -> str:
    with pytest.raises(DataFileError) as err:
        inputs.load_demand(str(path))
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    return message


def test_county_table_holds_the_2020_populations():
    counties = inputs.load_counties()
    assert len(counties) == 11
    assert counties["population_2020"].sum() == 5_367_580  # Norway, 1 January 2020
    by_name = dict(zip(counties["county_name"], counties["population_2020"], strict=True))
    assert by_name["Oslo"] == 693_494 and by_name["Viken"] == 1_241_165
    assert set(counties["county_number"]) == {"03", "11", "15", "18", "30", "34", "38", "42",
                                              "46", "50", "54"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_demand_files_meet_the_contract_and_are_illustrative(path):
    frame = inputs.load_demand(str(path.relative_to(PROJECT_ROOT)))
    assert len(frame) >= 3
    assert inputs.is_illustrative(frame)
    assert frame["municipality_name"].str.contains("(illustrativ)", regex=False).all()
    # illustrative numbers end in 91–99, which no municipality had in 2020–2023
    assert frame["municipality_number"].str[2:].astype(int).between(91, 99).all()


def test_good_file_is_typed_and_keeps_its_line_numbers(tmp_path):
    frame = inputs.load_demand(str(write(tmp_path, GOOD)))
    assert list(frame["municipality_number"]) == ["3091", "4691", "5091"]
    assert frame["population"].tolist() == [20000, 8000, 40000]
    assert frame["temp_agreements_exhausted"].tolist() == [False, True, False]
    assert frame["county_name"].tolist() == ["Viken", "Vestland", "Trøndelag"]
    assert frame["line"].tolist() == [2, 3, 4]


def test_semicolons_and_decimal_commas_as_norwegian_excel_saves_them(tmp_path):
    lines = [line.replace(",", ";") for line in GOOD]
    lines = [";".join(c.replace(".", ",") for c in line.split(";")) for line in lines]
    frame = inputs.load_demand(str(write(tmp_path, lines, HEADER.replace(",", ";"))))
    assert frame["share_staff_isolated"].tolist() == [0.04, 0.05, 0.03]


def test_missing_column_names_file_header_and_column(tmp_path):
    header = HEADER.replace(",share_staff_isolated", "")
    lines = [",".join(x for i, x in enumerate(line.split(",")) if i != 7) for line in GOOD]
    message = error_for(write(tmp_path, lines, header))
    assert "line 1 (header), column 'share_staff_isolated': the column is missing" in message


def test_extra_column_is_kept_out_with_a_notice(tmp_path):
    frame = inputs.load_demand(str(write(tmp_path, [line + ",x" for line in GOOD],
                                         HEADER + ",fylke")))
    assert "fylke" not in frame.columns
    assert any("«fylke»" in n for n in inputs.notices(frame))


@pytest.mark.parametrize(
    ("row", "column", "value", "text"),
    [
        (2, 7, "1.3", "column 'share_staff_isolated': 1.3 is outside 0–1"),
        (1, 8, "-0.1", "column 'share_unknown_route': -0.1 is outside 0–1"),
        (1, 5, "-3", "column 'infected_admitted': -3 is negative"),
        (0, 6, "-1", "column 'institution_outbreaks': -1 is negative"),
        (0, 4, "-5", "column 'infected_per_100k': -5 is negative"),
        (2, 0, "1234", "column 'municipality_number': 1234 is not a municipality number of "
                       "the 2020 county structure: its first two digits (12)"),
        (1, 0, "301", "column 'municipality_number': '301' is not a four-digit municipality"),
        (1, 3, "7", "column 'centrality': 7 is outside 1–6"),
        (0, 2, "0", "column 'population': 0 is not a whole number of at least 1"),
        (0, 2, "20 000", "column 'population': '20 000' is not a whole number"),
        (2, 4, "mange", "column 'infected_per_100k': 'mange' is not a number"),
        (1, 9, "kanskje", "column 'temp_agreements_exhausted': 'kanskje' is not ja or nei"),
        (1, 4, "", "column 'infected_per_100k': the value is missing"),
        (1, 1, "", "column 'municipality_name': the value is missing"),
        (2, 4, "100001", "column 'infected_per_100k': 100001 is negative or above 100 000"),
    ],
)
def test_bad_value_names_file_line_column_and_rule(tmp_path, row, column, value, text):
    lines = [line.split(",") for line in GOOD]
    lines[row][column] = value
    path = write(tmp_path, [",".join(x) for x in lines])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    message = error_for(path)
    where = text.replace("': ", f"', line {row + 2}: ", 1)
    assert f"{path}, {where}" in message, message
    assert message.endswith(".")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # never modified


def test_first_column_in_contract_order_is_reported(tmp_path):
    lines = [line.split(",") for line in GOOD]
    lines[0][7] = "1.3"  # line 2, share_staff_isolated
    lines[1][5] = "-1"  # line 3: a later line, but infected_admitted comes first in the contract
    message = error_for(write(tmp_path, [",".join(x) for x in lines]))
    assert "column 'infected_admitted', line 3: -1 is negative" in message
    assert "share_staff_isolated" not in message


def test_every_bad_line_of_the_column_is_named(tmp_path):
    lines = [line.split(",") for line in GOOD]
    lines[0][7], lines[2][7] = "1.3", "2"  # lines 2 and 4
    message = error_for(write(tmp_path, [",".join(x) for x in lines]))
    assert message.endswith("column 'share_staff_isolated', lines 2, 4: 1.3, 2 are outside "
                            "0–1 (give shares as decimals: 0.05 for 5 %)."), message
    lines[1][7] = "mange"  # line 3: a cell that cannot be read is a breach of its own
    message = error_for(write(tmp_path, [",".join(x) for x in lines]))
    assert message.endswith("column 'share_staff_isolated', lines 2, 4: 1.3, 2 are outside "
                            "0–1 (give shares as decimals: 0.05 for 5 %)."), message


def test_bad_county_table_names_every_bad_line(tmp_path):
    path = tmp_path / "counties.csv"
    path.write_text("county_number,county_name,population_2020,health_region\n"
                    "03,Oslo,693494,Helse Sør-Øst\n3,Viken,1241165,Helse Sør-Øst\n"
                    "46,Vestland,636531,Helse Vest\n5,Agder,307231,Helse Sør-Øst\n"
                    "46,Vestland,636531,Helse Vest\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        inputs.load_counties(str(path))
    assert str(err.value) == (f"{path}, column 'county_number', lines 3, 5: '3', '5' are not "
                              "two-digit county numbers (write 03, not 3).")
    path.write_text(path.read_text(encoding="utf-8").replace("\n3,", "\n30,").replace(
        "\n5,", "\n42,"), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        inputs.load_counties(str(path))
    assert str(err.value) == (f"{path}, column 'county_number', line 6: '46' already appears "
                              "on an earlier line; each county_number must appear once.")


def test_duplicate_municipality(tmp_path):
    message = error_for(write(tmp_path, [*GOOD, GOOD[0]]))
    assert "column 'municipality_number', line 5: 3091 appears twice (first on line 2)" in message


def test_population_larger_than_its_county_allows(tmp_path):
    lines = [line.split(",") for line in GOOD]
    lines[1][2] = "900000"  # Vestland had 636 531
    message = error_for(write(tmp_path, [",".join(x) for x in lines]))
    assert "column 'population', line 3: 900000 is more than its county (Vestland" in message


def test_row_with_wrong_number_of_values(tmp_path):
    message = error_for(write(tmp_path, [GOOD[0], GOOD[1] + ",extra"]))
    assert "line 3: the row has 11 values but the header has 10 columns" in message


def test_missing_and_empty_files(tmp_path):
    assert "file not found" in error_for(tmp_path / "none.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "the file is empty" in error_for(empty)
    assert "no data rows" in error_for(write(tmp_path, [], name="header_only.csv"))


def test_blank_lines_keep_the_editor_line_numbers(tmp_path):
    lines = [GOOD[0], "", GOOD[1].replace("0.05", "2")]
    message = error_for(write(tmp_path, lines))
    assert "column 'share_staff_isolated', line 4: 2 is outside 0–1" in message


def test_schema_is_a_pandera_contract():
    schema = inputs.demand_schema()
    assert set(schema.columns) == set(inputs.DEMAND_COLUMNS)
    assert schema.strict


def test_notices_follow_the_data_not_the_scenario():
    from types import SimpleNamespace

    from analysis.conscription import presentation

    illustrative = inputs.load_demand("data/conscription/demand_mild.csv")
    real = inputs.load_demand("data/conscription/demand_november_2020.csv")

    def notices(frame):
        return presentation.notices(SimpleNamespace(
            illustrative=inputs.is_illustrative(frame),
            input_notices=tuple(inputs.notices(frame))))

    assert notices(illustrative) == [
        "Kommunedataene er illustrative: kommunene er oppdiktet, og tallene viser hvordan "
        "modellen virker, ikke en faktisk situasjon."]
    assert notices(real) == []
