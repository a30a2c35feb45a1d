"""Who gave the training apart from how it was given, in the synthetic files.

The answers (:mod:`~analysis.hms.synthetic.answers`) and the provider file are drawn with
one combined kind of training (internal, external commercial, union or employer
organisation, online self-study), which carries the planted effects. This module splits
that kind into the contract's two columns, from a generator stream of its own
(``default_rng([seed, SPLIT_STREAM])``) so that every other column keeps its values:

* **who** (``provider_type``): internal stays internal and a union or employer
  organisation stays so; an external commercial course is given by a commercial course
  provider, the occupational health service (bedriftshelsetjenesten) or someone else
  (:data:`EXTERNAL_WHO`); online self-study is bought from any of them (:data:`ONLINE_WHO`).
* **how** (``training_format``): online self-study is self-study e-learning; the other
  kinds are classroom or online with an instructor (:data:`LIVE_ONLINE`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c

SPLIT_STREAM = 5
ONLINE_KIND = "online_self_study"
"""The combined kind that becomes self-study e-learning (format ``online_self_study``)."""

EXTERNAL_WHO = {"external_commercial": 0.65, "occupational_health_service": 0.25,
                "other": 0.10}
ONLINE_WHO = {"external_commercial": 0.55, "occupational_health_service": 0.10,
              "union_employer_org": 0.10, "internal": 0.15, "other": 0.10}
LIVE_ONLINE = {"internal": 0.20, "external_commercial": 0.30, "union_employer_org": 0.35}
"""Share given online with an instructor (the rest in a classroom), by combined kind."""


def _draw(rng: np.random.Generator, shares: dict[str, float], n: int) -> np.ndarray:
    p = np.array(list(shares.values()), dtype=float)
    return np.array(list(shares), dtype=object)[rng.choice(len(p), n, p=p / p.sum())]


def split(kind: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``(who, how)`` for each combined ``kind`` (None stays None in both)."""
    kind = np.asarray(kind, dtype=object)
    n = len(kind)
    external_who = _draw(rng, EXTERNAL_WHO, n)
    online_who = _draw(rng, ONLINE_WHO, n)
    live = rng.random(n)
    who = np.where(kind == "external_commercial", external_who,
                   np.where(kind == ONLINE_KIND, online_who, kind))
    p_live = np.array([LIVE_ONLINE.get(k, 0.0) if isinstance(k, str) else 0.0 for k in kind])
    how = np.where(kind == ONLINE_KIND, "online_self_study",
                   np.where(live < p_live, "online_live", "classroom")).astype(object)
    missing = pd.isna(pd.Series(kind)).to_numpy()
    who[missing] = None
    how[missing] = None
    return who, how


def split_respondents(respondents: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """``respondents`` (``provider_type`` holding the combined kind) with ``provider_type``
    as who and ``training_format`` as how, blank where the kind is blank."""
    kind = respondents[c.PROVIDER_TYPE].to_numpy(dtype=object, na_value=None)
    who, how = split(kind, rng)
    out = respondents.copy()
    out[c.PROVIDER_TYPE] = pd.array(who.tolist(), dtype=respondents[c.PROVIDER_TYPE].dtype)
    out[c.TRAINING_FORMAT] = pd.array(how.tolist(), dtype=respondents[c.PROVIDER_TYPE].dtype)
    return out


def split_providers(providers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The provider file with ``provider_type`` as who (the format column already says how)."""
    kind = providers[c.PROVIDER_TYPE].to_numpy(dtype=object)
    who, _ = split(kind, rng)
    out = providers.copy()
    out[c.PROVIDER_TYPE] = pd.array(who.tolist(), dtype=providers[c.PROVIDER_TYPE].dtype)
    return out
