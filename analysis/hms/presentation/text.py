"""The report's prose: notices, the data paragraph and the key findings (Norwegian)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_LEADER_SELF_STUDY,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_AGREED,
)
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import GROUP_LABELS, Publisher, category_label
from analysis.presentation.formatting import number, percent
from analysis.presentation.provenance import cite, provenance_table

SYNTHETIC_NOTICE = (
    "Rapporten bygger på syntetiske data: svarene er laget av en dokumentert "
    "datagenerator for å vise hvordan analysen virker. Tallene beskriver ikke norsk "
    "arbeidsliv."
)


def notices(res: SurveyResults) -> list[str]:
    """What the reader must see first: whether the data are synthetic."""
    return [SYNTHETIC_NOTICE] if res.synthetic else []


LETTER = cite("22/3861")
"""The assignment, cited by its public reference."""


def data_sources(res: SurveyResults, p: Mapping[str, Any]) -> list[str]:
    """The data the report rests on, for the first screen, and the assignment.

    Described in words, never by file name or path (a real export's path is a machine's).
    """
    kind = ("syntetiske data; utvalgsrammen bygger på SSBs virksomheter etter antall "
            "ansatte 1.1.2023 og NAVs sysselsatte etter næring 2023" if res.synthetic
            else "eksport fra spørreundersøkelsen")
    out = [f"Svarfil fra spørreundersøkelsen ({kind})"]
    if res.providers is not None:
        out.append("Tilbyderfil med kursene til tilbydere av HMS-opplæring"
                   + (" (syntetiske data)" if res.synthetic else ""))
    return [*out, LETTER]


def data_text(res: SurveyResults, p: Mapping[str, Any]) -> str:
    kind = ("syntetiske data laget av en dokumentert datagenerator"
            if res.synthetic else "en eksport fra spørreundersøkelsen")
    providers = (f" Tilbyderfilen har {number(len(res.providers))} tilbydere."
                 if res.providers is not None else "")
    sampled = len(res.frame)
    return (f"Rapporten bygger på svarfilen fra spørreundersøkelsen: {kind}, med "
            f"{number(sampled)} personer i utvalget.{providers}" + "".join(
                f" {t}" for t in weighting_notes(res)))


def weighting_notes(res: SurveyResults) -> list[str]:
    """What the weighting had to do differently for these data, in Norwegian."""
    out = []
    if res.collapsed:
        out.append(f"{number(len(res.collapsed))} strata uten svar er slått sammen med et "
                   "stratum med virksomheter av samme størrelse, slik at frafallet kan "
                   "justeres.")
    if res.rake_failed:
        out.append(res.rake_failed)
    return out


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


def respondents_text(res: SurveyResults, pub: Publisher) -> str:
    """How many answered, without showing a total below the threshold."""
    if res.respondents < pub.threshold:
        return (f"Færre enn {number(pub.threshold)} personer svarte, så antallet og "
                "svarprosenten vises ikke.")
    return (f"{number(res.respondents)} personer svarte ({percent(res.response_rate)} "
            "av utvalget).")


def key_findings(res: SurveyResults, pub: Publisher) -> str:
    """Bullet points with the main results, each with its confidence interval."""
    lines = []
    trained = _share(res, pub, SHARE_TRAINED)
    if trained:
        lines.append(f"{trained} av dem som svarte, har gjennomført HMS-opplæring.")
    vo = _share(res, pub, SHARE_VERNEOMBUD_40H)
    agreed = _share(res, pub, SHARE_VERNEOMBUD_AGREED)
    if vo and agreed:
        lines.append(f"{vo} av verneombudene og AMU-medlemmene oppgir minst 40 timer "
                     f"opplæring, og {agreed} har kortere opplæring som arbeidsgiveren og "
                     "arbeidstakernes representanter er enige om, slik forskriften "
                     "tillater.")
    elif vo:
        lines.append(f"{vo} av verneombudene og AMU-medlemmene oppgir minst 40 timer "
                     "opplæring. Forskriften tillater kortere opplæring når partene er enige "
                     "om det, og det spør ikke svarfilen om, så resten er ikke uten videre "
                     "brudd på kravet.")
    leaders = _share(res, pub, SHARE_LEADER_DOCUMENTED)
    if leaders:
        lines.append(f"{leaders} av de øverste lederne har dokumentert at de har "
                     "gjennomført arbeidsgivers HMS-opplæring (arbeidsmiljøloven § 3-5).")
    self_study = _share(res, pub, SHARE_LEADER_SELF_STUDY)
    if self_study:
        lines.append(f"{self_study} av de øverste lederne har bare hatt selvstudium, som "
                     "alene ikke oppfyller kravet til opplæring i arbeidsmiljøloven § 3-5.")
    applicable = _share(res, pub, SHARE_APPLICABLE)
    if applicable:
        lines.append(f"{applicable} mener opplæringen passer til risikoene på egen "
                     "arbeidsplass.")
    if len(lines) == 0:
        lines.append("Ingen av hovedtallene kan vises, fordi de bygger på for få svar.")
    lines.extend(_model_findings(res, pub))
    lines.append(respondents_text(res, pub) + " Alle andeler er vektet til populasjonen.")
    return "\n".join(f"- {line}" for line in lines)


def odds_words(ratio: float) -> str:
    """An odds ratio in plain Norwegian, to be followed by the reference group, e.g.
    "omtrent fem ganger så høy odds som" or "omtrent 30 prosent høyere odds enn"."""
    times = {2: "dobbelt", 3: "tre ganger", 4: "fire ganger", 5: "fem ganger",
             6: "seks ganger", 7: "sju ganger", 8: "åtte ganger", 9: "ni ganger",
             10: "ti ganger"}
    parts = {2: "halvparten", 3: "en tredel", 4: "en firedel", 5: "en femdel",
             6: "en sjettedel", 7: "en sjudel", 8: "en åttedel", 9: "en niendedel",
             10: "en tidel"}
    if ratio >= 1:
        k = round(ratio)
        if k < 2:
            return f"omtrent {number(100 * (ratio - 1))} prosent høyere odds enn"
        return f"omtrent {times.get(k, number(k) + ' ganger')} så høy odds som"
    k = round(1 / ratio)
    if k < 2:
        return f"omtrent {number(100 * (1 - ratio))} prosent lavere odds enn"
    return f"omtrent {parts.get(k, 'en ' + number(k) + '-del')} så høy odds som"


PLANTED_IN_MODEL = ("size_group", "training_format")
"""Model variables whose effect the synthetic generator planted (synthetic.PLANTED)."""


def _model_findings(res: SurveyResults, pub: Publisher) -> list[str]:
    """The two clearest associations in the model (significant at 5 %), in words."""
    if res.model is None:
        return [res.unavailable.get("model", "")]
    if res.model.nobs < pub.threshold:
        return []
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
        ratio = float(row["odds_ratio"])
        what = (f"«{level}» har {odds_words(ratio)} «{reference}» for å mene at "
                f"opplæringen passer til risikoene (oddsratio {number(ratio, 2)}, 95 % KI "
                f"{number(row['ci_low'], 2)}–{number(row['ci_high'], 2)}), når rolle, "
                "størrelse, næring, type tilbyder og timer holdes like.")
        if res.synthetic:  # what the generator planted, not a finding about Norway
            what = ("Datageneratoren har lagt inn en slik forskjell, og modellen finner den "
                    "igjen: " if row["variable"] in PLANTED_IN_MODEL else
                    "Datageneratoren har ikke lagt inn denne forskjellen, så den er "
                    "tilfeldig: ") + what
        out.append(what)
    return out


def method_text(p: Mapping[str, Any]) -> str:
    return (
        f"Tabeller viser ikke tall som bygger på færre enn {number(p['suppression_threshold'])}"
        " svar; slike celler er merket «:», og der summer vises, er flere celler skjult så "
        "de små ikke kan regnes ut. Kommentarfeltet publiseres ikke ordrett. Dataene er "
        "kontrollert mot datakontrakten (de faste reglene for kolonner og verdier i "
        "svarfilen) før beregningene."
    )



def provenance(pfile: Any, p: Mapping[str, Any], res: SurveyResults) -> Any:
    """The closing table of parameters, with the data files described instead of named.

    A file path is a machine's, not the reader's; the first screen says what the data are.
    """
    table = provenance_table(pfile, dict(p))
    data = table.data.copy()
    words = {"data_path": "svarfilen fra spørreundersøkelsen"
                          + (" (syntetiske data)" if res.synthetic else ""),
             "provider_path": ("tilbyderfilen" + (" (syntetiske data)" if res.synthetic
                                                  else "")) if p["provider_path"]
             else "ingen tilbyderfil",
             "mapping_path": "oversettelse fra spørreverktøyets eksport til datakontrakten"
             if p.get("mapping_path") else "ingen (svarfilen følger datakontrakten)",
             "handcoded_path": "håndkodet kontrollutvalg av kommentarene"
             if p.get("handcoded_path") else "ikke oppgitt"}
    for name, text in words.items():
        at = data["parameter"] == name
        for column in ("value", "value_text", "default"):
            data[column] = data[column].astype(object)
            data.loc[at, column] = text
    at = data["parameter"] == "domains"  # the groupings by their Norwegian names
    data.loc[at, "value_text"] = ", ".join(GROUP_LABELS.get(d, d).lower()
                                           for d in p["domains"])
    table.data = data
    return table


def _rounded_share(res: SurveyResults, pub: Publisher, indicator: str) -> str | None:
    """A share in whole per cent for prose («om lag 75 prosent»), or None if not shown."""
    try:
        row = res.estimate(indicator, "all", "all")
    except IndexError:
        return None
    if row["n"] < pub.threshold or np.isnan(row["estimate"]):
        return None
    return f"om lag {number(100 * row['estimate'])} prosent"


def summary_lines(res: SurveyResults, pub: Publisher) -> list[str]:
    """Three or four short lines for the first screen, in plain Norwegian.

    On synthetic data the lines say what the data generator planted, never a finding (the
    notice above them already says the data are synthetic).
    """
    lines = ["Rapporten viser hvor mange øverste ledere, arbeidstakere med "
             "arbeidsgiveroppgaver, verneombud og medlemmer av arbeidsmiljøutvalg som har "
             "fått opplæring i helse, miljø og sikkerhet, og hva de mener om den."]
    if res.synthetic:
        lines += ["Generatoren har lagt inn at opplæringen sjeldnere oppleves å passe til "
                  "risikoene i de minste virksomhetene og ved nettkurs i selvstudium. "
                  "Analysen finner disse forskjellene igjen."]
    else:
        trained = _rounded_share(res, pub, SHARE_TRAINED)
        vo = _rounded_share(res, pub, SHARE_VERNEOMBUD_40H)
        if trained:
            lines.append(f"{trained.capitalize()} av dem som svarte, har fått HMS-opplæring.")
        if vo:
            lines.append(f"{vo.capitalize()} av verneombudene og AMU-medlemmene oppgir minst "
                         "40 timer opplæring.")
    lines.append("Tall og usikkerhet står i tabellene. Metode og kilder står i vedlegget.")
    return lines


def data_date(res: SurveyResults) -> str | None:
    """The date of the data for the first screen, or None when the data do not say it."""
    if res.synthetic:
        return "1.1.2023 (utvalgsrammen; svarene er syntetiske)"
    return None
