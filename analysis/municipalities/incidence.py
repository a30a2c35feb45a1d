"""Incidence of MSIS cases per municipality over chosen ISO weeks, from the register's
population: a fact about the municipalities, used by the conscription family's outbreak
importer (:mod:`analysis.conscription.importer`) and its retrospective.

For each of the 356 municipalities (2020–2023 structure) the MSIS cases by registration
date are summed over the chosen ISO weeks and divided by the population on 1 January 2020
(SSB, table 07459): cases per 100 000 inhabitants, scaled to 14 days when another number
of weeks is chosen.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ParameterError
from analysis.municipalities import msis, register

DAYS = 14
PER = 100_000


def incidence(weeks: list[str]) -> pd.DataFrame:
    """Every municipality with its cases in ``weeks`` and the incidence per 100 000 over
    14 days (cases × 14 / days in the weeks × 100 000 / population 1 January 2020)."""
    reg = register.load_register().set_index("municipality_number")
    cases = msis.cases_in_weeks(weeks).reindex(reg.index)
    if cases.isna().any():
        raise ParameterError("The MSIS data do not cover every municipality of the register.")
    out = reg[["municipality_name", "population_2020", "centrality"]].copy()
    out["cases"] = cases.astype(int)
    out["infected_per_100k"] = (out["cases"] * DAYS / (7 * len(weeks)) * PER
                                / out["population_2020"])
    return out.reset_index()


def national_incidence(weeks: list[str]) -> float:
    """Norway's incidence per 100 000 over 14 days from the municipal weekly counts
    (the sum over all 356 municipalities)."""
    inc = incidence(weeks)
    return float(inc["cases"].sum() * DAYS / (7 * len(weeks)) * PER
                 / inc["population_2020"].sum())


def national_incidence_daily(weeks: list[str]) -> float:
    """The same from the national daily series (cases by registration date over the days
    of ``weeks``), for comparison."""
    total = int(register.load_register()["population_2020"].sum())
    return msis.national_cases(weeks) * DAYS / (7 * len(weeks)) * PER / total
