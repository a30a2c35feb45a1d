"""The synthetic answers to the questions the rules turn on (optional contract columns).

Drawn after the rest of the file, from a generator of their own
(``default_rng([seed, RULES_STREAM])``), so that every other column keeps its values:

* ``self_study_only``: asked of everyone trained; yes for most whose latest training was
  online self-study (:data:`SELF_STUDY_IF_ONLINE`), rarely otherwise.
* ``shortened_by_agreement``: asked of verneombud and AMU members with fewer than 40
  hours; yes for most who took a shortened 40-hour course (:data:`AGREED_IF_SHORT_COURSE`),
  rarely for those without the course.
* ``paid_working_time``: asked of verneombud and AMU members with training; less often
  yes in small enterprises.

Non-respondents are blank, and :data:`ITEM_NONRESPONSE` of the answers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms.rules import MIN_HOURS_VERNEOMBUD_AMU
from analysis.hms.synthetic.answers import ITEM_NONRESPONSE, answered_and_trained, flag

RULES_STREAM = 3
SELF_STUDY_IF_ONLINE = 0.70
SELF_STUDY_OTHERWISE = 0.04
AGREED_IF_SHORT_COURSE = 0.75
AGREED_WITHOUT_COURSE = 0.05
PAID_LARGE, PAID_SMALL = 0.92, 0.70  # 250+ employees, 1-4 employees; linear between

_SIZE_INDEX = {size: i for i, size in enumerate(c.SIZE_CLASSES)}


def add(respondents: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """``respondents`` with the three columns, placed in contract order."""
    n = len(respondents)
    answered, trained = answered_and_trained(respondents)
    online = (respondents[c.PROVIDER_TYPE] == "online_self_study").to_numpy(
        dtype=bool, na_value=False)
    rep = respondents[c.ROLE].isin(["verneombud", "amu_member"]).to_numpy()
    hours = respondents[c.TRAINING_HOURS].to_numpy(dtype=float, na_value=np.nan)
    short = hours < MIN_HOURS_VERNEOMBUD_AMU
    course = flag(respondents[c.TRAINED_40H])
    small = 1 - respondents[c.SIZE_CLASS].map(_SIZE_INDEX).to_numpy() / 6

    self_study = rng.random(n) < np.where(online, SELF_STUDY_IF_ONLINE, SELF_STUDY_OTHERWISE)
    agreed = rng.random(n) < np.where(course, AGREED_IF_SHORT_COURSE, AGREED_WITHOUT_COURSE)
    paid = rng.random(n) < PAID_LARGE - (PAID_LARGE - PAID_SMALL) * small
    asked = {
        c.SELF_STUDY_ONLY: (self_study, answered & trained),
        c.SHORTENED_BY_AGREEMENT: (agreed, answered & rep & short),
        c.PAID_WORKING_TIME: (paid, answered & rep & trained),
    }
    out = respondents.copy()
    for column, (values, who) in asked.items():
        kept = who & (rng.random(n) >= ITEM_NONRESPONSE)
        out[column] = pd.array(np.where(kept, values, None).tolist(), dtype="boolean")
    order = [col for col in _contract_order() if col in out.columns]
    return out[order]


def _contract_order() -> list[str]:
    from analysis.hms.contract import RESPONDENT_COLUMNS

    return list(RESPONDENT_COLUMNS)
