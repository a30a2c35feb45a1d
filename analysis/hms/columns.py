"""The vocabulary of the HMS-training survey export: column names, codes and labels.

One place for every name the family uses, so that the data contract
(:mod:`analysis.hms.contract`), the synthetic generator (:mod:`analysis.hms.synthetic`),
the estimates and the report agree. Codes are short English identifiers (stable in files
and code); labels are Norwegian (shown in reports).

>>> ROLE_LABELS["verneombud"]
'Verneombud'
>>> LIKERT_DONT_KNOW
9
"""

from __future__ import annotations

from types import MappingProxyType

from analysis.hms.margins import COUNTY_POPULATION_2020, EMPLOYED_BY_INDUSTRY_2023
from analysis.i18n import N_

# --- Respondent file: identification and classification ----------------------------------
RESPONDENT_ID = "respondent_id"
ROLE = "role"
SECTOR = "sector"
INDUSTRY = "industry"
EMPLOYEES = "employees"  # optional: the enterprise's employees, as it reports them
LEGAL_ENTITY = "legal_entity"  # optional: the legal entity (organisasjonsnummer)
LEGAL_ENTITY_EMPLOYEES = "legal_entity_employees"  # optional: the legal entity's employees
SIZE_CLASS = "size_class"
COUNTY = "county"

# --- Respondent file: design variables ---------------------------------------------------
STRATUM = "stratum"
CLUSTER = "cluster"  # the enterprise: the primary sampling unit (PSU)
BASE_WEIGHT = "base_weight"
STRATUM_POPULATION = "stratum_population"  # optional: enterprises in the stratum (fpc)
RESPONSE_STATUS = "response_status"

# --- Enterprise file: the sampled enterprises (the frame the weights start from) ---------
ENTERPRISE_RESPONSE = "enterprise_response"  # took part: passed the survey on, reported
REPORTED_PREFIX = "reported_"  # + role: persons holding the role, as the enterprise reports
# optional register totals of the row's frame cell, the calibration targets:
SIZE_CLASS_POPULATION = "size_class_population"  # establishments in the size class
SECTOR_POPULATION = "sector_population"  # establishments in the sector
STRATUM_LEGAL_ENTITIES = "stratum_legal_entities"  # legal entities in the stratum
LEGAL_ENTITY_STRATUM = "legal_entity_stratum"  # the stratum of the row's legal entity

# --- Respondent file: items ---------------------------------------------------------------
TRAINED_EMPLOYER = "trained_employer_3_5"  # the employer's § 3-5 training
TRAINED_40H = "trained_40h_course"  # the 40-hour verneombud/AMU course
TRAINED_OTHER = "trained_other"
LAST_TRAINING_YEAR = "last_training_year"
MONTHS_TO_TRAINING = "months_to_training"  # optional: months from taking up the role
TRAINING_HOURS = "training_hours"
PROVIDER_TYPE = "provider_type"  # who gave the training
TRAINING_FORMAT = "training_format"  # how it was given
DOCUMENTED = "documented"
# Optional items (a file may lack the column): what the rules turn on.
SELF_STUDY_ONLY = "self_study_only"  # all HMS training was self-study (no instructor)
SHORTENED_BY_AGREEMENT = "shortened_by_agreement"  # < 40 hours, agreed by the parties
PAID_WORKING_TIME = "paid_working_time"  # the training was in paid working time
LIKERT_RELEVANCE = "likert_relevance"
LIKERT_QUALITY = "likert_quality"
LIKERT_APPLICABILITY = "likert_applicability"
LIKERT_CONFIDENCE = "likert_confidence"
QUIZ_SCORE = "quiz_score"
COMMENT = "comment"

TRAINING_ITEMS = (TRAINED_EMPLOYER, TRAINED_40H, TRAINED_OTHER)
RULE_ITEMS = (SELF_STUDY_ONLY, SHORTENED_BY_AGREEMENT, PAID_WORKING_TIME)
LIKERT_ITEMS = (LIKERT_RELEVANCE, LIKERT_QUALITY, LIKERT_APPLICABILITY, LIKERT_CONFIDENCE)

# --- Codes --------------------------------------------------------------------------------
ROLE_LABELS = MappingProxyType({
    "leader": N_("Øverste leder"),
    "employer_tasks": N_("Arbeidstaker med arbeidsgiveroppgaver"),
    "verneombud": N_("Verneombud"),
    "amu_member": N_("Medlem av AMU"),
})
ROLES = tuple(ROLE_LABELS)

SECTOR_LABELS = MappingProxyType({"public": N_("Offentlig"), "private": N_("Privat")})
SECTORS = tuple(SECTOR_LABELS)

INDUSTRY_LABELS = MappingProxyType({
    "A": "Jordbruk, skogbruk og fiske",
    "B": "Bergverksdrift og utvinning",
    "C": "Industri",
    "D-E": "Elektrisitet, vann og renovasjon",
    "F": "Bygge- og anleggsvirksomhet",
    "G": "Varehandel",
    "H": "Transport og lagring",
    "I": "Overnattings- og serveringsvirksomhet",
    "J": "Informasjon og kommunikasjon",
    "K": "Finansiering og forsikring",
    "L": "Omsetning og drift av fast eiendom",
    "M": "Faglig, vitenskapelig og teknisk tjenesteyting",
    "N": "Forretningsmessig tjenesteyting",
    "O": "Offentlig administrasjon og forsvar",
    "P": "Undervisning",
    "Q": "Helse- og sosialtjenester",
    "R-U": "Andre tjenester",
    "00": "Uoppgitt",
})
INDUSTRIES = tuple(INDUSTRY_LABELS)
assert set(INDUSTRIES) == set(EMPLOYED_BY_INDUSTRY_2023)

SIZE_CLASS_LABELS = MappingProxyType({
    "1-4": "1–4 ansatte",
    "5-9": "5–9 ansatte",
    "10-19": "10–19 ansatte",
    "20-49": "20–49 ansatte",
    "50-99": "50–99 ansatte",
    "100-249": "100–249 ansatte",
    "250+": "250 ansatte eller flere",
})
SIZE_CLASSES = tuple(SIZE_CLASS_LABELS)

# The four size groups the strata, the domains and the model use. 5 and 20 are close to
# the legal thresholds for a verneombud (5) and an AMU (30); 100+ are large enterprises.
SIZE_GROUP_OF = MappingProxyType({
    "1-4": "1-4",
    "5-9": "5-19", "10-19": "5-19",
    "20-49": "20-99", "50-99": "20-99",
    "100-249": "100+", "250+": "100+",
})
SIZE_GROUP_LABELS = MappingProxyType({
    "1-4": N_("1–4 ansatte"), "5-19": N_("5–19 ansatte"), "20-99": N_("20–99 ansatte"),
    "100+": N_("100 ansatte eller flere"),
})
assert set(SIZE_GROUP_OF) == set(SIZE_CLASSES)
assert set(SIZE_GROUP_OF.values()) == set(SIZE_GROUP_LABELS)

# County numbers: the 2020–2023 structure (the populations in margins.py) and the 2024
# structure, since a 2024 survey export may use either.
COUNTY_LABELS = MappingProxyType({
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland",
    "30": "Viken", "34": "Innlandet", "38": "Vestfold og Telemark", "42": "Agder",
    "46": "Vestland", "50": "Trøndelag", "54": "Troms og Finnmark",
    "31": "Østfold", "32": "Akershus", "33": "Buskerud", "39": "Vestfold",
    "40": "Telemark", "55": "Troms", "56": "Finnmark",
})
COUNTIES = tuple(COUNTY_LABELS)
assert set(COUNTY_POPULATION_2020) <= set(COUNTIES)

RESPONSE_LABELS = MappingProxyType({"respondent": "Svarte", "nonrespondent": "Svarte ikke"})
RESPONSE_CODES = tuple(RESPONSE_LABELS)

REPORTED = MappingProxyType({role: REPORTED_PREFIX + role for role in ROLES})
"""Enterprise-file column of each role: how many persons hold it in the enterprise (a person
with two roles counts in both), as the enterprise reports it."""

PROVIDER_TYPE_LABELS = MappingProxyType({
    "internal": N_("Arbeidsgiveren selv (intern opplæring)"),
    "occupational_health_service": N_("Bedriftshelsetjenesten"),
    "external_commercial": N_("Kommersiell kurstilbyder"),
    "union_employer_org": N_("Arbeidstaker- eller arbeidsgiverorganisasjon"),
    "other": N_("Annen tilbyder"),
})
"""Who gave the training (both files)."""
PROVIDER_TYPES = tuple(PROVIDER_TYPE_LABELS)

TRAINING_FORMAT_LABELS = MappingProxyType({
    "classroom": N_("Klasserom"),
    "online_live": N_("Nettbasert med kursholder"),
    "online_self_study": N_("Nettbasert selvstudium (e-læring)"),
})
"""How the (most recent) training was given (respondent file)."""
TRAINING_FORMATS = tuple(TRAINING_FORMAT_LABELS)

TRAINING_LABELS = MappingProxyType({
    TRAINED_EMPLOYER: "Arbeidsgivers HMS-opplæring (aml. § 3-5)",
    TRAINED_40H: "40-timerskurs for verneombud og AMU",
    TRAINED_OTHER: "Annen HMS-opplæring",
})

LIKERT_LABELS = MappingProxyType({
    LIKERT_RELEVANCE: N_("Opplæringen var relevant"),
    LIKERT_QUALITY: N_("Opplæringen holdt god kvalitet"),
    LIKERT_APPLICABILITY: N_("Opplæringen passer til risikoene på min arbeidsplass"),
    LIKERT_CONFIDENCE: N_("Jeg er trygg i min HMS-rolle"),
})
LIKERT_MIN, LIKERT_MAX = 1, 5
LIKERT_DONT_KNOW = 9  # "vet ikke", coded apart from the scale
LIKERT_SCALE_LABELS = MappingProxyType({
    1: N_("Helt uenig"), 2: N_("Litt uenig"), 3: N_("Verken enig eller uenig"), 4: N_("Litt enig"),
    5: N_("Helt enig"), LIKERT_DONT_KNOW: N_("Vet ikke"),
})

QUIZ_MAX = 10  # the knowledge quiz has ten questions; the score counts correct answers

# --- Provider file -----------------------------------------------------------------------
PROVIDER = "provider"
FORMAT = "format"
HOURS = "hours"
PRICE_NOK = "price_nok"
PARTICIPANTS = "participants"
TOPICS = "topics"
TOPIC_SEPARATOR = "|"

FORMAT_LABELS = MappingProxyType({
    "classroom": N_("Klasserom"),
    "online_live": N_("Nettbasert med kursholder"),
    "online_self_study": N_("Nettbasert selvstudium"),
    "blended": N_("Kombinert"),
})
FORMATS = tuple(FORMAT_LABELS)

TOPIC_LABELS = MappingProxyType({
    "law": N_("Regelverk og roller"),
    "risk_assessment": N_("Risikovurdering og kartlegging"),
    "psychosocial": N_("Psykososialt og organisatorisk arbeidsmiljø"),
    "ergonomics": N_("Ergonomi"),
    "chemicals": N_("Kjemikalier og biologiske faktorer"),
    "accidents": N_("Ulykker og avvikshåndtering"),
    "sick_leave": N_("Sykefravær og tilrettelegging"),
    "internal_control": N_("Internkontroll og systematisk HMS-arbeid"),
})
TOPICS_ALLOWED = tuple(TOPIC_LABELS)
