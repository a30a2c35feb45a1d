"""The synthetic provider file: about 40 training providers, their course format, hours,
price, participants and topics (online self-study covers fewer topics, 40-hour courses
more).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import contract
from analysis.hms.synthetic.answers import (
    FULL_COURSE_HOURS,
    LEADER_COURSE_HOURS,
    OTHER_COURSE_HOURS,
)
from analysis.hms.synthetic.export import typed

N_PROVIDERS = 40
_PROVIDER_TYPE_COUNTS = {"internal": 5, "external_commercial": 16, "union_employer_org": 8,
                         "online_self_study": 11}
_SHARE_40H = {"internal": 0.3, "external_commercial": 0.45, "union_employer_org": 0.75,
              "online_self_study": 0.2}


def _choose(rng: np.random.Generator, options: Sequence[object], weights: Sequence[float],
            n: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return np.asarray(options, dtype=object)[rng.choice(len(options), n, p=p / p.sum())]


def build(rng: np.random.Generator) -> pd.DataFrame:
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
            hours = float(rng.choice(FULL_COURSE_HOURS))
            n_topics = int(rng.integers(6, 9))
            price = rng.integers(30, 51) * 100 if online else rng.integers(70, 131) * 100
        else:
            hours = float(rng.choice(OTHER_COURSE_HOURS if online else LEADER_COURSE_HOURS))
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
    return typed(pd.DataFrame(rows), contract.PROVIDER_FIELDS)
