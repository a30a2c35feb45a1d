"""The first-screen summary: it concludes, is rounded, and its printed sums add up."""

from __future__ import annotations

import re

import pytest

from analysis.response_team import presentation as rt

# Hand calculation on the letter (Helsedirektoratet 19.11.2020, ref. 20/42562-29) and the
# report's assumptions (data/scenarios/response_team_costs.yaml, letter_baseline):
NEW_MONEY = 600_000 + 120_000 + 300_000 + 600_000  # the letter's four items: 1 620 000
STAY = 980 * 801 + 980 * 1_200 + 70 * 4_000  # 70 placements × 14 days: 2 240 980
ADDITIONAL = NEW_MONEY + STAY  # 3 860 980: what would not be spent without the team
GROSS = 7_660_219.13  # + salary 1 959 239.13 + register 1 840 000 (hand calculation)


def _millions(text: str) -> list[float]:
    return [float(m.replace(",", ".")) for m in re.findall(r"(\d+,\d) mill\. kr", text)]


def test_baseline_summary_concludes_with_the_additional_cost(baseline):
    assert baseline.figures["additional_nok"] == pytest.approx(ADDITIONAL)
    lines = [line.replace("\xa0", " ") for line in rt.summary_lines(baseline)]
    assert 2 <= len(lines) <= 4
    text = " ".join(lines)
    # 1 620 000 → 1,6 and 2 240 980 → 2,2; the headline is printed as their sum, 3,8
    assert "om lag 3,8 mill. kr ekstra" in text
    assert "1,6 mill. kr" in text and "2,2 mill. kr" in text
    # the gross total, beside the headline, as the sum of its printed parts:
    # 1,6 + 2,2 + salary 1 959 239 → 2,0 + register 1 840 000 → 1,8 = 7,6 (not 7,66 → 7,7)
    assert "om lag 7,6 mill. kr" in text
    assert "80 av 100" in text and "antakelsen «" in text  # how sure, and what moves it
    assert not re.search(r"\d \d{3} \d{3}|[a-z]+_[a-z]+|P10|P90", text)


@pytest.mark.parametrize("fixture", ["baseline", "team_50"])
def test_printed_sums_add_up(fixture, request):
    res = request.getfixturevalue(fixture)
    first = rt.summary_lines(res)[0].replace("\xa0", " ")
    total, *parts = _millions(first)
    assert len(parts) == 2 and total == pytest.approx(sum(parts)), first
    bullets = rt.key_findings(res).replace("\xa0", " ").splitlines()
    headline = next(b for b in bullets if "Merkostnaden for det offentlige" in b)
    total, *parts = _millions(headline)
    assert total == pytest.approx(sum(parts[:2])), headline
    gross = next(b for b in bullets if "Samlet kostnad for det offentlige" in b)
    total, *rest = _millions(gross)
    assert total == pytest.approx(sum(parts[:2]) + sum(rest)), gross
    money = next(b for b in bullets if "nye midlene" in b and " på 20" in b)
    total, *years = _millions(money)
    assert total == pytest.approx(sum(years)), money


def test_a_hypothetical_scenario_does_not_speak_for_the_directorate(team_50):
    text = " ".join(rt.summary_lines(team_50)) + rt.key_findings(team_50)
    assert "I dette scenarioet" in text
    assert "ber om" not in text.replace("ber om flere", "").replace(
        "Kommunene ber om", "").replace("kommunene ber i", "")


def test_team_50_summary_leaves_the_warning_to_the_notice(team_50):
    lines = rt.summary_lines(team_50)
    assert 2 <= len(lines) <= 4
    assert not any("for lite" in line for line in lines)
    assert "for lite" in rt.notices(team_50)[0]
