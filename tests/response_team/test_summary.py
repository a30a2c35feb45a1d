"""summary.json: the keys the issue lists, plain JSON, the letter's figures kept."""

from __future__ import annotations

import json

import pytest

from analysis.presentation.report import _json_number
from analysis.response_team import pipeline
from analysis.scenarios import load_scenarios

REQUIRED = {
    "agency_nok", "quality_assurance_nok", "placements_nok", "stipends_nok", "register_nok",
    "team_total_nok", "total_with_register_nok", "directorate_nok", "municipality_nok",
    "total_nok", "new_money_nok", "already_requested_nok", "placements",
    "placements_capacity", "unmet_placements", "deployment_days_total",
    "directorate_nok_per_deployment_day", "headline_percentile", "by_month",
}


def test_summary_has_the_required_keys_as_plain_json(baseline):
    s = pipeline.summary(baseline)
    assert REQUIRED <= set(s)
    plain = {k: _json_number(v) for k, v in s.items()}
    assert json.loads(json.dumps(plain)) == plain
    assert plain["new_money_nok"] == 1_620_000 and plain["already_requested_nok"] == 1_840_000
    assert 0 <= plain["headline_percentile"] <= 100
    assert all(set(m) == {"month", "nok"} for m in plain["by_month"])
    assert sum(m["nok"] for m in plain["by_month"]) == pytest.approx(plain["total_nok"])


def test_headline_percentile_is_where_the_total_lies(baseline):
    s = pipeline.summary(baseline)
    share_below = (baseline.draws["total_nok"] < baseline.figures["total_nok"]).mean()
    assert s["headline_percentile"] == pytest.approx(100 * share_below, abs=0.1)


@pytest.mark.parametrize("name", list(load_scenarios("response_team_costs").scenarios))
def test_expected_keys_are_summary_keys(name, baseline):
    expected = load_scenarios("response_team_costs").scenarios[name].expected
    assert set(expected) <= set(pipeline.summary(baseline))
