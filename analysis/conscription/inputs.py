"""Data contracts of the input files: the outbreak scenario (demand) and the county table.

An analyst can replace the shipped illustrative demand files with real extracts (FHI's
surveillance figures, Statistics Norway's population and centrality); ``data/conscription/
README.md`` documents the contract. The file is read, never modified. The first breach of
the contract (in file order) stops the run with one :class:`~analysis.errors.DataFileError`
sentence naming the file, the CSV line (the header is line 1), the column and the rule,
for example::

    data/conscription/x.csv, line 4, column 'share_staff_isolated': 1.3 is outside 0–1.

Reading and parsing (delimiter and decimal mark, line numbers, cell kinds) are shared
with the other families in :mod:`analysis.csvfiles`; a cell that cannot be read is
reported there. The value rules are a pandera schema (:func:`demand_schema`), so the
contract is written once and can be inspected.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis import csvfiles
from analysis.csvfiles import Field, parse_strict
from analysis.errors import DataFileError
from analysis.paths import DATA_DIR

CONSCRIPTION_DATA = DATA_DIR / "conscription"
COUNTIES_FILE = CONSCRIPTION_DATA / "counties.csv"

# A municipality's population may exceed its county's 1 January 2020 population by this
# factor at most, so that extracts from 2021–2023 (same county structure) still pass.
COUNTY_GROWTH_MARGIN = 1.10

DEMAND_FIELDS: tuple[Field, ...] = (
    Field("municipality_number", "code4", "Kommunenr.",
          "Municipality number, four digits (2020–2023 structure), as text: 0301, not 301",
          "four digits whose first two are a 2020 county number"),
    Field("municipality_name", "text", "Kommune", "Municipality name", "not empty"),
    Field("population", "int", "Innbyggere", "Inhabitants", "a whole number of at least 1"),
    Field("centrality", "int", "Sentralitet",
          "Statistics Norway's centrality class, 1 (most central) to 6 (least central)",
          "a whole number from 1 to 6"),
    Field("infected_per_100k", "float", "Smittede per 100 000 (14 dager)",
          "Confirmed cases over the last 14 days per 100 000 inhabitants", "0 or more"),
    Field("infected_admitted", "int", "Smittede innlagt i kommunale institusjoner",
          "Infected people now admitted to municipal institutions (nursing homes, "
          "municipal acute beds)", "a whole number, 0 or more"),
    Field("institution_outbreaks", "int", "Utbrudd i kommunale institusjoner",
          "Ongoing outbreaks in municipal institutions", "a whole number, 0 or more"),
    Field("share_staff_isolated", "share", "Andel helsepersonell i isolasjon/karantene",
          "Share of the municipality's health and care staff in isolation or quarantine",
          "a share from 0 to 1"),
    Field("share_unknown_route", "share", "Andel smittede med ukjent smittevei",
          "Share of the last 14 days' cases whose route of infection is unknown",
          "a share from 0 to 1"),
    Field("temp_agreements_exhausted", "bool", "Egne vikaravtaler brukt opp",
          "Whether the municipality has exhausted its own temp agreements",
          "ja or nei (also true/false, yes/no, 1/0)"),
)
DEMAND_COLUMNS = tuple(f.name for f in DEMAND_FIELDS)

COUNTY_FIELDS: tuple[Field, ...] = (
    Field("county_number", "code2", "Fylkesnr.", "County number (2020–2023)", "two digits"),
    Field("county_name", "text", "Fylke", "County name", "not empty"),
    Field("population_2020", "int", "Innbyggere 1.1.2020",
          "Population on 1 January 2020 (Statistics Norway, table 07459)",
          "a whole number of at least 1"),
    Field("health_region", "text", "Regionalt helseforetak",
          "Regional health authority serving most of the county", "not empty"),
)


# --------------------------------------------------------------------------- contracts
# Each check's ``error`` is a key into _RULES, which turns the offending raw text into the
# end of the error sentence.
_RULES = {
    "code4": lambda v: f"{v} is not a four-digit municipality number (write 0301, not 301)",
    "code2": lambda v: f"{v} is not a two-digit county number (write 03, not 3)",
    "county": lambda v: (
        f"{v} is not a municipality number of the 2020 county structure: its first two "
        f"digits ({v[:2]}) are not a county number in data/conscription/counties.csv "
        f"({', '.join(county_numbers())})"
    ),
    "positive": lambda v: f"{v} is not a whole number of at least 1",
    "negative": lambda v: f"{v} is negative; it must be 0 or more",
    "centrality": lambda v: f"{v} is outside 1–6 (Statistics Norway's centrality classes)",
    "share": lambda v: f"{v} is outside 0–1 (give shares as decimals: 0.05 for 5 %)",
    "empty": lambda v: "the value is empty",
}


def demand_schema() -> pa.DataFrameSchema:
    """The value rules of a demand file, as a pandera schema (types are parsed first)."""
    counties = county_numbers()
    return pa.DataFrameSchema(
        {
            "municipality_number": pa.Column(str, [
                pa.Check.str_matches(r"^\d{4}$", error="code4"),
                pa.Check(lambda s: s.str[:2].isin(counties), error="county"),
            ]),
            "municipality_name": pa.Column(str, pa.Check.str_length(min_value=1,
                                                                    error="empty")),
            "population": pa.Column(int, pa.Check.ge(1, error="positive")),
            "centrality": pa.Column(int, pa.Check.in_range(1, 6, error="centrality")),
            "infected_per_100k": pa.Column(float, pa.Check.ge(0, error="negative")),
            "infected_admitted": pa.Column(int, pa.Check.ge(0, error="negative")),
            "institution_outbreaks": pa.Column(int, pa.Check.ge(0, error="negative")),
            "share_staff_isolated": pa.Column(float, pa.Check.in_range(0, 1, error="share")),
            "share_unknown_route": pa.Column(float, pa.Check.in_range(0, 1, error="share")),
            "temp_agreements_exhausted": pa.Column(bool),
        },
        strict=True,
        ordered=False,
        coerce=False,
    )


def county_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "county_number": pa.Column(str, pa.Check.str_matches(r"^\d{2}$", error="code2")),
            "county_name": pa.Column(str, pa.Check.str_length(min_value=1, error="empty")),
            "population_2020": pa.Column(int, pa.Check.ge(1, error="positive")),
            "health_region": pa.Column(str, pa.Check.str_length(min_value=1, error="empty")),
        },
        strict=True,
    )


def _check(schema: pa.DataFrameSchema, typed: pd.DataFrame, raw: pd.DataFrame,
           lines: list[int], fields: tuple[Field, ...], shown: str) -> None:
    """Raise one DataFileError for the first breach (by line, then column order)."""
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna() & cases["column"].notna()].copy()
        if cases.empty:  # a schema-level problem; the parser should have caught it
            raise DataFileError(f"{shown}: {str(exc).splitlines()[0]}") from None
        order = {f.name: i for i, f in enumerate(fields)}
        cases["row"] = cases["index"].astype(int)
        cases["col_order"] = cases["column"].map(order)
        first = cases.sort_values(["row", "col_order"]).iloc[0]
        column, row = first["column"], int(first["row"])
        rule = _RULES.get(str(first["check"]))
        value = raw.at[row, column]
        text = rule(value) if rule else f"{value} breaks the rule {first['check']}"
        raise DataFileError(f"{shown}, line {lines[row]}, column '{column}': {text}."
                            ) from None


# ------------------------------------------------------------------------------ loaders
@cache
def _counties_cached(path_text: str) -> pd.DataFrame:
    typed, raw, lines = parse_strict(path_text, COUNTY_FIELDS)
    shown = csvfiles.shown(path_text)
    _check(county_schema(), typed, raw, lines, COUNTY_FIELDS, shown)
    dupes = typed["county_number"].duplicated()
    if dupes.any():
        row = int(dupes.idxmax())
        raise DataFileError(f"{shown}, line {lines[row]}, column 'county_number': "
                            f"{raw.at[row, 'county_number']} appears twice.")
    return typed


def load_counties(path_text: str | Path = COUNTIES_FILE) -> pd.DataFrame:
    """The 2020 county table: number, name, population on 1 January 2020, health region."""
    return _counties_cached(str(path_text)).copy()


def county_numbers() -> list[str]:
    """Two-digit county numbers of the 2020–2023 structure, from the county table."""
    return list(load_counties()["county_number"])


def load_demand(path_text: str | Path) -> pd.DataFrame:
    """Read and check an outbreak scenario's demand file.

    Returns one row per municipality with the contract's columns (typed), plus
    ``county_number``, ``county_name``, ``health_region`` and ``line`` (its CSV line).
    Raises :class:`DataFileError` naming the file, line, column and rule on the first
    breach of the contract. The file is only read.
    """
    shown = csvfiles.shown(path_text)
    typed, raw, lines = parse_strict(path_text, DEMAND_FIELDS)
    _check(demand_schema(), typed, raw, lines, DEMAND_FIELDS, shown)
    dupes = typed["municipality_number"].duplicated(keep="first")
    if dupes.any():
        row = int(dupes.idxmax())
        number = typed.at[row, "municipality_number"]
        first = lines[int((typed["municipality_number"] == number).idxmax())]
        raise DataFileError(f"{shown}, line {lines[row]}, column 'municipality_number': "
                            f"{number} appears twice (first on line {first}).")
    counties = load_counties().set_index("county_number")
    out = typed.copy()
    out["county_number"] = out["municipality_number"].str[:2]
    out = out.join(counties, on="county_number")
    too_big = out["population"] > COUNTY_GROWTH_MARGIN * out["population_2020"]
    if too_big.any():
        row = int(too_big.idxmax())
        r = out.loc[row]
        raise DataFileError(
            f"{shown}, line {lines[row]}, column 'population': {raw.at[row, 'population']} "
            f"is more than its county ({r['county_name']}, {int(r['population_2020'])} "
            f"inhabitants on 1 January 2020) allows, even with "
            f"{round((COUNTY_GROWTH_MARGIN - 1) * 100)} % growth."
        )
    out["line"] = lines
    return out.drop(columns=["population_2020"]).reset_index(drop=True)


def is_illustrative(demand: pd.DataFrame) -> bool:
    """Whether the demand data are illustrative: every shipped illustrative municipality
    carries "(illustrativ)" in its name (see data/conscription/README.md)."""
    return bool(demand["municipality_name"].str.contains("illustrativ", case=False).any())
