"""Course topics against the content the regulation requires of the 40-hour training.

Forskrift om organisering, ledelse og medvirkning § 3-18 first paragraph lists what the
training of verneombud and AMU members shall give (letters a-f); its second paragraph adds
training on the health hazards of chemical substances and biological material where such
are used (arbeidsmiljøloven § 4-5). Source: Arbeidstilsynet's published text of the
regulation, § 3-18 "Opplæring av verneombud og medlemmer av arbeidsmiljøutvalg".

The provider file's topic codes (:data:`analysis.hms.columns.TOPICS_ALLOWED`) are mapped
to these items in :data:`TOPIC_ITEMS`. One code may serve two items ("Regelverk og
roller" is both the roles of a and the law of f); a code outside the list (sick leave) is
mapped to none. :func:`regulation_coverage` gives, per item, the unweighted share of
providers whose course covers it, overall and for 40-hour courses, and the share covering
every item a-f.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.hms.columns import HOURS, TOPICS_ALLOWED
from analysis.hms.providers import UNWEIGHTED_NOTE, topic_matrix
from analysis.hms.rules import MIN_HOURS_VERNEOMBUD_AMU
from analysis.hms.weighting import require_columns
from analysis.i18n import N_

ITEMS = MappingProxyType({
    "a": N_("Hva fullt forsvarlig arbeidsmiljø er, og roller og ansvar i arbeidsmiljøarbeidet"),
    "b": N_("Løpende HMS-arbeid med medvirkning, dokumentasjon og systematikk"),
    "c": N_("Enkel risikovurdering av fysiske, psykososiale og organisatoriske forhold"),
    "d": N_("Hva som fremmer eller hemmer et godt psykososialt og organisatorisk arbeidsmiljø"),
    "e": N_("Fysiske arbeidsmiljøfaktorer, skader og ulykker (blant annet ergonomi, støy og "
            "inneklima)"),
    "f": N_("Arbeidsmiljøloven og andre aktuelle lover og regler"),
    "chemicals": N_("Helsefarer ved kjemiske stoffer og biologisk materiale (andre ledd, "
                    "der slike brukes)"),
})
"""The content items of § 3-18: letters a-f of the first paragraph, then the second
paragraph (Norwegian, shown in the report; paraphrased, not quoted)."""

FIRST_PARAGRAPH = ("a", "b", "c", "d", "e", "f")
"""The items every 40-hour course must cover (the second paragraph only where chemicals or
biological material are used)."""

TOPIC_ITEMS = MappingProxyType({
    "law": ("a", "f"),
    "risk_assessment": ("c",),
    "psychosocial": ("d",),
    "ergonomics": ("e",),
    "chemicals": ("chemicals",),
    "accidents": ("e",),
    "sick_leave": (),
    "internal_control": ("b",),
})
"""Provider-file topic code -> the § 3-18 items it covers (none for a topic outside the list)."""

assert set(TOPIC_ITEMS) == set(TOPICS_ALLOWED)

COLUMNS = ("item", "share_all", "n_all", "share_40h", "n_40h")
ALL_ITEMS = "all_a_f"
"""The ``item`` of the row for courses covering every item a-f."""


def item_matrix(providers: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per § 3-18 item (and :data:`ALL_ITEMS`), one row per provider."""
    topics = topic_matrix(providers)
    out = pd.DataFrame(False, index=topics.index, columns=[*ITEMS, ALL_ITEMS])
    for code, items in TOPIC_ITEMS.items():
        for item in items:
            out[item] |= topics[code].to_numpy(dtype=bool)
    out[ALL_ITEMS] = out[list(FIRST_PARAGRAPH)].all(axis=1)
    return out


def regulation_coverage(providers: pd.DataFrame, *,
                        min_hours: float = MIN_HOURS_VERNEOMBUD_AMU) -> pd.DataFrame:
    """Unweighted share of providers whose course covers each § 3-18 item.

    Returns:
        One row per item of :data:`ITEMS`, then :data:`ALL_ITEMS` (every item a-f):
        ``share_all`` and ``n_all`` (all providers), ``share_40h`` and ``n_40h`` (providers
        whose course lasts at least ``min_hours`` (the length § 3-19 requires, 40 by default);
        NaN share when there are none). ``attrs["note"]`` says the figures are unweighted.
    """
    require_columns(providers, (HOURS,), "provider file")
    items = item_matrix(providers)
    hours = pd.to_numeric(providers[HOURS], errors="coerce").to_numpy(dtype=float)
    long = hours >= min_hours
    rows = []
    for item in items.columns:
        covered = items[item].to_numpy(dtype=bool)
        rows.append({
            "item": item,
            "share_all": float(covered.mean()) if len(covered) else np.nan,
            "n_all": int(len(covered)),
            "share_40h": float(covered[long].mean()) if long.any() else np.nan,
            "n_40h": int(long.sum()),
        })
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    out.attrs["note"] = UNWEIGHTED_NOTE
    return out
