"""Fixtures for the survey tests: R's API example data and seeded synthetic designs."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.paths import PROJECT_ROOT

API_DIR = PROJECT_ROOT.parent / "shared" / "reference-data" / "api"


def load_api(name: str) -> pd.DataFrame:
    """One of R's API example data sets (exported to ``reference/data`` by
    ``reference/export_data.R``), dots in column names turned into underscores."""
    path = PROJECT_ROOT / "tests" / "survey" / "reference" / "data" / f"{name}.csv"
    if not path.exists():
        path = API_DIR / f"{name}.csv"
    if not path.exists():
        pytest.skip(f"R's API example data file {path} is not available (it lives in the "
                    "shared reference-data folder next to the project)")
    df = pd.read_csv(path, na_values="NA", keep_default_na=False)
    return df.rename(columns=lambda c: c.replace(".", "_"))


@pytest.fixture(scope="session")
def apistrat() -> pd.DataFrame:
    return load_api("apistrat")


@pytest.fixture(scope="session")
def apiclus1() -> pd.DataFrame:
    return load_api("apiclus1")


def make_survey(seed: int, n_strata: int = 4, min_psu: int = 3, max_psu: int = 7,
                min_rows: int = 2, max_rows: int = 9, nan_share: float = 0.1) -> pd.DataFrame:
    """A stratified cluster sample with unequal weights, an fpc and item non-response.

    Cluster labels repeat across strata (clusters are nested in strata). ``N`` is the
    population number of clusters in the stratum.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for h in range(n_strata):
        n_psu = int(rng.integers(min_psu, max_psu + 1))
        pop_psu = n_psu * int(rng.integers(2, 9))
        for j in range(n_psu):
            k = int(rng.integers(min_rows, max_rows + 1))
            parts.append(pd.DataFrame({"stratum": f"s{h}", "cluster": j, "h": h,
                                       "N": pop_psu,
                                       "effect": rng.normal(0, 1.5)}, index=range(k)))
    df = pd.concat(parts, ignore_index=True)
    n = len(df)
    df["w"] = rng.uniform(1.0, 6.0, n) * (1 + df["h"])
    df["x1"] = rng.normal(0, 1, n)
    df["y"] = 10 + df["h"] + df["effect"] + 1.5 * df["x1"] + rng.normal(0, 2, n)
    df["y_full"] = df["y"]
    df.loc[rng.random(n) < nan_share, "y"] = np.nan
    df["sex"] = rng.choice(["F", "M"], n)
    df["age"] = rng.choice(["a", "b", "c"], n, p=[0.3, 0.3, 0.4])
    df["region"] = rng.choice(["north", "south", "east", "west"], n)
    eta = -0.4 + 0.8 * df["x1"] + 0.5 * (df["sex"] == "M") + 0.3 * df["effect"]
    df["event"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    return df.drop(columns=["effect"])


@pytest.fixture(scope="module")
def survey_df() -> pd.DataFrame:
    """One seeded synthetic stratified cluster sample (about 150 rows, 4 strata)."""
    return make_survey(20261123)


@pytest.fixture(scope="session")
def survey_factory():
    """``make_survey`` for tests that need other seeds or sizes."""
    return make_survey


def svy_sample(df: pd.DataFrame, fpc: bool = True, **design):
    """The same design in svy (the independent reference implementation)."""
    polars = pytest.importorskip("polars")
    svy = pytest.importorskip("svy")
    spec = {"stratum": "stratum", "psu": "cluster", "wgt": "w"}
    if fpc:
        spec["pop_size"] = "N"
    spec.update(design)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return svy.Sample(polars.from_pandas(df), svy.Design(**spec))


@pytest.fixture(scope="session")
def svy_of():
    """``svy_sample`` as a fixture (helpers in conftest are not importable by name)."""
    return svy_sample


REFERENCE_DIR = PROJECT_ROOT / "tests" / "survey" / "reference"


def load_r_data(name: str) -> pd.DataFrame:
    """An R survey example data set exported by ``reference/export_data.R`` (dots in
    column names turned into underscores)."""
    df = pd.read_csv(REFERENCE_DIR / "data" / f"{name}.csv", na_values="NA",
                     keep_default_na=False)
    return df.rename(columns=lambda c: c.replace(".", "_"))


class RFigures:
    """Figures saved by a reference script ``reference/<name>.R`` (its ``<name>.csv``)."""

    def __init__(self, name: str) -> None:
        table = pd.read_csv(REFERENCE_DIR / f"{name}.csv")
        self.name = name
        self.values = dict(zip(table["key"], table["value"].astype(float), strict=True))

    def __getitem__(self, key: str) -> float:
        return self.values[key]

    def vector(self, key: str) -> np.ndarray:
        out, i = [], 1
        while f"{key}[{i}]" in self.values:
            out.append(self.values[f"{key}[{i}]"])
            i += 1
        if not out:
            raise KeyError(key)
        return np.array(out)

    def check(self, value: float, key: str, digits: int = 5) -> None:
        """``value`` equals R's figure to ``digits`` significant digits (R prints 5 for
        test statistics and 7 for estimates), with a tiny slack for the last bit."""
        expected = self.values[key]
        if not np.isfinite(expected):
            assert not np.isfinite(value), (key, value, expected)
            return
        scale = abs(expected) if expected != 0 else 1.0
        tol = 0.5 * 10.0 ** (np.floor(np.log10(scale)) - digits + 1)
        assert abs(value - expected) <= tol + 1e-12 * scale, (key, value, expected)


@pytest.fixture(scope="session")
def r_figures():
    """``r_figures(name)`` gives the :class:`RFigures` of reference script ``name``."""
    cache: dict[str, RFigures] = {}

    def get(name: str) -> RFigures:
        if name not in cache:
            cache[name] = RFigures(name)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def r_data():
    """``r_data(name)``: an exported R example data set as a DataFrame."""
    return load_r_data
