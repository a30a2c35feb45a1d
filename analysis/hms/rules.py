"""The legal requirements for HMS training that the survey is about, with their sources.

Sources: arbeidsmiljøloven (§§ 3-5, 6-1, 7-1, 7-4) and forskrift om organisering, ledelse og
medvirkning (§§ 3-18, 3-19), as each constant below cites them.
"""

from __future__ import annotations

from analysis.i18n import N_

TOP_LEADER_RULE = N_(
    "Arbeidsmiljøloven § 3-5: arbeidsgiver (øverste leder) skal selv gjennomgå opplæring i "
    "helse, miljø og sikkerhet; loven setter ikke noe timetall, og selvstudium alene "
    "oppfyller ikke kravet."
)
"""Working Environment Act § 3-5, in the words a report shows (bokmål, marked for
translation: show it as ``_(TOP_LEADER_RULE)`` with the ``hms`` catalog)."""

MIN_HOURS_VERNEOMBUD_AMU = 40
"""Minimum hours of training for verneombud and AMU members.

Regulation on organisation, management and employee participation §§ 3-18 (verneombud)
and 3-19 (AMU members; the Act § 7-4); shorter only if the parties agree it is justifiable.
"""

VERNEOMBUD_MIN_EMPLOYEES = 5
"""From 1 January 2024 a verneombud is required in enterprises with at least 5 employees
(previously 10)."""

AMU_MIN_EMPLOYEES = 30
"""From 1 January 2024 an AMU is required in enterprises with at least 30 employees
(previously 50)."""

VERNEOMBUD_MIN_EMPLOYEES_BEFORE_2024 = 10
"""Before 1 January 2024 a verneombud was required from 10 employees."""

AMU_MIN_EMPLOYEES_BEFORE_2024 = 50
"""Before 1 January 2024 an AMU was required from 50 employees."""

SURVEY_YEAR = 2024
"""The year of the knowledge gathering (AID's letter of 22 January 2024,
ref. 22/3861); the synthetic respondents answer in it."""
