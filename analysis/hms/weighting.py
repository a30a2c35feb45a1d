"""Weights of the HMS-training survey, from the enterprise frame, and the design.

The sample is stratified (industry group x size group) and clustered: an enterprise is the
primary sampling unit and the survey goes to all its role-holders through the enterprise.
There is no register of role-holders, so the weights start from the enterprise frame
(:mod:`analysis.hms.enterprise_frame`) in three steps (docs/hms.md, "Weighting"):

1. **Enterprise non-response**: the base weights of the enterprises that took part are
   adjusted within strata to the base-weight total of all sampled enterprises, or
   (``calibrate=True``) raked to those totals by stratum, size class and sector.
2. **Role-holders within the enterprise**: a respondent in role ``r`` of enterprise ``e``
   stands for the ``M_er`` holders of the role the enterprise reported, shared among the
   ``m_er`` who answered: ``a_e * M_er / m_er``.
3. **Roles nobody answered for**: holders in taking-part enterprises where none of the
   role answered are carried by the same role's respondents in the stratum (then the size
   group, then everywhere), so each role's weights add up to its estimated total.

Variances, domains and estimates are left to :class:`analysis.survey.Design`, with the
final weights taken as fixed. The overall row of a table is coded :data:`ALL` (``"all"``),
as in every HMS table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import AnalysisError, DataFileError, ParameterError
from analysis.hms import enterprise_frame
from analysis.hms.columns import (
    BASE_WEIGHT,
    CLUSTER,
    LEGAL_ENTITY_STRATUM,
    REPORTED,
    RESPONSE_CODES,
    RESPONSE_STATUS,
    ROLE,
    ROLES,
    SECTOR,
    SECTOR_POPULATION,
    SIZE_CLASS,
    SIZE_CLASS_POPULATION,
    STRATUM,
    STRATUM_LEGAL_ENTITIES,
    STRATUM_POPULATION,
)
from analysis.survey import Design

ALL = "all"
"""Code of the overall row (whole population, all strata) in every HMS table."""

WEIGHT = "weight"
"""Column of the final weight in the design's data."""

RESPONDENT = RESPONSE_CODES[0]  # "respondent"

CALIBRATION_VARIABLES = (STRATUM, SIZE_CLASS, SECTOR)
"""What the register tells of every sampled enterprise, raked to with ``calibrate=True``."""

REGISTER_TOTALS = {STRATUM: STRATUM_POPULATION, SIZE_CLASS: SIZE_CLASS_POPULATION,
                   SECTOR: SECTOR_POPULATION}
"""The enterprise file's register totals of each calibration variable's categories."""

LEADER_ROLE = ROLES[0]  # "leader": one top leader per establishment
WEIGHT_BEFORE_CALIBRATION = "weight_before_calibration"

WEIGHT_SUMMARY_COLUMNS = ("group", "category", "n", "weight_sum", "min", "p10", "median",
                          "p90", "max", "max_min_ratio", "kish_deff")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise a DataFileError naming the first of ``columns`` missing from ``frame``."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"The {what} must be a pandas DataFrame, not {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(
            f"The {what} lacks the column(s) {', '.join(repr(c) for c in missing)}; load it "
            "with analysis.hms.contract so that it has every column of analysis.hms.columns."
        )


@dataclass(frozen=True)
class Weighting:
    """The weighted design and what the weighting had to do for these data."""

    design: Design  # the respondents with the final weight (column WEIGHT)
    enterprises: pd.DataFrame  # the enterprise frame used (strata merged), by cluster
    respondents: pd.DataFrame  # every respondent row, strata merged, with WEIGHT
    holders: pd.DataFrame  # M_er used in step 2: taking-part enterprises x roles
    calibrated: bool  # the enterprise weights were raked (step 1)
    rake_failed: bool = False  # raking was asked for but did not converge
    collapsed: tuple[tuple[str, str], ...] = ()  # strata without a taking-part enterprise
    not_reported: int = 0  # (enterprise, role) with respondents but no reported count
    under_reported: int = 0  # (enterprise, role) with more respondents than reported
    carried: tuple[tuple[str, str, str], ...] = ()  # (stratum, role, by): step 3 moves
    unrepresented: tuple[str, ...] = field(default=())  # roles with holders, no respondent
    register: bool = False  # calibrated to the register's totals (step 4), not the sample's
    entity_totals: dict[str, float] | None = None  # legal entities per stratum (register)


def register_totals(enterprises: pd.DataFrame) -> dict[str, dict[str, float]] | None:
    """``{variable: {category: register total}}`` from the enterprise file's register
    columns (:data:`REGISTER_TOTALS`), or None when the file lacks any of them."""
    if not all(col in enterprises.columns and enterprises[col].notna().all()
               for col in REGISTER_TOTALS.values()):
        return None
    return {var: {str(k): float(v) for k, v in enterprises.groupby(
                enterprises[var].astype(str))[col].first().items()}
            for var, col in REGISTER_TOTALS.items()}


def entity_totals(enterprises: pd.DataFrame) -> dict[str, float] | None:
    """The register's legal entities per stratum (``stratum_legal_entities``), or None
    when the file does not give them and every enterprise's legal-entity stratum."""
    if not all(col in enterprises.columns and enterprises[col].notna().all()
               for col in (STRATUM_LEGAL_ENTITIES, LEGAL_ENTITY_STRATUM)):
        return None
    return {str(k): float(v) for k, v in enterprises.groupby(
        enterprises[STRATUM].astype(str))[STRATUM_LEGAL_ENTITIES].first().items()}


def leader_columns(data: pd.DataFrame, weights: np.ndarray, leader_weights: np.ndarray,
                   key: np.ndarray, prefix: str) -> dict[str, np.ndarray]:
    """Auxiliaries for calibrating whole enterprises through their top leaders.

    For every category ``k`` of ``key``, the column ``prefix + k`` holds, on every row of
    enterprise ``e``, ``sum of leader_weights over e's rows with key k / sum of weights
    over e's rows``: with ``aggregate_stage=1`` (averages within the enterprise) the
    calibration then makes the leaders' weights add up to the totals, and gives every
    person of an enterprise the same factor.
    """
    clusters, codes = np.unique(data[CLUSTER].to_numpy(dtype=object), return_inverse=True)
    size = np.bincount(codes, weights=weights, minlength=clusters.size)
    out = {}
    for k in sorted(set(key[leader_weights > 0])):
        mine = np.where(key == k, leader_weights, 0.0)
        out[f"{prefix}{k}"] = (np.bincount(codes, weights=mine, minlength=clusters.size)
                               / size)[codes]
    return out


def independent(columns: dict[str, np.ndarray]) -> list[str]:
    """The columns in order, leaving out each one that adds nothing to the span of those
    kept before it (collinear indicators: a size class within one stratum's size group)."""
    kept: list[str] = []
    rank = 0
    for name in columns:
        trial = np.column_stack([columns[k] for k in [*kept, name]])
        r = np.linalg.matrix_rank(trial)
        if r > rank:
            kept.append(name)
            rank = r
    return kept


def calibrate_to_register(design: Design, totals: dict[str, dict[str, float]]) -> Design:
    """Step 4: ``design`` calibrated (raking, whole enterprises) so that the top leaders'
    weights add up to the register's establishments by stratum, size class and sector.

    Every establishment has one top leader, whose weight (with step 3) stands for it; the
    factor is the same for everyone in an enterprise (R: ``calibrate(..., calfun =
    "raking", aggregate.stage = 1)``), and the variance accounts for the calibration.

    Raises:
        ParameterError: a category has no responding top leader, or the raking does not
            converge.
    """
    data = design.data
    w = design.weights.to_numpy(dtype=float)
    leader = (data[ROLE] == LEADER_ROLE).to_numpy(dtype=bool)
    columns: dict[str, np.ndarray] = {}
    for var in CALIBRATION_VARIABLES:
        columns.update(leader_columns(data, w, np.where(leader, w, 0.0),
                                      data[var].astype(str).to_numpy(dtype=object),
                                      f"{var}="))
    for var, cats in totals.items():
        lacking = sorted(set(cats) - {n.split("=", 1)[1] for n in columns
                                      if n.startswith(f"{var}=")})
        if lacking:
            raise ParameterError(
                f"No responding top leader has {var} {lacking[0]!r}, so the weights cannot "
                "be calibrated to the register's total of it.")
    names = independent(columns)
    targets = {n: totals[n.split("=", 1)[0]][n.split("=", 1)[1]] for n in names}
    try:
        return design.with_columns({n: columns[n] for n in names}).calibrate(
            targets, calfun="raking", tol=1e-10, max_iter=100, aggregate_stage=1)
    except (AnalysisError, FloatingPointError, ZeroDivisionError) as exc:
        raise ParameterError(f"The weights could not be calibrated to the register: {exc}"
                             ) from None


def _is_respondent(frame: pd.DataFrame) -> np.ndarray:
    return (frame[RESPONSE_STATUS] == RESPONDENT).to_numpy(dtype=bool, na_value=False)


def enterprise_weights(enterprises: pd.DataFrame, calibrate: bool = False) -> pd.Series:
    """Step 1: the non-response-adjusted weight ``a_e`` of every taking-part enterprise.

    Without calibration, ``a_e = d_e * D_h / R_h``: ``d_e`` the base weight, ``D_h`` the
    sum of base weights of every enterprise sampled in stratum ``h``, ``R_h`` that of
    those that took part (a weighting-class adjustment; strata without a taking-part
    enterprise must be merged first, :func:`enterprise_frame.collapse_empty_strata`).
    With calibration, the base weights of the taking-part enterprises are raked to the
    totals ``D`` by stratum, by size class and by sector (non-response calibration on what
    the register tells of every sampled enterprise; Särndal and Lundström 2005,
    *Estimation in Surveys with Nonresponse*, chapters 6-7).

    Args:
        enterprises: the enterprise frame, indexed by cluster.
        calibrate: rake instead of adjusting within strata.

    Returns:
        ``a_e``, indexed by the taking-part enterprises' clusters (frame order).

    Raises:
        ParameterError: a stratum has sampled enterprises but none took part; or, with
            calibration, the raking does not converge.
    """
    part = enterprise_frame.took_part(enterprises)
    base = enterprises[BASE_WEIGHT].to_numpy(dtype=float)
    strata = enterprises[STRATUM].to_numpy()
    if not calibrate:
        sampled = pd.Series(base).groupby(strata).sum()
        answered = pd.Series(np.where(part, base, 0.0)).groupby(strata).sum()
        empty = answered[answered <= 0]
        if len(empty):
            raise ParameterError(
                f"Stratum {empty.index[0]!r} has sampled enterprises but none took part, so "
                "its non-response cannot be adjusted within the stratum; merge it with a "
                "similar stratum first (enterprise_frame.collapse_empty_strata).")
        factor = (sampled / answered).reindex(strata).to_numpy(dtype=float)
        return pd.Series((base * factor)[part], index=enterprises.index[part], name=WEIGHT)
    margins = {
        var: {str(k): float(v) for k, v in pd.Series(base).groupby(
            enterprises[var].astype(str).to_numpy()).sum().items()}
        for var in CALIBRATION_VARIABLES
    }
    data = pd.DataFrame({var: enterprises[var].astype(str).to_numpy()[part]
                         for var in CALIBRATION_VARIABLES})
    data["d"] = base[part]
    for var, totals in margins.items():
        lacking = sorted(set(totals) - set(data[var]))
        if lacking:
            raise ParameterError(
                f"No taking-part enterprise has {var} {lacking[0]!r}, so the enterprise "
                "weights cannot be raked to it.")
    try:
        raked = Design(data, weights="d", strata=STRATUM).rake(margins, tol=1e-10,
                                                              max_iter=200)
    except (AnalysisError, FloatingPointError, ZeroDivisionError) as exc:
        raise ParameterError(f"The enterprise weights could not be raked: {exc}") from None
    return pd.Series(raked.weights.to_numpy(dtype=float), index=enterprises.index[part],
                     name=WEIGHT)


def reported_holders(enterprises: pd.DataFrame, respondents: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    """``M_er`` and ``m_er`` for every taking-part enterprise and role.

    ``M_er`` is the number the enterprise reported; where it reported none (blank) it is
    the number who answered, and where it reported fewer than answered, the number who
    answered (the enterprise undercounted; the respondents are there).

    Returns:
        ``(M, m, not_reported, under_reported)``: two frames indexed like the taking-part
        enterprises with one column per role, and the number of (enterprise, role) cells
        with respondents that had no reported count, or a lower one.
    """
    part = enterprises.index[enterprise_frame.took_part(enterprises)]
    m = (respondents.groupby([CLUSTER, ROLE]).size().unstack(fill_value=0)
         .reindex(index=part, columns=list(ROLES), fill_value=0).astype(float))
    reported = pd.DataFrame({role: pd.to_numeric(enterprises.loc[part, REPORTED[role]])
                             .to_numpy(dtype=float, na_value=np.nan) for role in ROLES},
                            index=part)
    answered = m > 0
    not_reported = int((reported.isna() & answered).to_numpy().sum())
    under = int(((reported < m) & answered).to_numpy().sum())
    big_m = reported.fillna(m).where(reported.isna() | (reported >= m), m)
    return big_m, m, not_reported, under


def _carry(totals: pd.DataFrame, carried_by: pd.DataFrame, size_group: pd.Series
           ) -> tuple[pd.DataFrame, list[tuple[str, str, str]], list[str]]:
    """Step 3's factors per (stratum, role), and what was carried by whom.

    ``totals`` is ``T_hr`` (all reported holders in taking-part enterprises of stratum
    ``h``), ``carried_by`` is ``S_hr`` (those in enterprises where someone of the role
    answered). Within a stratum the factor is ``T_hr / S_hr``; a stratum with ``T_hr > 0``
    and ``S_hr = 0`` has its total carried by the role in the strata of its size group
    (in proportion to their totals), else by the role in every stratum.
    """
    factor = (totals / carried_by).where(carried_by > 0)
    moves: list[tuple[str, str, str]] = []
    unrepresented: list[str] = []
    for role in totals.columns:
        t, s = totals[role], carried_by[role]
        orphans = [h for h in t.index if t[h] > 0 and s[h] <= 0]
        extra = pd.Series(0.0, index=t.index)
        for h in orphans:
            same = [k for k in t.index if s[k] > 0 and size_group.get(k) == size_group.get(h)]
            by = same or [k for k in t.index if s[k] > 0]
            if not by:
                unrepresented.append(role)
                break
            base = t[by].sum()
            extra[by] += t[h] / base  # a share of the orphan total, per unit of T
            moves.append((str(h), role, "size_group" if same else "all"))
        factor[role] = factor[role] * (1.0 + extra)
    return factor.fillna(0.0), moves, sorted(set(unrepresented), key=list(ROLES).index)


def weigh(frame: pd.DataFrame, enterprises: pd.DataFrame | None = None,
          calibrate: bool = False) -> Weighting:
    """The weighted design of the respondents, from the enterprise frame.

    Args:
        frame: the respondent file (rows with ``response_status`` other than respondent,
            if any, are not used).
        enterprises: the enterprise frame (as :func:`contract.load_enterprises` returns
            it, or indexed by cluster); None derives it from ``frame``, which must then
            list every sampled role-holder (:func:`enterprise_frame.from_people`).
        calibrate: rake the enterprise weights (step 1); when that does not converge, the
            within-stratum adjustment is used and ``rake_failed`` is set.

    Returns:
        A :class:`Weighting`. The design: strata (merged where needed), enterprises as
        clusters, the final weights, fpc from ``stratum_population`` when every
        enterprise has it, a stratum with one responding enterprise centred on the
        design's average (``lonely_psu="adjust"``).

    Raises:
        DataFileError: nobody answered, or the enterprise frame does not describe the
            respondents' sample (:func:`enterprise_frame.check_against_respondents`).
    """
    require_columns(frame, (STRATUM, CLUSTER, BASE_WEIGHT, RESPONSE_STATUS, ROLE),
                    "respondent file")
    ent = (enterprise_frame.from_people(frame) if enterprises is None
           else enterprise_frame.indexed(enterprises))
    respondents = frame.loc[_is_respondent(frame)].copy()
    if respondents.empty:
        raise DataFileError("The respondent file has no respondent; the report needs at "
                            "least one person who answered.")
    if enterprises is not None:  # (the pipeline checked already, naming the files)
        enterprise_frame.check_against_respondents(ent, respondents, "the enterprise file",
                                                   "the respondent file")
    register = register_totals(ent) if calibrate else None
    entities = entity_totals(ent)
    if entities is not None:  # the register's stratum of each respondent's legal entity
        respondents[LEGAL_ENTITY_STRATUM] = ent.loc[respondents[CLUSTER],
                                                    LEGAL_ENTITY_STRATUM].to_numpy()
    ent, collapsed = enterprise_frame.collapse_empty_strata(ent)
    if register is not None:  # the register's totals of the strata as merged
        register[STRATUM] = {str(k): float(v) for k, v in ent.groupby(
            ent[STRATUM].astype(str))[STRATUM_POPULATION].first().items()}
    respondents[STRATUM] = ent.loc[respondents[CLUSTER], STRATUM].to_numpy()
    if STRATUM_POPULATION in ent.columns:
        respondents[STRATUM_POPULATION] = ent.loc[respondents[CLUSTER],
                                                  STRATUM_POPULATION].to_numpy()
    rake_failed = False
    try:  # with the register's totals, step 1 adjusts within strata; step 4 calibrates
        a = enterprise_weights(ent, calibrate and register is None)
    except ParameterError:
        if not calibrate:
            raise
        a, rake_failed = enterprise_weights(ent, False), True
    big_m, m, not_reported, under = reported_holders(ent, respondents)
    strata = ent.loc[a.index, STRATUM]
    weighted = big_m.mul(a, axis=0)
    totals = weighted.groupby(strata).sum()
    carried_by = weighted.where(m > 0, 0.0).groupby(strata).sum()
    factor, moves, unrepresented = _carry(totals, carried_by,
                                          enterprise_frame.main_size_group(ent))
    e, r = respondents[CLUSTER].to_numpy(), respondents[ROLE].to_numpy()
    cell = pd.MultiIndex.from_arrays([e, r])
    per_row = (big_m.stack() / m.stack().where(m.stack() > 0)).reindex(cell).to_numpy()
    f = factor.stack().reindex(pd.MultiIndex.from_arrays(
        [respondents[STRATUM].to_numpy(), r])).to_numpy()
    respondents[WEIGHT] = a.reindex(e).to_numpy() * per_row * f
    fpc = None
    if STRATUM_POPULATION in respondents.columns and respondents[STRATUM_POPULATION].notna().all():
        fpc = STRATUM_POPULATION
    respondents[WEIGHT_BEFORE_CALIBRATION] = respondents[WEIGHT]
    design = Design(respondents, weights=WEIGHT, strata=STRATUM, cluster=CLUSTER, fpc=fpc,
                    lonely_psu="adjust")
    if register is not None and not rake_failed:
        try:
            design = calibrate_to_register(design, register)
            respondents[WEIGHT] = design.weights.to_numpy(dtype=float)
        except ParameterError:
            rake_failed = True
    return Weighting(design=design, enterprises=ent, respondents=respondents, holders=big_m,
                     calibrated=calibrate and not rake_failed, rake_failed=rake_failed,
                     collapsed=tuple(collapsed), not_reported=not_reported,
                     under_reported=under, carried=tuple(moves),
                     unrepresented=tuple(unrepresented),
                     register=register is not None and not rake_failed,
                     entity_totals=entities)


def make_design(frame: pd.DataFrame, enterprises: pd.DataFrame | None = None,
                calibrate: bool = False) -> Design:
    """The weighted design of :func:`weigh` alone."""
    return weigh(frame, enterprises, calibrate).design


def response_rates(weighting: Weighting) -> pd.DataFrame:
    """Response at both levels, per stratum (as merged) and overall.

    Returns:
        One row per stratum (sorted) and a last row with ``stratum`` = :data:`ALL`;
        columns ``stratum``; ``enterprises_sampled``, ``enterprises_responded``,
        ``enterprise_response_rate`` (unweighted) and ``weighted_enterprise_response_rate``
        (base weights); ``persons_reported`` (the role-holders the taking-part
        enterprises reported, as used in the weights), ``responded`` (respondent rows)
        and ``person_response_rate`` (``responded / persons_reported``).
    """
    ent = weighting.enterprises
    part = enterprise_frame.took_part(ent)
    base = ent[BASE_WEIGHT].to_numpy(dtype=float)
    reported = weighting.holders.sum(axis=1).reindex(ent.index).fillna(0.0).to_numpy()
    work = pd.DataFrame({
        STRATUM: ent[STRATUM].astype(str).to_numpy(),
        "enterprises_sampled": 1,
        "enterprises_responded": part.astype(int),
        "w_sampled": base,
        "w_responded": np.where(part, base, 0.0),
        "persons_reported": reported,
    })
    answered = weighting.respondents.groupby(
        weighting.respondents[STRATUM].astype(str)).size()
    per = work.groupby(STRATUM, sort=True).sum()
    per["responded"] = answered.reindex(per.index).fillna(0).astype(int)
    per.loc[ALL] = per.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        person_rate = per["responded"] / per["persons_reported"].where(
            per["persons_reported"] > 0)
    return pd.DataFrame({
        STRATUM: [str(s) for s in per.index],
        "enterprises_sampled": per["enterprises_sampled"].to_numpy(dtype=np.int64),
        "enterprises_responded": per["enterprises_responded"].to_numpy(dtype=np.int64),
        "enterprise_response_rate": (per["enterprises_responded"]
                                     / per["enterprises_sampled"]).to_numpy(dtype=float),
        "weighted_enterprise_response_rate": (per["w_responded"]
                                              / per["w_sampled"]).to_numpy(dtype=float),
        "persons_reported": per["persons_reported"].round().to_numpy(dtype=np.int64),
        "responded": per["responded"].to_numpy(dtype=np.int64),
        "person_response_rate": person_rate.to_numpy(dtype=float),
    })


def _weight_row(group: str, category: object, w: np.ndarray) -> dict[str, object]:
    """Distribution and Kish's deff of one set of weights."""
    total = float(w.sum())
    return {
        "group": group,
        "category": str(category),
        "n": int(w.size),
        "weight_sum": total,
        "min": float(w.min()),
        "p10": float(np.percentile(w, 10)),
        "median": float(np.median(w)),
        "p90": float(np.percentile(w, 90)),
        "max": float(w.max()),
        "max_min_ratio": float(w.max() / w.min()) if w.min() > 0 else float("nan"),
        # Kish (1965): the variance inflation of a mean due to unequal weights alone.
        "kish_deff": float(w.size * (w**2).sum() / total**2) if total > 0 else float("nan"),
    }


def weight_summary(design: Design, by: str = STRATUM) -> pd.DataFrame:
    """Distribution of the design's final weights and Kish's design effect.

    Kish's design effect due to unequal weighting is ``n sum(w^2) / (sum w)^2`` (1 for
    equal weights). Percentiles are numpy's linear interpolation.

    Args:
        design: a design from :func:`make_design` (raked or not).
        by: the column to break the summary down by (default: the stratum).

    Returns:
        One row per category of ``by`` (``group`` = ``by``) and a first row with
        ``group`` = ``category`` = :data:`ALL`; columns ``group``, ``category``, ``n``,
        ``weight_sum``, ``min``, ``p10``, ``median``, ``p90``, ``max``,
        ``max_min_ratio`` and ``kish_deff``.
    """
    require_columns(design.data, (by,), "design's data")
    w = design.weights.to_numpy(dtype=float)
    rows = [_weight_row(ALL, ALL, w)]
    keys = design.data[by].to_numpy()
    known = pd.notna(keys)
    for category in sorted(set(keys[known])):
        rows.append(_weight_row(by, category, w[known & (keys == category)]))
    return pd.DataFrame(rows, columns=list(WEIGHT_SUMMARY_COLUMNS))
