"""Providers of HMS training: what they offer (provider file) and how their courses are judged
(survey).

The provider file describes courses, not a sample: its tables are unweighted, each
provider counts once (:data:`UNWEIGHTED_NOTE`). The survey outcomes by provider type are
design-based, from :mod:`analysis.hms.indicators`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import DataFileError
from analysis.hms.columns import (
    FORMAT,
    FORMATS,
    HOURS,
    PARTICIPANTS,
    PRICE_NOK,
    PROVIDER,
    PROVIDER_TYPE,
    PROVIDER_TYPES,
    TOPIC_SEPARATOR,
    TOPICS,
    TOPICS_ALLOWED,
    TRAINING_FORMAT,
)
from analysis.hms.indicators import MEAN_QUIZ_SCORE, SHARE_APPLICABLE, key_indicators
from analysis.hms.rules import MIN_HOURS_VERNEOMBUD_AMU
from analysis.hms.weighting import ALL, require_columns
from analysis.i18n import N_
from analysis.survey import Design

UNWEIGHTED_NOTE = N_(
    "Uvektede tall fra tilbyderfilen: hver tilbyder teller likt, uansett antall deltakere."
)
"""Note for the report reader (bokmål, marked for translation: shown as
``_(UNWEIGHTED_NOTE)``); also in ``DataFrame.attrs["note"]``."""

TOPIC_PREFIX = "topic_"
OVERVIEW_COLUMNS = ("group", "category", "providers", "participants", "median_hours",
                    "share_40h", "median_price_per_hour", "mean_topics",
                    *(TOPIC_PREFIX + t for t in TOPICS_ALLOWED))
COVERAGE_COLUMNS = ("topic", "provider_type", "share_covering", "n")
_REQUIRED = (PROVIDER, PROVIDER_TYPE, FORMAT, HOURS, PRICE_NOK, PARTICIPANTS, TOPICS)


def _numbers(providers: pd.DataFrame, column: str) -> np.ndarray:
    values = pd.to_numeric(providers[column], errors="coerce")
    bad = values.isna() & providers[column].notna()
    if bad.any():
        raise DataFileError(
            f"Column '{column}' of the provider file has the non-numeric value "
            f"{providers[column][bad].iloc[0]!r}; it must hold numbers or be blank."
        )
    return values.to_numpy(dtype=float, na_value=np.nan)


def topic_matrix(providers: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per allowed topic code: does the provider cover it?

    ``topics`` is ``"a|b|c"``; blank means no topic. Unknown codes are refused.
    """
    require_columns(providers, (PROVIDER, TOPICS), "provider file")
    out = pd.DataFrame(False, index=providers.index, columns=list(TOPICS_ALLOWED))
    for row, (name, text) in enumerate(zip(providers[PROVIDER], providers[TOPICS],
                                           strict=True)):
        if pd.isna(text):
            continue
        for code in (c.strip() for c in str(text).split(TOPIC_SEPARATOR)):
            if not code:
                continue
            if code not in out.columns:
                raise DataFileError(
                    f"Provider {name!r} in the provider file lists the topic {code!r}; "
                    f"allowed are {', '.join(TOPICS_ALLOWED)}."
                )
            out.iloc[row, out.columns.get_loc(code)] = True
    return out


def _ordered(values: pd.Series, vocabulary: tuple[str, ...]) -> list[str]:
    """The categories present, in the vocabulary's order, unknown ones after (sorted)."""
    present = set(values.dropna())
    return [v for v in vocabulary if v in present] + sorted(present - set(vocabulary))


def _overview_row(group: str, category: str, mask: np.ndarray, hours: np.ndarray,
                  price: np.ndarray, participants: np.ndarray, topics: pd.DataFrame,
                  min_hours: float) -> dict[str, object]:
    h = hours[mask]
    known = h[~np.isnan(h)]
    with np.errstate(divide="ignore", invalid="ignore"):
        per_hour = price[mask] / h
    per_hour = per_hour[np.isfinite(per_hour) & (h > 0)]
    p = participants[mask]
    t = topics.loc[mask]
    row: dict[str, object] = {
        "group": group,
        "category": category,
        "providers": int(mask.sum()),
        "participants": float(np.nansum(p)) if (~np.isnan(p)).any() else np.nan,
        "median_hours": float(np.median(known)) if known.size else np.nan,
        "share_40h": float((known >= min_hours).mean()) if known.size else np.nan,
        "median_price_per_hour": float(np.median(per_hour)) if per_hour.size else np.nan,
        "mean_topics": float(t.sum(axis=1).mean()) if len(t) else np.nan,
    }
    for code in TOPICS_ALLOWED:
        row[TOPIC_PREFIX + code] = float(t[code].mean()) if len(t) else np.nan
    return row


def provider_overview(providers: pd.DataFrame, *, min_hours: float = MIN_HOURS_VERNEOMBUD_AMU
                      ) -> pd.DataFrame:
    """Unweighted summary of the provider file, overall, per provider type and per format.

    Args:
        providers: the provider file (``analysis.hms.contract.load_providers``).

    Returns:
        A first row with ``group`` = ``category`` = ``"all"``, then one row per provider
        type (``group`` = ``provider_type``) and per format (``group`` = ``format``), in
        the vocabulary's order. Columns: ``providers`` (count), ``participants`` (sum),
        ``median_hours``, ``share_40h`` (share of providers with a known course length of
        at least ``min_hours``, the parameter, 40 by default), ``median_price_per_hour``
        (median of ``price_nok / hours`` over providers with both known and hours > 0),
        ``mean_topics`` (topics covered)
        and ``topic_<code>`` (share covering each topic). ``attrs["note"]`` says the
        figures are unweighted.
    """
    require_columns(providers, _REQUIRED, "provider file")
    hours = _numbers(providers, HOURS)
    price = _numbers(providers, PRICE_NOK)
    participants = _numbers(providers, PARTICIPANTS)
    topics = topic_matrix(providers)
    rows = [_overview_row(ALL, ALL, np.ones(len(providers), dtype=bool), hours, price,
                          participants, topics, min_hours)]
    for column, vocabulary in ((PROVIDER_TYPE, PROVIDER_TYPES), (FORMAT, FORMATS)):
        values = providers[column]
        for category in _ordered(values, vocabulary):
            mask = (values == category).to_numpy(dtype=bool, na_value=False)
            rows.append(_overview_row(column, category, mask, hours, price, participants,
                                      topics, min_hours))
    out = pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS))
    out.attrs["note"] = UNWEIGHTED_NOTE
    return out


def topic_coverage(providers: pd.DataFrame) -> pd.DataFrame:
    """Unweighted share of providers covering each topic, overall and per provider type.

    Returns:
        Long format, topic by topic (vocabulary order): ``topic``, ``provider_type``
        (``"all"`` first, then each type present), ``share_covering`` and ``n`` (providers
        in the type). ``attrs["note"]`` says the figures are unweighted.
    """
    require_columns(providers, (PROVIDER, PROVIDER_TYPE, TOPICS), "provider file")
    topics = topic_matrix(providers)
    types = providers[PROVIDER_TYPE]
    groups = [(ALL, np.ones(len(providers), dtype=bool))]
    groups += [(t, (types == t).to_numpy(dtype=bool, na_value=False))
               for t in _ordered(types, PROVIDER_TYPES)]
    rows = []
    for code in TOPICS_ALLOWED:
        for name, mask in groups:
            n = int(mask.sum())
            share = float(topics.loc[mask, code].mean()) if n else np.nan
            rows.append({"topic": code, "provider_type": name, "share_covering": share,
                         "n": n})
    out = pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
    out.attrs["note"] = UNWEIGHTED_NOTE
    return out


def outcomes_by_provider_type(design: Design) -> pd.DataFrame:
    """``share_applicable`` and ``mean_quiz_score`` overall, by who gave the training and
    by how it was given (survey).

    Design-based, in the long format of :func:`analysis.hms.indicators.mean_by`
    (``group`` = ``provider_type``, then ``training_format``); respondents without an
    answer count only in the overall row.
    """
    return key_indicators(design, by=(PROVIDER_TYPE, TRAINING_FORMAT),
                          indicators=(SHARE_APPLICABLE, MEAN_QUIZ_SCORE))


def participants_by_row(providers: pd.DataFrame, overview: pd.DataFrame
                        ) -> dict[object, list[float]]:
    """Each overview row's providers' participants (for the dominance rule of disclosure).

    Keyed by the index of ``overview`` (from :func:`provider_overview`): the overall row
    holds every provider's participants, a type or format row those of its providers.
    Missing participant counts are left out.
    """
    values = _numbers(providers, PARTICIPANTS)
    out: dict[object, list[float]] = {}
    for index, group, category in zip(overview.index, overview["group"], overview["category"],
                                      strict=True):
        mask = (np.ones(len(providers), dtype=bool) if group == ALL else
                (providers[group] == category).to_numpy(dtype=bool, na_value=False))
        out[index] = [float(v) for v in values[mask] if not np.isnan(v)]
    return out
