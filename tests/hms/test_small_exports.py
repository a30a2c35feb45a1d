"""Every export the contract accepts gives a report: small, partial and odd exports publish,
say in one sentence what cannot be estimated, and show no withheld figure and no share
outside 0-1 in any published file.

Three cases go through the full runner (papermill, HTML page, executed notebook); the rest
execute the notebook's own code cells in this process (tables and summary.json), which
is much faster (``tests/hms/published.py``).
"""

from __future__ import annotations

import json
import math
import random

import pandas as pd
import pytest
import scipy.stats
from tiers import sample

from analysis.hms import indicators as ind
from analysis.survey import Design

from .published import NB, SOURCE, cut, read_rows, run_in_process, scan, write_rows

THRESHOLD = 10


@pytest.mark.parametrize(("case", "params"), [
    ("first_30", {}),
    ("one_role", {"rake": False}),
    ("full", {"suppression_threshold": 100_000}),
])
def test_runner_publishes_small_exports(tmp_path, cli, case, params):
    data = SOURCE if case == "full" else cut(case, tmp_path)
    args = ["run", f"{NB}/synthetic_2024", "-p", "data_path", str(data),
            "--out", str(tmp_path / "out")]
    for name, value in params.items():
        args += ["-p", name, str(value).lower()]
    result = cli(*args)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    folder = tmp_path / "out" / NB / "synthetic_2024"
    threshold = params.get("suppression_threshold", THRESHOLD)
    assert scan(folder, threshold) == []
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "Kilder og forutsetninger" in page  # the page is whole, to the last section
    # strata without respondents are still named in words, from the enterprise file
    assert "Helse- og sosialtjenester (100 ansatte eller flere)" in page
    assert "helse sosial, 100+" not in page  # (the code, as shown without a name)
    if case == "full":
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        # 3 997 respondents < 100 000: not even the total is shown
        assert summary["respondents"] is None and summary["share_trained"] is None
        assert "3\u00a0997" not in page and "3 997" not in page
        assert "bygger på færre enn 100\u00a0000 svar" in page
    if case == "one_role":  # no verneombud in the file: the reason, not a table
        assert ("Verneombud og AMU-medlemmer med minst 40 timer opplæring: ingen har svart"
                in page)


@pytest.mark.parametrize(("case", "params"), [
    ("one_stratum", {}),
    ("one_row", {}),
    ("likert_all_9", {}),
    ("full", {"suppression_threshold": 3}),
])
def test_notebook_publishes_odd_exports(tmp_path, case, params):
    data = SOURCE if case == "full" else cut(case, tmp_path)
    folder = run_in_process(tmp_path / "out", data_path=str(data), **params)
    assert scan(folder, params.get("suppression_threshold", THRESHOLD)) == []
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    if case == "one_row":
        assert summary["respondents"] is None  # 1 < 10
        assert not (folder / "tables" / "andel_opplaert.csv").exists()
    if case == "likert_all_9":  # nobody took a position: no applicability share, no model
        assert summary["share_applicable"] is None
        assert not (folder / "tables" / "modell_oddsratioer.csv").exists()
        assert summary["share_trained"] == pytest.approx(0.752, abs=0.01)


# `make test` publishes three of the twenty random exports, `make test-all` all of them
@pytest.mark.parametrize("seed", sample(range(20), lambda seed: seed < 3))
def test_random_80_row_exports_publish(tmp_path, seed):
    columns, rows = read_rows()
    chosen = random.Random(seed).sample(rows, 80)
    data = write_rows(tmp_path / f"sample_{seed}.csv", columns, chosen)
    folder = run_in_process(tmp_path / "out", data_path=str(data))
    assert scan(folder, THRESHOLD) == []


def test_share_intervals_stay_within_0_and_1():
    """The engine's logit interval for 0 < p < 1, the Clopper-Pearson bound at 0 and 1.

    A design of 24 respondents in 12 clusters, 4 strata (df = 12 - 4 = 8), equal weights:
    nobody is trained in stratum "a" (6 answers, share 0), everyone in stratum "d" (5
    answers, share 1).
    """
    rows = []
    for k in range(12):
        stratum = "abcd"[k // 3]
        for j in range(2):
            trained = {"a": 0.0, "b": float(k % 2), "c": float(j or k == 7), "d": 1.0}[stratum]
            keep = stratum != "d" or (k, j) != (11, 1)  # 5 answers in "d"
            rows.append({"stratum": stratum, "cluster": f"c{k}", "weight": 10.0,
                         "share_trained": trained if keep else float("nan")})
    frame = pd.DataFrame(rows)
    design = Design(frame, weights="weight", strata="stratum", cluster="cluster")
    out = ind.mean_by(design, "share_trained", by="stratum").set_index("category")
    # p = 0 with 6 answers: upper bound 1 - 0.025^(1/6) = 0.45926 (Clopper-Pearson)
    assert out.loc["a", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0, 0.45926],
                                                                         abs=1e-5)
    # p = 1 with 5 answers: lower bound 0.025^(1/5) = 0.47818
    assert out.loc["d", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.47818, 1.0],
                                                                         abs=1e-5)
    # 0 < p < 1: expit(logit(p) -/+ t(df) se / (p (1 - p))), the domain's df = 3 - 1 = 2
    for stratum in ("b", "c"):
        p, se = out.loc[stratum, ["estimate", "se"]]
        t = scipy.stats.t.ppf(0.975, 2)
        half = t * se / (p * (1 - p))
        centre = math.log(p / (1 - p))
        expected = [1 / (1 + math.exp(-(centre - half))), 1 / (1 + math.exp(-(centre + half)))]
        assert out.loc[stratum, ["ci_low", "ci_high"]].tolist() == pytest.approx(expected,
                                                                                 rel=1e-10)
        assert 0 < expected[0] < p < expected[1] < 1
    # Overall: 0 + 4 + 4 + 5 = 13 of 23 answers trained, on the design's df 8, within 0-1.
    row = out.loc["all"]
    assert row["estimate"] == pytest.approx(13 / 23)
    assert 0 < row["ci_low"] < row["estimate"] < row["ci_high"] < 1
    # A domain of one cluster has no degree of freedom (1 cluster - 1 stratum): no
    # interval, not a made-up one, also where the share is 0 (c0) or 1 (c9).
    by_cluster = ind.mean_by(design, "share_trained", by="cluster")
    by_cluster = by_cluster.loc[by_cluster["group"] == "cluster"]
    assert len(by_cluster) == 12 and by_cluster["estimate"].notna().all()
    assert by_cluster[["ci_low", "ci_high"]].isna().all().all()
