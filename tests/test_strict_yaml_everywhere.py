"""Every YAML file goes through the strict reader: the HMS mapping and the publication
file refuse a key given twice, an alias bomb and text that is not UTF-8, each in one
sentence with the file and line; a contract column or a role mapped twice and ``columns:``
as a list are one sentence each."""

from __future__ import annotations

import time

import pytest

from analysis.errors import AnalysisError, DataFileError
from analysis.hms import mapping
from analysis.paths import PROJECT_ROOT
from analysis.runner import deployment

MAPPING = PROJECT_ROOT / "data/hms/mapping_example_tool.yaml"
TOOL = PROJECT_ROOT / "data/hms/respondents_synthetic_tool.csv"
BOMB = "".join([
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
    *(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
      for i in range(8))])


def _mapping(tmp_path, old: str, new: str, count: int = 1) -> tuple:
    text = MAPPING.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    edited = text.replace(old, new, count)
    path = tmp_path / "mapping.yaml"
    path.write_text(edited, encoding="utf-8")
    line = edited[: edited.index(new)].count("\n") + 1
    return path, line


def _one_sentence(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message and message.endswith(".")


def test_the_shipped_mapping_with_its_aliases_is_read():
    assert mapping.load_mapping(MAPPING)["values"]["documented"]["Ja"] == "1"


def test_a_label_listed_twice_is_refused_with_the_line(tmp_path):
    # "Ja" twice, first "1" then "0": safe_load kept the last and published 0 % trained
    path, line = _mapping(tmp_path, '&yes_no {"Ja": "1", "Nei": "0",',
                          '&yes_no {"Ja": "1", "Ja": "0", "Nei": "0",')
    with pytest.raises(DataFileError) as err:
        mapping.load_mapping(path)
    message = str(err.value)
    assert message.startswith(f"{path}, line {line}: the key 'Ja' appears twice")
    _one_sentence(message)


def test_an_alias_bomb_is_refused_within_a_second(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING.read_text(encoding="utf-8") + "extra:\n  " +
                    BOMB.replace("\n", "\n  "), encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(DataFileError, match=r"line \d+: its aliases .* expand to more than"):
        mapping.load_mapping(path)
    assert time.perf_counter() - t0 < 1.0


def test_a_contract_column_mapped_twice_is_one_sentence(tmp_path):
    path, line = _mapping(tmp_path, '"Kommentar": comment', '"Kommentar": quiz_score')
    with pytest.raises(DataFileError) as err:
        mapping.load_mapping(path)
    message = str(err.value)
    assert message.startswith(f"{path}, line {line}, columns: 'Kommentar' and "
                              "'Kunnskapstest, antall riktige' both map to 'quiz_score'")
    _one_sentence(message)


def test_a_role_marked_in_two_columns_is_one_sentence(tmp_path):
    path, _ = _mapping(tmp_path, '"Rolle: Medlem av AMU": amu_member',
                       '"Rolle: Medlem av AMU": verneombud')
    with pytest.raises(DataFileError, match="both mark the role 'verneombud'"):
        mapping.load_mapping(path)


def test_columns_as_a_list_is_one_sentence(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text("columns:\n  - Respondent\n  - Virksomhet\nroles:\n  columns: {}\n"
                    "values: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        mapping.load_mapping(path)
    assert str(err.value) == (f"{path}, line 1: 'columns' must be a mapping (export column "
                              "header: contract column, one per line), not a list.")


def test_a_latin1_mapping_and_a_latin1_export_are_one_sentence(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_bytes(MAPPING.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    first = next(i for i, line in enumerate(MAPPING.read_text(encoding="utf-8").splitlines(),
                                            start=1) if any(ord(ch) > 127 for ch in line))
    with pytest.raises(DataFileError) as err:
        mapping.load_mapping(path)
    assert str(err.value).startswith(f"{path}, line {first}: the file is not UTF-8 text")
    _one_sentence(str(err.value))
    export = tmp_path / "eksport.csv"
    export.write_bytes(TOOL.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(DataFileError, match=r"eksport.csv, line 1: the file is not UTF-8"):
        mapping.load_export(export, MAPPING)


@pytest.mark.parametrize("text, match", [
    ("owner: A\ncontact: a@b.no\nowner: B\n", r"line 3: the key 'owner' appears twice"),
    (BOMB, r"line \d+: its aliases .* expand to more than"),
    ("owner: Analyseenheten for m\xe6rkelige tall\n", r"line 1: the file is not UTF-8"),
])
def test_the_publication_file_is_read_strictly(tmp_path, monkeypatch, text, match):
    path = tmp_path / "publication.yaml"
    path.write_bytes(text.encode("latin-1"))
    monkeypatch.setenv(deployment.ENV, str(path))
    deployment._load.cache_clear()
    with pytest.raises(AnalysisError, match=match) as err:
        deployment.publication()
    assert str(err.value).startswith("The publication file publication.yaml, line ")
    _one_sentence(str(err.value))
