"""Over capacity: warned about first, never priced beyond what the team can make."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.response_team import costs
from analysis.response_team import presentation as rt


def test_team_50_warns_on_the_first_screen(team_50):
    assert team_50.over_capacity
    notices = rt.notices(team_50)
    assert len(notices) == 1 and "for lite" in notices[0]
    first = rt.key_findings(team_50).splitlines()[0]
    assert "Advarsel" in first and "for lite" in first
    assert "om lag 720 formidlinger blir ikke dekket" in first


def test_team_50_never_prices_more_than_capacity(team_50):
    f = team_50.figures
    assert f["placements"] == f["placements_capacity"] < f["placements_demand"]
    assert f["deployment_days_total"] == f["placements_capacity"] * 14
    assert f["travel_nok"] == f["placements_capacity"] * 4_000
    assert (team_50.draws["placements"] <= team_50.draws["placements_capacity"]).all()


def test_the_baseline_has_no_warning(baseline):
    assert not baseline.over_capacity
    assert rt.notices(baseline) == []
    assert "Advarsel" not in rt.key_findings(baseline)


def test_infeasible_draws_are_capped_and_counted(baseline):
    d = baseline.draws
    over = d["placements_demand"] > d["placements_capacity"]
    assert baseline.capped_draws == int(over.sum()) > 0
    assert (d.loc[over, "placements"] == d.loc[over, "placements_capacity"]).all()
    assert (d.loc[over, "unmet_placements"] > 0).all()
    assert f"I {baseline.capped_draws}" in rt.uncertainty_text(baseline).replace("\xa0", "")


@settings(max_examples=60, deadline=None)
@given(team=st.integers(0, 300), persons=st.integers(0, 400), repeats=st.floats(1, 20),
       days=st.floats(1, 60), share=st.floats(0.05, 1), months=st.integers(1, 24))
def test_priced_placements_never_exceed_capacity(rt_defaults, team, persons, repeats, days,
                                                  share, months):
    p = {**rt_defaults, "team_size": team, "persons_placed": persons,
         "placements_per_person": repeats, "deployment_days": days,
         "availability_share": share, "contract_months": months}
    f = costs.outcomes(p)
    assert f["placements"] <= f["placements_capacity"]
    assert f["placements"] + f["unmet_placements"] == f["placements_demand"]
    assert f["deployment_days_total"] <= f["capacity_days"] + 1e-9
    assert all(f[k] >= 0 for k in ("salary_nok", "per_diem_nok", "total_nok"))


def test_vectorised_outcomes_match_scalar_outcomes(rt_defaults):
    team = np.array([20, 50, 100])
    vec = costs.outcomes({**rt_defaults, "team_size": team})
    for i, n in enumerate(team):
        scalar = costs.outcomes({**rt_defaults, "team_size": int(n)})
        for key, value in scalar.items():
            assert np.isclose(vec[key][i], value, equal_nan=True), key
