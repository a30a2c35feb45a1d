"""The shipped municipality register against SSB's published totals, and its rebuild.

Expected figures are SSB's (table 07459, 1 January 2020: Norway 5 367 580; the county
populations in data/conscription/counties.csv), the municipalities named in the issue
(Bergen 283 929, Hyllestad 1 328, Våler 3 662 inhabitants) and the 2024 renumbering as
regjeringen.no / SSB publish it (Drammen 3005 → 3301, Tjeldsund 5412 → 5512, Ålesund
1507 → 1508).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from analysis.conscription import inputs
from analysis.municipalities import build, register
from analysis.paths import PROJECT_ROOT

REG = register.load_register()


def test_356_municipalities_in_11_counties_with_ssbs_total():
    assert len(REG) == 356
    assert REG["municipality_number"].is_unique
    assert REG["municipality_number"].str.fullmatch(r"\d{4}").all()
    assert REG["population_2020"].sum() == 5_367_580
    assert REG["county_number"].nunique() == 11


def test_county_totals_match_the_county_table():
    counties = inputs.load_counties().set_index("county_number")["population_2020"]
    sums = REG.groupby("county_number")["population_2020"].sum()
    assert sums.to_dict() == counties.to_dict()
    assert REG.groupby("county_number").size()["30"] == 51  # Viken's 51 municipalities


@pytest.mark.parametrize(("number", "name", "population"), [
    ("0301", "Oslo", 693_494),
    ("4601", "Bergen", 283_929),
    ("4637", "Hyllestad", 1_328),
    ("3419", "Våler (Hedmark)", 3_662),
    ("5006", "Steinkjer", 24_357),  # the Latin-1 copy spells it "teinkj"
])
def test_named_municipalities(number, name, population):
    row = register.by_number().loc[number]
    assert row["municipality_name"] == name
    assert row["population_2020"] == population


def test_centrality_classes_and_health_regions():
    assert REG["centrality"].between(1, 6).all()
    assert register.by_number().at["0301", "centrality"] == 1  # Oslo: most central
    assert set(REG["health_region"]) == {"Helse Sør-Øst", "Helse Vest", "Helse Midt-Norge",
                                          "Helse Nord"}
    assert register.by_number().at["5001", "health_region"] == "Helse Midt-Norge"


@pytest.mark.parametrize(("old", "new"), [
    ("3005", "3301"), ("5412", "5512"), ("1507", "1508"), ("0301", "0301"),
    ("3419", "3419"), ("5437", "5610"), ("3054", "3234"), ("3018", "3114"),
])
def test_2024_numbers(old, new):
    assert register.by_number().at[old, "municipality_number_2024"] == new


def test_2024_numbers_are_unique_and_leave_out_haram():
    numbers = REG["municipality_number_2024"]
    assert numbers.is_unique and "1580" not in set(numbers)
    # every 2024 number is in a 2024 county (03, 11, 15, 18, 31–34, 39, 40, 42, 46, 50, 55, 56)
    assert set(numbers.str[:2]) == {"03", "11", "15", "18", "31", "32", "33", "34", "39",
                                    "40", "42", "46", "50", "55", "56"}


@pytest.mark.parametrize(("number", "name"), [
    ("5437", "Karasjok"), ("5437", "Kárášjohka"), ("5437", "Karasjohka - Karasjok"),
    ("3442", "Østre-Toten"), ("3018", "Våler"), ("3018", "VÅLER (ØSTFOLD)"),
    ("5412", "Dielddanuorri"), ("5041", "Snåsa"),
])
def test_names_as_people_write_them(number, name):
    assert register.name_matches(number, name)


@pytest.mark.parametrize(("number", "name"), [("4601", "Hyllestad"), ("3018", "Våle"),
                                              ("5437", "Porsanger")])
def test_wrong_names_do_not_match(number, name):
    assert not register.name_matches(number, name)


def _shared_real_data() -> Path | None:
    """The public copies (``real-data``) beside the project, if this machine has them."""
    env = os.environ.get("ANALYSIS_REAL_DATA")
    candidates = [Path(env)] if env else []
    candidates += [parent / "shared" / "real-data" for parent in PROJECT_ROOT.parents[:2]]
    return next((c for c in candidates if (c / "raw").is_dir()), None)


SOURCE = _shared_real_data()


@pytest.mark.skipif(SOURCE is None, reason="the public source copies (shared/real-data) are "
                    "not beside this clone; the shipped files are tested as they are")
def test_rebuild_from_the_public_copies_gives_the_shipped_files(tmp_path):
    written = build.build(SOURCE, tmp_path)
    for name, path in written.items():
        shipped = PROJECT_ROOT / "data" / "municipalities" / name
        if name.endswith(".gz"):  # the content first: a clearer failure than the bytes
            assert gzip.decompress(path.read_bytes()) == gzip.decompress(shipped.read_bytes())
        assert path.read_bytes() == shipped.read_bytes(), name


def test_build_refuses_other_bytes(tmp_path):
    (tmp_path / "raw").mkdir()
    for rel in build.INPUTS:
        (tmp_path / rel).write_bytes(b"x")
    with pytest.raises(build.BuildError, match="SHA-256"):
        build.build(tmp_path, tmp_path / "out")
