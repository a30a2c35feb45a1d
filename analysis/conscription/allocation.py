"""Sharing scarce personnel between municipalities: a priority score and an allocation.

The score follows the letter's criteria (``002_9a1be4480c834f32.txt``, section 3): the
epidemiological situation (infected per population, infected admitted to municipal
institutions, outbreaks in institutions, share of health personnel in isolation or
quarantine, share of infections with unknown route) and the municipality's own staffing
capacity (small and less central municipalities find help harder; has it exhausted its
own temp agreements?). Each criterion becomes an indicator from 0 to 1 (value / the
level that gives full points, at most 1; population on a log scale between a small and a
large municipality; centrality class 1 → 0, class 6 → 1; temp agreements exhausted → 1).
The score is the weighted mean of the indicators, in points from 0 to 100; each
criterion's points are its weight share times its indicator times 100, so the points add
up to the score.

The allocation is deterministic and explainable, done separately for each role:

- ``proportional`` (default): every municipality gets the same multiple of its score as
  its share of need covered, ``min(1, λ × score)``, with ``λ`` set so the people
  available are used up (or everyone is covered). Equal scores get equal shares.
- ``strict``: municipalities are served in priority order; each gets all it needs before
  the next gets anything.

Both guarantee that no municipality gets more than it needs and that a higher score never
gets a lower share of its need covered (within each role: professions are not
interchangeable, so a municipality short of the scarcest profession can end up with a
lower total share). Ties in the order (equal scores) are broken by population, smallest
first (it finds help hardest), then by municipality number, lowest first. Municipalities
with a score of 0 get people only when everyone with a positive score is covered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription.demand import Municipalities
from analysis.errors import ParameterError

METHODS = ("proportional", "strict")
METHOD_LABELS = {
    "proportional": "forholdsmessig etter poeng (dekningsgrad proporsjonal med poengsummen)",
    "strict": "streng prioritering (høyeste poengsum dekkes fullt først)",
}


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # Norwegian
    short: str  # Norwegian, for narrow table headers
    group: str  # "epidemiology" | "capacity"
    weight: str  # parameter holding the weight
    full: str | None  # parameter holding the level that gives full points
    rule: str  # Norwegian: how the indicator is computed


CRITERIA: tuple[Criterion, ...] = (
    Criterion("incidence", "Smittede per 100 000 innbyggere", "Smitte", "epidemiology",
              "weight_incidence", "score_full_incidence",
              "smittede per 100 000 siste 14 dager / nivå for fullt utslag"),
    Criterion("admitted", "Smittede innlagt i kommunale institusjoner", "Innlagte",
              "epidemiology", "weight_admitted", "score_full_admitted",
              "antall / nivå for fullt utslag"),
    Criterion("outbreaks", "Utbrudd i kommunale institusjoner", "Utbrudd", "epidemiology",
              "weight_outbreaks", "score_full_outbreaks", "antall / nivå for fullt utslag"),
    Criterion("isolated", "Andel helsepersonell i isolasjon/karantene", "Isolasjon",
              "epidemiology", "weight_isolated", "score_full_isolated",
              "andel / nivå for fullt utslag"),
    Criterion("unknown_route", "Andel smittede med ukjent smittevei", "Ukjent smittevei",
              "epidemiology", "weight_unknown_route", "score_full_unknown_route",
              "andel / nivå for fullt utslag"),
    Criterion("size", "Liten kommune (innbyggertall)", "Størrelse", "capacity", "weight_size",
              None, "logaritmisk skala: liten kommune gir 1, stor kommune gir 0"),
    Criterion("centrality", "Lite sentral kommune (sentralitetsklasse)", "Sentralitet",
              "capacity", "weight_centrality", None, "klasse 1 gir 0, klasse 6 gir 1"),
    Criterion("temps_exhausted", "Egne vikaravtaler brukt opp", "Vikaravtaler", "capacity",
              "weight_temps_exhausted", None, "ja gir 1, nei gir 0"),
)
GROUP_LABELS = {"epidemiology": "Smittesituasjon", "capacity": "Kommunens bemanningsevne"}


def indicators(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Each criterion's indicator, from 0 to 1, shape ``(municipalities, criteria)``.

    >>> p = {"score_full_incidence": 500, "score_full_admitted": 20,
    ...      "score_full_outbreaks": 3, "score_full_isolated": 0.2,
    ...      "score_full_unknown_route": 0.5, "score_size_small": 1000,
    ...      "score_size_large": 700000}
    >>> m = Municipalities(np.array([10_000.0]), np.array([250.0]), np.array([40.0]),
    ...     np.array([1.0]), np.array([0.05]), np.array([0.5]), np.array([6.0]),
    ...     np.array([1.0]))
    >>> indicators(p, m).round(3).tolist()
    [[0.5, 1.0, 0.333, 0.25, 1.0, 0.649, 1.0, 1.0]]
    """
    small, large = float(p["score_size_small"]), float(p["score_size_large"])
    if not 0 < small < large:
        raise ParameterError("score_size_small must be above 0 and below score_size_large.")
    values = {
        "incidence": m.infected_per_100k,
        "admitted": m.infected_admitted,
        "outbreaks": m.institution_outbreaks,
        "isolated": m.share_staff_isolated,
        "unknown_route": m.share_unknown_route,
    }
    cols = []
    for c in CRITERIA:
        if c.full is not None:
            cols.append(np.minimum(values[c.key] / float(p[c.full]), 1.0))
        elif c.key == "size":
            x = np.log(large / m.population) / np.log(large / small)
            cols.append(np.clip(x, 0.0, 1.0))
        elif c.key == "centrality":
            cols.append((m.centrality - 1.0) / 5.0)
        else:
            cols.append(m.temp_agreements_exhausted.astype(float))
    return np.stack(cols, axis=1)


def weights(p: Mapping[str, Any]) -> np.ndarray:
    """The criteria's weights, as given (the score divides by their sum)."""
    w = np.array([float(p[c.weight]) for c in CRITERIA])
    if np.any(w < 0) or w.sum() <= 0:
        raise ParameterError("The priority weights must be 0 or more, and not all 0.")
    return w


def score_points(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Points per criterion, shape ``(municipalities, criteria)``; rows sum to the score."""
    w = weights(p)
    return 100.0 * indicators(p, m) * (w / w.sum())[None, :]


def scores(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Priority score from 0 to 100 per municipality."""
    return score_points(p, m).sum(axis=1)


def priority_order(score: np.ndarray, population: np.ndarray, number: np.ndarray
                   ) -> np.ndarray:
    """Indices from first to last served: score (highest first), then population
    (smallest first), then municipality number (lowest first).

    >>> priority_order(np.array([50.0, 70.0, 50.0]), np.array([9e3, 5e3, 2e3]),
    ...                np.array(["0301", "1103", "4601"])).tolist()
    [1, 2, 0]
    """
    keys = [np.asarray(number).astype(str), np.asarray(population, float),
            -np.round(np.asarray(score, float), 9)]
    return np.lexsort(keys)


def allocate(need: np.ndarray, score: np.ndarray, supply: float, order: np.ndarray,
             method: str = "proportional") -> np.ndarray:
    """People given to each municipality, for one role.

    Parameters
    ----------
    need : persons each municipality needs (0 or more)
    score : priority scores (0 or more)
    supply : persons available for all of them
    order : the priority order (:func:`priority_order`)
    method : ``"proportional"`` or ``"strict"``

    >>> allocate(np.array([10.0, 10.0, 10.0]), np.array([60.0, 30.0, 30.0]), 15.0,
    ...          np.array([0, 1, 2])).round(2).tolist()
    [7.5, 3.75, 3.75]
    >>> allocate(np.array([10.0, 10.0, 10.0]), np.array([60.0, 30.0, 30.0]), 15.0,
    ...          np.array([0, 1, 2]), "strict").tolist()
    [10.0, 5.0, 0.0]
    """
    need = np.asarray(need, dtype=float)
    score = np.asarray(score, dtype=float)
    if method not in METHODS:
        raise ParameterError(f"allocation_method {method!r} is not one of {METHODS}.")
    if np.any(need < 0) or np.any(score < 0):
        raise ValueError("need and scores must not be negative")
    supply = max(float(supply), 0.0)
    if supply >= need.sum():
        return need.copy()
    given = np.zeros_like(need)
    if method == "proportional":
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
                   order: np.ndarray, method: str) -> np.ndarray:
    """Allocate each role's covered persons: need ``(municipalities, 4)``, covered ``(4,)``."""
    return np.stack([allocate(need[:, r], score, covered[r], order, method)
                     for r in range(need.shape[1])], axis=1)


def score_frame(p: Mapping[str, Any], m: Municipalities, frame: pd.DataFrame
                ) -> pd.DataFrame:
    """One row per municipality: number, name, points per criterion, score, rank."""
    points = score_points(p, m)
    out = frame[["municipality_number", "municipality_name"]].copy()
    for j, c in enumerate(CRITERIA):
        out[c.key] = points[:, j]
    out["score"] = points.sum(axis=1)
    order = priority_order(out["score"].to_numpy(), m.population,
                           frame["municipality_number"].to_numpy())
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    out["rank"] = rank
    return out
