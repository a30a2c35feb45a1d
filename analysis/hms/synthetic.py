"""Seeded synthetic HMS-training survey: respondent file and provider file.

No survey microdata is public (DOMAIN.md, family 3), so the project ships a synthetic data
set that meets the data contract (:mod:`analysis.hms.contract`) and mimics the design a
real survey would have. Everything here is invented except the public margins of
:mod:`analysis.hms.margins` and the legal thresholds of :mod:`analysis.hms.rules`; every
choice is a module constant, and ``data/hms/README.md`` states each as an assumption.

The design:

1. A population frame of enterprises: the establishments by size class of 1 January 2023
   (Statistics Norway, 208 800 in all) spread over industries in proportion to the
   employed people by industry in 2023 (NAV) (an assumption: the same industry mix in
   every size class), counties in proportion to the population on 1 January 2020
   (Statistics Norway, table 07459), sector by industry (:data:`PUBLIC_SHARE`).
2. Strata: industry group (:data:`INDUSTRY_GROUPS`, 6) × size group (:data:`SIZE_GROUPS`,
   4) = 24 strata, coded ``"<industry group>|<size group>"``, e.g. ``"industri|20-99"``.
3. A stratified sample of enterprises (the clusters, PSUs), disproportionate: larger
   enterprises are sampled with a higher probability (:data:`ENTERPRISES_SAMPLED`).
   ``base_weight`` = stratum enterprises / sampled enterprises, constant within a cluster;
   ``stratum_population`` = the stratum's enterprises in the frame.
4. In every sampled enterprise all role-holders are sampled: the top leader, a
   verneombud from :data:`~analysis.hms.rules.VERNEOMBUD_MIN_EMPLOYEES` employees, 2–4
   AMU members from :data:`~analysis.hms.rules.AMU_MIN_EMPLOYEES`, and 0–3 employees with
   employer tasks, more in larger enterprises.
5. Non-response at enterprise level (small enterprises answer less) and person level (by
   role); item non-response and "vet ikke" among respondents; free-text comments built
   from Norwegian templates.
6. The effects in :data:`PLANTED`, so that an analysis has something true to find.

Respondent ids and cluster codes start with :data:`SYNTHETIC_PREFIX`, so a report can
recognise synthetic data wherever the file is copied (:func:`is_synthetic`).

>>> frame_counts()["enterprises"].sum()
np.int64(208800)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.csvfiles import Field
from analysis.hms import columns as c
from analysis.hms import contract, margins, rules

DEFAULT_SEED = 20240122  # the date of AID's letter, 22 January 2024
SYNTHETIC_PREFIX = "SYN-"
RESPONDENTS_NAME = "respondents_synthetic.csv"
PROVIDERS_NAME = "providers_synthetic.csv"

# --- Frame and design ---------------------------------------------------------------------
INDUSTRY_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "industri": ("A", "B", "C", "D-E"),  # primary industries, extraction, manufacturing, utilities
    "bygg_transport": ("F", "H"),
    "handel_servering": ("G", "I"),
    "privat_tjenesteyting": ("J", "K", "L", "M", "N", "R-U", "00"),
    "offentlig_undervisning": ("O", "P"),
    "helse_sosial": ("Q",),
})
"""The synthetic design's industry groups (its own collapsing, for stratification)."""

SIZE_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "1-4": ("1-4",),
    "5-19": ("5-9", "10-19"),
    "20-99": ("20-49", "50-99"),
    "100+": ("100-249", "250+"),
})
"""The synthetic design's size groups (for stratification)."""

ENTERPRISES_SAMPLED: Mapping[str, int] = MappingProxyType({
    "1-4": 650, "5-19": 640, "20-99": 400, "100+": 230,
})
"""Enterprises sampled per size group, spread over industry groups: each stratum gets
:data:`MIN_SAMPLED_PER_STRATUM`, the rest in proportion to the frame. About 0.6 %, 0.9 %,
1.4 % and 5.8 % of the enterprises, so larger enterprises are oversampled."""

MIN_SAMPLED_PER_STRATUM = 20

PUBLIC_SHARE: Mapping[str, float] = MappingProxyType({
    "O": 1.0, "P": 1.0, "Q": 0.6, "D-E": 0.05, "H": 0.05, "J": 0.05,
})
"""Probability that an enterprise of the industry is public (an assumption); others 0."""

EMPLOYEES_RANGE: Mapping[str, tuple[int, int]] = MappingProxyType({
    "1-4": (1, 4), "5-9": (5, 9), "10-19": (10, 19), "20-49": (20, 49), "50-99": (50, 99),
    "100-249": (100, 249), "250+": (250, 3000),
})
"""Employees of an enterprise, drawn log-uniformly within its size class (upper bound of
250+ assumed)."""

EMPLOYER_TASKS_RANGE: Mapping[str, tuple[int, int]] = MappingProxyType({
    "1-4": (0, 1), "5-9": (0, 1), "10-19": (0, 2), "20-49": (1, 2), "50-99": (1, 3),
    "100-249": (2, 3), "250+": (2, 3),
})
"""Employees with employer tasks per enterprise (uniform whole numbers in the range)."""

AMU_MEMBERS_RANGE = (2, 4)

# --- Response -----------------------------------------------------------------------------
ENTERPRISE_RESPONSE: Mapping[str, float] = MappingProxyType({
    "1-4": 0.62, "5-19": 0.70, "20-99": 0.76, "100+": 0.80,
})
"""Probability that a sampled enterprise takes part, by size group."""

PERSON_RESPONSE: Mapping[str, float] = MappingProxyType({
    "leader": 0.84, "employer_tasks": 0.80, "verneombud": 0.86, "amu_member": 0.82,
})
"""Probability that a person in a taking-part enterprise answers, by role."""

ITEM_NONRESPONSE = 0.03  # per item, among respondents
DONT_KNOW = 0.03  # "vet ikke" per Likert item, among those answering it
COMMENT_RATE = 0.30  # respondents who write a comment
TWO_THEMES = 0.30  # comments that carry two themes

PLANTED: tuple[str, ...] = (
    "Respondents in smaller enterprises rate the applicability of the training to the "
    "risks at their workplace (likert_applicability) lower.",
    "Respondents whose training came from online self-study (provider_type "
    "online_self_study) rate its applicability (likert_applicability) lower.",
    "Top leaders in smaller enterprises have less often completed the employer's HMS "
    "training (trained_employer_3_5) and less often have it documented (documented).",
    "Verneombud and AMU members in larger enterprises have more often completed the "
    "40-hour course (trained_40h_course) and more often have at least 40 training hours "
    "(training_hours).",
    "More training hours go with a higher knowledge-quiz score (quiz_score).",
    "Respondents in the public sector have slightly more often completed HMS training "
    "(any of the three training items).",
    "Online self-study users more often comment on online training (nettkurs, digitalt, "
    "e-læring) and ask for more practical training (mer praktisk, flere øvelser, konkrete "
    "eksempler).",
    "Respondents in small enterprises (fewer than 20 employees) more often comment on "
    "relevance (lite relevant, for generelt) and cost (for dyrt, kurset kostet).",
    "In the provider file, online self-study providers cover fewer topics and 40-hour "
    "courses cover more topics than other courses.",
)
"""The effects planted in the synthetic data, in plain English (also in the README)."""

# --- Comments -----------------------------------------------------------------------------
COMMENT_TEMPLATES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "relevance": (
        "Kurset var lite relevant for oss.",
        "Innholdet var for generelt.",
        "Eksemplene passer ikke for vår bransje.",
        "Mye av stoffet var lite relevant for en liten virksomhet.",
    ),
    "time": (
        "Opplæringen tok for mye tid fra den daglige driften.",
        "Det ble for få timer til å gå i dybden.",
        "Kurset tok for mye tid i en travel periode.",
    ),
    "cost": (
        "Kurset var for dyrt for en liten virksomhet.",
        "Kurset kostet mer enn vi hadde regnet med.",
        "For dyrt når flere må ta kurset.",
    ),
    "online": (
        "Nettkurset var tungt å gjennomføre alene.",
        "Alt foregikk digitalt, uten mulighet for spørsmål.",
        "E-læring alene holder ikke.",
        "Vanskelig å holde konsentrasjonen på et nettkurs.",
    ),
    "practical": (
        "Vi ønsker mer praktisk opplæring.",
        "Det burde vært flere øvelser.",
        "Savnet konkrete eksempler fra arbeidsplassen.",
    ),
    "positive": (
        "Kurset var nyttig.",
        "Veldig lærerikt.",
        "God kursholder som kjente bransjen.",
        "Nyttig og godt lagt opp.",
    ),
    "psychosocial": (
        "Burde hatt mer om psykososialt arbeidsmiljø.",
        "Vi trenger hjelp til å håndtere konflikter.",
        "For lite om trakassering.",
    ),
    "follow_up": (
        "Savner oppfølging etter kurset.",
        "Uklart hvilken dokumentasjon vi må ha.",
        "Fikk aldri kursbevis.",
    ),
})
"""Norwegian comment sentences per theme; each carries its theme's key words and no
other theme's."""

THEME_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "relevance": 0.13, "time": 0.11, "cost": 0.09, "online": 0.09, "practical": 0.11,
    "positive": 0.25, "psychosocial": 0.11, "follow_up": 0.11,
})
"""Relative frequency of each theme before the planted multipliers."""

ONLINE_THEME_FACTOR = {"online": 4.0, "practical": 2.5}  # online self-study users
SMALL_THEME_FACTOR = {"relevance": 2.5, "cost": 3.0}  # enterprises with < 20 employees

_ROLE_ORDER = {role: i for i, role in enumerate(c.ROLES)}
_SIZE_INDEX = {size: i for i, size in enumerate(c.SIZE_CLASSES)}
_SIZE_GROUP_OF = {size: group for group, sizes in SIZE_GROUPS.items() for size in sizes}
_INDUSTRY_GROUP_OF = {ind: group for group, inds in INDUSTRY_GROUPS.items() for ind in inds}
assert set(_SIZE_GROUP_OF) == set(c.SIZE_CLASSES)
assert set(_INDUSTRY_GROUP_OF) == set(c.INDUSTRIES)


# ------------------------------------------------------------------------------ frame
def _largest_remainder(total: int, weights: Sequence[float]) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total`` exactly."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    # ties go to the earlier category, so the result never depends on sorting details
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    return counts


def frame_counts() -> pd.DataFrame:
    """Enterprises in the synthetic population frame by industry and size class.

    Each size class's establishments (Statistics Norway, 1 January 2023) are spread over
    the industries in proportion to the employed people by industry (NAV, 2023), rounded
    by largest remainder so each size class keeps its exact total.

    Returns:
        Columns ``industry``, ``size_class``, ``industry_group``, ``size_group``,
        ``stratum``, ``enterprises``; one row per industry × size class.
    """
    employed = [margins.EMPLOYED_BY_INDUSTRY_2023[ind] for ind in c.INDUSTRIES]
    rows = []
    for size in c.SIZE_CLASSES:
        counts = _largest_remainder(margins.ESTABLISHMENTS_BY_SIZE_2023[size], employed)
        for ind, n in zip(c.INDUSTRIES, counts, strict=True):
            group, size_group = _INDUSTRY_GROUP_OF[ind], _SIZE_GROUP_OF[size]
            rows.append((ind, size, group, size_group, f"{group}|{size_group}", int(n)))
    return pd.DataFrame(rows, columns=[c.INDUSTRY, c.SIZE_CLASS, "industry_group",
                                       "size_group", c.STRATUM, "enterprises"])


def _frame(rng: np.random.Generator) -> pd.DataFrame:
    """One row per enterprise of the frame, with county, sector and employees."""
    counts = frame_counts()
    # per industry × size class first, then repeated: fast on 208 800 rows
    cell = np.repeat(np.arange(len(counts)), counts["enterprises"].to_numpy())
    n = len(cell)
    public = np.array([PUBLIC_SHARE.get(ind, 0.0) for ind in counts[c.INDUSTRY]])[cell]
    low = np.array([EMPLOYEES_RANGE[s][0] for s in counts[c.SIZE_CLASS]], dtype=float)[cell]
    high = np.array([EMPLOYEES_RANGE[s][1] for s in counts[c.SIZE_CLASS]], dtype=float)[cell]
    counties = np.array(list(margins.COUNTY_POPULATION_2020), dtype=object)
    population = np.array(list(margins.COUNTY_POPULATION_2020.values()), dtype=float)
    county = counties[rng.choice(len(counties), n, p=population / population.sum())]
    sector = np.where(rng.random(n) < public, "public", "private").astype(object)
    draw = np.exp(rng.uniform(np.log(low), np.log(high + 1)))
    return pd.DataFrame({
        "cell": cell,
        c.COUNTY: county,
        c.SECTOR: sector,
        "employees": np.clip(np.floor(draw), low, high).astype(np.int64),
    })


def _allocation(counts: pd.DataFrame) -> dict[str, int]:
    """Enterprises to sample per stratum: each size group's total, proportional within."""
    sizes = counts.groupby(c.STRATUM, sort=False)["enterprises"].sum()
    group_of = counts.groupby(c.STRATUM, sort=False)["size_group"].first()
    out: dict[str, int] = {}
    for size_group, total in ENTERPRISES_SAMPLED.items():
        strata = [s for s in sizes.index if group_of[s] == size_group]
        spare = total - MIN_SAMPLED_PER_STRATUM * len(strata)
        extra = _largest_remainder(spare, [sizes[s] for s in strata])
        for s, e in zip(strata, extra, strict=True):
            out[s] = int(min(MIN_SAMPLED_PER_STRATUM + e, sizes[s]))
    return out


def _sample(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Simple random samples of enterprises within strata, with weights and fpc."""
    counts = frame_counts()
    stratum_of_cell = counts[c.STRATUM].to_numpy(dtype=object)
    stratum = stratum_of_cell[frame["cell"].to_numpy()]
    parts = []
    for name, n in _allocation(counts).items():
        members = np.flatnonzero(stratum == name)
        chosen = np.sort(rng.choice(members, size=n, replace=False))
        part = frame.iloc[chosen].copy()
        part[c.STRATUM_POPULATION] = len(members)
        part[c.BASE_WEIGHT] = len(members) / n
        parts.append(part)
    sample = pd.concat(parts, ignore_index=True)
    sample = sample.join(counts.drop(columns="enterprises"), on="cell").drop(columns="cell")
    sample[c.CLUSTER] = [f"{SYNTHETIC_PREFIX}E{i:04d}" for i in range(1, len(sample) + 1)]
    return sample


def _people(sample: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """All role-holders of every sampled enterprise."""
    employees = sample["employees"].to_numpy()
    size = sample[c.SIZE_CLASS]
    low = size.map(lambda s: EMPLOYER_TASKS_RANGE[s][0]).to_numpy()
    high = size.map(lambda s: EMPLOYER_TASKS_RANGE[s][1]).to_numpy()
    counts = {
        "leader": np.ones(len(sample), dtype=np.int64),
        "employer_tasks": rng.integers(low, high + 1),
        "verneombud": (employees >= rules.VERNEOMBUD_MIN_EMPLOYEES).astype(np.int64),
        "amu_member": np.where(employees >= rules.AMU_MIN_EMPLOYEES,
                               rng.integers(AMU_MEMBERS_RANGE[0], AMU_MEMBERS_RANGE[1] + 1,
                                            len(sample)), 0),
    }
    parts = []
    for role in c.ROLES:
        part = sample.loc[sample.index.repeat(counts[role])].copy()
        part[c.ROLE] = role
        parts.append(part)
    people = pd.concat(parts)
    people["enterprise"] = people.index
    people["role_order"] = people[c.ROLE].map(_ROLE_ORDER)
    people = people.sort_values(["enterprise", "role_order"], kind="stable")
    return people.reset_index(drop=True).drop(columns="role_order")


def _respond(people: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Whether each person answered: the enterprise took part, then the person answered."""
    n_enterprises = int(people["enterprise"].max()) + 1
    first = people.groupby("enterprise")["size_group"].first()
    takes_part = rng.random(n_enterprises) < first.map(ENTERPRISE_RESPONSE).to_numpy()
    answers = rng.random(len(people)) < people[c.ROLE].map(PERSON_RESPONSE).to_numpy()
    return takes_part[people["enterprise"].to_numpy()] & answers


# ------------------------------------------------------------------------------ items
def _likert(latent: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(latent), c.LIKERT_MIN, c.LIKERT_MAX).astype(np.int64)


def _choose(rng: np.random.Generator, options: Sequence[object], weights: Sequence[float],
            n: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return np.asarray(options, dtype=object)[rng.choice(len(options), n, p=p / p.sum())]


_PROVIDER_MIX = {  # internal, external_commercial, union_employer_org, online_self_study
    "1-4": (0.08, 0.38, 0.14, 0.40),
    "5-19": (0.12, 0.38, 0.16, 0.34),
    "20-99": (0.22, 0.36, 0.18, 0.24),
    "100+": (0.38, 0.28, 0.20, 0.14),
}
_PUBLIC_PROVIDER_SHIFT = np.array([0.08, -0.04, 0.0, -0.04])
_LEADER_COURSE_HOURS = (3, 4, 6, 7.5, 8, 12, 15, 16)
_FULL_COURSE_HOURS = (40, 40, 40, 42, 45)
_SHORTENED_COURSE_HOURS = (16, 20, 24, 30, 32, 36)
_OTHER_COURSE_HOURS = (2, 3, 4, 6, 8)
_YEARS_BACK_P = (0.17, 0.22, 0.19, 0.15, 0.10, 0.07)  # 2024, 2023, ... 2019; rest older


def _items(people: pd.DataFrame, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """True answers of every person (non-respondents are blanked afterwards).

    Probabilities grow with size (index 0 for 1-4 to 6 for 250+); the public sector adds
    a small bonus to every training probability.
    """
    n = len(people)
    k = people[c.SIZE_CLASS].map(_SIZE_INDEX).to_numpy()
    small = (6 - k) / 6  # 1 for 1-4 employees, 0 for 250+
    role = people[c.ROLE].to_numpy()
    leader = role == "leader"
    tasks = role == "employer_tasks"
    rep = (role == "verneombud") | (role == "amu_member")
    public = (people[c.SECTOR] == "public").to_numpy()
    bonus = 0.08 * public

    p_employer = np.select([leader, tasks], [0.42 + 0.08 * k, 0.45 + 0.04 * k], 0.15)
    p_40h = np.select([rep, leader], [0.42 + 0.08 * k, 0.08 + 0.02 * k], 0.10)
    p_other = np.full(n, 0.35)
    trained_employer = rng.random(n) < np.clip(p_employer + bonus, 0, 0.97)
    trained_40h = rng.random(n) < np.clip(p_40h + bonus, 0, 0.97)
    trained_other = rng.random(n) < np.clip(p_other + bonus, 0, 0.97)
    trained = trained_employer | trained_40h | trained_other

    documented = trained & (rng.random(n) < np.clip(0.50 + 0.06 * k, 0, 0.95))

    full = rng.random(n) < 0.50 + 0.07 * k
    course_40h = np.where(full, rng.choice(_FULL_COURSE_HOURS, n),
                          rng.choice(_SHORTENED_COURSE_HOURS, n))
    hours = (np.where(trained_employer, rng.choice(_LEADER_COURSE_HOURS, n), 0.0)
             + np.where(trained_40h, course_40h, 0.0)
             + np.where(trained_other, rng.choice(_OTHER_COURSE_HOURS, n), 0.0))

    mix = np.array([_PROVIDER_MIX[g] for g in people["size_group"]])
    mix = np.clip(mix + np.outer(public, _PUBLIC_PROVIDER_SHIFT), 0.01, None)
    mix /= mix.sum(axis=1, keepdims=True)
    pick = (rng.random(n)[:, None] > np.cumsum(mix, axis=1)).sum(axis=1)
    provider = np.where(trained, np.array(c.PROVIDER_TYPES, dtype=object)[pick], None)
    online = provider == "online_self_study"

    back = rng.choice(len(_YEARS_BACK_P) + 1, n, p=[*_YEARS_BACK_P, 1 - sum(_YEARS_BACK_P)])
    older = rng.integers(2005, 2019, n)
    year = np.where(back < len(_YEARS_BACK_P), rules.SURVEY_YEAR - back, older)

    applicability = _likert(4.15 - 0.85 * online - 0.9 * small + 0.1 * public
                            + rng.normal(0, 0.85, n))
    relevance = _likert(4.1 - 0.45 * online - 0.5 * small + rng.normal(0, 0.85, n))
    quality = _likert(4.0 - 0.5 * online + 0.15 * (provider == "union_employer_org")
                      + rng.normal(0, 0.8, n))
    confidence = _likert(3.1 + 0.28 * np.log1p(hours) + 0.15 * rep + rng.normal(0, 0.9, n))
    quiz = rng.binomial(c.QUIZ_MAX, 1 / (1 + np.exp(0.7 - 0.42 * np.log1p(hours))))

    def if_trained(values: np.ndarray) -> np.ndarray:
        return np.where(trained, values.astype(object), None)

    return {
        c.TRAINED_EMPLOYER: trained_employer.astype(object),
        c.TRAINED_40H: trained_40h.astype(object),
        c.TRAINED_OTHER: trained_other.astype(object),
        c.LAST_TRAINING_YEAR: if_trained(year),
        c.TRAINING_HOURS: hours.astype(object),
        c.PROVIDER_TYPE: provider,
        c.DOCUMENTED: documented.astype(object),
        c.LIKERT_RELEVANCE: if_trained(relevance),
        c.LIKERT_QUALITY: if_trained(quality),
        c.LIKERT_APPLICABILITY: if_trained(applicability),
        c.LIKERT_CONFIDENCE: confidence.astype(object),
        c.QUIZ_SCORE: quiz.astype(object),
    }


def _comments(people: pd.DataFrame, provider: np.ndarray, rng: np.random.Generator
              ) -> np.ndarray:
    """A short Norwegian comment for about :data:`COMMENT_RATE` of the people."""
    n = len(people)
    themes = list(COMMENT_TEMPLATES)
    base = np.array([THEME_WEIGHTS[t] for t in themes])
    writes = rng.random(n) < COMMENT_RATE
    two = rng.random(n) < TWO_THEMES
    small = people["size_group"].isin(["1-4", "5-19"]).to_numpy()
    out = np.full(n, None, dtype=object)
    for i in np.flatnonzero(writes):
        w = base.copy()
        factors = {}
        if provider[i] == "online_self_study":
            factors.update(ONLINE_THEME_FACTOR)
        if small[i]:
            factors.update(SMALL_THEME_FACTOR)
        for theme, factor in factors.items():
            w[themes.index(theme)] *= factor
        chosen = rng.choice(len(themes), 2 if two[i] else 1, replace=False, p=w / w.sum())
        sentences = [COMMENT_TEMPLATES[themes[t]][rng.integers(len(COMMENT_TEMPLATES[
            themes[t]]))] for t in chosen]
        out[i] = " ".join(sentences)
    return out


def _respondents(rng: np.random.Generator) -> pd.DataFrame:
    sample = _sample(_frame(rng), rng)
    people = _people(sample, rng)
    responded = _respond(people, rng)
    items = _items(people, rng)
    comments = _comments(people, items[c.PROVIDER_TYPE], rng)
    n = len(people)
    out = pd.DataFrame({
        c.RESPONDENT_ID: [f"{SYNTHETIC_PREFIX}R{i:05d}" for i in range(1, n + 1)],
        **{col: people[col].to_numpy() for col in (
            c.ROLE, c.SECTOR, c.INDUSTRY, c.SIZE_CLASS, c.COUNTY, c.STRATUM, c.CLUSTER,
            c.BASE_WEIGHT, c.STRATUM_POPULATION)},
        c.RESPONSE_STATUS: np.where(responded, "respondent", "nonrespondent"),
    })
    for item, values in items.items():
        values = values.copy()
        blank = ~responded | (rng.random(n) < ITEM_NONRESPONSE)
        if item in c.LIKERT_ITEMS:
            dont_know = rng.random(n) < DONT_KNOW
            values[dont_know & pd.notna(values)] = c.LIKERT_DONT_KNOW
        values[blank] = None
        out[item] = values
    out[c.COMMENT] = np.where(responded, comments, None)
    return _typed(out, contract.RESPONDENT_FIELDS)


# ---------------------------------------------------------------------------- providers
N_PROVIDERS = 40
_PROVIDER_TYPE_COUNTS = {"internal": 5, "external_commercial": 16, "union_employer_org": 8,
                         "online_self_study": 11}
_SHARE_40H = {"internal": 0.3, "external_commercial": 0.45, "union_employer_org": 0.75,
              "online_self_study": 0.2}


def _providers(rng: np.random.Generator) -> pd.DataFrame:
    """About 40 providers; formats follow type, topics follow course length and type."""
    types = np.array([t for t, k in _PROVIDER_TYPE_COUNTS.items() for _ in range(k)])
    types = types[rng.permutation(len(types))]
    rows = []
    for i, kind in enumerate(types, start=1):
        course_40h = rng.random() < _SHARE_40H[kind]
        online = kind == "online_self_study"
        if online:
            fmt = "online_self_study"
        else:
            fmt = str(_choose(rng, ["classroom", "online_live", "blended"],
                              [0.55, 0.2, 0.25], 1)[0])
        if course_40h:
            hours = float(rng.choice(_FULL_COURSE_HOURS))
            n_topics = int(rng.integers(6, 9))
            price = rng.integers(30, 51) * 100 if online else rng.integers(70, 131) * 100
        else:
            hours = float(rng.choice(_OTHER_COURSE_HOURS if online else _LEADER_COURSE_HOURS))
            n_topics = int(rng.integers(3, 7))
            price = rng.integers(3, 26) * 100 if online else rng.integers(25, 71) * 100
        if online:
            n_topics = max(1, n_topics - 2)
        if kind == "internal":
            price = 0
        others = rng.choice(len(c.TOPICS_ALLOWED) - 1, n_topics - 1, replace=False) + 1
        topics = [c.TOPICS_ALLOWED[0], *(c.TOPICS_ALLOWED[j] for j in sorted(others))]
        participants = int(rng.integers(100, 3001) if online else rng.integers(20, 801))
        rows.append({
            c.PROVIDER: f"Tilbyder {i:02d}", c.PROVIDER_TYPE: str(kind), c.FORMAT: fmt,
            c.HOURS: hours, c.PRICE_NOK: float(price), c.PARTICIPANTS: participants,
            c.TOPICS: c.TOPIC_SEPARATOR.join(topics),
        })
    return _typed(pd.DataFrame(rows), contract.PROVIDER_FIELDS)


# ------------------------------------------------------------------------------ public
def _typed(frame: pd.DataFrame, fields: Sequence[Field]) -> pd.DataFrame:
    """The frame with the contract's columns, order and dtypes (as the loaders return)."""
    return pd.DataFrame({f.name: pd.Series(list(frame[f.name]), dtype=contract.DTYPES[f.kind])
                         for f in fields})


def generate(seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The synthetic respondent file and provider file, as typed frames.

    Args:
        seed: seed of :func:`numpy.random.default_rng`; the same seed gives the same data.

    Returns:
        ``(respondents, providers)`` with the columns and dtypes that
        :func:`analysis.hms.contract.load_respondents` and
        :func:`~analysis.hms.contract.load_providers` return (``stratum_population``
        included).
    """
    rng = np.random.default_rng(seed)
    respondents = _respondents(rng)
    providers = _providers(rng)
    return respondents, providers


def _cell(value: object) -> str:
    """A value as CSV text: blank for missing, 1/0 for booleans, shortest exact numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "1" if value else "0"
    if isinstance(value, float | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def to_csv_text(frame: pd.DataFrame) -> str:
    """The frame as comma-separated UTF-8 text with ``\\n`` line ends (deterministic)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.astype(object).itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def write(out_dir: str | Path, seed: int = DEFAULT_SEED) -> tuple[Path, Path]:
    """Generate the synthetic data and write the two CSV files into ``out_dir``.

    Args:
        out_dir: folder to write into (created if missing).
        seed: as in :func:`generate`.

    Returns:
        The paths of the respondent file and the provider file
        (:data:`RESPONDENTS_NAME`, :data:`PROVIDERS_NAME`).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    respondents, providers = generate(seed)
    paths = (out / RESPONDENTS_NAME, out / PROVIDERS_NAME)
    for path, frame in zip(paths, (respondents, providers), strict=True):
        path.write_bytes(to_csv_text(frame).encode("utf-8"))
    return paths


def is_synthetic(respondents: pd.DataFrame) -> bool:
    """Whether a respondent frame comes from this generator (ids carry the prefix)."""
    ids = respondents[c.RESPONDENT_ID].astype(str)
    return bool(len(ids)) and bool(ids.str.startswith(SYNTHETIC_PREFIX).all())
