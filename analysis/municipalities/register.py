"""The municipality register: Norway's 356 municipalities of 2020–2023.

One row per municipality (``data/municipalities/register.csv``, built by
:mod:`analysis.municipalities.build`; provenance and assumptions in the README beside
it): ``municipality_number`` (four digits, 2020–2023 numbering), ``municipality_name``
(SSB's; parallel Sami or Kven names separated by `` - ``), ``county_number`` and
``county_name`` (eleven counties), ``population_2020`` (1 January 2020, SSB table 07459),
``centrality`` (SSB's class 1–6 from the 2024 classification, assumed unchanged since
2020), ``health_region`` (the RHF serving most of the county), and
``municipality_number_2024`` / ``municipality_name_2024`` (the same municipality in 2024).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from analysis.municipalities.names import aliases, normalise
from analysis.paths import DATA_DIR

REGISTER_FILE = DATA_DIR / "municipalities" / "register.csv"

# 2024 municipalities that were only part of a 2020–2023 municipality: their figures
# cannot stand for the 2020 municipality, so they are refused with this hint.
PART_OF_2020 = {"1580": ("Haram", "1507", "Ålesund")}


@cache
def _register() -> pd.DataFrame:
    reg = pd.read_csv(REGISTER_FILE, dtype=str, keep_default_na=False)
    for column in ("population_2020", "centrality"):
        reg[column] = reg[column].astype(int)
    return reg


def load_register() -> pd.DataFrame:
    """The register as a frame (numbers as text, population and centrality as int)."""
    return _register().copy()


@cache
def by_number() -> pd.DataFrame:
    """The register indexed by the 2020–2023 municipality number."""
    return _register().set_index("municipality_number")


@cache
def numbers_2024() -> dict[str, str]:
    """2024 number → 2020–2023 number, for the municipalities whose number changed."""
    reg = _register()
    changed = reg[reg["municipality_number_2024"] != reg["municipality_number"]]
    return dict(zip(changed["municipality_number_2024"], changed["municipality_number"],
                    strict=True))


@cache
def _aliases(number: str) -> frozenset[str]:
    row = by_number().loc[number]
    return frozenset(aliases(row["municipality_name"], row["municipality_name_2024"]))


def name_matches(number: str, name: str) -> bool:
    """Whether ``name`` is a way of writing the name of municipality ``number``."""
    return normalise(name) in _aliases(number)
