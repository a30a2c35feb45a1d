"""The report's prose: notices, the data paragraph and the key findings (Norwegian)."""

from __future__ import annotations

import numpy as np

from analysis.hms.columns import ROLE_LABELS
from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_LEADER_ELEARNING,
    SHARE_LEADER_SELF_STUDY,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
    SHARE_VERNEOMBUD_AGREED,
    SHARE_VERNEOMBUD_NEITHER,
)
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    GROUP_LABELS,
    Publisher,
    category_label,
    group_label,
    vocab_label,
)
from analysis.hms.presentation.timing import threshold_rules
from analysis.hms.rules import SELF_STUDY_PRACTICE
from analysis.i18n import N_, translator
from analysis.presentation.formatting import number, percent
from analysis.presentation.provenance import cite

_ = translator("hms")
_n = _.n

SYNTHETIC_NOTICE = N_(
    "Rapporten bygger på syntetiske data: svarene er laget av en dokumentert "
    "datagenerator for å vise hvordan analysen virker. Tallene beskriver ikke norsk "
    "arbeidsliv."
)


def notices(res: SurveyResults) -> list[str]:
    """What the reader must see first: whether the data are synthetic."""
    return [_(SYNTHETIC_NOTICE)] if res.synthetic else []


ASSIGNMENT = "22/3861"
"""The assignment's public reference (cited when shown, in the page's language)."""


def data_sources(res: SurveyResults) -> list[str]:
    """The data the report rests on, for the first screen, and the assignment.

    Described in words, never by file name or path (a real export's path is a machine's).
    """
    out = [_("Svarfil fra spørreundersøkelsen (syntetiske data; utvalgsrammen bygger på "
             "SSBs virksomheter etter antall ansatte 1.1.2023 og NAVs sysselsatte etter "
             "næring 2023)") if res.synthetic
           else _("Svarfil fra spørreundersøkelsen (eksport fra spørreundersøkelsen)")]
    if res.providers is not None:
        out.append(_("Tilbyderfil med kursene til tilbydere av HMS-opplæring (syntetiske "
                     "data)") if res.synthetic
                   else _("Tilbyderfil med kursene til tilbydere av HMS-opplæring"))
    return [*out, cite(ASSIGNMENT)]


def data_text(res: SurveyResults) -> str:
    sampled = res.enterprises_sampled
    if res.synthetic:
        text = _n("Rapporten bygger på svarfilen fra spørreundersøkelsen og listen over de "
                  "utvalgte virksomhetene: syntetiske data laget av en dokumentert "
                  "datagenerator, med {n} virksomhet i utvalget.",
                  "Rapporten bygger på svarfilen fra spørreundersøkelsen og listen over de "
                  "utvalgte virksomhetene: syntetiske data laget av en dokumentert "
                  "datagenerator, med {n} virksomheter i utvalget.", sampled)
    else:
        text = _n("Rapporten bygger på svarfilen fra spørreundersøkelsen og listen over de "
                  "utvalgte virksomhetene, med {n} virksomhet i utvalget.",
                  "Rapporten bygger på svarfilen fra spørreundersøkelsen og listen over de "
                  "utvalgte virksomhetene, med {n} virksomheter i utvalget.", sampled)
    parts = [text.format(n=number(sampled))]
    if res.providers is not None:
        count = len(res.providers)
        parts.append(_n("Tilbyderfilen har {n} tilbyder.", "Tilbyderfilen har {n} tilbydere.",
                        count).format(n=number(count)))
    return " ".join([*parts, *weighting_notes(res)])


def weighting_notes(res: SurveyResults) -> list[str]:
    """What the weighting had to do differently for these data, in Norwegian."""
    out = []
    if not res.enterprise_file:
        out.append(_("Det er ingen egen fil over de utvalgte virksomhetene, så den er utledet "
                      "fra svarfilen, som lister opp alle utvalgte personer."))
    if res.collapsed:
        n = len(res.collapsed)
        out.append(_n("{n} stratum der ingen virksomhet deltok, er slått sammen med et "
                      "stratum med virksomheter av samme størrelse, slik at frafallet kan "
                      "justeres.",
                      "{n} strata der ingen virksomhet deltok, er slått sammen med et "
                      "stratum med virksomheter av samme størrelse, slik at frafallet kan "
                      "justeres.", n).format(n=number(n)))
    w = res.weighted
    if w is not None and (w.not_reported or w.under_reported):
        n = w.not_reported + w.under_reported
        out.append(_n("I {n} tilfelle oppga virksomheten ikke hvor mange som har en rolle, "
                      "eller færre enn det som svarte; da er antallet som svarte, brukt.",
                      "I {n} tilfeller oppga virksomheten ikke hvor mange som har en rolle, "
                      "eller færre enn det som svarte; da er antallet som svarte, brukt.",
                      n).format(n=number(n)))
    if w is not None and w.carried:
        n = len({stratum for stratum, _role, _by in w.carried})
        out.append(_n("I {n} stratum svarte ingen i en rolle som virksomhetene oppga; de "
                      "personene bæres av svarene i samme rolle i strata med virksomheter av "
                      "samme størrelse (eller i alle strata).",
                      "I {n} strata svarte ingen i en rolle som virksomhetene oppga; de "
                      "personene bæres av svarene i samme rolle i strata med virksomheter av "
                      "samme størrelse (eller i alle strata).", n).format(n=number(n)))
    if w is not None and w.unrepresented:
        labels = [label[:1].lower() + label[1:]
                  for label in (vocab_label(ROLE_LABELS, r) for r in w.unrepresented)]
        roles = labels[0] if len(labels) == 1 else _("{items} og {last}").format(
            items=", ".join(labels[:-1]), last=labels[-1])
        out.append(_n("Ingen svarte i rollen {roles}, så tallene for alle roller gjelder bare "
                      "rollene med svar.",
                      "Ingen svarte i rollene {roles}, så tallene for alle roller gjelder "
                      "bare rollene med svar.", len(labels)).format(roles=roles))
    if res.rake_failed:  # marked N_ in the pipeline, translated here
        out.append(_(res.rake_failed))
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
    return _("**{share}** (95 % KI {low}–{high})").format(
        share=percent(row["estimate"]), low=percent(low)[:-2], high=percent(high))


def respondents_text(res: SurveyResults, pub: Publisher) -> str:
    """How many answered, without showing a total below the threshold."""
    if res.respondents < pub.threshold:
        return _("Færre enn {threshold} personer svarte, så antallet og svarprosenten vises "
                 "ikke.").format(threshold=number(pub.threshold))
    return _n("{n} person svarte, om lag {rate} av personene i de utvalgte virksomhetene "
              "(andelen virksomheter som deltok, ganger andelen av personene de oppga, som "
              "svarte).",
              "{n} personer svarte, om lag {rate} av personene i de utvalgte virksomhetene "
              "(andelen virksomheter som deltok, ganger andelen av personene de oppga, som "
              "svarte).",
              res.respondents).format(n=number(res.respondents),
                                      rate=percent(res.response_rate))


def key_findings(res: SurveyResults, pub: Publisher) -> str:
    """Bullet points with the main results, each with its confidence interval.

    The hours are the ones the indicators were computed with (``res.min_hours``, from the
    parameter); each legal statement says what it rests on (the Act, the regulation, or
    Arbeidstilsynet's practice).
    """
    hours = number(res.min_hours)
    lines = []
    neither = _share(res, pub, SHARE_VERNEOMBUD_NEITHER)
    if neither:
        lines.append(_("{share} av verneombudene og AMU-medlemmene har verken {hours} timer "
                       "opplæring eller kortere opplæring som partene har avtalt (forskrift om "
                       "organisering, ledelse og medvirkning § 3-19).").format(
            share=neither, hours=hours))
    trained = _share(res, pub, SHARE_TRAINED)
    if trained:
        lines.append(_("{share} av personene med HMS-roller har gjennomført HMS-opplæring "
                       "(vektet andel).").format(share=trained))
    vo = _share(res, pub, SHARE_VERNEOMBUD_40H)
    agreed = _share(res, pub, SHARE_VERNEOMBUD_AGREED)
    if vo and agreed:
        lines.append(_("{share} av verneombudene og AMU-medlemmene oppgir minst {hours} timer "
                       "opplæring, og {agreed} har kortere opplæring som arbeidsgiveren og "
                       "arbeidstakernes representanter er enige om. Forskriften § 3-19 "
                       "tillater kortere opplæring når partene er enige om at den er "
                       "forsvarlig; svarene sier ikke om den er det.").format(
            share=vo, agreed=agreed, hours=hours))
    elif vo:
        lines.append(_("{share} av verneombudene og AMU-medlemmene oppgir minst {hours} timer "
                       "opplæring. Forskriften § 3-19 tillater kortere opplæring når partene "
                       "er enige om at den er forsvarlig, og det spør ikke svarfilen om, så "
                       "resten er ikke uten videre brudd på kravet.").format(
            share=vo, hours=hours))
    leaders = _share(res, pub, SHARE_LEADER_DOCUMENTED)
    if leaders:
        lines.append(_("{share} av de øverste lederne har dokumentert at de har gjennomført "
                       "arbeidsgivers HMS-opplæring (arbeidsmiljøloven § 3-5).").format(
            share=leaders))
    self_study = _share(res, pub, SHARE_LEADER_SELF_STUDY)
    elearning = _share(res, pub, SHARE_LEADER_ELEARNING)
    if self_study:
        lines.append(" ".join([_("{share} av de øverste lederne har bare hatt selvstudium på "
                                 "egen hånd, uten kurs eller kursbevis.").format(
                                     share=self_study),
                               *([_("{share} har bare hatt nettkurs i selvstudium "
                                    "(e-læring), som ofte gir kursbevis.").format(
                                        share=elearning)] if elearning else []),
                               _(SELF_STUDY_PRACTICE)]))
    applicable = _share(res, pub, SHARE_APPLICABLE)
    if applicable:
        lines.append(_("{share} mener opplæringen passer til risikoene på egen arbeidsplass "
                       "(vektet andel av dem som tok stilling)."
                       ).format(share=applicable))
    if len(lines) == 0:
        lines.append(_("Ingen av hovedtallene kan vises, fordi de bygger på for få svar."))
    lines.extend(_model_findings(res, pub))
    lines.append(respondents_text(res, pub) + " " + _("Alle andeler er vektet til "
                                                       "populasjonen."))
    return "\n".join(f"- {line}" for line in lines)


def requirements_text(res: SurveyResults) -> str:
    """The rules the indicators measure against, each with what it rests on.

    The hours are the ones the indicators were computed with (``res.min_hours``).
    """
    return " ".join([
        _("Kravene: arbeidsgiveren skal selv gjennomgå opplæring i helse, miljø og sikkerhet "
          "(arbeidsmiljøloven § 3-5), uten fastsatt timetall."),
        _(SELF_STUDY_PRACTICE),
        _("Verneombud og AMU-medlemmer skal ha opplæring med innholdet i forskrift om "
          "organisering, ledelse og medvirkning § 3-18, og etter § 3-19 minst {hours} "
          "timer; kortere bare når partene er enige om at det er forsvarlig."
          ).format(hours=number(res.min_hours)),
        threshold_rules(),
    ])


def odds_words(ratio: float) -> str:
    """An odds ratio in plain Norwegian, to be followed by the reference group, e.g.
    "omtrent fem ganger så høy odds som" or "omtrent 30 prosent høyere odds enn"."""
    if ratio >= 1:
        k = round(ratio)
        if k < 2:
            return _("omtrent {percent} prosent høyere odds enn").format(
                percent=number(100 * (ratio - 1)))
        if k in _TIMES:
            return _(_TIMES[k])
        return _("omtrent {k} ganger så høy odds som").format(k=number(k))
    k = round(1 / ratio)
    if k < 2:
        return _("omtrent {percent} prosent lavere odds enn").format(
            percent=number(100 * (1 - ratio)))
    if k in _PARTS:
        return _(_PARTS[k])
    return _("omtrent en {k}-del så høy odds som").format(k=number(k))


_TIMES = {  # whole phrases, so that each language can say them its own way
    2: N_("omtrent dobbelt så høy odds som"), 3: N_("omtrent tre ganger så høy odds som"),
    4: N_("omtrent fire ganger så høy odds som"), 5: N_("omtrent fem ganger så høy odds som"),
    6: N_("omtrent seks ganger så høy odds som"), 7: N_("omtrent sju ganger så høy odds som"),
    8: N_("omtrent åtte ganger så høy odds som"), 9: N_("omtrent ni ganger så høy odds som"),
    10: N_("omtrent ti ganger så høy odds som"),
}
_PARTS = {
    2: N_("omtrent halvparten så høy odds som"), 3: N_("omtrent en tredel så høy odds som"),
    4: N_("omtrent en firedel så høy odds som"), 5: N_("omtrent en femdel så høy odds som"),
    6: N_("omtrent en sjettedel så høy odds som"), 7: N_("omtrent en sjudel så høy odds som"),
    8: N_("omtrent en åttedel så høy odds som"), 9: N_("omtrent en niendedel så høy odds som"),
    10: N_("omtrent en tidel så høy odds som"),
}


PLANTED_IN_MODEL = ("size_group", "training_format")
"""Model variables whose effect the synthetic generator planted (synthetic.PLANTED)."""


def _model_findings(res: SurveyResults, pub: Publisher) -> list[str]:
    """The two clearest associations in the model (significant at 5 %), in words."""
    if res.model is None:  # the reason is marked N_ in the pipeline, translated here
        return [_(res.unavailable.get("model", ""))]
    if res.model.nobs < pub.threshold:
        return []
    t = res.model.table
    t = t[~t["reference"].astype(bool) & (t["p_value"] < 0.05) & (t["n"] >= pub.threshold)
          & (t["variable"] != "training_hours")]
    if t.empty:
        return [_("Ingen av forklaringsvariablene i modellen har en klar sammenheng med om "
                  "opplæringen oppleves å passe til risikoene.")]
    t = t.assign(strength=np.abs(np.log(t["odds_ratio"].astype(float))))
    out = []
    for _index, row in t.nlargest(2, "strength").iterrows():
        ref = res.model.references[row["variable"]]
        level = category_label(row["variable"], row["level"])
        reference = category_label(row["variable"], ref)
        ratio = float(row["odds_ratio"])
        what = _("«{level}» har {odds} «{reference}» for å mene at opplæringen passer til "
                 "risikoene (oddsratio {ratio}, 95 % KI {low}–{high}), når rolle, størrelse, "
                 "næring, type tilbyder og timer holdes like.").format(
            level=level, odds=odds_words(ratio), reference=reference, ratio=number(ratio, 2),
            low=number(row["ci_low"], 2), high=number(row["ci_high"], 2))
        if res.synthetic:  # what the generator planted, not a finding about Norway
            what = (_("Datageneratoren har lagt inn en slik forskjell, og modellen finner den "
                      "igjen: {finding}") if row["variable"] in PLANTED_IN_MODEL else
                    _("Datageneratoren har ikke lagt inn denne forskjellen, så den er "
                      "tilfeldig: {finding}")).format(finding=what)
        out.append(what)
    return out


def method_text(pub: Publisher) -> str:
    return _(
        "Tabeller viser ikke tall som bygger på færre enn {threshold} svar; slike celler er "
        "merket «:», og der summer vises, er flere celler skjult så de små ikke kan regnes "
        "ut. Kommentarfeltet publiseres ikke ordrett. Før beregningene er svarfilen "
        "kontrollert mot de faste reglene for hvilke kolonner og verdier den skal ha."
    ).format(threshold=number(pub.threshold))



def value_words(res: SurveyResults) -> dict[str, str]:
    """The data files of the closing table of parameters, described instead of named (a
    file path is a machine's, not the reader's; the first screen says what the data are)."""
    return {"data_path": _("svarfilen fra spørreundersøkelsen (syntetiske data)")
            if res.synthetic else _("svarfilen fra spørreundersøkelsen"),
            "provider_path": (_("tilbyderfilen (syntetiske data)") if res.synthetic
                              else _("tilbyderfilen")) if res.providers is not None
            else _("ingen tilbyderfil"),
            "mapping_path": _("oversettelse fra spørreverktøyets eksport til de faste "
                              "reglene for svarfilen")
            if res.mapped else _("ingen (svarfilen følger de faste reglene)"),
            "handcoded_path": _("håndkodet kontrollutvalg av kommentarene")
            if res.coding_agreement is not None else _("ikke oppgitt")}


def value_labels() -> dict[str, dict[str, str]]:
    """The groupings of the closing table of parameters by their Norwegian names."""
    return {"domains": {group: group_label(group).lower() for group in GROUP_LABELS}}


def _rounded_share(res: SurveyResults, pub: Publisher, indicator: str) -> str | None:
    """A share in whole per cent for prose («om lag 75 prosent»), or None if not shown."""
    try:
        row = res.estimate(indicator, "all", "all")
    except IndexError:
        return None
    if row["n"] < pub.threshold or np.isnan(row["estimate"]):
        return None
    return _("om lag {percent} prosent").format(percent=number(100 * row["estimate"]))


def summary_lines(res: SurveyResults, pub: Publisher) -> list[str]:
    """Three to five short lines for the first screen, in plain Norwegian: short, so that
    on a 390 × 844 phone screen the first key figure (below the summary) is still on it.

    On synthetic data the lines say what the data generator planted, and give the headline
    share framed as a test figure: what the report will say with real answers, never a
    finding (the notice above them already says the data are synthetic).
    """
    lines = [_("Rapporten viser hvem med HMS-roller i arbeidslivet som har fått "
               "HMS-opplæring, og hva de mener om den.")]
    if res.synthetic:
        lines += [_("Generatoren har lagt inn at opplæringen sjeldnere passer til risikoene "
                    "i de minste virksomhetene og ved nettkurs i selvstudium, og analysen "
                    "finner det igjen.")]
        trained = _rounded_share(res, pub, SHARE_TRAINED)
        if trained:
            lines.append(_("I de syntetiske svarene har {share} av personene med HMS-roller "
                           "fått HMS-opplæring: et testtall, ikke et funn.").format(
                               share=trained))
    else:
        neither = _rounded_share(res, pub, SHARE_VERNEOMBUD_NEITHER)
        if neither:  # the figure the regulator reads first
            lines.append(_("{share} av verneombudene og AMU-medlemmene har verken {hours} "
                           "timer opplæring eller avtalt kortere opplæring.").format(
                share=neither.capitalize(), hours=number(res.min_hours)))
        trained = _rounded_share(res, pub, SHARE_TRAINED)
        vo = _rounded_share(res, pub, SHARE_VERNEOMBUD_40H)
        if trained:
            lines.append(_("{share} av personene med HMS-roller har fått HMS-opplæring."
                           ).format(share=trained.capitalize()))
        if vo:
            lines.append(_("{share} av verneombudene og AMU-medlemmene oppgir minst {hours} "
                           "timer opplæring.").format(share=vo.capitalize(),
                                                     hours=number(res.min_hours)))
    return lines


def data_date(res: SurveyResults) -> str | None:
    """The date of the data for the first screen, or None when the data do not say it."""
    if res.synthetic:
        return _("1.1.2023 (utvalgsrammen)")  # the notice says the answers are synthetic
    return None
