"""The conscription model run week by week over the pandemic as it happened.

For every ISO week from 2020-W09 to 2022-W14, every one of the 356 municipalities
(FHI's MSIS weekly cases, SSB's population on 1 January 2020): a municipality counts as
*over the incidence threshold* in a week when its 14-day incidence (that week and the one
before) is at least ``threshold`` per 100 000 with at least ``min_cases`` cases (the
importer's rule; it is an incidence threshold, not a measure of staffing). Its need from
outside is the conscription model's (:mod:`.demand`), with the share of staff away
estimated from public statistics (:func:`.demand.estimated_isolation`) and testing and
tracing switched off in the weeks policy ended them (:mod:`.history`). The national need
of each week goes through the escalation under both regimes: ``historical`` (the steps
in force that week) and ``proposed`` (the proposal of 19.11.2020, ref.
20/42562-29, as if in force; the issue calls it the December 2020 proposal).

Everything is vectorised over weeks and draws: the rows of all municipality-weeks over
the threshold are evaluated at once, summed per week with one matrix product, and the
escalation runs on ``weeks × draws`` rows. The only Python loops are over the two regimes
and the handful of steps and roles inside :func:`.escalation.escalate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import uncertainty
from analysis.conscription import breakeven, demand, history, steps, supply
from analysis.conscription.escalation import escalate
from analysis.conscription.importer import CRISIS_THRESHOLD, MIN_CASES
from analysis.conscription.professions import ROLES
from analysis.municipalities import msis, register

EPS = 1e-6  # persons
DAYS, PER = 14, 100_000


@dataclass(frozen=True)
class Weeks:
    """MSIS cases of every municipality, by week: arrays ``(weeks, municipalities)``."""

    weeks: list[str]
    numbers: np.ndarray  # (M,) municipality numbers
    population: np.ndarray  # (M,)
    centrality: np.ndarray  # (M,)
    cases: np.ndarray  # (W, M) cases in the week and the one before
    incidence: np.ndarray  # (W, M) 14-day incidence per 100 000

    @property
    def national_incidence(self) -> np.ndarray:
        return self.cases.sum(axis=1) * PER / self.population.sum()


def load_weeks(first: str, last: str) -> Weeks:
    """The shipped MSIS weekly counts from ``first`` to ``last`` (a week not reported per
    municipality, in the first days of the pandemic, counts as no cases)."""
    weeks = history.week_range(first, last)
    before = msis.iso_weeks(weeks[0], 2)[0]
    reg = register.load_register().set_index("municipality_number")
    w = msis.load_weekly()
    table = (w.pivot(index="iso_week", columns="municipality_number", values="cases")
             .reindex(index=[before, *weeks], columns=reg.index).fillna(0.0))
    weekly = table.to_numpy(float)
    two = weekly[1:] + weekly[:-1]
    pop = reg["population_2020"].to_numpy(float)
    return Weeks(weeks=weeks, numbers=reg.index.to_numpy(), population=pop,
                 centrality=reg["centrality"].to_numpy(float), cases=two,
                 incidence=two * PER / pop[None, :])


def over_threshold(w: Weeks, threshold: float = CRISIS_THRESHOLD,
                   min_cases: int = MIN_CASES) -> np.ndarray:
    """``(W, M)`` bool: the municipality is over the incidence threshold that week."""
    return (w.incidence >= threshold) & (w.cases >= min_cases)


def _rows(w: Weeks, mask: np.ndarray) -> tuple[demand.Municipalities, np.ndarray]:
    """The municipality-weeks over the threshold as one set of municipalities, and the
    week index of each row."""
    wk, mu = np.nonzero(mask)
    nan = np.full(len(wk), np.nan)
    m = demand.Municipalities(
        population=w.population[mu], infected_per_100k=w.incidence[wk, mu],
        infected_admitted=nan, institution_outbreaks=nan, share_staff_isolated=nan,
        share_unknown_route=nan, centrality=w.centrality[mu], temp_agreements_exhausted=nan)
    return m, wk


def weekly_need(p: Mapping[str, Any], w: Weeks, mask: np.ndarray, policy: pd.DataFrame
                ) -> np.ndarray:
    """National need from outside per week and draw, by role: ``(W, n, 4)``.

    ``policy`` has the columns ``testing`` and ``tracing`` (1 or 0 per week)."""
    m, wk = _rows(w, mask)
    factor = demand.outside_factor(p, m)  # (n, K)
    d = demand.drivers(p, m)  # each (n, K)
    switch = {"testing": policy["testing"].to_numpy()[wk],
              "tracing": policy["tracing"].to_numpy()[wk],
              "replacement": np.ones(len(wk))}
    onehot = np.zeros((len(wk), len(w.weeks)))
    onehot[np.arange(len(wk)), wk] = 1.0
    summed = {k: (v * factor * switch[k][None, :]) @ onehot for k, v in d.items()}  # (n, W)
    parts = demand._by_role(p, summed)  # each (n, W, 4)
    n = max(v.shape[0] for v in parts.values())
    total = sum(np.broadcast_to(v, (n, len(w.weeks), len(ROLES))) for v in parts.values())
    return np.transpose(total, (1, 0, 2))


def weekly_pools(p: Mapping[str, Any], population: np.ndarray, regime: str,
                 weeks: list[str]) -> np.ndarray:
    """Pools ``(W, n, 7, 4)`` in the canonical order: the local resources grow with the
    population over the threshold that week (``population``, shape ``(W,)``; the pools
    are linear in it), every step multiplied by what ``regime`` has in force."""
    values = history.measures_by_week(weeks, regime)
    scale = (np.asarray(population, float) / 10_000)[:, None, None, None]
    if regime == "proposed":
        at0 = supply.pools(p, 0.0)[None]
        slope = supply.pools(p, 10_000.0)[None] - at0
        factors = history.step_factors(p["team_size"], values, regime)
    else:  # the team in force each week, recruited from the register's 474
        teams = values["innsatsteam"].to_numpy()
        sizes = {t: (supply.pools({**p, "team_size": t}, 0.0),
                     supply.pools({**p, "team_size": t}, 10_000.0)) for t in set(teams)}
        n = max(a.shape[0] for a, _b in sizes.values())
        at0 = np.stack([np.broadcast_to(sizes[t][0], (n,) + sizes[t][0].shape[1:])
                        for t in teams])
        slope = np.stack([np.broadcast_to(sizes[t][1], (n,) + sizes[t][1].shape[1:])
                          for t in teams]) - at0
        factors = np.stack([history.step_factors(t, values.iloc[[i]], regime)[0]
                            for i, t in enumerate(teams)])
    return (at0 + slope * scale) * factors[..., None]


def escalate_weeks(p: Mapping[str, Any], need: np.ndarray, pools: np.ndarray
                   ) -> dict[str, np.ndarray]:
    """The escalation of every week and draw (default order): arrays ``(W, n)``."""
    w, n = need.shape[:2]
    order = steps.DEFAULT_ORDER
    idx = [steps.KEYS.index(k) for k in order]
    flat_pools = np.broadcast_to(pools, (w, n) + pools.shape[2:]).reshape(
        (w * n,) + pools.shape[2:])[:, idx, :]
    esc = escalate(need.reshape(w * n, -1), flat_pools,
                   [steps.BY_KEY[k].conscription for k in order])
    used = esc.used
    a = used[:, order.index("bokstav a")].sum(axis=1)
    b = used[:, order.index("bokstav b")].sum(axis=1)
    return {k: v.reshape(w, n) for k, v in {
        "need_persons": need.sum(axis=2).reshape(w * n),
        "step_needed": esc.step_needed.astype(float),
        "ordered_rule_a_persons": a,
        "ordered_rule_b_persons": b,
        "unmet_persons": esc.unmet,
        "after_voluntary_persons": esc.remaining_after_voluntary.sum(axis=1),
    }.items()}


def regime_series(p: Mapping[str, Any], w: Weeks, mask: np.ndarray, regime: str
                  ) -> dict[str, np.ndarray]:
    """One regime's escalation over the weeks for parameters ``p`` (scalars or draws)."""
    policy = history.measures_by_week(w.weeks, regime)
    need = weekly_need(p, w, mask, policy)
    population = (mask * w.population[None, :]).sum(axis=1)
    return escalate_weeks(p, need, weekly_pools(p, population, regime, w.weeks))


def subset(w: Weeks, mask: np.ndarray, first: str, last: str) -> tuple[Weeks, np.ndarray]:
    """The weeks ``first`` … ``last`` of ``w`` (and of the threshold mask)."""
    keep = [i for i, x in enumerate(w.weeks)
            if history.week_number(first) <= history.week_number(x) <= history.week_number(last)]
    return (Weeks(weeks=[w.weeks[i] for i in keep], numbers=w.numbers,
                  population=w.population, centrality=w.centrality, cases=w.cases[keep],
                  incidence=w.incidence[keep]), mask[keep])


def period_agrees(p: Mapping[str, Any], w: Weeks, mask: np.ndarray, row: Any) -> bool:
    """Whether the historical point estimate over the period's weeks agrees with it."""
    out = {k: v[:, 0] for k, v in regime_series(p, w, mask, "historical").items()}
    frame = pd.DataFrame({"iso_week": w.weeks, "regime": "historical",
                          "unmet_persons": out["unmet_persons"],
                          "step_needed": out["step_needed"].astype(int)})
    return bool(agrees(frame, row))


def assumption_to_change(p: Mapping[str, Any], pfile, w: Weeks, mask: np.ndarray, row: Any
                         ) -> dict[str, Any] | None:
    """For a period where model and record disagree: the one assumption that, moved
    alone, makes them agree nearest its default (as a share of its range), with the
    break-even value found by bisection over its allowed values; None if none does."""
    from analysis.conscription.pipeline import search_interval

    sub, m = subset(w, mask, row.first_week, row.last_week)
    ranges = {name: search_interval(pfile, name, lo, hi)
              for name, (lo, hi) in uncertainty.ranged(pfile, p).items()}
    found = breakeven.one_way(lambda q: period_agrees(q, sub, m, row), p, ranges)
    if not found:
        return None
    best = found[0]
    lo, hi = uncertainty.ranged(pfile, p)[best["parameter"]]
    return {**best, "label": pfile.parameters[best["parameter"]].label, "low": lo, "high": hi,
            "within_range": bool(lo <= best["break_even"] <= hi)}


@dataclass(frozen=True)
class Retrospective:
    series: pd.DataFrame  # one row per week and regime (iso_week, regime, …)
    comparison: pd.DataFrame  # one row per record period
    record: pd.DataFrame
    measures: pd.DataFrame  # the dated parameters (history.load_measures())
    n_draws: int
    threshold: float
    min_cases: int


def series_frame(p: Mapping[str, Any], d: Mapping[str, Any], w: Weeks, mask: np.ndarray
                 ) -> pd.DataFrame:
    """The weekly series of both regimes: the point estimate and shares of draws."""
    frames = []
    over = mask.sum(axis=1)
    for regime in history.REGIMES:
        point = {k: v[:, 0] for k, v in regime_series(p, w, mask, regime).items()}
        draws = regime_series(d, w, mask, regime)
        frames.append(pd.DataFrame({
            "iso_week": w.weeks,
            "regime": regime,
            "national_incidence": w.national_incidence,
            "municipalities_over_threshold": over,
            "need_persons": point["need_persons"],
            "step_needed": point["step_needed"].astype(int),
            "ordered_rule_a_persons": point["ordered_rule_a_persons"],
            "ordered_rule_b_persons": point["ordered_rule_b_persons"],
            "unmet_persons": point["unmet_persons"],
            "after_voluntary_persons": point["after_voluntary_persons"],
            "after_voluntary_p10": np.quantile(draws["after_voluntary_persons"], 0.1, axis=1),
            "after_voluntary_p90": np.quantile(draws["after_voluntary_persons"], 0.9, axis=1),
            "p_rule_a_needed": (draws["ordered_rule_a_persons"] > EPS).mean(axis=1),
            "p_unmet": (draws["unmet_persons"] > EPS).mean(axis=1),
        }))
    return pd.concat(frames, ignore_index=True)


def _period_weeks(series: pd.DataFrame, row: Any) -> pd.DataFrame:
    lo, hi = history.week_number(row.first_week), history.week_number(row.last_week)
    numbers = series["iso_week"].map(history.week_number)
    return series[(numbers >= lo) & (numbers <= hi)]


def agrees(series: pd.DataFrame, row: Any) -> bool | None:
    """Whether the model (historical regime) agrees with one record period; None when the
    record does not say whether need was left beyond the voluntary measures.

    «No need beyond the voluntary measures» (``nei``) holds when no week of the period
    leaves need unmet with the measures then in force; ``ja`` when some week does."""
    if row.need_beyond_voluntary not in ("ja", "nei"):
        return None
    hist = _period_weeks(series[series["regime"] == "historical"], row)
    unmet = bool((hist["unmet_persons"] > EPS).any())
    return unmet == (row.need_beyond_voluntary == "ja")


def compare(series: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """One row per record period: what the record says, what the model says, agreement."""
    rows = []
    for row in record.itertuples():
        hist = _period_weeks(series[series["regime"] == "historical"], row)
        prop = _period_weeks(series[series["regime"] == "proposed"], row)
        rows.append({
            "period": row.period, "first_week": row.first_week, "last_week": row.last_week,
            "record_step_used": row.step_used or None,
            "record_need_beyond_voluntary": row.need_beyond_voluntary,
            "record_conscription_used": row.conscription_used,
            "model_highest_step": int(hist["step_needed"].max()),
            "model_weeks_unmet": int((hist["unmet_persons"] > EPS).sum()),
            "model_max_unmet_persons": float(hist["unmet_persons"].max()),
            "model_weeks_rule_a_proposed": int((prop["ordered_rule_a_persons"] > EPS).sum()),
            "agrees": agrees(series, row),
            "source": ", ".join(x for x in (row.publisher, f"«{row.document}»" if row.document
                                            else "", ".".join(reversed(row.date.split("-"))),
                                            f"ref. {row.reference}" if row.reference else "")
                                if x),
        })
    return pd.DataFrame(rows)


def analyse(p: Mapping[str, Any], pfile, first: str, last: str, n_draws: int, seed: int,
            threshold: float = CRISIS_THRESHOLD, min_cases: int = MIN_CASES
            ) -> Retrospective:
    """The weekly series of both regimes, and the comparison with the record.

    ``p``: the conscription model's parameters (``pfile`` their file, for the draws)."""
    w = load_weeks(first, last)
    mask = over_threshold(w, threshold, min_cases)
    d = uncertainty.draw(pfile, p, n_draws, seed)
    series = series_frame(p, d, w, mask)
    record = history.load_record()
    comparison = compare(series, record)
    changes = []
    for row, agree in zip(record.itertuples(), comparison["agrees"], strict=True):
        change = (assumption_to_change(p, pfile, w, mask, row) if agree is False else None)
        changes.append(change or {})
    for key in ("parameter", "label", "default", "break_even", "low", "high", "within_range"):
        comparison[f"change_{key}"] = [c.get(key) for c in changes]
    return Retrospective(series=series, comparison=comparison, record=record,
                         measures=history.load_measures(),
                         n_draws=n_draws, threshold=threshold, min_cases=min_cases)


def summary(r: Retrospective) -> dict[str, Any]:
    s = r.series
    hist, prop = s[s["regime"] == "historical"], s[s["regime"] == "proposed"]
    compared = r.comparison["agrees"].dropna()
    return {
        "weeks_covered": int(hist["iso_week"].nunique()),
        "first_week": str(hist["iso_week"].iloc[0]),
        "last_week": str(hist["iso_week"].iloc[-1]),
        "weeks_unmet_historical": int((hist["unmet_persons"] > EPS).sum()),
        "weeks_rule_a_proposed": int((prop["ordered_rule_a_persons"] > EPS).sum()),
        "weeks_rule_b_proposed": int((prop["ordered_rule_b_persons"] > EPS).sum()),
        "record_periods": int(len(compared)),
        "record_periods_agree": int(compared.astype(bool).sum()),
        "max_unmet_historical_persons": round(float(hist["unmet_persons"].max()), 1),
        "n_draws": r.n_draws,
    }
