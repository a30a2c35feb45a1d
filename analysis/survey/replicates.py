"""Replicate-weight variance (R: ``as.svrepdesign``, ``svrepdesign``, ``svrVar``).

A replicate design carries ``R`` sets of replicate weights. The variance of an estimate
``theta`` is ``scale * sum_r rscales_r (theta_r - centre)^2`` with ``theta_r`` the estimate
recomputed with replicate weights ``r`` and ``centre`` the mean of the replicates (with
``rscales > 0``), or the full-sample estimate when ``mse=True``.

Replicates built from a design (JK1, JKn, BRR, Fay, bootstrap) multiply each row's weight
by a factor that depends only on its first-stage unit (PSU): they are stored as a
``(n_psu, R)`` factor matrix, so a replicate total is the PSU totals times that matrix
(R's compressed replicate weights). Supplied replicate weights are kept as an ``(n, R)``
matrix.

Every estimator of :mod:`analysis.survey` hands over its per-row influence ``h`` as a
totaller (see :mod:`analysis.survey.linearization`) and, for ratio-type estimators
(means, proportions, ratios), the totaller of its denominator ``d`` scaled so that the
full-sample total is 1. The replicate estimates are then exact, not linearised:

    theta_r - theta = (T_r(h) - T(h)) / T_r(d)

(for a ratio ``Y / X`` with ``h = (y - theta x) / X`` and ``d = x / X`` this is
``Y_r / X_r - theta``; a total has no denominator, ``T_r(d) = 1``). Regression models are
refitted on every replicate (:mod:`analysis.survey.regression`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import hadamard as sylvester

from analysis.errors import ParameterError
from analysis.survey import _hadamard_r
from analysis.survey._columns import show
from analysis.survey.linearization import Structure, Totaller

BUILT_TYPES = ("JK1", "JKn", "BRR", "Fay", "bootstrap")
SUPPLIED_TYPES = ("BRR", "Fay", "JK1", "JKn", "bootstrap", "successive-difference", "ACS",
                  "JK2", "other")


@dataclass(frozen=True)
class Replicates:
    """Replicate weights and the constants of their variance formula.

    ``factors`` is ``(n_units, R)``. With ``unit`` given (built replicates) the weight of
    row ``i`` in replicate ``r`` is ``w_i * factors[unit_i, r]``; with ``unit=None``
    (supplied) rows are the units and ``factors`` are the replicate weights themselves.
    """

    type: str
    factors: np.ndarray
    unit: np.ndarray | None
    scale: float
    rscales: np.ndarray
    mse: bool
    rho: float = 0.0

    @property
    def n_replicates(self) -> int:
        return int(self.factors.shape[1])

    def degf(self) -> int:
        """R's ``degf`` of a replicate design: rank of the replicate weights minus one."""
        f = self.factors
        s = np.linalg.svd(f.T @ f, compute_uv=False, hermitian=True)
        s = np.sqrt(np.maximum(s, 0.0))
        return int((s > 1e-5 * s[0]).sum()) - 1 if s.size and s[0] > 0 else 0

    def row_weights(self, weights: np.ndarray, r: int) -> np.ndarray:
        """The weights of replicate ``r`` for every row."""
        if self.unit is None:
            return self.factors[:, r]
        return weights * self.factors[self.unit, r]

    def totals(self, totaller: Totaller, weights: np.ndarray) -> np.ndarray:
        """``(R, k)`` replicate totals of ``h`` (``weights`` are the full-sample weights)."""
        if self.unit is None:
            n = self.factors.shape[0]
            per_row = totaller(np.arange(n), n, np.ones(n))
            per_row = per_row if per_row.ndim == 2 else per_row[:, None]
            return self.factors.T @ per_row
        n_units = self.factors.shape[0]
        unit_totals = totaller(self.unit, n_units, weights)
        unit_totals = unit_totals if unit_totals.ndim == 2 else unit_totals[:, None]
        return self.factors.T @ unit_totals

    def variance_of(self, deviations: np.ndarray) -> np.ndarray:
        """``(k, k)`` variance from replicate deviations ``theta_r - theta`` (``(R, k)``)."""
        dev = deviations
        if not self.mse:
            used = self.rscales > 0
            dev = dev - dev[used].mean(axis=0)
        return self.scale * (dev * self.rscales[:, None]).T @ dev

    def variance(self, totaller: Totaller, weights: np.ndarray,
                 denominator: Totaller | None) -> np.ndarray:
        """``(k, k)`` replicate variance of the estimates with influence ``totaller``."""
        zero = np.zeros(weights.shape[0], dtype=np.int64)
        full = np.asarray(totaller(zero, 1, weights)).reshape(1, -1)
        dev = self.totals(totaller, weights) - full
        if denominator is not None:
            den = self.totals(denominator, weights)
            with np.errstate(divide="ignore", invalid="ignore"):
                dev = dev / den
        return self.variance_of(dev)


def _hadamard(n_strata: int) -> np.ndarray:
    """0/1 Hadamard matrix R's ``hadamard(n_strata)`` returns (Sylvester beyond 99 strata)."""
    if 1 <= n_strata <= 99:
        k = int(_hadamard_r.INDEX.split()[n_strata - 1]) - 1
        size, *rows = _hadamard_r.MATRICES[k].split()
        m = int(size)
        bits = np.array([[int(c, 16) >> (3 - b) & 1 for c in row for b in range(4)][:m]
                         for row in rows])
        return bits
    m = 1 << int(np.ceil(np.log2(n_strata + 1)))
    return (sylvester(m) > 0).astype(int)


def _check_lonely(structure: Structure, rule: str, kind: str, strata_label) -> None:
    lonely = (structure.psu_per_stratum == 1) & (structure.fpc_factor > 1e-7)
    if lonely.any() and rule == "fail":
        raise ParameterError(
            f"Stratum {show(strata_label(int(np.argmax(lonely))))} has only one PSU, so {kind} "
            "replicates cannot be built; use lonely_psu='remove', 'certainty' or 'average' "
            "in the design, or merge the stratum with another."
        )


def build(structure: Structure, kind: str, replicates: int | None, seed: int | None,
          fay: float, mse: bool, strata_label) -> Replicates:
    """Replicate factors of ``kind`` for a design with the given strata and PSUs."""
    s = structure
    n_psu, psu_stratum = s.n_psu, s.psu_stratum
    if kind == "JK1":
        if s.n_strata > 1:
            raise ParameterError(
                "JK1 replicates need an unstratified design; use 'JKn' (or 'bootstrap') for "
                f"a design with {s.n_strata} strata."
            )
        n = n_psu
        if n < 2:
            raise ParameterError("JK1 replicates need at least two PSUs; the design has one.")
        factors = np.full((n, n), n / (n - 1.0))
        np.fill_diagonal(factors, 0.0)
        scale = float(s.fpc_factor[0]) * (n - 1.0) / n
        return Replicates("JK1", factors, s.psu, scale, np.ones(n), mse)
    if kind == "JKn":
        _check_lonely(s, s.lonely_psu, "JKn", strata_label)
        columns, rscales = [], []
        for h in range(s.n_strata):
            members = np.flatnonzero(psu_stratum == h)
            n_h = members.size
            f_h = float(s.fpc_factor[h])
            if f_h <= 1e-12:  # census stratum: R drops its replicates
                continue
            if n_h == 1:
                if s.lonely_psu == "adjust":
                    col = np.full(n_psu, s.n_strata / (s.n_strata - 1.0))
                    col[members] = 0.0
                    columns.append(col)
                    rscales.append((s.n_strata - 1.0) / s.n_strata)
                continue
            for j in members:
                col = np.ones(n_psu)
                col[members] = n_h / (n_h - 1.0)
                col[j] = 0.0
                columns.append(col)
                rscales.append(f_h * (n_h - 1.0) / n_h)
        if not columns:
            raise ParameterError(
                "Every stratum was sampled completely (or has one PSU), so JKn replicates "
                "have no variance to estimate."
            )
        scale = 1.0
        if s.lonely_psu == "average" and len(columns) < n_psu:
            scale = n_psu / len(columns)
        return Replicates("JKn", np.column_stack(columns), s.psu, scale,
                          np.asarray(rscales), mse)
    if kind in ("BRR", "Fay"):
        if kind == "BRR" and fay != 0:
            kind = "Fay"
        if not 0.0 <= fay < 1.0:
            raise ParameterError(f"fay={fay!r} is not allowed; give a number in [0, 1).")
        per = s.psu_per_stratum
        if (per != 2).any():
            h = int(np.argmax(per != 2))
            raise ParameterError(
                f"BRR replicates need exactly two PSUs in every stratum, but stratum "
                f"{show(strata_label(h))} has {int(per[h])}; merge or split strata into pairs, or "
                "use 'JKn' or 'bootstrap'."
            )
        # R orders strata by their labels as text and PSUs by first appearance in the data.
        order = sorted(range(s.n_strata), key=lambda h: str(strata_label(h)))
        rank = np.empty(s.n_strata, dtype=np.int64)
        rank[order] = np.arange(s.n_strata)
        had = _hadamard(s.n_strata)
        rows = had[1 + rank[psu_stratum], :]  # (n_psu, R)
        first = np.zeros(n_psu, dtype=bool)
        seen: set[int] = set()
        first_row = np.full(n_psu, np.iinfo(np.int64).max)
        np.minimum.at(first_row, s.psu, np.arange(s.psu.shape[0]))
        for j in np.argsort(first_row, kind="stable"):
            h = int(psu_stratum[j])
            if h not in seen:
                first[j] = True
                seen.add(h)
        # the first PSU of a stratum is "half 2": factor 2 - rho when the entry is 1
        in_half = np.where(first[:, None], rows == 1, rows == 0)
        factors = np.where(in_half, 2.0 - fay, fay)
        n_rep = factors.shape[1]
        scale = 1.0 / (n_rep * (1.0 - fay) ** 2)
        return Replicates("Fay" if fay else "BRR", factors, s.psu, scale, np.ones(n_rep),
                          mse, fay)
    if kind == "bootstrap":
        if replicates is None:
            replicates = 50
        if not (isinstance(replicates, int) and replicates >= 2):
            raise ParameterError(
                f"replicates={replicates!r} is not allowed; give an integer of at least 2."
            )
        if (s.psu_per_stratum < 2).any():
            h = int(np.argmax(s.psu_per_stratum < 2))
            raise ParameterError(
                f"Stratum {show(strata_label(h))} has only one PSU; the bootstrap needs two or "
                "more PSUs in every stratum."
            )
        rng = np.random.default_rng(seed)
        factors = np.zeros((n_psu, replicates))
        for h in range(s.n_strata):
            members = np.flatnonzero(psu_stratum == h)
            n_h = members.size
            f_h = float(s.fpc_factor[h])
            if f_h >= 1.0 - 1e-12:
                draws = rng.integers(0, n_h, size=(replicates, n_h))
            else:  # R: sample n_h of the population list rep(psus, length = N_h)
                big_n = int(round(n_h / (1.0 - f_h)))
                pool = np.resize(np.arange(n_h), big_n)
                draws = np.stack([rng.choice(pool, n_h, replace=False)
                                  for _ in range(replicates)])
            for r in range(replicates):
                factors[members, r] = np.bincount(draws[r], minlength=n_h)
        psu_per_stratum = 1.0 / np.mean(1.0 / s.psu_per_stratum)
        scale = psu_per_stratum / ((psu_per_stratum - 1.0) * (replicates - 1.0))
        return Replicates("bootstrap", factors, s.psu, scale, np.ones(replicates), mse)
    raise ParameterError(f"type={kind!r} is not allowed; use one of {BUILT_TYPES}.")


def supplied(repweights: np.ndarray, kind: str, scale: float | None,
             rscales, mse: bool, rho: float | None) -> Replicates:
    """Replicates from supplied (combined) replicate weights, with R's default constants."""
    if kind not in SUPPLIED_TYPES:
        raise ParameterError(f"type={kind!r} is not allowed; use one of {SUPPLIED_TYPES}.")
    n_rep = repweights.shape[1]
    if n_rep < 2:
        raise ParameterError("Give at least two replicate weight columns.")
    if rscales is not None:
        rs = np.broadcast_to(np.asarray(rscales, dtype=float), (n_rep,)).copy() \
            if np.ndim(rscales) == 0 or len(rscales) == n_rep else None
        if rs is None:
            raise ParameterError(
                f"rscales has {len(rscales)} values but there are {n_rep} replicate weight "
                "columns; give one per column (or one number)."
            )
    else:
        rs = None
    rho = 0.0 if rho is None else float(rho)
    if kind == "Fay":
        if not 0.0 < rho < 1.0:
            raise ParameterError("type='Fay' needs rho (Fay's factor) between 0 and 1.")
        scale = 1.0 / (n_rep * (1.0 - rho) ** 2)
    elif kind == "BRR":
        scale = 1.0 / n_rep
    elif kind in ("ACS", "successive-difference"):
        scale, rs = 4.0 / n_rep, None
    elif kind == "JK2":
        scale, rs = 1.0, None
    elif kind == "bootstrap" and scale is None:
        scale = 1.0 / (n_rep - 1.0)
    elif kind == "JK1" and scale is None:
        scale = (n_rep - 1.0) / n_rep
    elif kind == "JKn" and rs is None:
        raise ParameterError("type='JKn' needs rscales (one (n_h - 1) / n_h per replicate).")
    elif kind == "JKn" and scale is None:
        scale = 1.0
    elif kind == "other" and scale is None:
        raise ParameterError("type='other' needs scale (and rscales, default 1).")
    if rs is None:
        rs = np.ones(n_rep)
    return Replicates(kind, repweights, None, float(scale), rs, bool(mse), rho)
