"""Fixtures for the HMS estimation tests: a small seeded sample with the contract's columns.

The frame imitates ``analysis.hms.contract.load_respondents``: strata = industry group x
size group, clusters = enterprises with all their role-holders sampled, base weights
constant within a cluster, non-respondents with blank items, some blank answers and some
9 (vet ikke). Dtypes as the contract: nullable ``boolean`` and ``Int64``, text as ``str``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.hms import columns as c

STRATUM_INDUSTRIES = {"prod": ["A", "C", "F", "H"], "trade": ["G", "I", "J", "M"],
                      "public": ["O", "P", "Q"]}
STRATUM_SIZES = {"small": ["1-4", "5-9", "10-19"], "large": ["20-49", "50-99", "100-249", "250+"]}
OTHER_ROLES = ["employer_tasks", "verneombud", "amu_member"]


def _nullable(values: list, dtype: str) -> pd.Series:
    return pd.Series(pd.array(values, dtype=dtype))


def make_frame(seed: int, clusters: tuple[int, int] = (7, 11), people: tuple[int, int] = (2, 7),
               response: float = 0.7, blank: float = 0.08) -> pd.DataFrame:
    """A stratified cluster sample of role-holders (about 250 rows with the defaults)."""
    rng = np.random.default_rng(seed)
    rows = []
    cluster_id = 0
    for ind_group, industries in STRATUM_INDUSTRIES.items():
        for size_group, sizes in STRATUM_SIZES.items():
            stratum = f"{ind_group}_{size_group}"
            n_clusters = int(rng.integers(clusters[0], clusters[1] + 1))
            population = n_clusters * int(rng.integers(3, 30))
            for _ in range(n_clusters):
                cluster_id += 1
                industry = str(rng.choice(industries))
                size = str(rng.choice(sizes))
                sector = "public" if ind_group == "public" and rng.random() < 0.8 else "private"
                county = str(rng.choice(["03", "11", "46", "50"]))
                weight = population / n_clusters * rng.uniform(0.7, 1.4)
                # Whole enterprises tend to answer or not: cluster-level response propensity.
                propensity = float(np.clip(response + rng.normal(0, 0.2), 0.05, 0.98))
                k = int(rng.integers(people[0], people[1] + 1))
                for j in range(k):
                    role = "leader" if j == 0 else str(rng.choice(OTHER_ROLES))
                    rows.append({"stratum": stratum, "cluster": f"e{cluster_id:03d}",
                                 "industry": industry, "size_class": size, "sector": sector,
                                 "county": county, "role": role, "base_weight": weight,
                                 "stratum_population": population,
                                 "responded": rng.random() < propensity})
    df = pd.DataFrame(rows)
    n = len(df)
    resp = df["responded"].to_numpy().copy()
    # Every stratum keeps at least two responding enterprises (no lonely PSU in the tests).
    for _stratum, idx in df.groupby("stratum").groups.items():
        firsts = df.loc[idx].drop_duplicates("cluster").index[:2]
        resp[firsts] = True

    def item(p_true: np.ndarray | float) -> list:
        draw = rng.random(n) < p_true
        miss = (rng.random(n) < blank) | ~resp
        return [None if m else bool(d) for d, m in zip(draw, miss, strict=True)]

    is_vo = df["role"].isin(["verneombud", "amu_member"]).to_numpy()
    is_leader = (df["role"] == "leader").to_numpy()
    employer = item(np.where(is_leader, 0.7, 0.3))
    course = item(np.where(is_vo, 0.75, 0.1))
    other = item(0.4)
    trained_any = np.array([any(x is True for x in t) for t in zip(employer, course, other,
                                                                    strict=True)])
    hours_raw = np.where(is_vo, rng.choice([8, 16, 24, 40, 40, 45, 60], n),
                         rng.choice([2, 4, 8, 16, 40], n))
    hours = [int(h) if (t and r and rng.random() > blank) else None
             for h, t, r in zip(hours_raw, trained_any, resp, strict=True)]
    kinds = ("internal", "external_commercial", "union_employer_org", "online_self_study")
    kind = [str(rng.choice(kinds, p=[0.4, 0.3, 0.15, 0.15])) if t and r
            else None for t, r in zip(trained_any, resp, strict=True)]
    # who gave it and how: online self-study is e-learning bought from a commercial provider
    provider = [None if k is None else "external_commercial" if k == "online_self_study"
                else k for k in kind]
    training_format = [None if k is None else "online_self_study" if k == "online_self_study"
                       else "classroom" for k in kind]
    documented = item(0.6)
    likert = {}
    for name in c.LIKERT_ITEMS:
        answers = rng.choice([1, 2, 3, 4, 5, 9], n, p=[0.05, 0.1, 0.2, 0.3, 0.25, 0.1])
        miss = (rng.random(n) < blank) | ~resp
        likert[name] = [None if m else int(a) for a, m in zip(answers, miss, strict=True)]
    quiz = [None if (not r or rng.random() < blank) else int(q)
            for q, r in zip(rng.binomial(c.QUIZ_MAX, 0.6, n), resp, strict=True)]

    out = pd.DataFrame({
        c.RESPONDENT_ID: [f"r{i:04d}" for i in range(n)],
        c.ROLE: df["role"], c.SECTOR: df["sector"], c.INDUSTRY: df["industry"],
        c.SIZE_CLASS: df["size_class"], c.COUNTY: df["county"],
        c.STRATUM: df["stratum"], c.CLUSTER: df["cluster"],
        c.BASE_WEIGHT: df["base_weight"].astype(float),
        c.STRATUM_POPULATION: df["stratum_population"].astype("Int64"),
        c.RESPONSE_STATUS: np.where(resp, "respondent", "nonrespondent"),
    })
    for col in (c.ROLE, c.SECTOR, c.INDUSTRY, c.SIZE_CLASS, c.COUNTY, c.STRATUM, c.CLUSTER,
                c.RESPONSE_STATUS):
        out[col] = out[col].astype("str")
    out[c.TRAINED_EMPLOYER] = _nullable(employer, "boolean")
    out[c.TRAINED_40H] = _nullable(course, "boolean")
    out[c.TRAINED_OTHER] = _nullable(other, "boolean")
    out[c.LAST_TRAINING_YEAR] = _nullable(
        [int(rng.integers(2015, 2025)) if h is not None else None for h in hours], "Int64")
    out[c.TRAINING_HOURS] = _nullable(hours, "Int64")
    out[c.PROVIDER_TYPE] = pd.Series(provider, dtype="str")
    out[c.TRAINING_FORMAT] = pd.Series(training_format, dtype="str")
    out[c.DOCUMENTED] = _nullable(documented, "boolean")
    for name, values in likert.items():
        out[name] = _nullable(values, "Int64")
    out[c.QUIZ_SCORE] = _nullable(quiz, "Int64")
    out[c.COMMENT] = pd.Series([None] * n, dtype="str")
    return out


@pytest.fixture(scope="session")
def frame() -> pd.DataFrame:
    """The seeded sample used by most tests (do not modify it: copy first)."""
    return make_frame(20240122)


@pytest.fixture(scope="session")
def frame_factory():
    """``make_frame`` for tests that need other seeds or sizes."""
    return make_frame


def loop_variance(data: pd.DataFrame, scores, fpc: str | None = None) -> float:
    """Stratified with-replacement variance of PSU totals of ``scores``, by explicit loops.

    ``fpc`` names a column of population PSU counts per stratum (None: no correction).
    """
    psu_totals: dict[tuple, float] = {}
    for h, k, s in zip(data["stratum"], data["cluster"], scores, strict=True):
        psu_totals[(h, k)] = psu_totals.get((h, k), 0.0) + float(s)
    var = 0.0
    for h in sorted(set(data["stratum"])):
        totals = [t for (hh, _), t in psu_totals.items() if hh == h]
        n_h = len(totals)
        mean = sum(totals) / n_h
        factor = 1.0
        if fpc is not None:
            factor = 1.0 - n_h / float(data.loc[data["stratum"] == h, fpc].iloc[0])
        var += factor * n_h / (n_h - 1) * sum((t - mean) ** 2 for t in totals)
    return var


@pytest.fixture(scope="session")
def loop_var():
    """``loop_variance`` as a fixture (conftest helpers are not importable by name)."""
    return loop_variance
