"""When the training came, and the enterprises the 2024 thresholds newly cover (table)."""

from __future__ import annotations

from analysis.hms.columns import EMPLOYEES, LEGAL_ENTITY_EMPLOYEES, MONTHS_TO_TRAINING, ROLES
from analysis.hms.pipeline import SurveyResults
from analysis.hms.presentation._common import (
    Publisher,
    Unavailable,
    ci_text,
    indicator_label,
    join_notes,
    or_reason,
)
from analysis.hms.timing import (
    COVERED_BEFORE,
    NEWLY_COVERED,
    SHARE_WITHIN_YEAR,
    THRESHOLD_GROUP,
    THRESHOLD_GROUPS,
    TIMING_INDICATORS,
    threshold_basis,
)
from analysis.hms.weighting import ALL
from analysis.i18n import N_, translator
from analysis.presentation.formatting import number
from analysis.presentation.report import Table

_ = translator("hms")

_GROUPS = {
    NEWLY_COVERED: N_("Nye etter 1. januar 2024 (verneombud i virksomheter med 5–9 ansatte, "
                      "AMU-medlemmer i virksomheter med 30–49 ansatte)"),
    COVERED_BEFORE: N_("Omfattet også før 2024 (verneombud fra 10 ansatte, AMU-medlemmer fra "
                       "50 ansatte)"),
}
_ROLES = {"leader": N_("Øverste leder"), "employer_tasks": N_("Arbeidstaker med "
                                                              "arbeidsgiveroppgaver"),
          "verneombud": N_("Verneombud"), "amu_member": N_("Medlem av AMU")}
_WITHIN_YEAR = N_("Fikk opplæringen innen ett år etter at de tok på seg rollen")


def _indicator(code: str, hours: float) -> str:
    return _(_WITHIN_YEAR) if code == SHARE_WITHIN_YEAR else indicator_label(code, hours)


def threshold_rules() -> str:
    """The 2024 thresholds as the Act states them (arbeidsmiljøloven §§ 6-1 and 7-1)."""
    return _("Alle virksomheter skal ha verneombud (arbeidsmiljøloven § 6-1). Fra 1. januar "
             "2024 kan virksomheter med færre enn 5 ansatte skriftlig avtale en annen "
             "ordning (før: færre enn 10), så fra 5 ansatte er verneombud påkrevd uten "
             "unntak. Virksomheter med minst 30 ansatte skal ha arbeidsmiljøutvalg (før: "
             "50), og virksomheter med 10–29 ansatte når en av partene krever det "
             "(arbeidsmiljøloven § 7-1).")


def _group(group: str, category: str) -> str:
    if group == ALL:
        return _("Alle")
    if group == THRESHOLD_GROUP:
        return _(_GROUPS[category])
    return _(_ROLES.get(category, category))


@or_reason
def timing_table(res: SurveyResults, pub: Publisher) -> Table:
    """The timing share by role and threshold group, and the rule indicators by threshold
    group (verneombud and AMU members), with 95 % confidence intervals."""
    missing = [c for c in (MONTHS_TO_TRAINING, EMPLOYEES) if c not in res.frame.columns]
    if len(missing) == 2:
        raise Unavailable(_("Tidspunktet for opplæringen og virksomhetene som ble omfattet "
                            "av kravene fra 2024, vises ikke, fordi svarfilen ikke har "
                            "spørsmålet om når opplæringen kom eller antall ansatte."))
    t = res.timing
    if t is None or not (t["n"] >= pub.threshold).any():
        raise Unavailable(_("Tidspunktet for opplæringen vises ikke, fordi tallene bygger "
                            "på færre enn {n} svar.").format(n=number(pub.threshold)))
    # reading order: indicator, then all, the roles (leaders first), newly covered, before
    rank = {ALL: 0, **{r: 1 + i for i, r in enumerate(ROLES)},
            **{g: 10 + i for i, g in enumerate(THRESHOLD_GROUPS)}}
    order = {code: i for i, code in enumerate(TIMING_INDICATORS)}
    data = t.assign(indicator_label=[_indicator(i, res.min_hours) for i in t["indicator"]],
                    label=[_group(g, c) for g, c in zip(t["group"], t["category"],
                                                        strict=True)],
                    _order=t["indicator"].map(order) * 100 + t["category"].map(rank)
                    ).sort_values("_order", kind="stable")
    table, note = pub.estimates(data.drop(columns="_order"),
                                ["estimate", "se", "ci_low", "ci_high", "deff"])
    table = table.assign(ci=[ci_text(lo, hi, "percent") for lo, hi in
                             zip(table["ci_low"], table["ci_high"], strict=True)])
    notes = [threshold_rules()]
    if threshold_basis(res.frame) == LEGAL_ENTITY_EMPLOYEES:
        notes.append(_("Kravene gjelder den juridiske enheten (organisasjonsnummeret), så "
                       "gruppene bygger på antall ansatte i hele den juridiske enheten, slik "
                       "det er oppgitt."))
    else:
        notes.append(_("Svarfilen har ikke antall ansatte i den juridiske enheten, så "
                       "gruppene bygger på antall ansatte i virksomheten som svarte, slik den "
                       "selv oppgir det; kravene gjelder egentlig hele den juridiske "
                       "enheten."))
    if MONTHS_TO_TRAINING in res.frame.columns:
        notes.append(_("«Innen ett år» gjelder dem som har fått opplæring og svart på hvor "
                       "mange måneder etter at de tok på seg rollen den kom. Regelverket "
                       "setter ingen frist i måneder, så senere opplæring er ikke i seg "
                       "selv et brudd på reglene."))
    return Table(
        name="tidspunkt_og_nye_virksomheter",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Når kom opplæringen, og hvordan står det til i virksomhetene som ble "
                  "omfattet av kravene fra 1. januar 2024? Estimat med 95 % KI"),
        data=table,
        columns={"indicator_label": _("Indikator"), "label": _("Gruppe"),
                 "estimate": _("Andel"), "ci": _("95 % KI"), "n": _("Svar")},
        formats={"estimate": "percent", "ci": "verbatim", "n": "int"},
        note=join_notes(" ".join(notes), note),
    )
