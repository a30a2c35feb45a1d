"""Data contract of the HMS-training survey export, the enterprise file and the optional
provider file.

A respondent file has one row per person and role who answered (a file that lists
non-respondents too marks them in ``response_status``), with the columns of
:mod:`analysis.hms.columns`; an enterprise file one row per sampled enterprise, with
whether it took part and how many persons hold each role as it reports them
(``data/hms/README.md`` documents the contracts as tables). Files are read with
:mod:`analysis.csvfiles` (comma with a decimal point, or semicolon with a decimal comma;
UTF-8) and never modified. Codes are read as
text, so industry ``00`` and county ``03`` keep their leading zero.

This module holds the HMS contracts only: the columns, the value rules as pandera schemas
(:func:`respondent_schema`, :func:`enterprise_schema`, :func:`provider_schema`) and the
wording of the HMS rules. Typing, checking and the one error sentence (the first column in
contract order, the order of :data:`RESPONDENT_FIELDS`, with every line breaking its rule)
are the engine every CSV input shares, :mod:`analysis.contracts`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pandera.pandas as pa

from analysis import contracts
from analysis.contracts import Contract, column, isin, not_repeated, verb
from analysis.csvfiles import Field, RawTable
from analysis.hms import columns as c
from analysis.hms.margins import EMPLOYED_BY_INDUSTRY_2023, EMPLOYED_TOTAL_2023
from analysis.hms.rules import SURVEY_YEAR
from analysis.paths import DATA_DIR

HMS_DATA = DATA_DIR / "hms"
RESPONDENTS_FILE = HMS_DATA / "respondents_synthetic.csv"
ENTERPRISES_FILE = HMS_DATA / "enterprises_synthetic.csv"
PROVIDERS_FILE = HMS_DATA / "providers_synthetic.csv"

EARLIEST_TRAINING_YEAR = 1970  # a plausibility bound, not a legal date
MAX_TRAINING_HOURS = 1000  # a plausibility bound: more hours is a typing error
MAX_MONTHS_TO_TRAINING = 600  # a plausibility bound (50 years in a role)

_BOOL_RULE = "1 or 0 (also ja/nei, true/false), or blank"
_LIKERT_RULE = (f"{c.LIKERT_MIN}–{c.LIKERT_MAX}, or {c.LIKERT_DONT_KNOW} for \"vet ikke\", "
                "or blank")


# English wording of the Likert statements (the Norwegian ones are columns.LIKERT_LABELS).
_LIKERT_STATEMENTS = {
    c.LIKERT_RELEVANCE: "the training was relevant",
    c.LIKERT_QUALITY: "the training was of good quality",
    c.LIKERT_APPLICABILITY: "the training fits the risks at my workplace",
    c.LIKERT_CONFIDENCE: "I am confident in my HMS role",
}
assert tuple(_LIKERT_STATEMENTS) == c.LIKERT_ITEMS


def _one_of(codes: Sequence[str], blank: bool = False) -> str:
    return f"one of {', '.join(codes)}" + (", or blank" if blank else "")


RESPONDENT_FIELDS: tuple[Field, ...] = (
    Field(c.RESPONDENT_ID, "text", "Respondent-ID",
          "Identifier of the sampled person (no name or national identity number)",
          "a text that is not empty and appears once in the file"),
    Field(c.ROLE, "code", "Rolle", "The person's HMS role", _one_of(c.ROLES)),
    Field(c.SECTOR, "code", "Sektor", "Sector of the enterprise", _one_of(c.SECTORS)),
    Field(c.INDUSTRY, "code", "Næring",
          "Industry of the enterprise, SN2007 group code, as text (00 = unknown)",
          _one_of(c.INDUSTRIES)),
    Field(c.SIZE_CLASS, "code", "Størrelse",
          "Number of employees of the enterprise, size class", _one_of(c.SIZE_CLASSES)),
    Field(c.EMPLOYEES, "int", "Antall ansatte",
          "Employees of the enterprise, as the enterprise reports them (for the thresholds "
          "of 1 January 2024: verneombud from 5 employees, AMU from 30)",
          "a whole number of at least 1, or blank", optional=True),
    Field(c.LEGAL_ENTITY, "text", "Juridisk enhet (organisasjonsnummer)",
          "The legal entity (organisasjonsnummer) the enterprise belongs to; the legal "
          "thresholds apply to it", "a text, or blank; the same on every line of a cluster",
          optional=True),
    Field(c.LEGAL_ENTITY_EMPLOYEES, "int", "Ansatte i juridisk enhet",
          "Employees of the legal entity, as reported (the thresholds of 1 January 2024 "
          "apply to it)", "a whole number of at least 1, or blank; the same on every line "
          "of a legal entity", optional=True),
    Field(c.COUNTY, "code", "Fylke",
          "County number of the enterprise, two digits as text (2020–2023 or 2024 structure)",
          "a two-digit county number, " + _one_of(c.COUNTIES)),
    Field(c.STRATUM, "text", "Stratum", "Sampling stratum", "a text that is not empty"),
    Field(c.CLUSTER, "text", "Virksomhet (klynge)",
          "The enterprise the person was sampled through: the primary sampling unit",
          "a text that is not empty; a cluster belongs to one stratum only"),
    Field(c.BASE_WEIGHT, "float", "Designvekt",
          "Base weight: the inverse of the enterprise's inclusion probability",
          "a number greater than 0"),
    Field(c.STRATUM_POPULATION, "int", "Virksomheter i stratum",
          "Enterprises in the stratum's population (for the finite population correction)",
          "a whole number of at least 1, the same on every line of a stratum and at least "
          "the number of clusters sampled in the stratum", optional=True),
    Field(c.RESPONSE_STATUS, "code", "Svarstatus",
          "Whether the person answered (a file of respondents only may leave the column out)",
          _one_of(c.RESPONSE_CODES), optional=True),
    Field(c.TRAINED_EMPLOYER, "bool", c.TRAINING_LABELS[c.TRAINED_EMPLOYER],
          "Has completed the employer's HMS training (Working Environment Act § 3-5)",
          _BOOL_RULE),
    Field(c.TRAINED_40H, "bool", c.TRAINING_LABELS[c.TRAINED_40H],
          "Has completed the 40-hour course for verneombud and AMU members", _BOOL_RULE),
    Field(c.TRAINED_OTHER, "bool", c.TRAINING_LABELS[c.TRAINED_OTHER],
          "Has completed other HMS training", _BOOL_RULE),
    Field(c.LAST_TRAINING_YEAR, "int", "Siste opplæring (år)",
          "Year of the most recent HMS training",
          f"a whole number from {EARLIEST_TRAINING_YEAR} to {SURVEY_YEAR}, or blank"),
    Field(c.MONTHS_TO_TRAINING, "int", "Måneder fra rollen til opplæringen",
          "How many months after taking up the HMS role the training came (0 for before or "
          "in the same month); asked of those with training",
          f"a whole number from 0 to {MAX_MONTHS_TO_TRAINING}, or blank", optional=True),
    Field(c.TRAINING_HOURS, "float", "Timer opplæring",
          "Hours of HMS training in all (0 for none)",
          f"a number from 0 to {MAX_TRAINING_HOURS}, or blank"),
    Field(c.PROVIDER_TYPE, "code", "Type tilbyder",
          "Who gave the (most recent) training: the employer itself (internal), the "
          "occupational health service (bedriftshelsetjenesten), a commercial course "
          "provider, an employer or employee organisation, or another provider",
          _one_of(c.PROVIDER_TYPES, blank=True)),
    Field(c.TRAINING_FORMAT, "code", "Form på opplæringen",
          "How the (most recent) training was given: in a classroom, online with an "
          "instructor, or as self-study e-learning", _one_of(c.TRAINING_FORMATS, blank=True)),
    Field(c.DOCUMENTED, "bool", "Opplæringen er dokumentert",
          "Whether the training is documented (course certificate or record)", _BOOL_RULE),
    Field(c.SELF_STUDY_ONLY, "bool", "Bare selvstudium",
          "Whether all the person's HMS training was self-study without an instructor "
          "(reading on one's own, or an e-learning course taken alone); asked of those with "
          "training. With training_format the report splits it: online_self_study is an "
          "e-learning course, anything else unstructured self-study",
          _BOOL_RULE, optional=True),
    Field(c.SHORTENED_BY_AGREEMENT, "bool", "Kortere opplæring etter avtale",
          "Verneombud and AMU members with fewer than 40 hours: whether the employer and "
          "the employees' representatives agreed that the shorter training is justifiable "
          "(forskrift om organisering, ledelse og medvirkning § 3-19)", _BOOL_RULE,
          optional=True),
    Field(c.PAID_WORKING_TIME, "bool", "Opplæring i betalt arbeidstid",
          "Verneombud and AMU members with training: whether it was given in paid working "
          "time", _BOOL_RULE, optional=True),
    *(Field(item, "int", c.LIKERT_LABELS[item],
            f"Agreement with '{statement}': 1 fully disagree to 5 fully agree, 9 don't know",
            _LIKERT_RULE) for item, statement in _LIKERT_STATEMENTS.items()),
    Field(c.QUIZ_SCORE, "int", "Kunnskapstest (antall riktige)",
          f"Correct answers in the knowledge quiz of {c.QUIZ_MAX} questions",
          f"a whole number from 0 to {c.QUIZ_MAX}, or blank"),
    Field(c.COMMENT, "text", "Kommentar", "Free-text comment", "any text, or blank"),
)
RESPONDENT_COLUMNS = tuple(f.name for f in RESPONDENT_FIELDS)

ENTERPRISE_FIELDS: tuple[Field, ...] = (
    Field(c.CLUSTER, "text", "Virksomhet (klynge)",
          "The sampled enterprise: the primary sampling unit, as in the respondent file",
          "a text that is not empty and appears once in the file"),
    Field(c.STRATUM, "text", "Stratum", "Sampling stratum", "a text that is not empty"),
    Field(c.BASE_WEIGHT, "float", "Designvekt",
          "Base weight: the inverse of the enterprise's inclusion probability",
          "a number greater than 0"),
    Field(c.STRATUM_POPULATION, "int", "Virksomheter i stratum",
          "Enterprises in the stratum's population (for the finite population correction)",
          "a whole number of at least 1, the same on every line of a stratum and at least "
          "the number of enterprises sampled in the stratum", optional=True),
    Field(c.SIZE_CLASS, "code", "Størrelse",
          "Size class of the enterprise in the register it was sampled from",
          _one_of(c.SIZE_CLASSES)),
    Field(c.SECTOR, "code", "Sektor", "Sector of the enterprise in the register",
          _one_of(c.SECTORS)),
    Field(c.INDUSTRY, "code", "Næring",
          "Industry of the enterprise in the register, SN2007 group code, as text (names "
          "the strata in the report even where nobody answered)", _one_of(c.INDUSTRIES),
          optional=True),
    Field(c.SIZE_CLASS_POPULATION, "int", "Virksomheter i størrelsesgruppen",
          "Establishments of the row's size class in the register (a calibration total)",
          "a whole number of at least 1, the same on every line of a size class",
          optional=True),
    Field(c.SECTOR_POPULATION, "int", "Virksomheter i sektoren",
          "Establishments of the row's sector in the register (a calibration total)",
          "a whole number of at least 1, the same on every line of a sector", optional=True),
    Field(c.STRATUM_LEGAL_ENTITIES, "int", "Foretak i stratum",
          "Legal entities (organisasjonsnummer) of the row's stratum in the register, each "
          "in the stratum of its own industry group and size (a calibration total)",
          "a whole number of at least 1, the same on every line of a stratum",
          optional=True),
    Field(c.LEGAL_ENTITY_STRATUM, "text", "Foretakets stratum",
          "The stratum the register puts the enterprise's legal entity in (industry group "
          "and the legal entity's size)", "one of the file's strata", optional=True),
    Field(c.ENTERPRISE_RESPONSE, "code", "Virksomheten deltok",
          "Whether the enterprise took part: passed the survey on to its role-holders and "
          "reported how many hold each role", _one_of(c.RESPONSE_CODES)),
    *(Field(c.REPORTED[role], "int", f"Oppgitt antall: {c.ROLE_LABELS[role]}",
            f"Persons holding the role '{role}' in the enterprise, as the enterprise reports "
            "them (a person with two roles counts in both); blank when not reported",
            "a whole number, 0 or more, at most the enterprise's employees (the upper "
            "bound of its size class; for 250+ the people employed in its industry), or "
            "blank") for role in c.ROLES),
)
ENTERPRISE_COLUMNS = tuple(f.name for f in ENTERPRISE_FIELDS)

PROVIDER_FIELDS: tuple[Field, ...] = (
    Field(c.PROVIDER, "text", "Tilbyder", "Name or code of the training provider",
          "a text that is not empty and appears once in the file"),
    Field(c.PROVIDER_TYPE, "code", "Type tilbyder",
          "Who gives the course (as in the respondent file)", _one_of(c.PROVIDER_TYPES)),
    Field(c.FORMAT, "code", "Format", "How the course is given", _one_of(c.FORMATS)),
    Field(c.HOURS, "float", "Timer", "Length of the course in hours",
          "a number greater than 0"),
    Field(c.PRICE_NOK, "float", "Pris (kr)", "Price per participant in NOK",
          "a number, 0 or more"),
    Field(c.PARTICIPANTS, "int", "Deltakere", "Participants in the last year",
          "a whole number, 0 or more"),
    Field(c.TOPICS, "text", "Tema",
          f"Topics the course covers, codes separated by '{c.TOPIC_SEPARATOR}'",
          f"at least one of {', '.join(c.TOPICS_ALLOWED)}, separated by "
          f"'{c.TOPIC_SEPARATOR}'"),
)
PROVIDER_COLUMNS = tuple(f.name for f in PROVIDER_FIELDS)

DTYPES = contracts.DTYPES  # the dtypes of the loaded frames (hms.synthetic.export uses them)

# ------------------------------------------------------------------------ value rules
# Each check's ``error`` is a key into contracts.MESSAGES or _MESSAGES, which word the end
# of the sentence.
def _one_stratum_per_cluster(frame: pd.DataFrame) -> pd.Series:
    """False where a cluster appears in another stratum than on its first line."""
    first = frame.groupby(c.CLUSTER, sort=False)[c.STRATUM].transform("first")
    return (frame[c.STRATUM] == first).fillna(True).astype(bool)


def _population_constant(frame: pd.DataFrame) -> pd.Series:
    """False where stratum_population differs from its value on the stratum's first line."""
    if c.STRATUM_POPULATION not in frame:
        return pd.Series(True, index=frame.index)
    first = frame.groupby(c.STRATUM, sort=False)[c.STRATUM_POPULATION].transform("first")
    return (frame[c.STRATUM_POPULATION] == first).fillna(True).astype(bool)


def _one_entity_per_cluster(frame: pd.DataFrame) -> pd.Series:
    """False where a cluster has another legal entity than on its first line."""
    if c.LEGAL_ENTITY not in frame:
        return pd.Series(True, index=frame.index)
    first = frame.groupby(c.CLUSTER, sort=False)[c.LEGAL_ENTITY].transform("first")
    return ((frame[c.LEGAL_ENTITY] == first) | frame[c.LEGAL_ENTITY].isna()
            ).fillna(True).astype(bool)


def _entity_employees_constant(frame: pd.DataFrame) -> pd.Series:
    """False where a legal entity's employees differ from its first line's."""
    if c.LEGAL_ENTITY_EMPLOYEES not in frame or c.LEGAL_ENTITY not in frame:
        return pd.Series(True, index=frame.index)
    first = frame.groupby(c.LEGAL_ENTITY, sort=False)[c.LEGAL_ENTITY_EMPLOYEES].transform(
        "first")
    return (frame[c.LEGAL_ENTITY_EMPLOYEES] == first).fillna(True).astype(bool)


def _population_covers_clusters(frame: pd.DataFrame) -> pd.Series:
    """False where stratum_population is below the number of clusters sampled in it."""
    if c.STRATUM_POPULATION not in frame:
        return pd.Series(True, index=frame.index)
    sampled = frame.groupby(c.STRATUM, sort=False)[c.CLUSTER].transform("nunique")
    return (frame[c.STRATUM_POPULATION] >= sampled).fillna(True).astype(bool)


# The most employees an enterprise of a size class has: the class's upper bound. An
# enterprise of 250 or more is bounded by the people employed in its industry (or in
# Norway, without an industry), NAV 2023 (analysis.hms.margins). No enterprise reports
# more holders of a role than it has employees.
SIZE_CLASS_MAX = MappingProxyType({"1-4": 4, "5-9": 9, "10-19": 19, "20-49": 49,
                                   "50-99": 99, "100-249": 249})
_BOUND_RULE = ("at most the enterprise's employees: the upper bound of its size_class "
               f"({', '.join(f'{n} for {k}' for k, n in SIZE_CLASS_MAX.items())}; for 250+ "
               "the people employed in its industry, NAV 2023)")


def employees_at_most(frame: pd.DataFrame) -> pd.Series:
    """The most employees each enterprise of ``frame`` can have (see
    :data:`SIZE_CLASS_MAX`).

    >>> employees_at_most(pd.DataFrame({"size_class": ["1-4", "250+"], "industry": ["A", "Q"]}
    ...                   )).tolist()
    [4, 646191]
    """
    top = frame[c.SIZE_CLASS].map(dict(SIZE_CLASS_MAX))
    industry = (frame[c.INDUSTRY].map(dict(EMPLOYED_BY_INDUSTRY_2023)) if c.INDUSTRY in frame
                else pd.Series(float("nan"), index=frame.index))
    return top.fillna(industry).fillna(EMPLOYED_TOTAL_2023).astype("int64")


def _reported_within_size(role: str) -> Callable[[pd.DataFrame], pd.Series]:
    def check(frame: pd.DataFrame) -> pd.Series:
        column = c.REPORTED[role]
        if column not in frame or c.SIZE_CLASS not in frame:
            return pd.Series(True, index=frame.index)
        return (frame[column] <= employees_at_most(frame)).fillna(True).astype(bool)
    return check


def _topics_allowed(values: pd.Series) -> pd.Series:
    """True where every topic code is allowed and there is at least one."""
    allowed = set(c.TOPICS_ALLOWED)

    def ok(text: object) -> bool:
        if pd.isna(text):
            return True
        codes = [t.strip() for t in str(text).split(c.TOPIC_SEPARATOR)]
        return all(codes) and set(codes) <= allowed

    return values.map(ok).astype(bool)




def _likert_codes() -> list[int]:
    return [*range(c.LIKERT_MIN, c.LIKERT_MAX + 1), c.LIKERT_DONT_KNOW]


def respondent_schema() -> pa.DataFrameSchema:
    """The value rules of a respondent file, as a pandera schema (types are parsed first).

    Items may be blank (missing) everywhere; identification and design columns may not.
    ``stratum_population`` is optional; when present it is filled on every line.
    """
    field = {f.name: f for f in RESPONDENT_FIELDS}

    def between(low: float, high: float) -> list[pa.Check]:
        return [pa.Check.in_range(low, high, error="allowed")]

    checks: dict[str, tuple[list[pa.Check], bool]] = {
        c.RESPONDENT_ID: ([pa.Check(not_repeated, error="repeated")], False),
        c.ROLE: (isin(c.ROLES), False),
        c.SECTOR: (isin(c.SECTORS), False),
        c.INDUSTRY: (isin(c.INDUSTRIES), False),
        c.SIZE_CLASS: (isin(c.SIZE_CLASSES), False),
        c.EMPLOYEES: ([pa.Check.ge(1, error="allowed")], True),
        c.LEGAL_ENTITY: ([], True),
        c.LEGAL_ENTITY_EMPLOYEES: ([pa.Check.ge(1, error="allowed")], True),
        c.COUNTY: (isin(c.COUNTIES), False),
        c.STRATUM: ([], False),
        c.CLUSTER: ([], False),
        c.BASE_WEIGHT: ([pa.Check.gt(0, error="allowed")], False),
        c.STRATUM_POPULATION: ([pa.Check.ge(1, error="allowed")], False),
        c.RESPONSE_STATUS: (isin(c.RESPONSE_CODES), False),
        **{item: ([], True) for item in (*c.TRAINING_ITEMS, c.DOCUMENTED, *c.RULE_ITEMS)},
        c.LAST_TRAINING_YEAR: (between(EARLIEST_TRAINING_YEAR, SURVEY_YEAR), True),
        c.MONTHS_TO_TRAINING: (between(0, MAX_MONTHS_TO_TRAINING), True),
        c.TRAINING_HOURS: (between(0, MAX_TRAINING_HOURS), True),
        c.PROVIDER_TYPE: (isin(c.PROVIDER_TYPES), True),
        c.TRAINING_FORMAT: (isin(c.TRAINING_FORMATS), True),
        **{item: (isin(_likert_codes()), True) for item in c.LIKERT_ITEMS},
        c.QUIZ_SCORE: (between(0, c.QUIZ_MAX), True),
        c.COMMENT: ([], True),
    }
    return pa.DataFrameSchema(
        {name: column(field[name], *checks[name]) for name in RESPONDENT_COLUMNS},
        checks=[
            pa.Check(_one_stratum_per_cluster, error="one_stratum"),
            pa.Check(_population_constant, error="population_constant"),
            pa.Check(_population_covers_clusters, error="population_covers"),
            pa.Check(_one_entity_per_cluster, error="one_entity"),
            pa.Check(_entity_employees_constant, error="entity_employees_constant"),
        ],
        strict=True,
        ordered=False,
        coerce=False,
        name="HMS survey respondents",
    )


def enterprise_schema() -> pa.DataFrameSchema:
    """The value rules of an enterprise file, as a pandera schema (types are parsed first)."""
    field = {f.name: f for f in ENTERPRISE_FIELDS}

    checks: dict[str, tuple[list[pa.Check], bool]] = {
        c.CLUSTER: ([pa.Check(not_repeated, error="repeated")], False),
        c.STRATUM: ([], False),
        c.BASE_WEIGHT: ([pa.Check.gt(0, error="allowed")], False),
        c.STRATUM_POPULATION: ([pa.Check.ge(1, error="allowed")], False),
        c.SIZE_CLASS: (isin(c.SIZE_CLASSES), False),
        c.SECTOR: (isin(c.SECTORS), False),
        c.INDUSTRY: (isin(c.INDUSTRIES), False),
        c.SIZE_CLASS_POPULATION: ([pa.Check.ge(1, error="allowed")], False),
        c.SECTOR_POPULATION: ([pa.Check.ge(1, error="allowed")], False),
        c.STRATUM_LEGAL_ENTITIES: ([pa.Check.ge(1, error="allowed")], False),
        c.LEGAL_ENTITY_STRATUM: ([], False),
        c.ENTERPRISE_RESPONSE: (isin(c.RESPONSE_CODES), False),
        **{c.REPORTED[role]: ([pa.Check.ge(0, error="allowed")], True) for role in c.ROLES},
    }
    return pa.DataFrameSchema(
        {name: column(field[name], *checks[name]) for name in ENTERPRISE_COLUMNS},
        checks=[
            pa.Check(_population_constant, error="population_constant"),
            pa.Check(_population_covers_clusters, error="population_covers"),
            *(pa.Check(_reported_within_size(role), error=f"within_size_{role}")
              for role in c.ROLES),
        ],
        strict=True,
        ordered=False,
        coerce=False,
        name="HMS survey enterprises",
    )


def provider_schema() -> pa.DataFrameSchema:
    """The value rules of a provider file, as a pandera schema (types are parsed first)."""
    field = {f.name: f for f in PROVIDER_FIELDS}
    checks: dict[str, list[pa.Check]] = {
        c.PROVIDER: [pa.Check(not_repeated, error="repeated")],
        c.PROVIDER_TYPE: isin(c.PROVIDER_TYPES),
        c.FORMAT: isin(c.FORMATS),
        c.HOURS: [pa.Check.gt(0, error="allowed")],
        c.PRICE_NOK: [pa.Check.ge(0, error="allowed")],
        c.PARTICIPANTS: [pa.Check.ge(0, error="allowed")],
        c.TOPICS: [pa.Check(_topics_allowed, error="allowed")],
    }
    return pa.DataFrameSchema(
        {name: column(field[name], checks[name], False) for name in PROVIDER_COLUMNS},
        strict=True,
        ordered=False,
        coerce=False,
        name="HMS training providers",
    )


# Which column a frame-wide check speaks about.
_CHECK_COLUMN = {
    "one_stratum": c.CLUSTER,
    "population_constant": c.STRATUM_POPULATION,
    "population_covers": c.STRATUM_POPULATION,
    "one_entity": c.LEGAL_ENTITY,
    "entity_employees_constant": c.LEGAL_ENTITY_EMPLOYEES,
    **{f"within_size_{role}": c.REPORTED[role] for role in c.ROLES},
}


# ------------------------------------------------------------------------- messages
# The wording of the HMS rules (the shared ones are contracts.MESSAGES).
_MESSAGES: dict[str, Callable[[str, bool, Field], str]] = {
    "one_stratum": lambda v, s, f: (
        f"{v} already {verb(s, 'appears', 'appear')} in another stratum on an earlier "
        "line; a cluster (enterprise) belongs to one stratum only"
    ),
    "population_constant": lambda v, s, f: (
        f"{v} {verb(s, 'differs', 'differ')} from the value on the stratum's first line; "
        f"{f.name} must be the same on every line of a stratum"
    ),
    "one_entity": lambda v, s, f: (
        f"{v} {verb(s, 'differs', 'differ')} from the legal entity on the cluster's first "
        "line; a cluster (enterprise) belongs to one legal entity only"
    ),
    "entity_employees_constant": lambda v, s, f: (
        f"{v} {verb(s, 'differs', 'differ')} from the value on the legal entity's first "
        f"line; {f.name} must be the same on every line of a legal entity"
    ),
    **{f"within_size_{role}": lambda v, s, f: (
        f"{v} {verb(s, 'is', 'are')} more than the enterprise can have; {f.name} must be "
        f"{_BOUND_RULE}") for role in c.ROLES},
    "population_covers": lambda v, s, f: (
        f"{v} {verb(s, 'is', 'are')} fewer than the clusters sampled in the stratum; "
        f"{f.name} must be at least the number of distinct clusters sampled in it"
    ),
}


def _contract(fields: tuple[Field, ...], schema: pa.DataFrameSchema) -> Contract:
    return Contract(fields, schema, _MESSAGES, _CHECK_COLUMN)


def check_table(raw: RawTable, fields: tuple[Field, ...] = RESPONDENT_FIELDS,
                schema: pa.DataFrameSchema | None = None) -> pd.DataFrame:
    """Type and check cells already read (e.g. translated from a survey tool's export by
    :mod:`analysis.hms.mapping`); raise one DataFileError naming ``raw.shown``, the
    column, the lines and the rule on the first breach."""
    schema = schema if schema is not None else respondent_schema()
    return contracts.check_table(raw, _contract(fields, schema))


def load_respondents(path: str | Path = RESPONDENTS_FILE) -> pd.DataFrame:
    """Read and check a respondent file (one row per sampled person).

    Args:
        path: CSV file, relative to the project root or absolute; defaults to the
            shipped synthetic file.

    Returns:
        One row per line of the file, in file order, with the columns of
        :data:`RESPONDENT_COLUMNS` in that order (``stratum_population`` only when the
        file has it): codes and text as ``str``, booleans as nullable ``boolean``, whole
        numbers (year, Likert items, quiz score, stratum_population) as nullable
        ``Int64``, base_weight and training_hours as ``float64``; a blank cell is
        missing. No ``line`` column.

    Raises:
        DataFileError: the file is missing or empty, or breaks the contract; one sentence
            naming file, column, lines and rule. The file is only read.
    """
    return with_response_status(contracts.load(path, _contract(RESPONDENT_FIELDS,
                                                                respondent_schema())))


def with_response_status(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``response_status``: a file without the column lists respondents only."""
    if c.RESPONSE_STATUS not in frame.columns:
        frame = frame.copy()
        before = RESPONDENT_COLUMNS[:RESPONDENT_COLUMNS.index(c.RESPONSE_STATUS)]
        frame.insert(sum(col in frame.columns for col in before), c.RESPONSE_STATUS,
                     pd.Series("respondent", index=frame.index, dtype="str"))
    return frame


def load_enterprises(path: str | Path = ENTERPRISES_FILE) -> pd.DataFrame:
    """Read and check an enterprise file (one row per sampled enterprise).

    Args:
        path: CSV file, relative to the project root or absolute; defaults to the
            shipped synthetic file.

    Returns:
        The columns of :data:`ENTERPRISE_COLUMNS` in that order (``stratum_population``
        only when the file has it): codes and text as ``str``, base_weight as
        ``float64``, stratum_population and the reported counts as nullable ``Int64``.

    Raises:
        DataFileError: as :func:`load_respondents`.
    """
    return contracts.load(path, _contract(ENTERPRISE_FIELDS, enterprise_schema()))


def load_providers(path: str | Path = PROVIDERS_FILE) -> pd.DataFrame:
    """Read and check a provider file (one row per training provider).

    Args:
        path: CSV file, relative to the project root or absolute; defaults to the
            shipped synthetic file.

    Returns:
        The columns of :data:`PROVIDER_COLUMNS` in that order: provider, provider_type,
        format and topics (``"law|risk_assessment"``) as ``str``, hours and price_nok as
        ``float64``, participants as ``Int64``. Every cell is filled.

    Raises:
        DataFileError: as :func:`load_respondents`.
    """
    return contracts.load(path, _contract(PROVIDER_FIELDS, provider_schema()))
