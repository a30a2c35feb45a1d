"""The published reports (built once per session by the schedule fixture)."""

from __future__ import annotations

import json

import pytest

NB = "response_team_costs"


@pytest.fixture(scope="module")
def published(schedule_reports):
    return schedule_reports / NB


def test_team_50_warns_on_the_first_screen_of_the_page(published):
    page = (published / "team_50" / "index.html").read_text(encoding="utf-8")
    header = page.split("</header>")[0]
    assert 'class="notice"' in header and "Teamet er for lite" in header
    summary = json.loads((published / "team_50" / "summary.json").read_text())
    assert summary["placements"] == summary["placements_capacity"] == 283
    assert summary["unmet_placements"] == 717 and summary["over_capacity"] is True


def test_baseline_summary_months_sum_to_the_total(published):
    summary = json.loads((published / "letter_baseline" / "summary.json").read_text())
    months = summary["by_month"]
    assert months[0] == {"month": "2020-01", "nok": 0}
    assert sum(m["nok"] for m in months) == pytest.approx(summary["total_nok"])
    assert summary["new_money_nok"] == 1_620_000
    assert summary["already_requested_nok"] == 1_840_000
    page = (published / "letter_baseline" / "index.html").read_text(encoding="utf-8")
    assert "Teamet er for lite" not in page


def test_team_50_holds_its_team_size_fixed_in_the_published_uncertainty(published):
    # the scenario is about a team of 50: the size is not an uncertainty there
    sensitivity = (published / "team_50" / "tables" / "folsomhet.csv").read_text(
        encoding="utf-8")
    assert "team_size" not in sensitivity
    page = (published / "team_50" / "index.html").read_text(encoding="utf-8")
    assert "holder «antall i innsatsteamet når det er fullt bygget opp» fast" in page
