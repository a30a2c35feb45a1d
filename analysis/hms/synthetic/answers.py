"""The synthetic survey items: training, hours, provider type, year, Likert statements and
the knowledge quiz, with the planted effects on them, and item non-response.

Every role-holder first gets true answers (:func:`true_answers`); :func:`as_answered`
then blanks non-respondents and :data:`ITEM_NONRESPONSE` of the items, and turns
:data:`DONT_KNOW` of the Likert answers into "vet ikke".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import rules

ITEM_NONRESPONSE = 0.03  # per item, among respondents
DONT_KNOW = 0.03  # "vet ikke" per Likert item, among those answering it

# Course lengths in hours, drawn uniformly from these lists (the provider file uses them too)
LEADER_COURSE_HOURS = (3, 4, 6, 7.5, 8, 12, 15, 16)  # the employer's (leader) training
FULL_COURSE_HOURS = (40, 40, 40, 42, 45)  # the 40-hour course in full
SHORTENED_COURSE_HOURS = (16, 20, 24, 30, 32, 36)  # the 40-hour course, shortened
OTHER_COURSE_HOURS = (2, 3, 4, 6, 8)  # other HMS courses

_SIZE_INDEX = {size: i for i, size in enumerate(c.SIZE_CLASSES)}
KINDS = ("internal", "external_commercial", "union_employer_org", "online_self_study")
"""The combined kind of training drawn here (who and how together); split into the
contract's provider_type (who) and training_format (how) by
:mod:`~analysis.hms.synthetic.provider_split`."""
_PROVIDER_MIX = {  # shares of KINDS
    "1-4": (0.08, 0.38, 0.14, 0.40),
    "5-19": (0.12, 0.38, 0.16, 0.34),
    "20-99": (0.22, 0.36, 0.18, 0.24),
    "100+": (0.38, 0.28, 0.20, 0.14),
}
_PUBLIC_PROVIDER_SHIFT = np.array([0.08, -0.04, 0.0, -0.04])
_YEARS_BACK_P = (0.17, 0.22, 0.19, 0.15, 0.10, 0.07)  # 2024, 2023, ... 2019; rest older


def _likert(latent: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(latent), c.LIKERT_MIN, c.LIKERT_MAX).astype(np.int64)


def true_answers(people: pd.DataFrame, rng: np.random.Generator) -> dict[str, np.ndarray]:
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
    course_40h = np.where(full, rng.choice(FULL_COURSE_HOURS, n),
                          rng.choice(SHORTENED_COURSE_HOURS, n))
    hours = (np.where(trained_employer, rng.choice(LEADER_COURSE_HOURS, n), 0.0)
             + np.where(trained_40h, course_40h, 0.0)
             + np.where(trained_other, rng.choice(OTHER_COURSE_HOURS, n), 0.0))

    mix = np.array([_PROVIDER_MIX[g] for g in people["size_group"]])
    mix = np.clip(mix + np.outer(public, _PUBLIC_PROVIDER_SHIFT), 0.01, None)
    mix /= mix.sum(axis=1, keepdims=True)
    pick = (rng.random(n)[:, None] > np.cumsum(mix, axis=1)).sum(axis=1)
    provider = np.where(trained, np.array(KINDS, dtype=object)[pick], None)
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


def as_answered(items: Mapping[str, np.ndarray], responded: np.ndarray,
                rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The answers as the file holds them: blank for non-respondents and item
    non-response, "vet ikke" for some Likert answers; item by item, in order."""
    n = len(responded)
    out: dict[str, np.ndarray] = {}
    for item, values in items.items():
        values = values.copy()
        blank = ~responded | (rng.random(n) < ITEM_NONRESPONSE)
        if item in c.LIKERT_ITEMS:
            dont_know = rng.random(n) < DONT_KNOW
            values[dont_know & pd.notna(values)] = c.LIKERT_DONT_KNOW
        values[blank] = None
        out[item] = values
    return out


def answered_and_trained(respondents: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Who answered the survey, and who says they had any of the training items (the
    people the follow-up questions on training are asked of)."""
    answered = (respondents[c.RESPONSE_STATUS] == "respondent").to_numpy()
    trained = np.zeros(len(respondents), dtype=bool)
    for item in c.TRAINING_ITEMS:
        trained |= flag(respondents[item])
    return answered, trained


def flag(values: pd.Series) -> np.ndarray:
    """A nullable yes/no column as a boolean array (blank counts as no)."""
    return values.to_numpy(dtype=object, na_value=None) == True  # noqa: E712 - nullable
