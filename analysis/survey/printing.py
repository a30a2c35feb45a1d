"""Readable printouts, as R users know them from ``print(svyttest(...))`` and
``summary(design)``: ``print(test)`` and ``print(design.summary())``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analysis.survey.design import Design
    from analysis.survey.htests import TestResult


class Printout(str):
    """Text that shows as itself at the prompt and in a notebook (not as a quoted
    string)."""

    def __repr__(self) -> str:
        return str(self)


def _g(x: float, digits: int = 5) -> str:
    return f"{float(x):.{digits}g}"


def _p(p: float) -> str:
    """A p-value as R's ``format.pval``: four significant digits, ``< 2.2e-16`` below."""
    return "< 2.2e-16" if p < 2.2e-16 else f"= {p:.4g}"


def htest_text(result: TestResult) -> str:
    """A test result as R prints an ``htest``.

    >>> from analysis.survey.htests import TestResult
    >>> text = htest_text(TestResult(2.10903, 13.0, 0.054906, "Design-based t-test",
    ...     name="api00 by sch_wide (Yes - No)", estimate=41.319,
    ...     extra={"ci": (-1.0066, 83.645)}))
    >>> for line in text.splitlines()[3:]:
    ...     print(line)
    data:  api00 by sch_wide (Yes - No)
    t = 2.109, df = 13, p-value = 0.05491
    alternative hypothesis: true difference is not equal to 0
    95 percent confidence interval:
     -1.0066  83.645
    sample estimates:
    difference
        41.319
    """
    lines = ["", f"\t{result.method}", ""]
    if result.name:
        lines.append(f"data:  {result.name}")
    if result.ndf is not None and result.ddf is not None:
        stat = f"F = {_g(result.statistic)}, ndf = {_g(result.ndf)}, ddf = {_g(result.ddf)}"
    else:
        label = "t" if "t-test" in result.method else "X-squared"
        stat = f"{label} = {_g(result.statistic, 4)}, df = {_g(result.df, 4)}"  # type: ignore[arg-type]
    lines.append(f"{stat}, p-value {_p(result.p_value)}")
    if result.estimate is not None:
        one = "one-sample" in result.method
        lines.append("alternative hypothesis: true "
                     f"{'mean minus mu' if one else 'difference'} is not equal to 0")
        if "ci" in result.extra:
            low, high = result.extra["ci"]
            lines += ["95 percent confidence interval:", f" {_g(low)}  {_g(high)}"]
        name = "mean - mu" if one else "difference"
        value = _g(result.estimate)
        width = max(len(name), len(value))
        lines += ["sample estimates:", name.rjust(width), value.rjust(width)]
    return "\n".join(lines)


def design_summary(design: Design) -> Printout:
    """What R's ``summary(design)`` shows: the kind of design, the sampling
    probabilities (1 / weight), the sizes of the strata and the data's variables."""
    s = design._structure
    stratified = design.n_strata > 1
    clustered = not s.unclustered
    kind = ("Stratified " if stratified else "") + (
        f"{'1 - level Cluster Sampling' if clustered else 'Independent Sampling'} design")
    lines = [kind + (" (with replacement)" if not np.any(s.fpc_factor < 1) else "")]
    if clustered:
        lines.append(f"With ({design.n_psu}) clusters.")
    extra = repr(design).removeprefix("Design(").removesuffix(")")
    lines.append(f"Design({extra})")
    weights = design.weights.to_numpy(dtype=float)
    with np.errstate(divide="ignore"):
        prob = pd.Series(np.where(weights > 0, 1.0 / weights, np.inf))
    q = prob.quantile([0, 0.25, 0.5]).tolist() + [prob.mean()] + prob.quantile(
        [0.75, 1]).tolist()
    table = pd.DataFrame([q], columns=["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.",
                                       "Max."])
    lines += ["Probabilities:", table.to_string(index=False, float_format=lambda x: f"{x:.4g}")]
    if stratified:
        row_stratum = s.psu_stratum[s.psu]
        levels = [str(v) for v in design._strata_levels]
        sizes = pd.DataFrame(
            [np.bincount(row_stratum, minlength=design.n_strata),
             np.asarray(s.psu_per_stratum, dtype=int)],
            index=["obs", "design.PSU"], columns=levels)
        lines += ["Stratum Sizes: ", sizes.to_string()]
    columns = list(design.data.columns)
    shown = ", ".join(columns[:20]) + (f", … ({len(columns)} in all)" if len(columns) > 20
                                       else "")
    lines += ["Data variables:", f" {shown}"]
    return Printout("\n".join(lines))
