"""Sharing scarce personnel between municipalities: eligibility, a priority score and an
allocation.

The letter (Helsedirektoratet to HOD 19.11.2020, ref. 20/42562-29, section 3) weighs the
urgency of the need ("Epidemiologisk situasjon": infected per population, infected
admitted to municipal institutions, outbreaks in those institutions, share of health
personnel in isolation or quarantine, share of cases with unknown route) and the
municipality's ability to find help itself ("Kommunens bemanningsevne": size and
centrality). Its question "Har kommunen prøvd alle muligheter via egne vikaravtaler?" is
asked before help is given: a municipality that has not used up its own temp agreements
is served only when every municipality that has is covered (``require_temps_exhausted``).

Each criterion becomes an indicator from 0 to 1. The epidemiological ones use a scale
that does not saturate (``score_scale``): ``rangering`` (rank, default) places each municipality
among the municipalities in crisis, lowest 0, highest 1, ties sharing the mean rank;
``logaritmisk`` is ``log(1 + x) / log(1 + the highest x)``. Either way two different values never
get the same points. Size is a log scale between a small and a large municipality,
centrality class 1 → 0 and 6 → 1. The score is the weighted mean of the indicators the
municipality has, in points from 0 to 100: an unknown value (an empty cell) leaves its
criterion out for that municipality; its weight goes to the known criteria of its own
group (epidemiology or staffing capacity), and the points are scaled to fill 100.

The allocation is deterministic and explainable, done separately for each role:

- ``forholdsmessig`` (proportional, default): every municipality gets the same multiple
  of its score as its share of need covered, ``min(1, λ × score)``, with ``λ`` set so the people
  available are used up (or everyone is covered). Equal scores get equal shares.
- ``streng`` (strict): municipalities are served in priority order; each gets all it needs before
  the next gets anything.

Both guarantee that no municipality gets more than it needs, that a higher score never
gets a lower share of its need covered (within each role and eligibility group), that
more need never gives fewer persons, and that an ineligible municipality gets nothing
while an eligible one lacks anything. Ties in the order (equal scores) are broken by
population, smallest first, then by municipality number, lowest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription.demand import Municipalities, centrality_indicator, size_indicator
from analysis.errors import ParameterError
from analysis.i18n import N_, NP_

METHODS = ("forholdsmessig", "streng")
SCALES = ("rangering", "logaritmisk")


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # Norwegian (bokmål, N_: translated where shown)
    short: str  # Norwegian, for narrow table headers (N_)
    group: str  # "epidemiology" | "capacity"
    weight: str  # parameter holding the weight
    column: str  # demand-file column
    rule: str  # Norwegian: how the indicator is computed (N_)


_EPI_RULE = N_("plassering blant kommunene i krise (lavest 0, høyest 1)")
CRITERIA: tuple[Criterion, ...] = (
    Criterion("incidence", N_("Smittede per 100 000 innbyggere"), N_("Smitte"),
              "epidemiology", "weight_incidence", "infected_per_100k", _EPI_RULE),
    Criterion("admitted", N_("Smittede innlagt i kommunale institusjoner"), N_("Innlagte"),
              "epidemiology", "weight_admitted", "infected_admitted", _EPI_RULE),
    Criterion("outbreaks", N_("Utbrudd i kommunale institusjoner"), N_("Utbrudd"),
              "epidemiology", "weight_outbreaks", "institution_outbreaks", _EPI_RULE),
    Criterion("isolated", N_("Andel helsepersonell i isolasjon/karantene"), N_("Isolasjon"),
              "epidemiology", "weight_isolated", "share_staff_isolated", _EPI_RULE),
    Criterion("unknown_route", N_("Andel smittede med ukjent smittevei"),
              N_("Ukjent smittevei"), "epidemiology", "weight_unknown_route",
              "share_unknown_route", _EPI_RULE),
    # «Størrelse» is the municipality's size here, a column of quantities elsewhere: context
    Criterion("size", N_("Liten kommune (innbyggertall)"), NP_("kriterium", "Størrelse"),
              "capacity",
              "weight_size", "population",
              N_("logaritmisk skala: liten kommune gir 1, stor kommune gir 0")),
    Criterion("centrality", N_("Lite sentral kommune (sentralitetsklasse)"), N_("Sentralitet"),
              "capacity", "weight_centrality", "centrality",
              N_("klasse 1 gir 0, klasse 6 gir 1")),
)
GROUP_LABELS = {"epidemiology": N_("Smittesituasjon"),
                "capacity": N_("Kommunens bemanningsevne")}
EPIDEMIOLOGY = tuple(c.key for c in CRITERIA if c.group == "epidemiology")

# Alternative weights for the rank-stability table: Norwegian name (N_), weight overrides.
ALTERNATIVE_WEIGHTS: tuple[tuple[str, dict[str, float]], ...] = (
    (N_("Like vekter på alle kriterier"), {c.weight: 1.0 for c in CRITERIA}),
    (N_("Bare smittesituasjonen"), {"weight_size": 0.0, "weight_centrality": 0.0}),
    (N_("Bare bemanningsevnen (størrelse og sentralitet)"),
     {c.weight: 0.0 for c in CRITERIA if c.group == "epidemiology"}),
    (N_("Dobbel vekt på smittede per 100 000"), {"weight_incidence": "double"}),
    (N_("Uten kommunestørrelse"), {"weight_size": 0.0}),
)


def scaled(values: np.ndarray, scale: str) -> np.ndarray:
    """An epidemiological value as an indicator from 0 to 1; NaN stays NaN.

    >>> scaled(np.array([10.0, 500.0, 500.0, np.nan, 4000.0]), "rangering").tolist()
    [0.0, 0.5, 0.5, nan, 1.0]
    >>> scaled(np.array([0.0, 99.0, np.nan]), "logaritmisk").round(2).tolist()
    [0.0, 1.0, nan]
    """
    x = np.asarray(values, dtype=float)
    known = ~np.isnan(x)
    out = np.full(x.shape, np.nan)
    if not known.any():
        return out
    if scale == "rangering":
        k = int(known.sum())
        ranks = pd.Series(x[known]).rank(method="average").to_numpy()
        out[known] = 0.5 if k == 1 else (ranks - 1.0) / (k - 1.0)
    elif scale == "logaritmisk":
        top = np.log1p(np.max(x[known]))
        out[known] = 0.0 if top <= 0 else np.log1p(x[known]) / top
    else:
        raise ParameterError(f"score_scale {scale!r} is not one of {SCALES}.")
    return out


def indicators(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Each criterion's indicator, 0 to 1 (NaN: unknown), shape ``(municipalities, criteria)``.

    >>> p = {"score_scale": "rangering", "score_size_small": 1000, "score_size_large": 700000}
    >>> m = Municipalities(np.array([10_000.0, 700_000.0]), np.array([250.0, 900.0]),
    ...     np.array([40.0, np.nan]), np.array([1.0, 3.0]), np.array([0.05, 0.1]),
    ...     np.array([0.5, 0.2]), np.array([6.0, 1.0]), np.array([1.0, 1.0]))
    >>> indicators(p, m).round(3).tolist()[0]
    [0.0, 0.5, 0.0, 0.0, 1.0, 0.649, 1.0]
    """
    scale = str(p["score_scale"])
    values = {"incidence": m.infected_per_100k, "admitted": m.infected_admitted,
              "outbreaks": m.institution_outbreaks, "isolated": m.share_staff_isolated,
              "unknown_route": m.share_unknown_route}
    cols = []
    for c in CRITERIA:
        if c.key in values:
            cols.append(scaled(values[c.key], scale))
        elif c.key == "size":
            cols.append(size_indicator(p, m.population))
        else:
            cols.append(centrality_indicator(m.centrality))
    return np.stack(cols, axis=1)


def weights(p: Mapping[str, Any]) -> np.ndarray:
    """The criteria's weights, as given (each score divides by the sum of those it uses)."""
    w = np.array([float(p[c.weight]) for c in CRITERIA])
    if np.any(w < 0) or w.sum() <= 0:
        raise ParameterError("The priority weights must be 0 or more, and not all 0.")
    return w


def points_from(ind: np.ndarray, w: np.ndarray,
                groups: tuple[str, ...] | None = None) -> np.ndarray:
    """Points per criterion (NaN where unknown); a row sums to its score (0–100).

    An unknown criterion's weight goes to the known criteria of its own group (the
    letter's two headings: the epidemiological situation, the municipality's staffing
    capacity), so that missing outbreak data do not hand the outbreak's share of the
    score to size and centrality. Only a group with nothing known gives its weight to the
    other groups. Without ``groups`` every criterion is one group.

    >>> points_from(np.array([[1.0, np.nan, 0.5]]), np.array([50.0, 25.0, 25.0])).round(2)
    array([[66.67,   nan, 16.67]])
    >>> points_from(np.array([[1.0, np.nan, 0.5]]), np.array([25.0, 25.0, 50.0]),
    ...             ("epi", "epi", "capacity")).round(2)
    array([[50., nan, 25.]])
    """
    known = ~np.isnan(ind)
    kw = known * w[None, :]
    if groups is not None:
        g = np.asarray(groups)
        scaled_w = np.zeros_like(kw)
        for name in dict.fromkeys(groups):
            cols = g == name
            known_in = kw[:, cols].sum(axis=1, keepdims=True)
            scaled_w[:, cols] = np.where(known_in > 0,
                                         kw[:, cols] * w[cols].sum()
                                         / np.where(known_in > 0, known_in, 1.0), 0.0)
        kw = scaled_w
    total = kw.sum(axis=1, keepdims=True)
    share = np.where(total > 0, kw / np.where(total > 0, total, 1.0), 0.0)
    return np.where(known, 100.0 * np.nan_to_num(ind) * share, np.nan)


GROUPS = tuple(c.group for c in CRITERIA)


def score_points(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Points per criterion, shape ``(municipalities, criteria)``; rows sum to the score."""
    return points_from(indicators(p, m), weights(p), GROUPS)


def effective_weights(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """The share of the score each criterion carries in this run, averaged over the
    municipalities, shape ``(criteria,)``, summing to 1: an unknown criterion's weight has
    gone to the known ones of its group (:func:`points_from`), so with the outbreak fields
    unknown incidence carries the whole epidemiological half."""
    ind = indicators(p, m)
    known = np.where(np.isnan(ind), np.nan, 1.0)
    if len(known) == 0:
        return weights(p) / weights(p).sum()
    return np.nanmean(np.nan_to_num(points_from(known, weights(p), GROUPS)), axis=0) / 100.0


def scores(points: np.ndarray) -> np.ndarray:
    """Priority score (0–100) per municipality from its points per criterion."""
    return np.nansum(points, axis=1)


def eligible(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Whether each municipality is eligible for national help now: it has used up its own
    temp agreements, or that is unknown, or the question is switched off."""
    if not bool(p["require_temps_exhausted"]):
        return np.ones(len(m), dtype=bool)
    return ~(m.temp_agreements_exhausted == 0)


def priority_order(score: np.ndarray, population: np.ndarray, number: np.ndarray,
                   is_eligible: np.ndarray | None = None) -> np.ndarray:
    """Indices from first to last served: eligible first, then score (highest first), then
    population (smallest first), then municipality number (lowest first).

    >>> priority_order(np.array([50.0, 70.0, 50.0]), np.array([9e3, 5e3, 2e3]),
    ...                np.array(["0301", "1103", "4601"])).tolist()
    [1, 2, 0]
    >>> priority_order(np.array([50.0, 70.0, 50.0]), np.array([9e3, 5e3, 2e3]),
    ...                np.array(["0301", "1103", "4601"]), np.array([True, False, True])).tolist()
    [2, 0, 1]
    """
    if is_eligible is None:
        is_eligible = np.ones(len(score), dtype=bool)
    keys = [np.asarray(number).astype(str), np.asarray(population, float),
            -np.round(np.asarray(score, float), 9), ~np.asarray(is_eligible, bool)]
    return np.lexsort(keys)


def _allocate_group(need: np.ndarray, score: np.ndarray, supply: float, order: np.ndarray,
                    method: str) -> np.ndarray:
    if supply >= need.sum():
        return need.copy()
    given = np.zeros_like(need)
    if method == "forholdsmessig":
        positive = score > 0
        if supply >= need[positive].sum():
            given[positive] = need[positive]
        else:
            given = _proportional(need * positive, score, supply)
    left = supply - given.sum()
    for i in order:  # strict order; in proportional mode only zero scores remain
        if left <= 0:
            break
        take = min(need[i] - given[i], left)
        given[i] += take
        left -= take
    return given


def allocate(need: np.ndarray, score: np.ndarray, supply: float, order: np.ndarray,
             method: str = "forholdsmessig", is_eligible: np.ndarray | None = None
             ) -> np.ndarray:
    """People given to each municipality, for one role.

    Parameters
    ----------
    need : persons each municipality needs (0 or more)
    score : priority scores (0 or more)
    supply : persons available for all of them
    order : the priority order (:func:`priority_order`)
    method : ``"forholdsmessig"`` (proportional) or ``"streng"`` (strict priority)
    is_eligible : municipalities served first; the others share what is left

    >>> allocate(np.array([10.0, 10.0, 10.0]), np.array([60.0, 30.0, 30.0]), 15.0,
    ...          np.array([0, 1, 2])).round(2).tolist()
    [7.5, 3.75, 3.75]
    >>> allocate(np.array([10.0, 10.0, 10.0]), np.array([60.0, 30.0, 30.0]), 15.0,
    ...          np.array([0, 1, 2]), "streng").tolist()
    [10.0, 5.0, 0.0]
    >>> allocate(np.array([10.0, 10.0, 10.0]), np.array([60.0, 30.0, 30.0]), 15.0,
    ...          np.array([1, 2, 0]), "forholdsmessig", np.array([False, True, True])).tolist()
    [0.0, 7.5, 7.5]
    """
    need = np.asarray(need, dtype=float)
    score = np.asarray(score, dtype=float)
    if method not in METHODS:
        raise ParameterError(f"allocation_method {method!r} is not one of {METHODS}.")
    if np.any(need < 0) or np.any(score < 0):
        raise ValueError("need and scores must not be negative")
    supply = max(float(supply), 0.0)
    ok = (np.ones(len(need), dtype=bool) if is_eligible is None
          else np.asarray(is_eligible, dtype=bool))
    given = np.zeros_like(need)
    left = supply
    for group in (ok, ~ok):
        if not group.any():
            continue
        idx = np.flatnonzero(group)
        rank = {int(i): j for j, i in enumerate(order)}
        sub_order = np.argsort([rank[int(i)] for i in idx], kind="stable")
        part = _allocate_group(need[idx], score[idx], left, sub_order, method)
        given[idx] = part
        left = left - part.sum()
        if left <= 1e-9 * (1.0 + supply):  # rounding dust is not a person to hand on
            left = 0.0
    return given


def _proportional(need: np.ndarray, score: np.ndarray, supply: float) -> np.ndarray:
    """Water-filling: share covered ``min(1, λ·score)`` with ``Σ given = supply``."""
    idx = np.argsort(-score, kind="stable")
    d, s = need[idx], score[idx]
    weight = s * d
    tail = np.cumsum(weight[::-1])[::-1]  # Σ_{i≥j} s_i d_i
    head = np.concatenate([[0.0], np.cumsum(d)[:-1]])  # Σ_{i<j} d_i
    lam = 0.0
    for j in range(len(d)):
        if tail[j] <= 0:
            break
        lam = (supply - head[j]) / tail[j]
        if lam * s[j] <= 1.0:
            break
    share = np.minimum(1.0, lam * score)
    return need * share


def coverage(given: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Share of need covered; 1 where nothing is needed."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(need > 0, given / np.where(need > 0, need, 1.0), 1.0)


def allocate_roles(need: np.ndarray, covered: np.ndarray, score: np.ndarray,
                   order: np.ndarray, method: str, is_eligible: np.ndarray | None = None
                   ) -> np.ndarray:
    """Allocate each role's covered persons: need ``(municipalities, 4)``, covered ``(4,)``."""
    return np.stack([allocate(need[:, r], score, covered[r], order, method, is_eligible)
                     for r in range(need.shape[1])], axis=1)


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rank correlation (mean ranks for ties); NaN when either is constant.

    >>> spearman(np.array([1.0, 2.0, 3.0]), np.array([10.0, 30.0, 20.0]))
    0.5
    """
    ra = pd.Series(a).rank().to_numpy()
    rb = pd.Series(b).rank().to_numpy()
    if len(a) < 2 or np.std(ra) == 0 or np.std(rb) == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def _ranks(score: np.ndarray, population: np.ndarray, number: np.ndarray) -> np.ndarray:
    order = priority_order(score, population, number)
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    return rank


def rank_stability(p: Mapping[str, Any], m: Municipalities, number: np.ndarray,
                   names: np.ndarray) -> pd.DataFrame:
    """The ranking under each alternative set of weights against the chosen weights.

    One row per alternative: Spearman's correlation of the scores, the largest move in
    rank and the municipality that moves most.
    """
    ind = indicators(p, m)
    base_w = weights(p)
    base = scores(points_from(ind, base_w, GROUPS))
    base_rank = _ranks(base, m.population, number)
    rows = []
    for name, overrides in ALTERNATIVE_WEIGHTS:
        w = base_w.copy()
        for j, c in enumerate(CRITERIA):
            if c.weight in overrides:
                v = overrides[c.weight]
                w[j] = 2 * base_w[j] if v == "double" else float(v)
        if w.sum() <= 0:
            continue
        alt = scores(points_from(ind, w, GROUPS))
        alt_rank = _ranks(alt, m.population, number)
        move = np.abs(alt_rank - base_rank)
        i = int(np.argmax(move))
        rows.append({"alternative": name, "spearman": spearman(base, alt),
                     "largest_move": int(move[i]),
                     "moves_most": str(names[i]) if move[i] > 0 else ""})
    return pd.DataFrame(rows, columns=["alternative", "spearman", "largest_move",
                                       "moves_most"])


def score_frame(points: np.ndarray, frame: pd.DataFrame, order: np.ndarray,
                is_eligible: np.ndarray) -> pd.DataFrame:
    """One row per municipality: number, name, points per criterion, score, eligibility,
    rank (1 = served first)."""
    out = frame[["municipality_number", "municipality_name"]].copy().reset_index(drop=True)
    for j, c in enumerate(CRITERIA):
        out[c.key] = points[:, j]
    out["score"] = scores(points)
    out["eligible"] = is_eligible
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    out["rank"] = rank
    return out


def missing_criteria(m: Municipalities, frame: pd.DataFrame) -> pd.DataFrame:
    """Municipalities with an unknown value (empty cell), and which criteria it leaves out
    of their score."""
    values = {"incidence": m.infected_per_100k, "admitted": m.infected_admitted,
              "outbreaks": m.institution_outbreaks, "isolated": m.share_staff_isolated,
              "unknown_route": m.share_unknown_route}
    rows = []
    for i in range(len(m)):
        missing = [c.label.lower() for c in CRITERIA
                   if c.key in values and np.isnan(values[c.key][i])]
        temps = bool(np.isnan(m.temp_agreements_exhausted[i]))
        if missing or temps:
            rows.append({"municipality_number": frame["municipality_number"].iloc[i],
                         "municipality_name": frame["municipality_name"].iloc[i],
                         "missing": ", ".join(missing) if missing else "",
                         "temps_unknown": temps})
    return pd.DataFrame(rows, columns=["municipality_number", "municipality_name", "missing",
                                       "temps_unknown"])
