"""Benchmark: analysis.survey on 1 000 000 respondents, 20 strata, 2 000 clusters.

Times (best of several repeats, ``time.perf_counter``) design construction, a weighted mean
with SE, 8 domain means with SEs, raking to two margins, and a mean on the raked design;
then the same workload through svy and samplics where they can do it, with the ratios.
Targets: mean and domain means well under 0.1 s each, raking under 1 s.

Then the estimators added for R parity, each beside R's survey package in the same run
(``benchmarks/bench_survey_r.R`` via ``Rscript`` on the same data, written to a temporary
CSV; R's time excludes reading it): bootstrap and JK1 replicates (100 each) and a mean on
them (target <= 1 s), a median with its Woodruff CI (<= 0.5 s), Rao-Scott on an 8 x 5
table (<= 0.2 s), linear calibration on 3 auxiliaries (<= 0.3 s), a ratio.

Run: ``python benchmarks/bench_survey.py`` (needs svy, polars and samplics for the
comparison columns and ``Rscript`` with the survey package for the R column; without them
only our timings are printed). ``--no-r`` skips R.
"""

from __future__ import annotations

import platform
import time
import warnings
from functools import partial

import numpy as np
import pandas as pd
import timing  # benchmarks/timing.py: the script's folder is on the path

from analysis.survey import Design

N_ROWS, N_STRATA, N_CLUSTERS, N_DOMAINS = 1_000_000, 20, 2_000, 8
OURS_REPEATS, OTHER_REPEATS = 7, 3
CAP_SECONDS = 20.0  # an external run slower than this is timed once, not repeated


def make_data(seed: int = 20261123) -> pd.DataFrame:
    """Seeded respondents: 100 clusters per stratum, cluster effects, unequal weights."""
    rng = np.random.default_rng(seed)
    cluster = rng.integers(0, N_CLUSTERS, N_ROWS)
    stratum = cluster % N_STRATA
    effect = rng.normal(0, 3, N_CLUSTERS)
    return pd.DataFrame({
        "stratum": stratum,
        "cluster": cluster,
        "w": rng.uniform(50, 150, N_ROWS) * (1 + stratum / N_STRATA),
        "y": 50 + effect[cluster] + rng.normal(0, 10, N_ROWS),
        "dom": rng.integers(0, N_DOMAINS, N_ROWS),
        "sex": rng.choice(["F", "M"], N_ROWS),
        "age": rng.choice(["16-34", "35-54", "55-74", "75+"], N_ROWS),
        # drawn after the columns above, which stay as they were
        "grp": rng.integers(0, 5, N_ROWS),
        "x1": rng.gamma(2.0, 10.0, N_ROWS),
        "x2": rng.normal(100, 15, N_ROWS),
        "vpsu": cluster % 100,  # 100 variance units for JK1 with 100 replicates
    })


def margins(df: pd.DataFrame) -> dict:
    total = float(df["w"].sum()) * 1.05
    return {"sex": {"F": 0.51 * total, "M": 0.49 * total},
            "age": {"16-34": 0.30 * total, "35-54": 0.33 * total, "55-74": 0.25 * total,
                    "75+": 0.12 * total}}


best = partial(timing.best, cap_seconds=CAP_SECONDS)


def run_ours(df: pd.DataFrame) -> dict[str, tuple[float, object]]:
    out = {"construct": best(lambda: Design(df, weights="w", strata="stratum",
                                            cluster="cluster"), OURS_REPEATS)}
    d = out["construct"][1]
    out["mean"] = best(lambda: d.mean("y"), OURS_REPEATS)
    out["domains"] = best(lambda: d.mean("y", by="dom"), OURS_REPEATS)

    def cold_domains():
        fresh = Design(df, weights="w", strata="stratum", cluster="cluster")
        start = time.perf_counter()
        fresh.mean("y", by="dom")
        return time.perf_counter() - start

    out["domains, first call"] = (min(cold_domains() for _ in range(3)), None)
    out["rake"] = best(lambda: d.rake(margins(df)), OURS_REPEATS)
    raked = out["rake"][1]
    out["raked mean"] = best(lambda: raked.mean("y"), OURS_REPEATS)
    return out


def run_svy(df: pd.DataFrame) -> dict[str, tuple[float, object]] | str:
    try:
        import polars as pl
        import svy
    except ImportError as exc:
        return f"svy not available ({exc})"
    start = time.perf_counter()
    frame = pl.from_pandas(df)
    convert = time.perf_counter() - start
    out: dict = {"convert": (convert, None)}
    spec = svy.Design(stratum="stratum", psu="cluster", wgt="w")
    out["construct"] = best(lambda: svy.Sample(frame, spec), OTHER_REPEATS)
    s = out["construct"][1]
    out["mean"] = best(lambda: s.estimation.mean("y").to_polars(), OTHER_REPEATS)
    out["domains"] = best(lambda: s.estimation.mean("y", by="dom").to_polars(),
                          OTHER_REPEATS)
    out["rake"] = best(lambda: s.weighting.rake(controls=margins(df), wgt_name="rk"),
                       OTHER_REPEATS)
    raked = out["rake"][1]
    out["raked mean"] = best(lambda: raked.estimation.mean("y").to_polars(), OTHER_REPEATS)
    return out


def run_samplics(df: pd.DataFrame) -> dict[str, tuple[float, object]] | str:
    try:
        import samplics
    except ImportError as exc:
        return f"samplics not available ({exc})"
    y, w = df["y"].to_numpy(), df["w"].to_numpy()
    strat, psu, dom = (df[c].to_numpy() for c in ("stratum", "cluster", "dom"))

    def mean(domain=None):
        est = samplics.TaylorEstimator(samplics.PopParam.mean)
        est.estimate(y=y, samp_weight=w, stratum=strat, psu=psu, domain=domain)
        return est

    def rake():
        return samplics.SampleWeight().rake(
            samp_weight=w, margins={"sex": df["sex"].to_numpy(), "age": df["age"].to_numpy()},
            control=margins(df))

    return {"mean": best(mean, OTHER_REPEATS),
            "domains": best(lambda: mean(dom), OTHER_REPEATS),
            "rake": best(rake, OTHER_REPEATS)}


def agreement(ours: dict, svy_out, samplics_out) -> list[str]:
    """Largest relative SE differences against the other tools (sanity, not timing)."""
    lines = []
    se = float(ours["mean"][1]["se"].iloc[0])
    dom_se = ours["domains"][1]["se"].to_numpy()
    raked_se = float(ours["raked mean"][1]["se"].iloc[0])
    if isinstance(svy_out, dict):
        s_dom = svy_out["domains"][1].sort("dom")["se"].to_numpy()
        lines.append(
            f"svy:      mean SE rel. diff {abs(svy_out['mean'][1]['se'][0] / se - 1):.1e}, "
            f"domain SEs {np.max(np.abs(s_dom / dom_se - 1)):.1e}, "
            f"raked mean SE {abs(svy_out['raked mean'][1]['se'][0] / raked_se - 1):.1e}")
    if isinstance(samplics_out, dict):
        sm = samplics_out["domains"][1]
        s_dom = np.array([sm.stderror[k] for k in sorted(sm.stderror)])
        lines.append(
            f"samplics: mean SE rel. diff {abs(samplics_out['mean'][1].stderror / se - 1):.1e}, "
            f"domain SEs {np.max(np.abs(s_dom / dom_se - 1)):.1e} (raking: weights only)")
    return lines


CAL_TOTALS_FACTORS = {"x1": 1.02, "x2": 0.99}


def run_new(df: pd.DataFrame) -> dict[str, tuple[float, object]]:
    """The estimators added for R parity (our side)."""
    d = Design(df, weights="w", strata="stratum", cluster="cluster")
    out = {"bootstrap build": best(lambda: d.replicate("bootstrap", replicates=100, seed=1),
                                   OURS_REPEATS)}
    boot = out["bootstrap build"][1]
    out["bootstrap mean"] = best(lambda: boot.mean("y"), OURS_REPEATS)
    d1 = Design(df, weights="w", cluster="vpsu")
    out["JK1 build"] = best(lambda: d1.replicate("JK1"), OURS_REPEATS)
    jk1 = out["JK1 build"][1]
    out["JK1 mean"] = best(lambda: jk1.mean("y"), OURS_REPEATS)
    out["median + CI"] = best(lambda: d.median("y"), OURS_REPEATS)
    out["Rao-Scott 8x5"] = best(lambda: d.chisq("dom", "grp"), OURS_REPEATS)
    total = 1.05 * float(df["w"].sum())
    totals = {"sex": {"F": 0.51 * total, "M": 0.49 * total}}
    for col, factor in CAL_TOTALS_FACTORS.items():
        totals[col] = 1.05 * float(df["w"] @ df[col]) * factor
    out["linear calibration"] = best(lambda: d.calibrate(totals), OURS_REPEATS)
    out["ratio"] = best(lambda: d.ratio("y", "x1"), OURS_REPEATS)
    return out


def run_r(df: pd.DataFrame) -> dict[str, float] | str:
    """R's survey on the same data (timings printed by bench_survey_r.R)."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    if shutil.which("Rscript") is None:
        return "R not available (no Rscript on PATH)"
    script = Path(__file__).with_name("bench_survey_r.R")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        df.to_csv(path, index=False)
        proc = subprocess.run(["Rscript", str(script), str(path), "2"], capture_output=True,
                              text=True, check=False)
    if proc.returncode != 0:
        return f"R failed: {proc.stderr.strip().splitlines()[-1:]}"
    out: dict = {}
    for line in proc.stdout.splitlines():
        if line.startswith("versions"):
            out["versions"] = line.removeprefix("versions ").strip()
            continue
        *words, seconds = line.split()
        out[" ".join(words)] = float(seconds)
    return out


def report_new(new: dict, r_out) -> None:
    targets = {"bootstrap mean": 1.0, "JK1 mean": 1.0, "median + CI": 0.5,
               "Rao-Scott 8x5": 0.2, "linear calibration": 0.3}
    print(f"\n{'new estimator':30} {'ours':>10} {'R survey':>10} {'R / ours':>9} {'target':>8}")
    for key, (mine, _) in new.items():
        cells = [f"{mine * 1000:8.1f}ms"]
        if isinstance(r_out, dict) and key in r_out:
            cells += [f"{r_out[key] * 1000:8.0f}ms", f"{r_out[key] / mine:8.1f}x"]
        else:
            cells += [f"{'n/a':>10}", f"{'':>9}"]
        target = targets.get(key)
        cells.append(f"{target:7.1f}s" if target else f"{'':>8}")
        print(f"{key:30} " + " ".join(cells))
    if isinstance(r_out, dict):
        print(f"(R: {r_out.get('versions', '')}, best of 2, reading the CSV not included)")
    else:
        print(r_out)


def main() -> None:
    import sys

    warnings.simplefilter("ignore")  # samplics announces it is archived
    start = time.perf_counter()
    df = make_data()
    print(f"data: {N_ROWS:,} rows, {N_STRATA} strata, {N_CLUSTERS:,} clusters, "
          f"{N_DOMAINS} domains (generated in {time.perf_counter() - start:.1f} s)")
    ours = run_ours(df)
    svy_out = run_svy(df)
    samplics_out = run_samplics(df)

    rows = [("design construction", "construct"), ("weighted mean + SE", "mean"),
            (f"{N_DOMAINS} domain means + SEs", "domains"),
            ("  the same, first call", "domains, first call"),
            ("raking, two margins", "rake"),
            ("mean + SE on raked design", "raked mean")]
    print(f"\n{'step':30} {'ours':>10} {'svy':>10} {'ratio':>7} {'samplics':>10} {'ratio':>7}")
    for label, key in rows:
        mine = ours[key][0]
        cells = [f"{mine * 1000:8.1f}ms"]
        for other in (svy_out, samplics_out):
            if isinstance(other, dict) and key in other:
                t = other[key][0]
                cells += [f"{t * 1000:8.1f}ms", f"{t / mine:6.1f}x"]
            else:
                cells += [f"{'n/a':>10}", f"{'':>7}"]
        print(f"{label:30} " + " ".join(cells))
    if isinstance(svy_out, dict):
        print(f"(svy also needs pandas -> polars: {svy_out['convert'][0] * 1000:.0f} ms, "
              "not included above)")
    for msg in (svy_out, samplics_out):
        if isinstance(msg, str):
            print(msg)
    for line in agreement(ours, svy_out, samplics_out):
        print(line)
    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}",
                f"pandas {pd.__version__}"]
    for mod in ("svy", "samplics"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except ImportError:
            pass
    print("(first call: includes factorising the domain column, cached by the design)")
    print(f"\nbest of {OURS_REPEATS} (ours) / {OTHER_REPEATS} (others); "
          f"{platform.machine()}, {', '.join(versions)}")
    new = run_new(df)
    r_out = "R skipped (--no-r)" if "--no-r" in sys.argv else run_r(df)
    report_new(new, r_out)


if __name__ == "__main__":
    main()
