"""What an analyst's everyday accidents may not do: a copy of a notebook or one bad
scenario never blocks ``list`` or the schedule; a deleted scenario leaves the index."""

from __future__ import annotations

import json
import shutil

import pytest

from analysis import notebooks, scenarios
from analysis.errors import ParameterError
from analysis.notebooks import Target
from analysis.paths import NOTEBOOKS_DIR, SCENARIOS_DIR
from analysis.runner.execute import resolve_parameters

NB = "response_team_costs"


@pytest.fixture
def clear_caches():
    scenarios.load_scenarios.cache_clear()
    scenarios.scenario_problems.cache_clear()
    yield
    scenarios.load_scenarios.cache_clear()
    scenarios.scenario_problems.cache_clear()


def test_every_scenario_of_the_project_can_be_built():
    for nb in notebooks.notebook_names():
        assert scenarios.scenario_problems(nb) == {}, nb


def test_a_misspelt_parameter_fails_only_its_own_scenario(tmp_path, monkeypatch,
                                                          clear_caches):
    text = (SCENARIOS_DIR / f"{NB}.yaml").read_text(encoding="utf-8")
    text += ("\n  typo:\n    title: Skrivefeil\n    description: a misspelt name\n"
             "    parameters:\n      team_sise: 40\n")
    for nb in notebooks.notebook_names():
        shutil.copy(SCENARIOS_DIR / f"{nb}.yaml", tmp_path)
    (tmp_path / f"{NB}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(scenarios, "SCENARIOS_DIR", tmp_path)
    monkeypatch.setattr(notebooks, "SCENARIOS_DIR", tmp_path)
    problems = scenarios.scenario_problems(NB)
    assert list(problems) == ["typo"] and "Did you mean 'team_size'" in problems["typo"]
    assert "[cannot be built: Unknown parameter 'team_sise'" in notebooks.describe(NB)
    schedule = notebooks.schedule()
    assert Target(NB, "typo") in schedule and Target(NB, "letter_baseline") in schedule
    assert resolve_parameters(Target(NB, "letter_baseline"), {})["team_size"] == 100
    with pytest.raises(ParameterError, match="team_sise"):
        resolve_parameters(Target(NB, "typo"), {})


def test_a_copy_of_a_notebook_is_skipped_with_one_warning(tmp_path, monkeypatch, capsys):
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy(path, tmp_path)
    shutil.copy(NOTEBOOKS_DIR / f"{NB}.ipynb", tmp_path / f"{NB}-Copy1.ipynb")
    monkeypatch.setattr(notebooks, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(notebooks, "_warned", set())
    assert notebooks.notebook_names() == sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    notebooks.notebook_names()
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and f"{NB}-Copy1.ipynb is skipped" in err


def test_a_deleted_scenario_leaves_the_index(tmp_path):
    from analysis.runner.index import write_index

    for scenario in ("letter_baseline", "no_longer_in_the_file"):
        folder = tmp_path / NB / scenario
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("<html></html>")
        (folder / "run.json").write_text(json.dumps({
            "notebook": NB, "scenario": scenario, "status": "ok", "title": "T",
            "scenario_title": f"S {scenario}", "started": "2026-12-07T05:00:00+01:00",
            "checks": [{"key": "agency_nok", "ok": True}]}))
    page = write_index(tmp_path).read_text(encoding="utf-8")
    assert "S letter_baseline" in page and "no_longer_in_the_file" not in page
    assert "kontroll: alle 1 forventede tall stemmer" in page
