"""Every export the contract accepts gives a report: small, partial and odd exports publish,
say in one sentence what cannot be estimated, and show no withheld figure and no share
outside 0-1 in any published file.

Three cases go through the full runner (papermill, HTML page, executed notebook); the rest
execute the notebook's own code cells in this process (tables and summary.json), which
is much faster (``tests/hms/published.py``).
"""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest

from analysis.hms import indicators as ind

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


def test_twenty_random_80_row_exports_publish(tmp_path):
    columns, rows = read_rows()
    for seed in range(20):
        sample = random.Random(seed).sample(rows, 80)
        data = write_rows(tmp_path / f"sample_{seed}.csv", columns, sample)
        folder = run_in_process(tmp_path / f"out_{seed}", data_path=str(data))
        assert scan(folder, THRESHOLD) == [], seed


def test_share_intervals_stay_within_0_and_1():
    """The logit interval for 0 < p < 1, the Clopper-Pearson bound at 0 and 1 (by hand)."""
    table = pd.DataFrame({"estimate": [0.0, 1.0, 0.02, 0.5], "se": [0.0, 0.0, 0.03, 0.1],
                          "n": [12, 5, 30, 40], "ci_low": 0.0, "ci_high": 0.0})
    out = ind.bounded_ci(table, degf=20)
    # p = 0 with 12 answers: upper bound 1 - 0.025^(1/12) = 0.2646 (Clopper-Pearson)
    assert out.loc[0, ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0, 0.26465], abs=1e-5)
    # p = 1 with 5 answers: lower bound 0.025^(1/5) = 0.4782
    assert out.loc[1, ["ci_low", "ci_high"]].tolist() == pytest.approx([0.47818, 1.0], abs=1e-5)
    # p = 0.02, se 0.03: a Wald interval would go below 0 (0.02 - 2.086 * 0.03 < 0)
    assert 0 < out.loc[2, "ci_low"] < 0.02 < out.loc[2, "ci_high"] < 1
    # p = 0.5, se 0.1, t(20) = 2.0860: expit(±2.0860 * 0.1 / 0.25) = 0.3027 .. 0.6973
    assert out.loc[3, ["ci_low", "ci_high"]].tolist() == pytest.approx([0.30272, 0.69728],
                                                                      abs=1e-4)
    assert ind.bounded_ci(table, degf=0)[["ci_low", "ci_high"]].isna().all().all()
