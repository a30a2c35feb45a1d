"""Personnel the municipalities in crisis need from outside, by component and profession.

For each municipality (population ``N``, 14-day cases per 100 000 ``I``, share of staff in
isolation or quarantine ``q``) and an outbreak severity ``s`` (a multiplier, the
``severity_percent`` parameter / 100, applied to ``I``, the admitted, the outbreaks and
``q``; ``q`` at most 1):

- testing: the share of the population tested per week rises linearly with incidence
  from the letter's 1.5 % (no cases) to 5 % (at ``incidence_for_max_testing``), then stays
  at 5 % (``test_percent_min``, ``test_percent_max``); testers = tests per week / tests
  per tester per week. Of these a share must be authorised health personnel (counted as
  *other authorised*), the rest work as helpers (*not authorised*) under
  helsepersonelloven § 5.
- contact tracing: cases per week = ``I × N / 100 000 / 2``; teams = cases per week /
  cases a team handles per week; each team is one leader with health education (counted
  as a *nurse*), one coordinator and three tracers (*not authorised*), as the letter of
  19.08.2020 sketches.
- replacement: municipal health and care staff = ``N × staff per 1 000 / 1 000``; those
  in isolation or quarantine (``× s·q``) are replaced one for one, with the staff's
  profession mix.

The municipality covers part of this itself (local redeployment, neighbours: the
letter's first step). How much depends on its size and centrality, as the letter says
("hvor vanskelig det er å mobilisere ressurser lokalt"): a large central municipality
covers ``local_cover_share_large_central``, a small remote one (population at most
``score_size_small``, centrality class 6) ``local_cover_share_small_remote``, others in
between by the mean of the size and centrality indicators. Unless its own temp
agreements are exhausted, it covers part of the rest through them; what is left is the
need from outside, which the escalation must meet.

An empty cell (unknown) in the demand file: share of staff isolated → an estimate from
public statistics, scaled with the municipality's incidence (:func:`estimated_isolation`);
temp agreements exhausted → taken as exhausted (the
municipality's need is not reduced by temps it may not have). A known value is always used.

All functions work on one set of parameters (scalars) or on ``n`` Monte Carlo draws
(arrays of length ``n``): results have shape ``(n, municipalities, roles)`` with ``n = 1``
for scalars.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription.professions import (
    COMPONENTS,
    NURSE,
    OTHER,
    ROLES,
    UNAUTHORISED,
)
from analysis.errors import ParameterError


@dataclass(frozen=True)
class Municipalities:
    """The numeric columns of a demand file, as arrays (one entry per municipality)."""

    population: np.ndarray
    infected_per_100k: np.ndarray
    infected_admitted: np.ndarray
    institution_outbreaks: np.ndarray
    share_staff_isolated: np.ndarray
    share_unknown_route: np.ndarray
    centrality: np.ndarray
    temp_agreements_exhausted: np.ndarray

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Municipalities:
        """The columns as floats; an empty cell (unknown) becomes NaN."""
        return cls(**{name: float_column(frame[name]) for name in cls.__dataclass_fields__})

    def __len__(self) -> int:
        return len(self.population)


def float_column(column: pd.Series) -> np.ndarray:
    """A demand-file column as floats, NaN where the cell is empty (ja/nei as 1/0).

    >>> float_column(pd.Series([True, None, False])).tolist()
    [1.0, nan, 0.0]
    """
    values = [np.nan if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
              else float(v) for v in column.tolist()]
    return np.asarray(values, dtype=float)


def apply_severity(m: Municipalities, severity: float) -> Municipalities:
    """The outbreak ``severity`` times as strong: cases, admitted, outbreaks and the share
    of staff in isolation scale (the share capped at 1); population, centrality, the
    unknown-route share and the temp agreements do not."""
    if severity < 0:
        raise ParameterError(f"Outbreak severity must be 0 or more; got {severity}.")
    return Municipalities(
        population=m.population,
        infected_per_100k=m.infected_per_100k * severity,
        infected_admitted=m.infected_admitted * severity,
        institution_outbreaks=m.institution_outbreaks * severity,
        share_staff_isolated=np.minimum(m.share_staff_isolated * severity, 1.0),
        share_unknown_route=m.share_unknown_route,
        centrality=m.centrality,
        temp_agreements_exhausted=m.temp_agreements_exhausted,
    )


def _col(x: Any) -> np.ndarray:
    """A parameter as a column ``(n, 1)``: one row per draw (``n = 1`` for a scalar)."""
    return np.asarray(x, dtype=float).reshape(-1, 1)


def staff_mix(p: Mapping[str, Any]) -> np.ndarray:
    """Profession mix of municipal health and care staff, shape ``(n, 4)``; sums to 1.

    *Other authorised* is the remainder after doctors, nurses and staff without
    authorisation.

    >>> staff_mix({"staff_share_doctor": 0.03, "staff_share_nurse": 0.3,
    ...            "staff_share_unauthorised": 0.25}).round(2).tolist()
    [[0.03, 0.3, 0.42, 0.25]]
    """
    doctor = _col(p["staff_share_doctor"])[:, 0]
    nurse = _col(p["staff_share_nurse"])[:, 0]
    unauth = _col(p["staff_share_unauthorised"])[:, 0]
    other = 1.0 - doctor - nurse - unauth
    if np.any(other < -1e-12):
        raise ParameterError(
            "The staff shares of doctors, nurses and staff without authorisation add up to "
            "more than 1; lower one of staff_share_doctor, staff_share_nurse or "
            "staff_share_unauthorised."
        )
    return np.stack([doctor, nurse, np.maximum(other, 0.0), unauth], axis=-1)


def weekly_test_share(p: Mapping[str, Any], incidence: np.ndarray) -> np.ndarray:
    """Share of the population tested per week, shape ``(n, municipalities)``.

    >>> p = {"test_percent_min": 1.5, "test_percent_max": 5,
    ...      "incidence_for_max_testing": 200}
    >>> weekly_test_share(p, np.array([0.0, 100.0, 400.0])).round(4).tolist()
    [[0.015, 0.0325, 0.05]]
    """
    low, high = _col(p["test_percent_min"]) / 100, _col(p["test_percent_max"]) / 100
    full = _col(p["incidence_for_max_testing"])
    if np.any(high < low):
        raise ParameterError("test_percent_max must not be below test_percent_min.")
    return low + (high - low) * np.minimum(incidence[None, :] / full, 1.0)


def size_indicator(p: Mapping[str, Any], population: np.ndarray) -> np.ndarray:
    """Smallness on a log scale: ``score_size_small`` or fewer → 1, ``score_size_large``
    or more → 0.

    >>> size_indicator({"score_size_small": 1000, "score_size_large": 100000},
    ...                np.array([500.0, 10000.0, 1e6])).round(2).tolist()
    [1.0, 0.5, 0.0]
    """
    small, large = float(p["score_size_small"]), float(p["score_size_large"])
    if not 0 < small < large:
        raise ParameterError("score_size_small must be above 0 and below score_size_large.")
    x = np.log(large / np.asarray(population, float)) / np.log(large / small)
    return np.clip(x, 0.0, 1.0)


def centrality_indicator(centrality: np.ndarray) -> np.ndarray:
    """Remoteness: centrality class 1 → 0, class 6 → 1."""
    return (np.asarray(centrality, float) - 1.0) / 5.0


def local_cover(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Share of gross need the municipality covers itself, shape ``(n, municipalities)``.

    >>> p = {"local_cover_share_large_central": 0.6, "local_cover_share_small_remote": 0.2,
    ...      "score_size_small": 1000, "score_size_large": 100000}
    >>> m = Municipalities(np.array([1e6, 10000.0, 500.0]), *(np.zeros(3) for _ in range(5)),
    ...                    centrality=np.array([1.0, 3.5, 6.0]),
    ...                    temp_agreements_exhausted=np.zeros(3))
    >>> local_cover(p, m).round(2).tolist()
    [[0.6, 0.4, 0.2]]
    """
    remote = 0.5 * (size_indicator(p, m.population) + centrality_indicator(m.centrality))
    large = _col(p["local_cover_share_large_central"])
    small = _col(p["local_cover_share_small_remote"])
    return large + (small - large) * remote[None, :]


def estimated_isolation(p: Mapping[str, Any], incidence: np.ndarray) -> np.ndarray:
    """Share of health and care staff away, estimated from public statistics where the
    demand file leaves it empty, shape ``(n, municipalities)``: the excess sickness
    absence in health and social services in Q4 2020 (``isolation_excess_absence_share``,
    NAV) scaled by the municipality's incidence over the national incidence of that
    quarter (``isolation_reference_incidence``, MSIS), at most 1. It scales with the
    outbreak, so a sweep over severity scales it too, and it is 0 with no cases.

    >>> p = {"isolation_excess_absence_share": 0.002, "isolation_reference_incidence": 100}
    >>> estimated_isolation(p, np.array([0.0, 300.0, 1e6])).round(4).tolist()
    [[0.0, 0.006, 1.0]]
    """
    excess = _col(p["isolation_excess_absence_share"])
    reference = _col(p["isolation_reference_incidence"])
    return np.minimum(excess * np.asarray(incidence, float)[None, :] / reference, 1.0)


def drivers(p: Mapping[str, Any], m: Municipalities) -> dict[str, np.ndarray]:
    """Testers, tracing teams and staff isolated, each shape ``(n, municipalities)``."""
    pop = m.population[None, :]
    testers = weekly_test_share(p, m.infected_per_100k) * pop / _col(p["tests_per_tester_week"])
    cases_week = m.infected_per_100k[None, :] * pop / 100_000 / 2
    teams = cases_week / _col(p["cases_per_team_week"])
    share = np.where(np.isnan(m.share_staff_isolated),
                     estimated_isolation(p, m.infected_per_100k), m.share_staff_isolated[None, :])
    isolated = pop * _col(p["staff_per_1000"]) / 1000 * share
    return {"testing": testers, "tracing": teams, "replacement": isolated}


def _by_role(p: Mapping[str, Any], d: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Drivers (any shape ``(n, …)``) spread over the four roles: shape ``(n, …, 4)``."""
    authorised = _col(p["testing_authorised_share"])
    testers, teams, isolated = d["testing"], d["tracing"], d["replacement"]
    extra = (1,) * (testers.ndim - 1)
    auth = authorised.reshape((-1,) + extra)
    testing = np.zeros(np.broadcast(testers, auth).shape + (len(ROLES),))
    testing[..., OTHER] = testers * auth
    testing[..., UNAUTHORISED] = testers * (1.0 - auth)
    leaders = _col(p["team_leaders_per_team"]).reshape((-1,) + extra)
    helpers = (_col(p["team_coordinators_per_team"])
               + _col(p["team_tracers_per_team"])).reshape((-1,) + extra)
    tracing = np.zeros(np.broadcast(teams, leaders, helpers).shape + (len(ROLES),))
    tracing[..., NURSE] = teams * leaders
    tracing[..., UNAUTHORISED] = teams * helpers
    mix = staff_mix(p).reshape((-1,) + extra + (len(ROLES),))
    replacement = isolated[..., None] * mix
    return {"testing": testing, "tracing": tracing, "replacement": replacement}


def components(p: Mapping[str, Any], m: Municipalities) -> dict[str, np.ndarray]:
    """Gross need by component, each of shape ``(n, municipalities, 4 roles)`` (persons)."""
    out = _by_role(p, drivers(p, m))
    n = max(a.shape[0] for a in out.values())
    return {k: np.broadcast_to(v, (n, len(m), len(ROLES))) for k, v in out.items()}


def outside_factor(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Share of gross need left for outside help, shape ``(n, municipalities)``.

    ``(1 − local cover) × (1 − own-temp cover)``, the second factor only where the
    municipality's own temp agreements are known not to be exhausted. A municipality with
    no cases has no local outbreak and asks for no help from outside (the letter's help is
    for «kommuner i akutt bemanningskrise ved lokale utbrudd», 20/42562-29, section 3):
    its baseline testing is its own; so with no outbreak at all nothing beyond local
    measures is needed.
    """
    own_temp = _col(p["own_temp_cover_share"])
    not_exhausted = (m.temp_agreements_exhausted == 0).astype(float)[None, :]
    outbreak = (np.nan_to_num(m.infected_per_100k) > 0).astype(float)[None, :]
    return (1.0 - local_cover(p, m)) * (1.0 - own_temp * not_exhausted) * outbreak


def need(p: Mapping[str, Any], m: Municipalities) -> dict[str, np.ndarray]:
    """Gross and outside need: ``{"gross": …, "outside": …, "<component>": outside part}``.

    Every array has shape ``(n, municipalities, 4 roles)``; ``outside`` is the sum of the
    components' outside parts.
    """
    parts = components(p, m)
    factor = outside_factor(p, m)[..., None]
    out: dict[str, np.ndarray] = {k: parts[k] * factor for k in COMPONENTS}
    out["gross"] = sum(parts[k] for k in COMPONENTS)
    out["outside"] = sum(out[k] for k in COMPONENTS)
    return out


def national_need(p: Mapping[str, Any], m: Municipalities) -> np.ndarray:
    """Outside need summed over the municipalities, shape ``(n, 4 roles)``.

    The same as ``need(p, m)["outside"].sum(axis=1)``, without building the per-
    municipality arrays (fast for hundreds of municipalities and thousands of draws).
    """
    factor = outside_factor(p, m)
    summed = {k: (v * factor).sum(axis=1) for k, v in drivers(p, m).items()}
    parts = _by_role(p, summed)
    n = max(v.shape[0] for v in parts.values())
    return sum(np.broadcast_to(v, (n, len(ROLES))) for v in parts.values())
