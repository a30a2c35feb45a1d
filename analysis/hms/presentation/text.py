"""The report's prose: notices, the data paragraph and the key findings (Norwegian)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
)
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import Publisher, category_label
from analysis.presentation.formatting import number, percent

SYNTHETIC_NOTICE = (
    "Rapporten bygger på syntetiske data: svarene er laget av en dokumentert "
    "datagenerator for å vise hvordan analysen virker. Tallene beskriver ikke norsk "
    "arbeidsliv."
)


def notices(res: SurveyResults) -> list[str]:
    """What the reader must see first: whether the data are synthetic."""
    return [SYNTHETIC_NOTICE] if res.synthetic else []


LETTER = ("Arbeids- og inkluderingsdepartementets oppdrag til Arbeidstilsynet om "
          "HMS-opplæring, 22.01.2024 (003_5cb1d9d8d1a8fb08.txt)")


def data_sources(res: SurveyResults, p: Mapping[str, Any]) -> list[str]:
    """The data files the report rests on, for the first screen, and the assignment."""
    kind = ("syntetiske data; utvalgsrammen bygger på SSBs virksomheter etter antall "
            "ansatte 1.1.2023 og NAVs sysselsatte etter næring 2023" if res.synthetic
            else "eksport fra spørreundersøkelsen")
    out = [f"Svarfil {p['data_path']} ({kind})"]
    if res.providers is not None:
        out.append(f"Tilbyderfil {p['provider_path']}")
    return [*out, LETTER]


def data_text(res: SurveyResults, p: Mapping[str, Any]) -> str:
    kind = ("syntetiske data laget av `data/hms/generate.py` (se `data/hms/README.md`)"
            if res.synthetic else "en eksport fra spørreundersøkelsen")
    providers = (f" Tilbyderfilen `{p['provider_path']}` har {number(len(res.providers))} "
                 "tilbydere." if res.providers is not None else "")
    return (f"Rapporten bygger på filen `{p['data_path']}`: {kind}, med "
            f"{number(len(res.frame))} personer i utvalget.{providers}")


def _share(res: SurveyResults, pub: Publisher, indicator: str, group: str = "all",
           category: str = "all") -> str | None:
    """The estimate with its interval as text, or None when the cell must not be shown."""
    try:
        row = res.estimate(indicator, group, category)
    except IndexError:
        return None
    if row["n"] < pub.threshold:
        return None
    low, high = max(row["ci_low"], 0.0), min(row["ci_high"], 1.0)
    return f"**{percent(row['estimate'])}** (95 % KI {percent(low)[:-2]}–{percent(high)})"


def key_findings(res: SurveyResults, pub: Publisher) -> str:
    """Bullet points with the main results, each with its confidence interval."""
    lines = []
    trained = _share(res, pub, SHARE_TRAINED)
    if trained:
        lines.append(f"{trained} av dem som svarte, har gjennomført HMS-opplæring.")
    vo = _share(res, pub, SHARE_VERNEOMBUD_40H)
    if vo:
        lines.append(f"{vo} av verneombudene og AMU-medlemmene har minst 40 timer "
                     "opplæring, som forskriften krever.")
    leaders = _share(res, pub, SHARE_LEADER_DOCUMENTED)
    if leaders:
        lines.append(f"{leaders} av de øverste lederne har dokumentert at de har "
                     "gjennomført arbeidsgivers HMS-opplæring (arbeidsmiljøloven § 3-5).")
    applicable = _share(res, pub, SHARE_APPLICABLE)
    if applicable:
        lines.append(f"{applicable} mener opplæringen passer til risikoene på egen "
                     "arbeidsplass.")
    lines.extend(_model_findings(res, pub))
    lines.append(f"{number(res.respondents)} personer svarte ({percent(res.response_rate)} "
                 "av utvalget). Alle andeler er vektet til populasjonen.")
    return "\n".join(f"- {line}" for line in lines)


def _model_findings(res: SurveyResults, pub: Publisher) -> list[str]:
    """The two clearest associations in the model (significant at 5 %), in words."""
    t = res.model.table
    t = t[~t["reference"].astype(bool) & (t["p_value"] < 0.05) & (t["n"] >= pub.threshold)
          & (t["variable"] != "training_hours")]
    if t.empty:
        return ["Ingen av forklaringsvariablene i modellen har en klar sammenheng med om "
                "opplæringen oppleves å passe til risikoene."]
    t = t.assign(strength=np.abs(np.log(t["odds_ratio"].astype(float))))
    out = []
    for _, row in t.nlargest(2, "strength").iterrows():
        ref = res.model.references[row["variable"]]
        level = category_label(row["variable"], row["level"])
        reference = category_label(row["variable"], ref)
        direction = "sjeldnere" if row["odds_ratio"] < 1 else "oftere"
        out.append(
            f"Gruppen «{level}» mener {direction} enn «{reference}» at opplæringen passer "
            f"til risikoene (oddsratio {number(row['odds_ratio'], 2)}, 95 % KI "
            f"{number(row['ci_low'], 2)}–{number(row['ci_high'], 2)}), når rolle, "
            "størrelse, næring, type tilbyder og timer holdes like.")
    return out


def method_text(p: Mapping[str, Any]) -> str:
    return (
        f"Tabeller viser ikke tall som bygger på færre enn {number(p['suppression_threshold'])}"
        " svar; slike celler er merket «:», og der summer vises, er flere celler skjult så "
        "de små ikke kan regnes ut. Kommentarfeltet publiseres ikke ordrett. Dataene er "
        "kontrollert mot datakontrakten i `data/hms/README.md` før beregningene."
    )

