"""``print(test)`` and ``print(design.summary())`` read as R's printouts do.

Expected figures: R 4.x, ``svyttest(api00 ~ sch.wide, dclus1)`` prints ``t = 2.109, df =
13, p-value = 0.05491`` and the interval ``-1.006561 83.645283``; ``svychisq(~sch.wide +
stype, dclus1)`` prints ``F = 5.1934, ndf = 1.4946, ddf = 20.9250, p-value = 0.02175``
(docs/survey.md); ``summary(dstrat)`` lists the stratum sizes E 100, H 50, M 50 and
probabilities from 0.02262 to 0.06623 (1/44.21 and 1/15.10, the weights of apistrat).
"""

from __future__ import annotations

from analysis.survey import Design


def test_a_t_test_prints_as_r_prints_it(apiclus1):
    text = str(Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc")
               .ttest("api00", by="sch_wide"))
    assert "\tDesign-based t-test" in text
    assert "t = 2.109, df = 13, p-value = 0.05491" in text
    assert "95 percent confidence interval:\n -1.0066  83.645" in text


def test_a_rao_scott_test_prints_its_f_and_degrees_of_freedom(apiclus1):
    text = str(Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc")
               .chisq("sch_wide", "stype"))
    assert "F = 5.1934, ndf = 1.4946, ddf = 20.925, p-value = 0.02175" in text


def test_the_summary_of_a_stratified_design(apistrat):
    summary = Design(apistrat, weights="pw", strata="stype", fpc="fpc").summary()
    text = repr(summary)  # shows as text at the prompt, not as a quoted string
    assert text.startswith("Stratified Independent Sampling design\n")
    lines = text.splitlines()
    obs = next(line for line in lines if line.startswith("obs"))
    assert obs.split() == ["obs", "100", "50", "50"]
    probs = lines[lines.index("Probabilities:") + 2].split()
    assert probs[0] == "0.02262" and probs[-1] == "0.06623"


def test_the_summary_of_a_cluster_design(apiclus1):
    text = str(Design(apiclus1, weights="pw", cluster="dnum", fpc="fpc").summary())
    assert text.startswith("1 - level Cluster Sampling design\nWith (15) clusters.")
    assert "Stratum Sizes" not in text
