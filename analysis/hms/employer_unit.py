"""The employer as the unit for employer duties: the § 3-5 indicators over legal entities.

Arbeidsmiljøloven § 3-5 puts the duty to complete HMS training on the employer
(«arbeidsgiver»), that is the legal entity (organisasjonsnummer) and its top leader, not
each establishment (virksomhet) the survey reached. The sample is of establishments, so a
legal entity with several establishments could be reached through each of them. Its top
leader is counted once by the generalised weight share method (Lavallée 2007, *Indirect
Sampling*, ch. 3): a leader answering for establishment ``e`` of legal entity ``L`` gets
the weight ``w_e * theta_e`` with

    theta_e = employees_e / legal_entity_employees_L,

the establishment's share of the entity's employees. The shares of an entity's
establishments add up to 1, so the sum of ``w_e * theta_e`` over the sample estimates the
number of legal entities without bias, and each entity counts once in expectation whichever
of its establishments was drawn. A statistician can check a row by hand: weight times
employees over the entity's employees. An establishment that is a legal entity of its own
has ``theta = 1``.

Without the columns ``employees`` and ``legal_entity_employees`` (or where a row lacks
them) ``theta`` is 1 and the unit stays the establishment; :func:`leaders_unit` says which
unit the estimates are over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.hms.columns import (
    CLUSTER,
    EMPLOYEES,
    LEGAL_ENTITY_EMPLOYEES,
    LEGAL_ENTITY_STRATUM,
    ROLE,
    STRATUM,
    STRATUM_POPULATION,
)
from analysis.hms.indicators import (
    LEADER_ROLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_LEADER_ELEARNING,
    SHARE_LEADER_SELF_STUDY,
    mean_by,
)
from analysis.survey import Design

EMPLOYER_INDICATORS = (SHARE_LEADER_DOCUMENTED, SHARE_LEADER_SELF_STUDY,
                       SHARE_LEADER_ELEARNING)
"""The indicators of a duty of the employer (§ 3-5): estimated over legal entities."""

LEGAL_ENTITY_UNIT = "legal_entity"
ESTABLISHMENT_UNIT = "establishment"
ENTITY_WEIGHT = "legal_entity_weight"
ENTITY_PREFIX = "legal_entities_in="  # the calibration columns, one per stratum
MIN_LEADERS = 2
"""Answering top leaders a stratum of the register's legal entities needs to be calibrated
on its own. With one, the calibration fixes that leader's weight at the stratum's total
and leaves no residual, so the variance of the stratum's part is zero, as if known
exactly; a stratum with fewer is merged (:func:`entity_merges`)."""


def entity_shares(frame: pd.DataFrame) -> np.ndarray:
    """``theta`` per row: the establishment's share of its legal entity's employees for
    top leaders (1 where the counts are missing, not positive, or the entity is reported
    smaller than the establishment), 1 for every other role."""
    theta = np.ones(len(frame))
    if EMPLOYEES not in frame.columns or LEGAL_ENTITY_EMPLOYEES not in frame.columns:
        return theta
    own = pd.to_numeric(frame[EMPLOYEES], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    entity = pd.to_numeric(frame[LEGAL_ENTITY_EMPLOYEES], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    leader = frame[ROLE].to_numpy(dtype=object) == LEADER_ROLE
    usable = leader & (own > 0) & (entity >= own)
    theta[usable] = own[usable] / entity[usable]
    return theta


def leaders_unit(frame: pd.DataFrame) -> str:
    """``legal_entity`` when the file gives every top leader's entity size, else
    ``establishment``."""
    if EMPLOYEES not in frame.columns or LEGAL_ENTITY_EMPLOYEES not in frame.columns:
        return ESTABLISHMENT_UNIT
    leaders = frame[frame[ROLE] == LEADER_ROLE]
    known = (pd.to_numeric(leaders[EMPLOYEES], errors="coerce").notna()
             & pd.to_numeric(leaders[LEGAL_ENTITY_EMPLOYEES], errors="coerce").notna())
    return LEGAL_ENTITY_UNIT if bool(known.all()) and len(leaders) else ESTABLISHMENT_UNIT


def entity_design(design: Design, totals: Mapping[str, float] | None = None) -> Design:
    """``design`` with the top leaders' weights multiplied by :func:`entity_shares`: the
    same strata, clusters and fpc, the weights taken as fixed as before.

    With ``totals`` (the register's legal entities per stratum,
    :func:`analysis.hms.weighting.entity_totals`) and the column ``legal_entity_stratum``,
    the top leaders' weights are then calibrated (raking) so that they add up to the
    register's legal entities of each stratum (strata with too few answering leaders
    merged, :func:`entity_merges`), each legal entity in the stratum the
    register gives it; other roles keep their weights, and the variance accounts for the
    calibration (R: ``calibrate(..., calfun = "raking")``).

    Raises:
        ParameterError: a top leader's ``legal_entity_stratum`` is not a stratum of the
            file, so no total of the register can be met for it.
    """
    data = design.data.copy()
    data[ENTITY_WEIGHT] = design.weights.to_numpy(dtype=float) * entity_shares(data)
    fpc = (STRATUM_POPULATION if STRATUM_POPULATION in data.columns
           and data[STRATUM_POPULATION].notna().all() else None)  # as weighting.weigh
    out = Design(data, weights=ENTITY_WEIGHT, strata=STRATUM, cluster=CLUSTER, fpc=fpc,
                 lonely_psu="adjust")
    into = calibration_merges(data, totals)
    if into is None:
        return out
    leader = data[ROLE].to_numpy(dtype=object) == LEADER_ROLE
    own = data[LEGAL_ENTITY_STRATUM].astype(str).map(lambda k: into.get(k, k)).to_numpy(
        dtype=object)
    merged: dict[str, float] = {}
    for k, v in totals.items():
        merged[into.get(k, k)] = merged.get(into.get(k, k), 0.0) + float(v)
    unknown = sorted(set(own[leader]) - set(merged))
    if unknown:
        raise ParameterError(
            f"Column 'legal_entity_stratum' of the enterprise file has {unknown[0]!r}, which "
            "is not a stratum of the file; give each legal entity one of the file's strata.")
    columns = {f"{ENTITY_PREFIX}{k}": (leader & (own == k)).astype(float)
               for k in sorted(merged)}
    return out.with_columns(columns).calibrate(
        {f"{ENTITY_PREFIX}{k}": v for k, v in merged.items()}, calfun="raking",
        tol=1e-10, max_iter=100)


def calibration_merges(data: pd.DataFrame, totals: Mapping[str, float] | None
                       ) -> dict[str, str] | None:
    """:func:`entity_merges` when the top leaders' weights are calibrated to the register's
    legal entities (``totals`` given, the column ``legal_entity_stratum`` present and the
    unit the legal entity), else None: nothing is calibrated, so nothing merged."""
    if totals is None or LEGAL_ENTITY_STRATUM not in data.columns \
            or leaders_unit(data) != LEGAL_ENTITY_UNIT:
        return None
    return entity_merges(data, totals)


def entity_merges(data: pd.DataFrame, totals: Mapping[str, float]) -> dict[str, str] | None:
    """The strata of the register's legal entities where fewer than :data:`MIN_LEADERS`
    top leaders who answered have their legal entity, each merged into one where enough
    do: the one with the same size group (the part after ``|`` of the stratum code) and
    the most legal entities, else the one with the most legal entities. None when no
    stratum has enough (the leaders' weights are then not calibrated to the register).

    Returns:
        ``{stratum merged: stratum it was merged into}`` (empty when nothing was merged).
    """
    leader = data[ROLE].to_numpy(dtype=object) == LEADER_ROLE
    counts = data.loc[leader, LEGAL_ENTITY_STRATUM].astype(str).value_counts()
    present = set(counts.index[counts >= MIN_LEADERS])
    donors = [k for k in totals if k in present]
    if not donors:
        return None

    def size(k: str) -> str:
        return k.rsplit("|", 1)[-1]

    into = {}
    for k in sorted(set(totals) - present):
        alike = [d for d in donors if size(d) == size(k)]
        into[k] = max(alike or donors, key=lambda d: (totals[d], d))
    return into


def legal_entities(design: Design, totals: Mapping[str, float] | None = None) -> float:
    """The top leaders' weights in :func:`entity_design`: the number of legal entities
    (the register's, when calibrated to ``totals``; of establishments, when the unit is
    the establishment)."""
    entities = entity_design(design, totals)
    leader = entities.data[ROLE].to_numpy(dtype=object) == LEADER_ROLE
    return float(entities.weights.to_numpy(dtype=float)[leader].sum())


def employer_indicators(design: Design, by: Sequence[str],
                        totals: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The § 3-5 indicators over legal entities, overall and by ``by`` (the long format of
    :func:`analysis.hms.indicators.mean_by`)."""
    entities = entity_design(design, totals)
    return pd.concat([mean_by(entities, code, by) for code in EMPLOYER_INDICATORS],
                     ignore_index=True)
