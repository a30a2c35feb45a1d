"""Population margins for weighting the HMS-training survey, each with its source.

The figures are public aggregate statistics from the publishers named in each ``*_SOURCE``
constant (NAV's table of employed people by industry, 2023; Statistics Norway's
establishments by number of employees, 1 January 2023). No survey microdata is public.

The synthetic generator (:mod:`analysis.hms.synthetic`) uses them to build its frame of
enterprises and its base weights; an analysis of a real export can use them to calibrate.
"""

from __future__ import annotations

from types import MappingProxyType

EMPLOYED_SOURCE = (
    "NAV, table of employed people by industry (SN2007 groups), 2023"
)
"""Source of :data:`EMPLOYED_BY_INDUSTRY_2023`."""

EMPLOYED_BY_INDUSTRY_2023 = MappingProxyType({
    "A": 35_070,     # agriculture, forestry and fishing
    "B": 60_983,     # mining and extraction
    "C": 208_218,    # manufacturing
    "D-E": 35_500,   # electricity, water supply, sewerage and waste
    "F": 229_610,    # construction
    "G": 361_624,    # wholesale and retail trade
    "H": 127_816,    # transport and storage
    "I": 111_479,    # accommodation and food service
    "J": 112_777,    # information and communication
    "K": 50_195,     # finance and insurance
    "L": 28_039,     # real estate
    "M": 149_754,    # professional, scientific and technical
    "N": 145_272,    # business services (administrative and support)
    "O": 173_495,    # public administration and defence
    "P": 257_371,    # education
    "Q": 646_191,    # health and social work
    "R-U": 110_779,  # other services
    "00": 1_897,     # unknown
})
"""Employed people by industry, 2023 (:data:`EMPLOYED_SOURCE`), keyed by industry code."""

EMPLOYED_TOTAL_2023 = 2_846_070
"""Total employed people, 2023, as the source states it (:data:`EMPLOYED_SOURCE`)."""

ESTABLISHMENTS_SOURCE = (
    "Statistics Norway, establishments by number of employees, 1 January 2023"
)
"""Source of :data:`ESTABLISHMENTS_BY_SIZE_2023`."""

ESTABLISHMENTS_BY_SIZE_2023 = MappingProxyType({
    "1-4": 103_654,
    "5-9": 41_273,
    "10-19": 31_025,
    "20-49": 21_987,
    "50-99": 6_926,
    "100-249": 2_996,
    "250+": 939,
})
"""Establishments by size class (employees), 1 January 2023 (:data:`ESTABLISHMENTS_SOURCE`)."""

COUNTY_POPULATION_SOURCE = (
    "Statistics Norway, table 07459, population on 1 January 2020 by county (2020 county "
    "structure)"
)
"""Source of :data:`COUNTY_POPULATION_2020`."""

COUNTY_POPULATION_2020 = MappingProxyType({
    "03": 693_494,    # Oslo
    "11": 479_892,    # Rogaland
    "15": 265_238,    # Møre og Romsdal
    "18": 241_235,    # Nordland
    "30": 1_241_165,  # Viken
    "34": 371_385,    # Innlandet
    "38": 419_396,    # Vestfold og Telemark
    "42": 307_231,    # Agder
    "46": 636_531,    # Vestland
    "50": 468_702,    # Trøndelag
    "54": 243_311,    # Troms og Finnmark
})
"""Population on 1 January 2020 by county number (:data:`COUNTY_POPULATION_SOURCE`)."""

COUNTY_POPULATION_TOTAL_2020 = 5_367_580
"""Population of Norway on 1 January 2020 (:data:`COUNTY_POPULATION_SOURCE`)."""
