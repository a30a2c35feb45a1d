"""The synthetic free-text comments: Norwegian sentence templates by theme, and how a
respondent's comment is composed from them (with the planted theme effects).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

COMMENT_RATE = 0.30  # respondents who write a comment
TWO_THEMES = 0.30  # comments that carry two themes

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


def compose_comments(people: pd.DataFrame, provider: np.ndarray, rng: np.random.Generator
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
