"""The legal requirements for HMS training that the survey is about, with their sources.

Sources: arbeidsmiljøloven (§§ 3-5, 6-1, 6-5, 7-1, 7-4) and forskrift om organisering, ledelse og
medvirkning (§ 3-18 the content of the training of verneombud and AMU members, § 3-19 its
length: at least 40 hours, shorter where the parties agree it is justifiable, «forsvarlig»),
as each constant below cites them. Each statement is worded for what it rests on: the Act
or the regulation, or Arbeidstilsynet's practice where the text sets nothing (such as the
form of the § 3-5 training).
"""

from __future__ import annotations

from analysis.i18n import N_

MIN_HOURS_VERNEOMBUD_AMU = 40
"""Minimum hours of training for verneombud and AMU members.

Regulation on organisation, management and employee participation § 3-19 (the length of
the training § 3-18 describes, for verneombud and AMU members alike); shorter only if the
parties agree it is justifiable («forsvarlig»). The report takes the value from the
parameter ``min_hours_verneombud_amu``; this constant is the regulation's value, the
default.
"""

SELF_STUDY_PRACTICE = N_(
    "Arbeidsmiljøloven § 3-5 sier ikke hvilken form opplæringen skal ha. Etter "
    "Arbeidstilsynets praksis må opplæringen være dokumentert, og selvstudium på egen "
    "hånd er ikke nok (forarbeidene: Ot.prp. nr. 49 (2004–2005) punkt 9.4.4). "
    "Sivilombudet kom «under en viss tvil» til at plikten ikke kan oppfylles ved "
    "selvstudier (uttalelse 21. mars 2017, sak 2016/289). Et nettkurs med kursbevis "
    "regnes ikke som selvstudium her."
)
"""The form of the § 3-5 training: set by Arbeidstilsynet's practice, not the Act (bokmål,
marked for translation). Sources: Sivilombudet's statement «Arbeidsgivers plikt til å
gjennomgå opplæring i helse-, miljø- og sikkerhetsarbeid» (sivilombudet.no, the conclusion
reached «under en viss tvil»), dated 21 March 2017 with case number 2016/289 in the
ombudsman's own list of statements (sivilombudsmannen.no, the statements' RSS feed:
«21. mars 2017 (sak 2016/289)», uttalelser/...-article4858-114.html); the preparatory
works cited by the directorate in that case, Ot.prp. nr. 49 (2004–2005) pkt. 9.4.4."""

PAID_TIME_RULE = N_(
    "Arbeidsmiljøloven § 6-5 sier at verneombudet skal ha den tiden som trengs for å utføre "
    "vervet forsvarlig, og at arbeidsgiveren bærer utgiftene; etter § 7-4 gjelder det "
    "samme for medlemmer av arbeidsmiljøutvalget. Etter Arbeidstilsynets veiledning til "
    "kapittel 3 i forskrift om organisering, ledelse og medvirkning skal lønnen "
    "opprettholdes, så vervet og opplæringen ikke gir inntektstap."
)
"""The basis of training in paid working time, worded for what each source says:
arbeidsmiljøloven § 6-5 (second paragraph: the time needed to carry out the role
justifiably; third paragraph: the employer bears the costs), § 7-4 («Reglene i § 6-5
gjelder tilsvarende for medlemmer av arbeidsmiljøutvalg»), and Arbeidstilsynet's guidance
on chapter 3 of the regulation (arbeidstilsynet.no, «Kapittel 3 Valg, opplæring m.m. av
verneombud og arbeidsmiljøutvalg», section «Inntekt»: «faktisk lønn og annet
arbeidsvederlag [må] opprettholdes»), the regulator's reading, worded as such (bokmål,
marked for translation)."""


VERNEOMBUD_MIN_EMPLOYEES = 5
"""Arbeidsmiljøloven § 6-1: every virksomhet shall have a verneombud; from 1 January 2024
an enterprise with fewer than 5 employees may agree in writing on another arrangement
(previously: fewer than 10). At 5 or more a verneombud is required without exception."""

AMU_MIN_EMPLOYEES = 30
"""Arbeidsmiljøloven § 7-1: from 1 January 2024 an AMU is required in enterprises with at
least 30 employees (previously 50), and with 10-29 when one of the parties asks for it."""

AMU_ON_DEMAND_FROM = 10
"""Arbeidsmiljøloven § 7-1: from 10 employees an AMU is set up when a party asks for it."""

VERNEOMBUD_MIN_EMPLOYEES_BEFORE_2024 = 10
"""Before 1 January 2024 a verneombud was required from 10 employees."""

AMU_MIN_EMPLOYEES_BEFORE_2024 = 50
"""Before 1 January 2024 an AMU was required from 50 employees."""

SURVEY_YEAR = 2024
"""The year of the knowledge gathering (AID's letter of 22 January 2024,
ref. 22/3861); the synthetic respondents answer in it."""
