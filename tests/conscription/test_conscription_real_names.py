"""Real demand files as users have them (issue 20, part 8): FHI's names, Norwegian
headers, populations written 3662.0, an extra column and a 2024 number are read; an
invented number, swapped populations and an impossible incidence are refused in one
sentence each."""

from __future__ import annotations

import pytest

from analysis.conscription import inputs
from analysis.errors import DataFileError
from analysis.municipalities.register import name_matches

UNKNOWN = ("Innlagt i kommunale institusjoner,Utbrudd i institusjoner,"
           "Helsepersonell i isolasjon/karantene,Ukjent smittevei,Egne vikaravtaler brukt opp")
HEAD = f"Kommunenr.,Kommune,Folketall,Smittede per 100 000 siste 14 dager,{UNKNOWN}"


def write(tmp_path, rows: list[str], head: str = HEAD):
    path = tmp_path / "fra_fhi.csv"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("number", "name"), [
    ("4621", "Voss herad"),  # FHI's name; SSB writes Voss
    ("4621", "Voss"),
    ("4621", "VOSS HERAD"),
    ("4617", "Kvinnherad"),  # «herad» inside a name is part of it
    ("3046", "Krødsherad"),
])
def test_names_the_register_knows(number, name):
    assert name_matches(number, name)


def test_herad_is_not_a_wildcard():
    assert not name_matches("0301", "Voss herad")
    assert not name_matches("4617", "Kvinn")


def test_a_file_from_fhi_with_norwegian_headers_is_read(tmp_path):
    path = write(tmp_path, ["4621,Voss herad,15740.0,120.5,,,,,", "5501,Tromsø,76974.0,310,,,,,"],
                 head=HEAD + ",Merknad")
    path.write_text(path.read_text(encoding="utf-8").replace(",,,,\n", ",,,,,fra FHI\n"),
                    encoding="utf-8")
    frame = inputs.load_demand(path)
    assert frame["municipality_number"].tolist() == ["4621", "5401"]  # 2024 number converted
    assert frame["population"].tolist() == [15740, 76974]
    notices = " ".join(str(n) for n in inputs.notice_data(frame))
    assert "5501 → 5401 Tromsø" in notices and "«Merknad»" in notices


@pytest.mark.parametrize(("row", "message"), [
    ("9999,Oppdiktet,1000,100,,,,,", "9999 is not the number of any of Norway's 356"),
    ("4621,Voss,76974,100,,,,,", "76974 is more than 15 % off the 15740 inhabitants"),
    ("4621,Voss,15740,150000,,,,,", "150000 is negative or above 100 000 per 100 000"),
])
def test_wrong_files_are_refused_in_one_sentence(tmp_path, row, message):
    with pytest.raises(DataFileError, match=message) as info:
        inputs.load_demand(write(tmp_path, [row]))
    assert str(info.value).count(". ") == 0 and "line 2" in str(info.value)
