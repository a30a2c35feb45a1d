"""Data contracts of the input files: the outbreak scenario (demand) and the county table.

A demand file lists the municipalities in acute staffing crisis. It is checked against
the municipality register (:mod:`analysis.municipalities.register`: Norway's 356
municipalities of 2020–2023 with SSB's population and centrality) and
``data/conscription/README.md`` documents the contract. The file is read, never modified.
A breach of the contract stops the run with one :class:`~analysis.errors.DataFileError`
sentence naming the file, the first column (in the contract's order) that breaks a rule,
every CSV line breaking it (the header is line 1) and the rule, for example::

    data/conscription/x.csv, column 'share_staff_isolated', lines 4, 9: 1.3, 2 are outside 0–1 (give shares as decimals: 0.05 for 5 %).

What is read tolerantly, each with a notice for the report (:func:`notices`): the
Norwegian column headings (:data:`HEADER_ALIASES`), whole numbers written ``3662.0``,
extra columns (kept out of the calculation), municipality numbers of the 2024 structure
(converted to 2020–2023 numbers), population and centrality left out (taken from the
register), and empty cells in the five fields no public source has per municipality
(:data:`MAY_BE_UNKNOWN`: they become NaN, "not known").

Municipalities whose name carries "(illustrativ)" are invented: their numbers must not
be a real municipality's, and they are checked only against their county. The checks
against the register and the county table are in
:mod:`analysis.conscription.register_checks`.

Reading and parsing (delimiter and decimal mark, line numbers, cell kinds) are shared
with the other families in :mod:`analysis.csvfiles`, checking and the error sentence in
:mod:`analysis.contracts`. The value rules of single cells are a pandera schema
(:func:`demand_schema`), so that part of the contract can be inspected.
"""  # noqa: E501

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis import contracts, csvfiles
from analysis.conscription.register_checks import (  # tolerances: part of the contract
    COUNTY_GROWTH_MARGIN,  # noqa: F401
    FILLED_FROM_REGISTER,
    ILLUSTRATIVE_MARK,
    POPULATION_TOLERANCE,  # noqa: F401
    RegisterCheck,
    check_county_totals,
)
from analysis.contracts import Contract, column, not_repeated, verb
from analysis.csvfiles import Field
from analysis.errors import DataFileError
from analysis.municipalities.names import normalise
from analysis.paths import DATA_DIR

CONSCRIPTION_DATA = DATA_DIR / "conscription"
COUNTIES_FILE = CONSCRIPTION_DATA / "counties.csv"

# More than 100 000 cases per 100 000 inhabitants is more cases than people.
MAX_INCIDENCE = 100_000.0

DEMAND_FIELDS: tuple[Field, ...] = (
    Field("municipality_number", "code4", "Kommunenr.",
          "Municipality number, four digits (2020–2023 structure; 2024 numbers are "
          "converted), as text: 0301, not 301",
          "a municipality of 2020–2023 or 2024 in the register, or an illustrative one"),
    Field("municipality_name", "text", "Kommune",
          "Municipality name (SSB's; any of its parallel Sami or Kven names)",
          "the name of that number in the register"),
    Field("population", "int", "Innbyggere",
          "Inhabitants; empty or left out: the register's 1 January 2020 figure (SSB)",
          "a whole number of at least 1, within 15 % of the register", optional=True),
    Field("centrality", "int", "Sentralitet",
          "Statistics Norway's centrality class, 1 (most central) to 6 (least central); "
          "empty or left out: the register's class", "a whole number from 1 to 6",
          optional=True),
    Field("infected_per_100k", "float", "Smittede per 100 000 (14 dager)",
          "Confirmed cases over the last 14 days per 100 000 inhabitants",
          "0 to 100 000"),
    Field("infected_admitted", "int", "Smittede innlagt i kommunale institusjoner",
          "Infected people now admitted to municipal institutions (nursing homes, "
          "municipal acute beds); empty: not known",
          "a whole number, 0 or more, at most the population"),
    Field("institution_outbreaks", "int", "Utbrudd i kommunale institusjoner",
          "Ongoing outbreaks in municipal institutions; empty: not known",
          "a whole number, 0 or more, at most the population"),
    Field("share_staff_isolated", "share", "Andel helsepersonell i isolasjon/karantene",
          "Share of the municipality's health and care staff in isolation or quarantine; "
          "empty: not known", "a share from 0 to 1"),
    Field("share_unknown_route", "share", "Andel smittede med ukjent smittevei",
          "Share of the last 14 days' cases whose route of infection is unknown; empty: "
          "not known", "a share from 0 to 1"),
    Field("temp_agreements_exhausted", "bool", "Egne vikaravtaler brukt opp",
          "Whether the municipality has exhausted its own temp agreements; empty: not "
          "known", "ja or nei (also true/false, yes/no, 1/0)"),
)
DEMAND_COLUMNS = tuple(f.name for f in DEMAND_FIELDS)

# Fields no public source gives per municipality: an empty cell means "not known" (NaN).
MAY_BE_UNKNOWN = ("infected_admitted", "institution_outbreaks", "share_staff_isolated",
                  "share_unknown_route", "temp_agreements_exhausted")

# Column headings accepted for each field besides its name: the contract's Norwegian
# labels and the headings of the report's tables (compared without case or extra spaces).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "municipality_number": ("Kommunenr.", "Kommunenr", "Kommunenummer", "Knr"),
    "municipality_name": ("Kommune", "Kommunenavn"),
    "population": ("Innbyggere", "Folketall", "Befolkning"),
    "centrality": ("Sentralitet", "Sentralitetsklasse"),
    "infected_per_100k": ("Smittede per 100 000 (14 dager)",
                          "Smittede per 100 000 siste 14 dager",
                          "14-dagers insidens per 100 000"),
    "infected_admitted": ("Smittede innlagt i kommunale institusjoner",
                          "Innlagt i kommunale institusjoner"),
    "institution_outbreaks": ("Utbrudd i kommunale institusjoner",
                              "Utbrudd i institusjoner"),
    "share_staff_isolated": ("Andel helsepersonell i isolasjon/karantene",
                             "Helsepersonell i isolasjon/karantene"),
    "share_unknown_route": ("Andel smittede med ukjent smittevei", "Ukjent smittevei"),
    "temp_agreements_exhausted": ("Egne vikaravtaler brukt opp",),
}

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
# Each check's ``error`` is a key into _MESSAGES (or the shared contracts.MESSAGES), which
# words the end of the error sentence from the offending values as written.
_MESSAGES = {
    "code4": lambda v, s, f: " ".join((v, verb(s, "is not a four-digit municipality number",
                                                "are not four-digit municipality numbers"),
                                         "(write 0301, not 301)")),
    "code2": lambda v, s, f: " ".join((v, verb(s, "is not a two-digit county number",
                                                "are not two-digit county numbers"),
                                         "(write 03, not 3)")),
    "positive": lambda v, s, f: " ".join((v, verb(s, "is not a whole number",
                                                "are not whole numbers"),
                                         "of at least 1")),
    "negative": lambda v, s, f: f"{v} {verb(s, 'is', 'are')} negative; it must be 0 or more",
    "incidence": lambda v, s, f: (f"{v} {verb(s, 'is', 'are')} negative or above 100 000 per "
                                  "100 000 (more cases than inhabitants); it must be from 0 "
                                  "to 100 000"),
    "centrality": lambda v, s, f: (f"{v} {verb(s, 'is', 'are')} outside 1–6 (Statistics "
                                   "Norway's centrality classes)"),
    "share": lambda v, s, f: (f"{v} {verb(s, 'is', 'are')} outside 0–1 (give shares as "
                              "decimals: 0.05 for 5 %)"),
}


def demand_schema() -> pa.DataFrameSchema:
    """The value rules of single cells of a demand file, as a pandera schema (types are
    parsed first; empty cells, where allowed, are missing and not checked here)."""
    rules: dict[str, list[pa.Check]] = {
        "municipality_number": [pa.Check.str_matches(r"^\d{4}$", error="code4")],
        "municipality_name": [],
        "population": [pa.Check.ge(1, error="positive")],
        "centrality": [pa.Check.in_range(1, 6, error="centrality")],
        "infected_per_100k": [pa.Check.in_range(0, MAX_INCIDENCE, error="incidence")],
        "infected_admitted": [pa.Check.ge(0, error="negative")],
        "institution_outbreaks": [pa.Check.ge(0, error="negative")],
        "share_staff_isolated": [pa.Check.in_range(0, 1, error="share")],
        "share_unknown_route": [pa.Check.in_range(0, 1, error="share")],
        "temp_agreements_exhausted": [],
    }
    return pa.DataFrameSchema(
        {f.name: column(f, rules[f.name], nullable=_may_be_empty(f.name))
         for f in DEMAND_FIELDS},
        strict=True, ordered=False, coerce=False, name="conscription demand")


def county_schema() -> pa.DataFrameSchema:
    """The value rules of the county table, as a pandera schema (types are parsed first)."""
    rules: dict[str, list[pa.Check]] = {
        "county_number": [pa.Check.str_matches(r"^\d{2}$", error="code2"),
                          pa.Check(not_repeated, error="repeated")],
        "county_name": [],
        "population_2020": [pa.Check.ge(1, error="positive")],
        "health_region": [],
    }
    return pa.DataFrameSchema(
        {f.name: column(f, rules[f.name], nullable=False) for f in COUNTY_FIELDS},
        strict=True, ordered=False, coerce=False, name="counties")


def _contract(fields: tuple[Field, ...], schema: pa.DataFrameSchema) -> Contract:
    # a cell that cannot be read is worded by its reason ("'1,5' is not a number (use a
    # decimal point, not a comma)"), which says more than the rule alone
    return Contract(fields, schema, _MESSAGES, unreadable=None)


# ------------------------------------------------------------------------------ counties
@cache
def _counties_cached(path_text: str) -> pd.DataFrame:
    typed = contracts.load(path_text, _contract(COUNTY_FIELDS, county_schema()))
    return typed.astype({"population_2020": "int64"})


def load_counties(path_text: str | Path = COUNTIES_FILE) -> pd.DataFrame:
    """The 2020 county table: number, name, population on 1 January 2020, health region."""
    return _counties_cached(str(path_text)).copy()


# ------------------------------------------------------------------------------- header
def _heading_key(text: str) -> str:
    return normalise(text).rstrip(".").strip()


@cache
def _alias_index() -> dict[str, str]:
    index = {}
    for name in DEMAND_COLUMNS:
        index[_heading_key(name)] = name
        for alias in HEADER_ALIASES.get(name, ()):
            index[_heading_key(alias)] = name
    return index


def _map_header(header: list[str], shown: str) -> tuple[dict[str, int], list[str]]:
    """Field name → position in the file, and the extra headings (kept out)."""
    index = _alias_index()
    position: dict[str, int] = {}
    extra: list[str] = []
    for i, heading in enumerate(header):
        name = heading if heading in DEMAND_COLUMNS else index.get(_heading_key(heading))
        if name is None:
            extra.append(heading)
        elif name in position:
            raise DataFileError(
                f"{shown}, line 1 (header), column '{heading}': gives the field "
                f"'{name}' a second time (also column {position[name] + 1}).")
        else:
            position[name] = i
    csvfiles.check_required(list(position), DEMAND_FIELDS, shown)
    return position, extra


# ------------------------------------------------------------------------------- cells
_WHOLE = re.compile(r"([-+]?\d+)[.,]0*")


def _parse_cell(text: str, f: Field, decimal: str) -> object:
    """One cell by its field's kind; a whole number may be written 3662.0."""
    if f.kind == "int":
        m = _WHOLE.fullmatch(text)
        if m:  # 3662.0 (as a spreadsheet may save it) is the whole number 3662
            text = m[1]
    return csvfiles.parse_cell(text, f.kind, decimal)


def _may_be_empty(name: str) -> bool:
    return name in MAY_BE_UNKNOWN or name in FILLED_FROM_REGISTER


# ------------------------------------------------------------------------------ loaders
def load_demand(path_text: str | Path) -> pd.DataFrame:
    """Read and check an outbreak scenario's demand file.

    Returns one row per municipality with the contract's columns (typed; NaN where a
    field is not known), plus ``county_number``, ``county_name``, ``health_region`` and
    ``line`` (its CSV line). ``frame.attrs["notices"]`` holds the notices for the report
    (:func:`notices`). Raises :class:`DataFileError` naming the file, the first column
    (contract order) that breaks a rule and every line breaking it, and the rule
    (:mod:`analysis.contracts`). The file is only read.
    """
    shown = csvfiles.shown(path_text)
    header, rows, decimal = csvfiles.read_table(path_text)
    position, extra = _map_header(header, shown)
    if not rows:
        raise DataFileError(f"{shown}: the file has a header but no data rows.")
    csvfiles.check_rows(rows, header, shown)
    lines = [line for line, _ in rows]
    raw = csvfiles.RawTable(shown, pd.DataFrame(
        {f.name: [record[position[f.name]].strip() if f.name in position else ""
                  for _, record in rows] for f in DEMAND_FIELDS}, dtype=object),
        lines, decimal)
    contract = _contract(DEMAND_FIELDS, demand_schema())
    typed, breaches = contracts.typed_frame(raw, contract, _parse_cell)
    breaches += contracts.value_breaches(contract, typed, breaches)
    frame = pd.DataFrame({name: [np.nan if pd.isna(v) else v for v in typed[name]]
                          for name in DEMAND_COLUMNS})
    counties = load_counties().set_index("county_number")
    checked = RegisterCheck(frame, raw.cells, counties)
    breaches += checked.breaches
    out = checked.frame
    breaches += _repeated_numbers(out, raw.cells, lines)
    contracts.raise_first(raw, breaches, contract)
    check_county_totals(out, lines, shown, counties)
    out["county_number"] = out["municipality_number"].str[:2]
    out = out.join(counties[["county_name", "health_region"]], on="county_number")
    out["line"] = lines
    out = out.reset_index(drop=True)
    out.attrs["notices"] = checked.notices(extra)
    return out


def _repeated_numbers(frame: pd.DataFrame, raw: pd.DataFrame, lines: list[int]
                      ) -> list[contracts.Breach]:
    """A municipality given twice (also as its 2024 and its 2020–2023 number)."""
    numbers = frame["municipality_number"]
    rows = [int(r) for r in numbers.index[numbers.duplicated(keep="first")]]
    texts = []
    for row in rows:
        number = numbers[row]
        first = lines[int((numbers == number).idxmax())]
        given = raw.at[row, "municipality_number"]
        shown_number = number if given == number else f"{given} ({number} in 2020–2023)"
        texts.append(f"{shown_number} appears twice (first on line {first})")
    return ([contracts.Breach("municipality_number", "repeated_number", tuple(rows),
                              tuple(texts))] if rows else [])


def notices(frame: pd.DataFrame) -> list[str]:
    """Notices (Norwegian, for the report) about how the demand file was read: 2024
    numbers converted, population or centrality filled from the register, extra columns
    left out. Empty when the file needed none of these. In the current report language;
    :func:`notice_data` gives them as data, to be worded when shown."""
    return [str(n) for n in notice_data(frame)]


def notice_data(frame: pd.DataFrame) -> list:
    """The notices as :class:`~analysis.conscription.register_checks.Notice` objects
    (``str()`` words one in the current report language)."""
    return list(frame.attrs.get("notices", []))


def is_illustrative(demand: pd.DataFrame) -> bool:
    """Whether the demand data are illustrative: every shipped illustrative municipality
    carries "(illustrativ)" in its name (see data/conscription/README.md); data from the
    register or the outbreak importer never do."""
    return bool(demand["municipality_name"].str.contains(ILLUSTRATIVE_MARK, case=False,
                                                         regex=False).any())
