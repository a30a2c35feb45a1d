"""The first-screen summary: short, rounded, and stating the letter's figures."""

from __future__ import annotations

import re

from analysis.response_team import presentation as rt


def test_baseline_summary_states_the_rounded_totals(baseline):
    lines = [line.replace("\xa0", " ") for line in rt.summary_lines(baseline)]
    assert 3 <= len(lines) <= 5
    text = " ".join(lines)
    # the letter: 1 620 000 kr new money, 1 840 000 kr already requested (3 460 000 kr in all);
    # hand calculation in data/scenarios/response_team_costs.yaml: total 7 660 219 kr
    for phrase in ("om lag 1,6 mill. kr", "om lag 1,8 mill. kr", "om lag 3,5 mill. kr",
                   "om lag 7,7 mill. kr"):
        assert phrase in text, phrase
    assert not re.search(r"\d \d{3} \d{3}|[a-z]+_[a-z]+|P10|P90", text)


def test_team_50_summary_leaves_the_warning_to_the_notice(team_50):
    lines = rt.summary_lines(team_50)
    assert 3 <= len(lines) <= 5
    assert not any("for lite" in line for line in lines)
    assert "for lite" in rt.notices(team_50)[0]
