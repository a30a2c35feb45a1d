"""The synthetic answer to "how many months after taking up the role did the training come?"

Drawn after the rest of the file, from a generator of its own
(``default_rng([seed, TIMING_STREAM])``), so every other column keeps its values. Asked of
everyone trained (blank for the others and for non-respondents, and for
:data:`~analysis.hms.synthetic.answers.ITEM_NONRESPONSE` of the answers). The months are
exponential with mean :data:`MEAN_MONTHS` (about 40 % later than 12 months), except for
verneombud and AMU members in enterprises the thresholds of 1 January 2024 newly cover
(5-9 employees for verneombud, 30-49 for AMU members), with mean
:data:`MEAN_MONTHS_NEWLY_COVERED`: they got the role recently and the training later (a
planted effect). Rounded down to whole months, at most :data:`MAX_MONTHS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms.synthetic.answers import ITEM_NONRESPONSE, answered_and_trained
from analysis.hms.timing import NEWLY_COVERED, threshold_groups

TIMING_STREAM = 7
MEAN_MONTHS = 10.0
MEAN_MONTHS_NEWLY_COVERED = 20.0
MAX_MONTHS = 120


def add(respondents: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """``respondents`` (with ``employees``) with ``months_to_training`` added."""
    n = len(respondents)
    answered, trained = answered_and_trained(respondents)
    new = (threshold_groups(respondents) == NEWLY_COVERED).to_numpy()
    mean = np.where(new, MEAN_MONTHS_NEWLY_COVERED, MEAN_MONTHS)
    months = np.minimum(np.floor(rng.exponential(mean)), MAX_MONTHS).astype(np.int64)
    kept = answered & trained & (rng.random(n) >= ITEM_NONRESPONSE)
    out = respondents.copy()
    out[c.MONTHS_TO_TRAINING] = pd.array(np.where(kept, months, None).tolist(), dtype="Int64")
    return out
