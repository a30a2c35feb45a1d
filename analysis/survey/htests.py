"""Design-based hypothesis tests: Rao-Scott tests for two-way tables (R: ``svychisq``).

Rao-Scott. With ``p`` the vector of estimated cell proportions of an ``r x c`` table
(rows varying fastest, as R's ``interaction``), ``V`` its design covariance and ``N`` the
number of rows of the design (R counts rows with a missing value too; only the printed
``X2`` of ``"Chisq"`` depends on ``N``), Pearson's statistic of the table ``N p``
is ``X2 = N sum (p_rc - p_r. p_.c)^2 / (p_r. p_.c)``. With ``C`` the interaction contrasts
of the saturated model made orthogonal to the main effects, the design effect matrix is

    Delta = (C' D^-1 C / N)^-1 (C' D^-1 V D^-1 C),    D = diag(p)

* ``statistic="F"`` (R's default, second-order correction): ``F = X2 / tr(Delta)`` on
  ``d0 = tr(Delta)^2 / tr(Delta^2)`` and ``d0 * nu`` degrees of freedom, ``nu`` the number
  of PSUs minus the number of strata.
* ``statistic="Chisq"`` (first-order correction): ``X2`` with the p-value of
  ``X2 / mean(diag(Delta))`` against chi-square on ``(r - 1)(c - 1)`` degrees of freedom.

Both as in R's ``survey:::svychisq.survey.design`` (survey 4.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import stats

from analysis.errors import DataFileError, ParameterError

if TYPE_CHECKING:
    from analysis.survey.design import Design

CHISQ_STATISTICS = ("F", "Chisq")


@dataclass(frozen=True)
class TestResult:
    """Result of a design-based test.

    ``statistic`` is the test statistic (F, X-squared or t), ``df`` its degrees of freedom
    (a number, or ``(ndf, ddf)`` for F), ``p_value`` the p-value. ``ndf``/``ddf`` are set
    for F tests; ``estimate`` for tests of a difference; ``method`` names the test.
    """

    statistic: float
    df: float | tuple[float, float]
    p_value: float
    method: str
    name: str = ""
    ndf: float | None = None
    ddf: float | None = None
    estimate: float | None = None
    extra: dict = field(default_factory=dict)

    def __str__(self) -> str:
        """As R prints an ``htest`` (``print(svyttest(...))``): method, data, statistic,
        degrees of freedom, p-value, and the estimate with its interval."""
        from analysis.survey.printing import htest_text

        return htest_text(self)

    def as_dict(self) -> dict:
        """Plain-JSON dict of the result."""
        out = {"statistic": float(self.statistic), "p_value": float(self.p_value),
               "method": self.method, "name": self.name}
        if isinstance(self.df, tuple):
            out["df"] = [float(v) for v in self.df]
        else:
            out["df"] = float(self.df)
        for key in ("ndf", "ddf", "estimate"):
            value = getattr(self, key)
            if value is not None:
                out[key] = float(value)
        return out


def _contrasts(nr: int, nc: int) -> np.ndarray:
    """Interaction columns of the saturated ``r x c`` model, residualised on the main effects."""
    rows = np.tile(np.arange(nr), nc)  # rows vary fastest (R's interaction order)
    cols = np.repeat(np.arange(nc), nr)
    x1 = np.column_stack([np.ones(nr * nc)]
                         + [(rows == i).astype(float) for i in range(1, nr)]
                         + [(cols == j).astype(float) for j in range(1, nc)])
    inter = np.column_stack([((rows == i) & (cols == j)).astype(float)
                             for j in range(1, nc) for i in range(1, nr)])
    coef, *_ = np.linalg.lstsq(x1, inter, rcond=None)
    return inter - x1 @ coef


def chisq(design: Design, row: str, col: str, statistic: str = "F") -> TestResult:
    """Rao-Scott test of independence of ``row`` and ``col`` (see the module docstring)."""
    if statistic not in CHISQ_STATISTICS:
        raise ParameterError(
            f"statistic={statistic!r} is not allowed; use one of {CHISQ_STATISTICS}."
        )
    r_codes, r_levels = design._codes(row, "row variable")
    c_codes, c_levels = design._codes(col, "column variable")
    nr, nc = len(r_levels), len(c_levels)
    if nr < 2 or nc < 2:
        name, levels = (row, r_levels) if nr < 2 else (col, c_levels)
        raise DataFileError(
            f"Column '{name}' has {len(levels)} category; a two-way table test needs at "
            "least two categories in each variable."
        )
    cell = r_codes + nr * c_codes
    if (r_codes < 0).any() or (c_codes < 0).any():
        cell[(r_codes < 0) | (c_codes < 0)] = -1
    p, cov = design._cell_shares(cell, nr * nc)
    n_obs = float(design._n_rows)  # R: nrow of the model matrix, rows with NAs included
    pr = p.reshape(nc, nr).sum(axis=0)
    pc = p.reshape(nc, nr).sum(axis=1)
    expected = np.outer(pc, pr).ravel()  # same (col-major over rows) order as p
    ok = expected > 0
    x2 = n_obs * float(np.sum((p[ok] - expected[ok]) ** 2 / expected[ok]))
    cmat = _contrasts(nr, nc)
    inv_p = np.where(p > 0, 1.0 / np.where(p > 0, p, 1.0), 0.0)
    weighted = cmat * inv_p[:, None]
    denom = cmat.T @ weighted / n_obs
    numr = weighted.T @ cov @ weighted
    delta = np.linalg.solve(denom, numr)
    trace = float(np.trace(delta))
    # R: PSUs minus strata; a replicate design's degf
    nu = float(design.degf if design.replicates is not None
               else design.n_psu - design.n_strata)
    if statistic == "F":
        d0 = trace**2 / float(np.trace(delta @ delta))
        f = x2 / trace
        p_value = float(stats.f.sf(f, d0, d0 * nu))
        return TestResult(f, (d0, d0 * nu), p_value,
                          "Pearson's X^2: Rao & Scott adjustment (F)",
                          name=f"{row} x {col}", ndf=d0, ddf=d0 * nu)
    df = (nr - 1) * (nc - 1)
    p_value = float(stats.chi2.sf(x2 / float(np.mean(np.diag(delta))), df))
    return TestResult(x2, float(df), p_value, "Pearson's X^2: Rao & Scott adjustment",
                      name=f"{row} x {col}")


def ttest(design: Design, variable: str, by: str | None, mu: float, alpha: float) -> TestResult:
    """R's ``svyttest``: one-sample (``by=None``) or two-group difference in means."""
    from analysis.survey import _ci
    from analysis.survey._columns import numeric_values, require_column

    alpha = _ci.check_alpha(alpha)
    if by is None:
        table = design.mean(variable, alpha=alpha)
        est = float(table["estimate"].iloc[0]) - mu
        se = float(table["se"].iloc[0])
        df = float(design.degf - 1)
        t = est / se
        q = _ci.t_quantile(df, alpha)
        return TestResult(t, df, float(2 * stats.t.sf(abs(t), df)),
                          "Design-based one-sample t-test", name=variable, estimate=est,
                          extra={"ci": (est - q * se, est + q * se), "se": se})
    numeric_values(require_column(design.data, variable, "variable"), "variable")
    codes, levels = design._codes(by, "group")
    if len(levels) != 2:
        raise DataFileError(
            f"Column '{by}' has {len(levels)} categories; the t test compares exactly two "
            "groups (use glm() and wald_test() for more)."
        )
    group = np.where(codes < 0, np.nan, codes.astype(float))
    tmp = "_ttest_group_"
    fit = design.with_columns({tmp: group}).glm(f"Q('{variable}') ~ {tmp}", alpha=alpha)
    est = float(fit.params[tmp])
    se = float(fit.bse[tmp])
    t = est / se
    df = float(fit.df_resid)
    ci = fit.conf_int().loc[tmp]
    return TestResult(t, df, float(2 * stats.t.sf(abs(t), df)), "Design-based t-test",
                      name=f"{variable} by {by} ({levels[1]} - {levels[0]})", estimate=est,
                      extra={"ci": (float(ci["ci_low"]), float(ci["ci_high"])), "se": se})
