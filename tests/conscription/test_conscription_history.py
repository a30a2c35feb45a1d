"""The conscription model against the pandemic as it happened (issue 20): the record file,
the measures by date, a hand calculation of one week under each regime, break-even
values, the severity sweep's invariant and the retrospective's key figures."""

from __future__ import annotations

import gzip
import math
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.conscription import breakeven, history, model, pipeline, retrospective, simulation
from analysis.errors import DataFileError
from analysis.parameters import load_parameter_file
from analysis.paths import DATA_DIR
from analysis.scenarios import load_scenarios

PFILE = load_parameter_file("conscription_scenarios")


def scenario_params(name: str) -> dict:
    spec = load_scenarios("conscription_scenarios").scenarios[name]
    return PFILE.resolve(("scenario", spec.parameters))


# --- the record ---------------------------------------------------------------------------

def test_record_covers_every_week_and_every_known_fact_has_its_source():
    rec = history.load_record()
    assert list(rec.columns) == list(history.RECORD_COLUMNS)
    assert rec["first_week"].iloc[0] == "2020-09" and rec["last_week"].iloc[-1] == "2022-14"
    weeks = sum(len(history.week_range(a, b)) for a, b in zip(rec["first_week"],
                                                              rec["last_week"], strict=True))
    assert weeks == 111  # 45 weeks of 2020 from W09 (2020 has 53), 52 of 2021, 14 of 2022
    for row in rec.itertuples():
        known = row.need_beyond_voluntary != "ukjent" or row.conscription_used != "ukjent"
        if known:
            assert row.publisher and row.document and row.date and row.quote, row.period
    # the letter of 19.11.2020: needs largely met locally, no conscription
    autumn = rec.set_index("period").loc["P4"]
    assert autumn["reference"] == "20/42562-29"
    assert autumn["quote"] == ("Personellbehovet har også i stor grad vist seg mulig å løse "
                               "med lokale tiltak.")
    assert autumn["need_beyond_voluntary"] == "nei" and autumn["conscription_used"] == "nei"


def test_record_quotes_from_the_letters_are_in_the_letters():
    """The quotes from the directorate's letters are sentences of the letters (the letter
    of 19.11.2020 and its appendix of 19.08.2020, and the letter of 04.01.2021)."""
    letters = {"20/42562-29", "20/27924-5", "21/227-1"}
    rec = history.load_record()
    mine = rec[rec["reference"].isin(letters)]
    assert len(mine) >= 4
    known = {
        "20/42562-29": ["I mars ble det utarbeidet forslag til kongelig resolusjon, og forskrift "
                        "for beordring av helsepersonell i arbeid utenfor helsetjenesten, men "
                        "denne ble ikke iverksatt.",
                        "Personellbehovet har også i stor grad vist seg mulig å løse med "
                        "lokale tiltak."],
        "20/27924-5": ["Helsedirektoratet erfarer at mange kommuner gir tilbakemelding om "
                       "knapphet på personellressurser til å gjennomføre prøvetaking i det "
                       "omfanget som er skissert (1,5 % - 5 %)."],
        "21/227-1": ["Per nå ca. 40stk tilgjengelig. Vi oppfordrer kommuner til å ta i bruk "
                     "denne ressursen."],
    }
    for row in mine.itertuples():
        assert row.quote in known[row.reference], row.period


@pytest.fixture
def record_copy(tmp_path, monkeypatch):
    path = tmp_path / "record.csv"
    shutil.copy(history.RECORD_FILE, path)
    monkeypatch.setattr(history, "RECORD_FILE", path)
    history._record.cache_clear()
    yield path
    history._record.cache_clear()


def test_a_known_fact_without_a_source_is_refused(record_copy):
    frame = pd.read_csv(record_copy, dtype=str, keep_default_na=False)
    frame.loc[frame["period"] == "P4", "quote"] = ""
    frame.to_csv(record_copy, index=False)
    with pytest.raises(DataFileError, match="line 5: a known fact needs its public source"):
        history.load_record()


def test_a_gap_in_the_record_is_refused(record_copy):
    frame = pd.read_csv(record_copy, dtype=str, keep_default_na=False)
    frame.loc[frame["period"] == "P2", "last_week"] = "2020-30"
    frame.to_csv(record_copy, index=False)
    with pytest.raises(DataFileError, match="2020-34 does not follow the row before"):
        history.load_record()


def test_every_bad_line_of_the_record_is_named(record_copy):
    frame = pd.read_csv(record_copy, dtype=str, keep_default_na=False)
    frame.loc[frame["period"].isin(["P2", "P4"]), "need_beyond_voluntary"] = "kanskje"
    frame.loc[frame["period"] == "P3", "first_week"] = "2020-60"  # a later column
    frame.to_csv(record_copy, index=False)
    with pytest.raises(DataFileError) as err:
        history.load_record()
    # the first bad column in contract order, with both its bad lines and what is allowed
    assert str(err.value) == (f"{record_copy.name}, column 'first_week', line 4: '2020-60' "
                              "is not an ISO week like 2020-46.")
    frame.loc[frame["period"] == "P3", "first_week"] = "2020-34"
    frame.to_csv(record_copy, index=False)
    history._record.cache_clear()
    with pytest.raises(DataFileError) as err:
        history.load_record()
    assert str(err.value) == (f"{record_copy.name}, column 'need_beyond_voluntary', lines 3, "
                              "5: 'kanskje' is not allowed; allowed: one of ja, nei, ukjent.")


# --- the measures by date -----------------------------------------------------------------

@pytest.mark.parametrize(("week", "regime", "measure", "expected"), [
    # 19.11.2020: team «Klar for anmodning … Uke 49» (a plan); 18.12.2020 «opp mot 50»
    ("2020-46", "historical", "innsatsteam", 0),
    ("2020-51", "historical", "innsatsteam", 50),
    ("2021-01", "historical", "innsatsteam", 40),  # 04.01.2021: «Per nå ca. 40stk»
    ("2021-10", "historical", "innsatsteam", 90),  # 09.03.2021: «Et team på 90»
    ("2020-46", "proposed", "innsatsteam", 100),  # 19.11.2020: «opptil 100 personer»
    ("2020-12", "historical", "registeret", 0),
    ("2020-14", "historical", "registeret", 1),
    ("2020-46", "historical", "vikarbyrå", 0),  # Helse Vest «tar nå» a role for municipalities
    ("2020-47", "historical", "vikarbyrå", 1),
    ("2021-06", "historical", "insentiver", 0),
    ("2021-06", "historical", "bokstav a", 0),
    ("2021-06", "historical", "bokstav b", 0),
    ("2020-46", "proposed", "bokstav a", 1),
    ("2020-46", "proposed", "bokstav b", 1),
    ("2022-06", "historical", "testing", 1),
    ("2022-07", "historical", "testing", 0),  # 12.02.2022: no testing without symptoms
    ("2022-07", "proposed", "tracing", 0),  # 12.02.2022: no informing of close contacts
])
def test_regime_by_date(week, regime, measure, expected):
    assert history.in_force(week, regime)[measure] == expected


def test_a_week_outside_the_record_is_refused():
    with pytest.raises(Exception, match="2022-15 is outside"):
        history.measures_by_week(["2022-15"], "historical")
    with pytest.raises(Exception, match="regime must be one of historical, proposed"):
        history.measures_by_week(["2020-46"], "historisk")


def test_the_reference_incidence_is_the_msis_mean_of_q4_2020():
    """The parameter is the mean national 14-day incidence over 2020-40..2020-53, counted
    here straight from the shipped weekly file."""
    with gzip.open(DATA_DIR / "municipalities" / "msis_weekly_cases.csv.gz", "rt") as f:
        weekly = pd.read_csv(f, dtype={"iso_week": str, "municipality_number": str})
    reg = pd.read_csv(DATA_DIR / "municipalities" / "register.csv", dtype=str)
    population = reg["population_2020"].astype(float).sum()
    national = weekly.groupby("iso_week")["cases"].sum()
    weeks = [f"2020-{w:02d}" for w in range(39, 54)]
    two_week = [national[weeks[i]] + national[weeks[i - 1]] for i in range(1, len(weeks))]
    expected = np.mean(two_week) * 100_000 / population
    assert PFILE.defaults["isolation_reference_incidence"] == pytest.approx(expected, abs=0.05)


# --- one week by hand, under each regime --------------------------------------------------

def test_week_2020_11_by_hand_under_both_regimes():
    """2020-W11: one municipality over 150 per 100 000 with at least 10 cases (5036, 2 627
    inhabitants, centrality 5, 22 cases in weeks 10-11). Worked out by hand with the
    default parameters:

    incidence 22 × 100 000 / 2 627 = 837.457 (> 200: testing at 5 %)
    testers 0.05 × 2 627 / 150 = 0.875667, half other authorised, half helpers
    tracing: cases per week 22 / 2 = 11, teams 1.1: 1.1 nurses, 4.4 helpers
    staff away 0.00206 × 837.457 / 92.7 = 0.0186101; staff 2 627 × 30 / 1 000 = 78.81;
    away 1.466663: doctors 3 %, nurses 30 %, helpers 25 %, other authorised 42 %
    own cover: size ln(700 000 / 2 627) / ln 700 = 0.852574, remote (0.852574 + 0.8) / 2
    = 0.826287, cover 0.6 − 0.35 × 0.826287 = 0.310800, outside 0.689200
    outside: doctors 0.044000 × 0.6892 = 0.030325, nurses (1.1 + 0.439999) × 0.6892 =
    1.061367, other (0.437834 + 0.615999) × 0.6892 = 0.726301, helpers (0.437834 + 4.4 +
    0.366666) × 0.6892 = 3.586857.
    Historical: before week 14 only local measures existed (no register, no team, no
    agencies, no grant, no extended conscription): local resources (1 + 3 + 2) × 0.2627 +
    50 = 51.576 helpers cover the 3.59 helper tasks; the 1.817993 authorised are unmet.
    Proposed: the team of 100 (10.5 % doctors, 42.4 % nurses, 47.1 % other) covers them:
    step 2, nobody ordered."""
    incidence = 22 * 100_000 / 2627
    away = 0.00206 * incidence / 92.7
    isolated = 2627 * 30 / 1000 * away
    size = math.log(700_000 / 2627) / math.log(700)
    cover = 0.6 - 0.35 * (size + 0.8) / 2
    out = 1 - cover
    testers = 0.05 * 2627 / 150
    doctors = 0.03 * isolated * out
    nurses = (1.1 + 0.30 * isolated) * out
    other = (testers / 2 + 0.42 * isolated) * out
    helpers = (testers / 2 + 4.4 + 0.25 * isolated) * out
    assert doctors + nurses + other == pytest.approx(1.817993, abs=1e-5)
    assert doctors + nurses + other + helpers == pytest.approx(5.40485, abs=1e-4)

    w = retrospective.load_weeks("2020-11", "2020-11")
    mask = retrospective.over_threshold(w)
    assert list(w.numbers[mask[0]]) == ["5036"]
    p = PFILE.defaults
    hist = retrospective.regime_series(p, w, mask, "historical")
    prop = retrospective.regime_series(p, w, mask, "proposed")
    assert hist["need_persons"][0, 0] == pytest.approx(doctors + nurses + other + helpers,
                                                       rel=1e-9)
    assert hist["unmet_persons"][0, 0] == pytest.approx(doctors + nurses + other, rel=1e-9)
    assert hist["step_needed"][0, 0] == 8
    assert prop["unmet_persons"][0, 0] == pytest.approx(0.0, abs=1e-9)
    assert prop["step_needed"][0, 0] == 2
    assert prop["ordered_rule_a_persons"][0, 0] == 0


# --- break-even values --------------------------------------------------------------------

def test_bisection_finds_the_value_where_the_step_changes():
    """november_2020 with the proposal in force: the excess absence at which rule (a)
    becomes needed, found by bisection on the need after the voluntary steps, is where the
    point estimate's step (computed the full way) moves to rule (a)."""
    p = {**scenario_params("november_2020"), "regime": "proposed"}
    frame = model.load_demand(p)
    m = model.evaluate(p, frame).municipalities
    x = breakeven.bisect(
        lambda v: pipeline.needs_more({**p, "isolation_excess_absence_share": v}, m),
        0.0, 1.0, tol=1e-7)
    assert x is not None and 0.00206 < x < 1
    rule_a = model.step_order(p).index("bokstav a") + 1

    def step(v):
        return model.evaluate({**p, "isolation_excess_absence_share": v}, frame).step_needed

    assert step(x - 2e-7) < rule_a <= step(x + 2e-7)


def test_break_even_of_the_historical_november_2020():
    """Under the measures in force in week 46 of 2020 the authorised need (about 427
    persons) exceeds the register's 237 whatever the staff away, so no isolation share
    changes the conclusion; own cover of a large central municipality would have to be
    about 0.89 (assumed 0.4-0.75)."""
    p = scenario_params("november_2020")
    r = pipeline.analyse(p, PFILE)
    s = pipeline.summary(r)
    assert s["regime"] == "historical"
    assert s["break_even_isolation_share"] is None
    assert s["break_even_top_parameter"] == "local_cover_share_large_central"
    top = s["break_even_top_value"]
    assert 0.75 < top < 0.95
    m = r.point.municipalities
    assert pipeline.needs_more({**p, "local_cover_share_large_central": top - 1e-4}, m)
    assert not pipeline.needs_more({**p, "local_cover_share_large_central": top + 1e-4}, m)
    assert s["agrees_with_record"] is False
    assert s["counterfactual_conscripted_rule_a_persons"] == 0


# --- the severity sweep -------------------------------------------------------------------

municipality = st.fixed_dictionaries({
    "population": st.integers(500, 300_000),
    "centrality": st.integers(1, 6),
    "infected_per_100k": st.floats(1, 3000),
    "share_staff_isolated": st.one_of(st.just(np.nan), st.floats(0, 0.3)),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(municipality, min_size=1, max_size=4),
       severities=st.lists(st.integers(1, 1500), min_size=2, max_size=5, unique=True))
def test_the_share_of_draws_needing_rule_a_never_falls_as_the_outbreak_grows(rows,
                                                                               severities):
    frame = pd.DataFrame(rows)
    for column in ("infected_admitted", "institution_outbreaks", "share_unknown_route",
                   "temp_agreements_exhausted"):
        frame[column] = np.nan
    p = {**PFILE.defaults, "n_draws": 100, "sweep_severity_percents": [0, *severities]}
    sweep = simulation.run(PFILE, p, frame).sweep.sort_values("severity")
    shares = sweep["p_rule_a_needed"].to_numpy()
    assert shares[0] == 0 and sweep["severity"].iloc[0] == 0
    assert np.all(np.diff(shares) >= 0), sweep[["severity", "p_rule_a_needed"]]


def test_every_scenario_sweep_starts_at_no_outbreak():
    assert PFILE.defaults["sweep_severity_percents"][0] == 0


# --- the retrospective --------------------------------------------------------------------

@pytest.fixture(scope="module")
def retro():
    return retrospective.analyse(PFILE.defaults, PFILE, "2020-09", "2022-14", 20, 1)


def test_retrospective_summary_and_series(retro):
    s = retrospective.summary(retro)
    assert s["weeks_covered"] == 111
    assert (s["first_week"], s["last_week"]) == ("2020-09", "2022-14")
    for key in ("weeks_unmet_historical", "weeks_rule_a_proposed", "weeks_rule_b_proposed",
                "record_periods", "record_periods_agree"):
        assert isinstance(s[key], int)
    # P4, P5 and P9 say whether need went beyond the voluntary measures (counted in the CSV)
    assert s["record_periods"] == 3
    series = retro.series
    assert {"iso_week", "regime"} <= set(series.columns)
    assert len(series) == 2 * 111
    assert set(series["regime"]) == {"historical", "proposed"}
    # no conscription exists under the measures in force
    hist = series[series["regime"] == "historical"]
    assert (hist["ordered_rule_a_persons"] == 0).all()
    # weeks before any municipality passes the threshold need nothing
    assert hist.iloc[0]["need_persons"] == 0


# --- a run on the user's own data ---------------------------------------------------------

def test_own_data_is_recognised_and_titled_by_its_data(tmp_path):
    p = scenario_params("november_2020")
    assert pipeline.own_data(p, "november_2020") == (False, False)
    own = {**p, "demand_file": str(tmp_path / "sub" / "januar_2022.csv")}
    assert pipeline.own_data(own, "november_2020") == (True, True)  # weeks are the scenario's
    assert pipeline.own_data({**own, "data_weeks": "2022-01 to 2022-02"},
                             "november_2020") == (True, False)
    from analysis.conscription.presentation import own_data_title

    r = pipeline.analyse(p, PFILE)
    title = own_data_title(r, "C:\\\\data\\\\januar_2022.csv", False)
    assert title == "Egne data: januar_2022.csv, 39 kommuner, uker ikke oppgitt"
    assert own_data_title(r, "/x/y/z.csv", True).endswith("ISO-ukene 2020-45 til 2020-46")
