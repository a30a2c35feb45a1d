"""Variation between providers: the provider file (unweighted) and outcomes by provider type."""

from __future__ import annotations

from analysis.hms.columns import FORMAT_LABELS, PROVIDER_TYPE_LABELS, TOPIC_LABELS
from analysis.hms.indicators import MEAN_QUIZ_SCORE
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    Publisher,
    Unavailable,
    category_label,
    ci_text,
    in_reading_order,
    indicator_label,
    join_notes,
    or_reason,
    too_few,
    vocab_label,
)
from analysis.hms.providers import TOPIC_PREFIX, UNWEIGHTED_NOTE, participants_by_row
from analysis.hms.weighting import ALL
from analysis.i18n import translator
from analysis.presentation.formatting import SUPPRESSED, number, percent
from analysis.presentation.report import Table

_ = translator("hms")

_GROUPS = {"provider_type": PROVIDER_TYPE_LABELS, "format": FORMAT_LABELS}


def overview_table(res: SurveyResults, pub: Publisher) -> Table:
    """The provider file by type and format, with the business-data disclosure rule: a
    row needs 3 providers, and the participants are withheld where the 2 largest providers
    have more than 85 % of them (:func:`analysis.disclosure.suppress_units`)."""
    o = res.provider_overview
    values = [c for c in o.columns if c not in ("group", "category", "providers",
                                                "participants")]
    o, note = pub.units(o, "providers", values,
                        participants_by_row(res.providers, o), ["participants"])
    label = [(_("Alle tilbydere") if g == ALL else vocab_label(_GROUPS[g], c))
             for g, c in zip(o["group"], o["category"], strict=True)]
    kind = [_("Alle") if g == ALL else _("Type") if g == "provider_type" else _("Form")
            for g in o["group"]]
    return Table(
        name="tilbydere",
        caption=_("Tilbyderne etter type og kursform: omfang, pris og temaer"),
        data=o.assign(label=label, kind=kind),
        columns={"label": _("Tilbydere"), "kind": _("Inndeling"), "providers": _("Antall"),
                 "participants": _("Deltakere per år"), "median_hours": _("Timer (median)"),
                 "share_40h": _("Andel kurs på minst {hours} timer").format(
                     hours=number(res.min_hours)),
                 "median_price_per_hour": _("Pris per time (median)"),
                 "mean_topics": _("Temaer dekket (snitt av 8)")},
        formats={"providers": "int", "participants": "int", "median_hours": "number1",
                 "share_40h": "percent0", "median_price_per_hour": "nok",
                 "mean_topics": "number1"},
        note=join_notes(_(UNWEIGHTED_NOTE), _("Interne kurs har ofte ingen pris (0 kr)."),
                        note),
    )


def topic_table(res: SurveyResults, pub: Publisher) -> Table:
    """Topics by provider type; rows from fewer than 3 providers are withheld."""
    o = res.provider_overview
    rows = o[o["group"].isin([ALL, "provider_type"])]
    rows, note = pub.units(rows, "providers",
                           [c for c in o.columns if c.startswith(TOPIC_PREFIX)])
    topics = [c for c in o.columns if c.startswith(TOPIC_PREFIX)]
    label = [_("Alle tilbydere") if g == ALL else vocab_label(PROVIDER_TYPE_LABELS, c)
             for g, c in zip(rows["group"], rows["category"], strict=True)]
    return Table(
        name="tilbydere_temaer",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Andel tilbydere som dekker hvert tema, etter type tilbyder"),
        data=rows.assign(label=label)[["group", "category", "label", "providers", *topics]],
        columns={"label": _("Tilbydere"), "providers": _("Antall"),
                 **{t: _(TOPIC_LABELS[t.removeprefix(TOPIC_PREFIX)]) for t in topics}},
        formats={"providers": "int", **{t: "percent0" for t in topics}},
        note=join_notes(_(UNWEIGHTED_NOTE), note),
    )


@or_reason
def outcomes_table(res: SurveyResults, pub: Publisher) -> Table:
    o = in_reading_order(res.provider_outcomes, first=["indicator"])
    if not (o["n"] >= pub.threshold).any():
        raise Unavailable(_("Vurdering og kunnskap etter type tilbyder: {why}").format(
            why=too_few(pub.threshold)))
    data = o.assign(indicator_label=[indicator_label(i, res.min_hours) for i in o["indicator"]],
                    label=[category_label(g, c) for g, c in
                           zip(o["group"], o["category"], strict=True)])
    table, note = pub.estimates(data, ["estimate", "se", "ci_low", "ci_high", "deff"])
    kinds = ["number" if i == MEAN_QUIZ_SCORE else "percent" for i in table["indicator"]]
    table = table.assign(
        ci=[ci_text(lo, hi, k) for lo, hi, k in
            zip(table["ci_low"], table["ci_high"], kinds, strict=True)],
        shown=[_shown(v, k) for v, k in zip(table["estimate"], kinds, strict=True)])
    return Table(
        name="utfall_per_tilbydertype",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Deltakernes vurdering og kunnskap etter hvem som ga opplæringen og hvordan "
                  "den ble gitt (vektet, med 95 % KI)"),
        data=table,
        columns={"indicator_label": _("Indikator"), "label": _("Tilbyder eller form"),
                 "shown": _("Estimat"), "ci": _("95 % KI"), "n": _("Svar")},
        formats={"shown": "verbatim", "ci": "verbatim", "n": "int"},
        note=join_notes(_("Fra spørreundersøkelsen: tilbyderen og formen er det respondenten "
                          "oppgir for sin siste opplæring."), note),
    )


def _shown(value: object, kind: str) -> str:
    if isinstance(value, str):
        return SUPPRESSED
    return percent(value) if kind == "percent" else number(value, 2)


def no_provider_file() -> str:
    """What the provider section says when the run has no provider file."""
    return _("Ingen tilbyderfil er oppgitt for denne kjøringen.")
