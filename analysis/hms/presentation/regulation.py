"""The providers' course topics against the content § 3-18 requires (provider file)."""

from __future__ import annotations

from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import Publisher, Unavailable, join_notes, or_reason
from analysis.hms.regulation_topics import ALL_ITEMS, ITEMS
from analysis.i18n import translator
from analysis.presentation.formatting import number
from analysis.presentation.report import Table

_ = translator("hms")


def _item_label(item: str) -> str:
    if item == ALL_ITEMS:
        return _("Alle punktene a–f")
    if item == "chemicals":
        return _("Andre ledd: {text}").format(text=_(ITEMS[item]))
    return _("Bokstav {letter}: {text}").format(letter=item, text=_(ITEMS[item]))


@or_reason
def regulation_table(res: SurveyResults, pub: Publisher) -> Table:
    """Share of providers whose course covers each content item of § 3-18."""
    if res.regulation is None:
        raise Unavailable(_("Ingen tilbyderfil er oppgitt for denne kjøringen."))
    coverage, note_40h = pub.units(res.regulation, "n_40h", ["share_40h"])
    coverage, note_all = pub.units(coverage, "n_all", ["share_all"])
    hours = number(res.min_hours)
    data = coverage.assign(label=[_item_label(i) for i in coverage["item"]])
    n_all, n_40h = int(res.regulation["n_all"].iloc[0]), int(res.regulation["n_40h"].iloc[0])
    return Table(
        name="tilbydere_innhold_3_18",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Dekker kursene innholdet forskriften krever? Andel tilbydere hvis kurs "
                  "dekker hvert punkt i forskrift om organisering, ledelse og medvirkning "
                  "§ 3-18"),
        data=data,
        columns={"label": _("Innhold etter § 3-18"),
                 "share_all": _("Alle tilbydere"),
                 "share_40h": _("Kurs på minst {hours} timer").format(hours=hours)},
        formats={"share_all": "percent0", "share_40h": "percent0"},
        note=" ".join([
            _("Uvektede tall fra tilbyderfilen: hver tilbyder teller likt, uansett antall "
              "deltakere."),
            _("Tilbyderfilen har {n_all} tilbydere, {n_40h} av dem med kurs på minst {hours} "
              "timer (forskrift om organisering, ledelse og medvirkning § 3-19 krever "
              "{hours} timer; § 3-18 sier hva opplæringen skal inneholde).").format(
                n_all=number(n_all), n_40h=number(n_40h), hours=hours),
            _("Temaene i tilbyderfilen er knyttet til punktene slik: «Regelverk og roller» "
              "til a og f, «Internkontroll og systematisk HMS-arbeid» til b, "
              "«Risikovurdering og kartlegging» til c, «Psykososialt og organisatorisk "
              "arbeidsmiljø» til d, «Ergonomi» og «Ulykker og avvikshåndtering» til e, og "
              "«Kjemikalier og biologiske faktorer» til andre ledd. «Sykefravær og "
              "tilrettelegging» står ikke i listen."),
            _("Andre ledd gjelder bare virksomheter som bruker kjemiske stoffer eller "
              "biologisk materiale."),
            join_notes(note_40h, note_all) if note_40h != note_all else note_40h,
        ]).strip(),
    )
