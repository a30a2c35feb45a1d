"""Labels shared by the HMS report's tables and figures; the disclosure gate is the
project's one :class:`analysis.disclosure.Publisher`, re-exported here."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from analysis.disclosure import Publisher
from analysis.errors import AnalysisError
from analysis.hms.columns import (
    PROVIDER_TYPE_LABELS,
    PROVIDER_TYPES,
    ROLE_LABELS,
    ROLES,
    SECTOR_LABELS,
    SECTORS,
    TRAINING_FORMAT_LABELS,
    TRAINING_FORMATS,
)
from analysis.hms.indicators import (
    MEAN_QUIZ_SCORE,
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_LEADER_ELEARNING,
    SHARE_LEADER_SELF_STUDY,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_AGREED,
    SHARE_VERNEOMBUD_NEITHER,
    SHARE_VERNEOMBUD_PAID,
)
from analysis.hms.model import INDUSTRY_GROUP_LABELS, SIZE_GROUP_LABELS
from analysis.hms.weighting import ALL
from analysis.i18n import N_, translator
from analysis.presentation.formatting import SUPPRESSED, number, percent

_ = translator("hms")

__all__ = ["Publisher"]  # the shared disclosure gate, re-exported for the presentation

ALL_LABEL = N_("Alle")


class Unavailable(AnalysisError):
    """A table or figure that cannot be shown for these data; the message is one Norwegian
    sentence for the reader saying why (too few answers, all withheld, not estimable)."""


def too_few(threshold: int) -> str:
    """The reason a table is left out, to follow "<what>: " (lower-case start)."""
    return _("tallene vises ikke, fordi de bygger på færre enn {threshold} svar.").format(
        threshold=number(threshold))


def or_reason(build: Callable[..., Any]) -> Callable[..., Any]:
    """``build`` as a report item: the table or figure it makes, or, where it cannot be
    shown for these data, the one sentence saying why (shown in its place)."""

    @functools.wraps(build)
    def item(*args: Any, **kwargs: Any) -> Any:
        try:
            return build(*args, **kwargs)
        except Unavailable as why:
            return str(why)

    return item


def publisher(res: Any) -> Publisher:
    """The disclosure gate at the results' threshold (a fresh tally)."""
    return Publisher(res.suppression_threshold)


GROUP_LABELS = {  # bokmål, marked for translation: show them as _(GROUP_LABELS[group])
    ALL: ALL_LABEL,
    "role": N_("Rolle"),
    "sector": N_("Sektor"),
    "size_group": N_("Virksomhetens størrelse"),
    "industry_group": N_("Næringsgruppe"),
    "role_size": N_("Rolle og størrelse"),
    "provider_type": N_("Type tilbyder"),
    "training_format": N_("Form på opplæringen"),
}

CATEGORY_LABELS: dict[str, Mapping[str, str]] = {
    "role": ROLE_LABELS,
    "sector": SECTOR_LABELS,
    "size_group": SIZE_GROUP_LABELS,
    "industry_group": INDUSTRY_GROUP_LABELS,
    "provider_type": PROVIDER_TYPE_LABELS,
    "training_format": TRAINING_FORMAT_LABELS,
}

INDICATOR_LABELS = {  # bokmål, marked for translation: show them as _(INDICATOR_LABELS[i])
    SHARE_TRAINED: N_("Har gjennomført HMS-opplæring"),
    SHARE_VERNEOMBUD_40H: N_("Verneombud og AMU-medlemmer med minst {hours} timer opplæring"),
    SHARE_LEADER_DOCUMENTED: N_("Øverste ledere med dokumentert opplæring etter § 3-5"),
    SHARE_APPLICABLE: N_("Mener opplæringen passer til risikoene på egen arbeidsplass"),
    MEAN_QUIZ_SCORE: N_("Poengsum på kunnskapstesten (0–10)"),
    SHARE_VERNEOMBUD_NEITHER: N_("Verneombud og AMU-medlemmer med verken {hours} timer eller "
                                 "avtalt kortere opplæring"),
    SHARE_LEADER_SELF_STUDY: N_("Øverste ledere med bare selvstudium (uten kurs eller "
                                "kursbevis)"),
    SHARE_LEADER_ELEARNING: N_("Øverste ledere med bare nettkurs i selvstudium (e-læring)"),
    SHARE_VERNEOMBUD_AGREED: N_("Verneombud og AMU-medlemmer med kortere opplæring etter "
                                "avtale"),
    SHARE_VERNEOMBUD_PAID: N_("Verneombud og AMU-medlemmer som fikk opplæringen i betalt "
                              "arbeidstid"),
}


def group_label(group: str) -> str:
    """The shown name of a grouping (``"Rolle"``), in the report's language."""
    return _(GROUP_LABELS[group]) if group in GROUP_LABELS else group


def indicator_label(indicator: str, hours: float) -> str:
    """The shown name of an indicator, in the report's language, with the hours the
    indicators were judged by (``SurveyResults.min_hours``, from the parameter)."""
    if indicator not in INDICATOR_LABELS:
        return indicator
    return _(INDICATOR_LABELS[indicator]).format(hours=number(hours))


def vocab_label(labels: Mapping[str, str], code: str, default: str | None = None) -> str:
    """``labels[code]`` (a vocabulary's bokmål label) in the report's language; ``default``
    (or the code itself) when the code has no label."""
    if code in labels:
        return _(labels[code])
    return code if default is None else default


CATEGORY_ORDER: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "sector": SECTORS,
    "size_group": tuple(SIZE_GROUP_LABELS),
    "industry_group": tuple(INDUSTRY_GROUP_LABELS),
    "provider_type": PROVIDER_TYPES,
    "training_format": TRAINING_FORMATS,
    "role_size": tuple(f"{r}|{g}" for r in ROLES for g in SIZE_GROUP_LABELS),
}


def in_reading_order(frame: pd.DataFrame, first: list[str] | None = None) -> pd.DataFrame:
    """Rows sorted for a reader: ``first`` columns as they are (e.g. the indicator), then
    the whole population, then each domain's categories in the vocabulary's order (small
    to large enterprises, leaders first) instead of alphabetically."""
    groups = list(dict.fromkeys(frame["group"]))
    def position(group: str, category: str) -> int:
        order = CATEGORY_ORDER.get(group, ())
        return order.index(category) if category in order else len(order)
    key = pd.DataFrame({
        "g": [groups.index(g) if g != ALL else -1 for g in frame["group"]],
        "c": [position(g, c) for g, c in zip(frame["group"], frame["category"], strict=True)],
    }, index=frame.index)
    for i, col in enumerate(first or []):
        seen = list(dict.fromkeys(frame[col]))
        key.insert(i, col, [seen.index(v) for v in frame[col]])
    return frame.loc[key.sort_values(list(key.columns), kind="stable").index]


def category_label(group: str, category: str) -> str:
    """The Norwegian label of a domain value (``"Alle"`` for the whole population)."""
    if group == ALL:
        return _(ALL_LABEL)
    if group == "role_size" and "|" in category:
        role, size = category.split("|", 1)
        role_text = vocab_label(ROLE_LABELS, role)
        return f"{role_text}, {vocab_label(SIZE_GROUP_LABELS, size).lower()}"
    return vocab_label(CATEGORY_LABELS.get(group, {}), category)


def is_suppressed(x: object) -> bool:
    return isinstance(x, str) and x == SUPPRESSED


def as_float(x: object) -> float:
    """A table value as a number; suppressed or missing cells become NaN (for figures)."""
    if is_suppressed(x) or x is None:
        return float("nan")
    return float(x)


def ci_text(low: object, high: object, kind: str = "percent") -> str:
    """A confidence interval as Norwegian text, such as ``45,1–48,2 %``."""
    if is_suppressed(low) or is_suppressed(high):
        return SUPPRESSED
    lo, hi = max(as_float(low), 0.0), as_float(high)
    if kind == "percent":
        hi = min(hi, 1.0)  # a share's t interval can pass 0 or 1; a share cannot
        return f"{percent(lo)[:-2]}–{percent(hi)}"
    return f"{number(lo, 2)}–{number(hi, 2)}"


def join_notes(*notes: str) -> str:
    return " ".join(n for n in notes if n)

