"""The first screen of the conscription report: the conclusion in plain words, whether
it agrees with the public record, the counterfactual and the break-even; the data date
and the data sources.

Persons are rounded as a reader would (:func:`about_persons`); no technical terms here.
"""

from __future__ import annotations

import math

from analysis.conscription import steps
from analysis.conscription.model import Point
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation.text import step_needed_text
from analysis.conscription.professions import UNAUTHORISED
from analysis.i18n import N_, translator
from analysis.presentation.formatting import lower_first, number, percent

_ = translator("conscription")

SOURCES = (
    N_("Folkehelseinstituttet: smittede per kommune og uke (MSIS)"),
    N_("SSB: folketall 1. januar 2020 (tabell 07459) og sentralitet"),
    N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29)"),
    N_("NAV: sykefraværsstatistikk 4. kvartal 2020"),
)


def about_persons(x: float) -> str:
    """Persons rounded as a reader would: to 10 below 1 000, to 100 below 10 000, to
    1 000 above; exact below 20.

    >>> [about_persons(x) for x in (7.4, 238.6, 2349, 5008, 19047)]
    ['7', '240', '2\\xa0300', '5\\xa0000', '19\\xa0000']
    """
    x = float(x)
    digits = 0 if x < 20 else -1 if x < 1000 else -2 if x < 10_000 else -3
    return number(round(x, digits))


def norwegian_date(iso: str) -> str:
    """``2020-11-19`` as ``19.11.2020`` (``2020-12`` as ``12.2020``).

    >>> norwegian_date("2020-11-19"), norwegian_date("2020-12")
    ('19.11.2020', '12.2020')
    """
    return ".".join(reversed(str(iso).split("-")))


def parameter_value(x: float) -> str:
    """A parameter value with the digits it needs: three significant digits, no trailing
    zeros (no «30,000» for 30: issue 21).

    >>> parameter_value(0.6), parameter_value(0.00206), parameter_value(30)
    ('0,6', '0,00206', '30')
    >>> parameter_value(1.486), parameter_value(0), parameter_value(1500.4)
    ('1,49', '0', '1\xa0500')
    """
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return number(x)
    decimals = max(0, 2 - math.floor(math.log10(abs(x))))
    return number(round(x, decimals), decimals).rstrip("0").rstrip(",") if decimals else \
        number(round(x))


def assumption_value(x: float, unit: str) -> str:
    """A value of an assumption as a reader reads it: a share («andel …») as a percentage
    with the digits it needs («0,6 %» rather than «0,00596»), anything else as
    :func:`parameter_value`.

    >>> assumption_value(0.00596, "andel"), assumption_value(0.01, "andel")
    ('0,6\xa0%', '1\xa0%')
    >>> assumption_value(0.6, "andel av ansatte"), assumption_value(1.486, "personer")
    ('60\xa0%', '1,49')
    """
    if not str(unit).startswith("andel") or not math.isfinite(float(x)):
        return parameter_value(x)
    pct = float(x) * 100
    decimals = 0 if pct == 0 or abs(pct) >= 10 or float(round(pct)) == round(pct, 1) else 1
    return percent(x, decimals)


def week_text(week: str) -> str:
    """``2020-46`` as «uke 46 2020»."""
    year, _sep, w = week.partition("-")
    return _("uke {week} {year}").format(week=int(w), year=year)


def conclusion_sentence(pt: Point, historical: bool, week: str) -> str:
    """What the point estimate concludes, in one or two plain sentences."""
    esc = pt.escalation
    unmet = float(esc.unmet[0])
    ordered = pt.ordered
    authorised_unmet = float(esc.remaining[0, -1, :UNAUTHORISED].sum())
    if historical:
        if unmet < 0.5:
            k = pt.step_needed
            return (_("Med tiltakene som fantes i {week} kunne kommunene dekke behovet: lokale "
                      "tiltak var nok.") if k <= 1 else
                    _("Med tiltakene som fantes i {week} kunne kommunene dekke behovet, med "
                      "hjelp til og med {step}.")).format(
                week=week_text(week), step=lower_first(_(steps.BY_KEY[pt.order_keys[k - 1]].label)))
        if authorised_unmet >= unmet - 0.5:
            return _("Med tiltakene som fantes i {week} ville om lag {unmet} personer mangle, "
                     "alle til oppgaver som krever autorisert helsepersonell. Utvidet "
                     "beordring var ikke innført.").format(
                week=week_text(week), unmet=about_persons(unmet))
        return _("Med tiltakene som fantes i {week} ville om lag {unmet} personer mangle, "
                 "{authorised} av dem til oppgaver som krever autorisert helsepersonell. "
                 "Utvidet beordring var ikke innført.").format(
            week=week_text(week), unmet=about_persons(unmet),
            authorised=about_persons(authorised_unmet))
    if ordered >= 0.5:
        text = _("Frivillige tiltak er ikke nok: om lag {ordered} personer må beordres.").format(
            ordered=about_persons(ordered))
    else:
        k = pt.step_needed
        text = (_("{needed}; ingen må beordres.").format(
                    needed=step_needed_text(pt.order_keys, k)) if k <= len(pt.order_keys)
                else _("Ingen kan beordres til oppgavene som gjenstår."))
    if unmet >= 0.5:
        text += " " + _("Om lag {unmet} personer mangler likevel.").format(
            unmet=about_persons(unmet))
    return text


def record_sentence(r: Results, agrees: bool | None) -> str:
    """Whether the conclusion agrees with the public record of the week."""
    if r.record is None or agrees is None:
        return ""
    source = _("{publisher} ({date})").format(publisher=r.record["publisher"],
                                              date=norwegian_date(r.record["date"]))
    if agrees:
        return _("Det stemmer med det de offentlige kildene sier om denne perioden "
                 "({source}).").format(source=source)
    return _("Det stemmer ikke med det de offentlige kildene sier om denne perioden: "
             "«{quote}» ({source}).").format(quote=r.record["quote"], source=source)


def counterfactual_sentence(r: Results) -> str:
    """The proposal of 19.11.2020 as if in force, clearly labelled."""
    cf = r.counterfactual
    if cf is None:
        return ""
    return _("Hvis ordningen Helsedirektoratet foreslo 19.11.2020 hadde vært på plass: "
             "{conclusion}").format(conclusion=conclusion_sentence(cf, False, r.regime_week))


def break_even_sentence(r: Results) -> str:
    """The break-even of the assumption closest to changing the conclusion."""
    top = r.break_even_top
    if top is None:
        return _("Ingen av de usikre antakelsene endrer konklusjonen alene.")
    unit = top.get("unit", "")
    where = (_("innenfor det antatte intervallet") if top["within_range"]
             else _("utenfor det antatte intervallet {low}–{high}").format(
                 low=assumption_value(top["low"], unit),
                 high=assumption_value(top["high"], unit)))
    label = top["label"]
    return _("Konklusjonen endres først om «{label}» er {value} i stedet for {default} "
             "({where}).").format(label=lower_first(_(label)),
                                  value=assumption_value(top["break_even"], unit),
                                  default=assumption_value(top["default"], unit), where=where)


def summary_lines(r: Results, compare_record: bool = True) -> list[str]:
    """Two to four plain sentences for the first screen («Sammendrag»). ``compare_record``
    False (the user's own data, whose weeks are not known): the record is not cited."""
    from analysis.conscription.pipeline import record_agrees

    historical = r.regime == "historical"
    first = conclusion_sentence(r.point, historical, r.regime_week)
    record = record_sentence(r, record_agrees(r)) if compare_record else ""
    lines = [f"{first} {record}".strip(), counterfactual_sentence(r), break_even_sentence(r)]
    return [line for line in lines if line]


def data_date(r: Results) -> str:
    """The weeks of the data, in words ("" for illustrative data)."""
    if not r.data_weeks:
        return ""
    first, _sep, last = r.data_weeks.partition(" to ")
    return (_("ISO-ukene {first} til {last}").format(first=first, last=last) if last
            else _("ISO-uke {week}").format(week=first))


def own_data_title(r: Results, demand_file: str, weeks_known: bool) -> str:
    """The first screen's title of a run on the user's own demand file: its file name
    (without folders), the number of municipalities and, when given, the weeks."""
    from pathlib import PurePath

    name = PurePath(str(demand_file).replace("\\", "/")).name
    n = len(r.point.frame)
    weeks = (data_date(r) if weeks_known and r.data_weeks else
             _("uker ikke oppgitt"))
    return _("Egne data: {file}, {n} kommuner, {weeks}").format(file=name, n=n,
                                                                weeks=weeks)


def data_sources(r: Results) -> list[str]:
    """The public data a run on real data rests on (none for illustrative data)."""
    return [] if r.illustrative else [_(s) for s in SOURCES]


def isolation_text(r: Results) -> str:
    """How the share of staff away is estimated, and its break-even."""
    iso = r.break_even_isolation
    text = _("Andelen ansatte som er borte der kommunen ikke har oppgitt den, er anslått fra "
             "NAVs sykefraværsstatistikk for 4. kvartal 2020: ekstra fravær for "
             "luftveissykdommer i helse- og sosialtjenester, om lag {share} av dagsverkene, "
             "ganget med kommunens smitte delt på landets smitte i kvartalet."
             ).format(share=percent(r.stated.isolation_share))
    if iso is None:
        return text + " " + _("Ingen verdi mellom 0 og 100 % endrer konklusjonen.")
    return text + " " + _("Konklusjonen endres ved {value} (i stedet for om lag {share})."
                          ).format(value=percent(iso, 2),
                                   share=percent(r.stated.isolation_share))


REGIME_WORDS = {"historical": N_("tiltakene som gjaldt den uken"),
                "proposed": N_("forslaget av 19.11.2020")}


def value_labels() -> dict[str, dict[str, str]]:
    """Words for the regime parameter's code values in the table of sources."""
    return {"regime": {k: _(v) for k, v in REGIME_WORDS.items()}}
