"""Build the shipped municipality files from public copies of SSB and FHI data.

    python -m analysis.municipalities.build --source DIR [--out data/municipalities]

``DIR`` holds the public files listed in :data:`INPUTS` (their provenance:
``data/municipalities/README.md``); each is checked against its SHA-256 before use, so a
build from other bytes fails instead of silently shipping different figures. The output
is deterministic: the same inputs give the same bytes (the gzip header carries no time
or file name), which a test checks where the inputs are present.

Written:

- ``register.csv``: the 356 municipalities of 2020–2023 (see :mod:`.register`);
- ``msis_weekly_cases.csv.gz``: MSIS cases by registration date, per municipality and
  ISO week;
- ``national_daily_cases.csv``: Norway's daily MSIS cases by registration date and by
  test date.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
from pathlib import Path

import pandas as pd

from analysis import csvfiles
from analysis.errors import AnalysisError, DataFileError
from analysis.municipalities.names import aliases, normalise
from analysis.paths import DATA_DIR

OUT_DIR = DATA_DIR / "municipalities"
COUNTIES_FILE = DATA_DIR / "conscription" / "counties.csv"

REGISTER = "register.csv"
WEEKLY = "msis_weekly_cases.csv.gz"
DAILY = "national_daily_cases.csv"

# Inputs (relative to --source) and their SHA-256, as published with the copies.
INPUTS = {
    "raw/Personer2020.csv":
        "743159464e7f0e003df8d2f50239c73996926a1519e649db13e26ac3a72287fc",
    "raw/kommune_sentralitet.csv":
        "cb556780440c15bedafd48d27cc7eb955b58b577ed6b412666cd8186cb4373e7",
    "norway_locations_b2020.csv":
        "cfc5fb0cbff4d8dfa4c3bcfb4eb69f9b30206a11f85ea7022b0840b9ae723385",
    "msis_cases_by_municipality_week_b2020.csv.gz":
        "56745829f29e1519edf34f6ff4bddf1cb1157eb1844726856d3e6c40342aabc9",
    "covid_nation_county_daily_b2020.csv.gz":
        "c7bcbb8ea66edb52514d606681e0108f35e64d2d07f75404ec9bf6a8b6cbb80b",
}

# SSB's names as the Latin-1 copy of table 07459 spells them, corrected where the copy
# lost letters Latin-1 cannot hold (ŋ, š), lost letters outright, or wrote a parallel
# name without the spaces SSB uses elsewhere.
NAME_FIXES = {
    "5006": "Steinkjer",  # the copy has "teinkj"
    "5436": "Porsanger - Porsáŋgu - Porsanki",
    "5437": "Kárášjohka - Karasjok",
    "5441": "Deatnu - Tana",
    "5442": "Unjárga - Nesseby",
}

# Counties split in 2024 and their successors; every other county kept its numbers.
SPLIT_2024 = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}
# 2024 numbers the name rule cannot find: Tjeldsund has only its Sami name in the 2024
# file; Ålesund (which in 2020–2023 included Haram, split off again in 2024) was
# renumbered inside its county.
SPECIAL_2024 = {"5412": "5512", "1507": "1508"}


class BuildError(AnalysisError):
    """The inputs are not the expected public files, or do not fit together."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_inputs(source: Path) -> None:
    for rel, digest in INPUTS.items():
        path = source / rel
        if not path.is_file():
            raise BuildError(f"{rel}: not found under the --source folder.")
        if sha256(path) != digest:
            raise BuildError(f"{rel}: its SHA-256 is not that of the published copy "
                             f"({digest[:12]}…); the build uses only the listed bytes.")


# ------------------------------------------------------------------------------ readers
def population(source: Path) -> pd.DataFrame:
    """Number, SSB name and population on 1 January 2020 of the 356 municipalities."""
    raw = pd.read_csv(source / "raw/Personer2020.csv", sep="\t", encoding="latin-1",
                      dtype=str)
    raw.columns = ["region", "age", "persons"]
    parts = raw["region"].str.extract(r"^K-(\d{4}) (.+)$")
    raw["municipality_number"] = parts[0]
    raw["municipality_name"] = parts[1].str.replace("\xa0", " ").str.strip()
    raw = raw[raw["municipality_number"].notna()].copy()  # drops Svalbard, shelf, rest
    raw["persons"] = raw["persons"].astype(int)
    out = (raw.groupby(["municipality_number", "municipality_name"], as_index=False)
           ["persons"].sum().rename(columns={"persons": "population_2020"}))
    fixed = out["municipality_number"].map(NAME_FIXES)
    out["municipality_name"] = fixed.fillna(out["municipality_name"])
    return out


def locations(source: Path) -> pd.DataFrame:
    loc = pd.read_csv(source / "norway_locations_b2020.csv", dtype=str)
    return pd.DataFrame({
        "municipality_number": loc["municip_code"].str.removeprefix("municip"),
        "fhi_name": loc["municip_name"],
        "county_number": loc["county_code"].str.removeprefix("county"),
        "county_name": loc["county_name"],
    })


def centrality_2024(source: Path) -> pd.DataFrame:
    c = pd.read_csv(source / "raw/kommune_sentralitet.csv", dtype=str)
    return pd.DataFrame({"number_2024": c["kommune_code"], "name_2024": c["kommune"],
                         "centrality": c["sentralitet"].astype(int)})


def number_2024(row: pd.Series, cent: pd.DataFrame) -> str:
    """The 2024 number of a 2020 municipality (see the module constants)."""
    number, county = row["municipality_number"], row["county_number"]
    if number in SPECIAL_2024:
        return SPECIAL_2024[number]
    if county not in SPLIT_2024:
        if number not in set(cent["number_2024"]):
            raise BuildError(f"{number} {row['municipality_name']}: not in the 2024 file.")
        return number
    known = aliases(row["municipality_name"], row["fhi_name"])
    candidates = cent[cent["number_2024"].str[:2].isin(SPLIT_2024[county])
                      & cent["name_2024"].map(lambda n: normalise(n) in known)]
    if len(candidates) != 1:
        raise BuildError(f"{number} {row['municipality_name']}: {len(candidates)} "
                         "municipalities of that name in the successor counties in 2024.")
    return str(candidates["number_2024"].iloc[0])


def build_register(source: Path, counties_file: Path = COUNTIES_FILE) -> pd.DataFrame:
    pop = population(source)
    loc = locations(source)
    reg = pop.merge(loc, on="municipality_number", how="outer", validate="1:1",
                    indicator=True)
    if not (reg["_merge"] == "both").all():
        raise BuildError("The population and location files list different municipalities.")
    cent = centrality_2024(source)
    reg["municipality_number_2024"] = reg.apply(number_2024, axis=1, cent=cent)
    if reg["municipality_number_2024"].duplicated().any():
        raise BuildError("Two 2020 municipalities map to the same 2024 number.")
    reg = reg.merge(cent.rename(columns={"number_2024": "municipality_number_2024",
                                         "name_2024": "municipality_name_2024"}),
                    on="municipality_number_2024", how="left", validate="1:1")
    counties = pd.read_csv(counties_file, dtype={"county_number": str})
    reg = reg.merge(counties[["county_number", "health_region", "population_2020"]]
                    .rename(columns={"population_2020": "county_population_2020"}),
                    on="county_number", how="left", validate="m:1")
    totals = reg.groupby("county_number")["population_2020"].sum()
    check = counties.set_index("county_number")["population_2020"]
    if not totals.sort_index().equals(check.sort_index()):
        raise BuildError("County totals of the register differ from counties.csv.")
    columns = ["municipality_number", "municipality_name", "county_number", "county_name",
               "population_2020", "centrality", "health_region",
               "municipality_number_2024", "municipality_name_2024"]
    return reg[columns].sort_values("municipality_number").reset_index(drop=True)


def weekly_cases(source: Path, numbers: set[str]) -> pd.DataFrame:
    w = pd.read_csv(source / "msis_cases_by_municipality_week_b2020.csv.gz",
                    dtype={"municipality_number": str, "isoyearweek": str},
                    keep_default_na=False)
    if set(w["municipality_number"]) != numbers:
        raise BuildError("The weekly MSIS file does not cover exactly the register.")
    w = w.rename(columns={"isoyearweek": "iso_week",
                          "cases_by_registration_date": "cases"})
    w["cases"] = w["cases"].replace("NA", "")
    return w.sort_values(["municipality_number", "iso_week"]).reset_index(drop=True)


def national_daily(source: Path) -> pd.DataFrame:
    d = pd.read_csv(source / "covid_nation_county_daily_b2020.csv.gz", dtype=str,
                    keep_default_na=False)
    d = d[d["granularity_geo"] == "nation"]
    out = pd.DataFrame({"date": d["date"],
                        "cases_by_registration_date": d["cases_by_regdate_n"],
                        "cases_by_test_date": d["cases_by_testdate_n"]})
    return out.sort_values("date").reset_index(drop=True)


# ------------------------------------------------------------------------------ writers
def csv_bytes(frame: pd.DataFrame) -> bytes:
    return csvfiles.csv_text(frame).encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip: no file name, time 0, fixed level."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(data)
    return buf.getvalue()


def build(source: Path, out: Path = OUT_DIR) -> dict[str, Path]:
    """Check the inputs, build the three files into ``out`` and return their paths."""
    source = Path(source)
    if not source.is_dir():
        raise BuildError(f"{source}: --source must be the folder with the public copies.")
    check_inputs(source)
    register = build_register(source)
    numbers = set(register["municipality_number"])
    files = {
        REGISTER: csv_bytes(register),
        WEEKLY: gzip_bytes(csv_bytes(weekly_cases(source, numbers))),
        DAILY: csv_bytes(national_daily(source)),
    }
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        written[name] = path
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.municipalities.build",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", required=True,
                        help="folder with the public copies (raw/ and the CSV extracts)")
    parser.add_argument("--out", default=str(OUT_DIR),
                        help="folder to write into (default: data/municipalities)")
    args = parser.parse_args(argv)
    try:
        written = build(Path(args.source), Path(args.out))
    except (AnalysisError, DataFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, path in written.items():
        print(f"{name}: {path.stat().st_size} bytes, sha256 {sha256(path)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
