"""Response, weighting and design effects: the report's section on how the estimates work."""

from __future__ import annotations

from analysis.hms.indicators import INDICATORS
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import INDICATOR_LABELS, Publisher, join_notes
from analysis.hms.presentation.text import weighting_notes
from analysis.hms.weighting import ALL
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Table


def _stratum_label(code: str) -> str:
    return "Alle strata" if code == ALL else code.replace("|", ", ").replace("_", " ")


def response_table(res: SurveyResults, pub: Publisher) -> Table:
    data = res.response.assign(
        stratum_label=res.response["stratum"].map(_stratum_label),
        group=[ALL if s == ALL else "stratum" for s in res.response["stratum"]])
    table, note = pub.estimates(data, ["response_rate", "weighted_response_rate"],
                               n_column="responded")
    return Table(
        name="svarprosent",
        caption="Utvalg, svar og svarprosent per stratum (næringsgruppe og størrelse)",
        data=table,
        columns={"stratum_label": "Stratum", "sampled": "I utvalget", "responded": "Svarte",
                 "response_rate": "Svarprosent", "weighted_response_rate":
                 "Svarprosent, vektet med designvektene"},
        formats={"sampled": "int", "responded": "int", "response_rate": "percent",
                 "weighted_response_rate": "percent"},
        note=join_notes("Svarprosenten er andelen av de utvalgte personene som svarte; den "
                        "vektede bruker designvektene (invers trekksannsynlighet).", note),
    )


def weights_table(res: SurveyResults, pub: Publisher) -> Table:
    w = res.weights.assign(label=[("Alle" if g == ALL else _stratum_label(c))
                                  for g, c in zip(res.weights["group"],
                                                  res.weights["category"], strict=True)])
    values = ["weight_sum", "min", "p10", "median", "p90", "max", "max_min_ratio",
              "kish_deff"]
    table, note = pub.estimates(w, values)
    return Table(
        name="vekter",
        caption="Fordelingen av de endelige vektene, i alt og per stratum",
        data=table,
        columns={"label": "Stratum", "n": "Svar", "weight_sum": "Sum vekter",
                 "min": "Minste vekt", "median": "Median", "max": "Største vekt",
                 "kish_deff": "Designeffekt av ulike vekter (Kish)"},
        formats={"n": "int", "weight_sum": "int", "min": "number1", "median": "number1",
                 "max": "number1", "kish_deff": "number2"},
        note=join_notes("En vekt er hvor mange personer i populasjonen et svar står for. "
                        "Kish' designeffekt viser hvor mye ulike vekter alene "
                        "øker variansen.", note),
    )


def design_effect_table(res: SurveyResults, pub: Publisher) -> Table:
    d = res.design_effects.assign(
        label=res.design_effects["indicator"].map(INDICATOR_LABELS))
    table, note = pub.estimates(d, ["estimate", "se", "deff", "n_effective"])
    order = {code: i for i, code in enumerate(INDICATORS)}
    table = table.sort_values("indicator", key=lambda s: s.map(order))
    return Table(
        name="designeffekter",
        caption="Designeffekter og effektivt antall svar for hovedindikatorene",
        data=table,
        columns={"label": "Indikator", "estimate": "Estimat", "se": "Standardfeil",
                 "deff": "Designeffekt", "n": "Svar", "n_effective": "Effektivt antall svar"},
        formats={"estimate": "number3", "se": "number3", "deff": "number2", "n": "int",
                 "n_effective": "int"},
        note=join_notes("Designeffekten er variansen med utvalgsdesignet (strata, "
                        "virksomheter som klynger, vekter) delt på variansen i et enkelt "
                        "tilfeldig utvalg av samme størrelse. Andeler er oppgitt som tall "
                        "mellom 0 og 1.", note),
    )


def response_text(res: SurveyResults, pub: Publisher | None = None) -> str:
    d = res.design
    calibration = (
        "Deretter er vektene kalibrert slik at de gjengir utvalgets estimerte antall "
        "personer etter virksomhetens størrelse og rolle; kalibreringen er tatt med i "
        "usikkerheten." if res.raked else
        "Vektene er ikke kalibrert videre i denne kjøringen (bare frafallsjustert)."
    )
    threshold = pub.threshold if pub is not None else 1
    answered = (f"{number(d.n)} personer svarte, {percent(res.response_rate)} av utvalget."
                if d.n >= threshold else
                f"Færre enn {number(threshold)} personer svarte, så antallet vises ikke.")
    intervals = ("Usikkerheten (95 % konfidensintervaller) er beregnet med en metode som tar "
                 "hensyn til strata og virksomheter."
                 if d.degf >= 1 else
                 "Med så få virksomheter kan usikkerheten ikke beregnes, så "
                 "konfidensintervallene mangler.")
    return (
        f"{answered} Utvalget er trukket i strata (næringsgruppe og virksomhetsstørrelse) "
        "med virksomheter som klynger; alle med HMS-roller i en trukket virksomhet er "
        "spurt. Hver persons designvekt (hvor mange personer i populasjonen svaret står "
        "for) er justert for frafall innen sitt stratum. " + calibration + " " + intervals
        + "".join(f" {t}" for t in weighting_notes(res))
    )
