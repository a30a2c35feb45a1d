"""Sharing scarce personnel: criteria and weights, missing values, priority scores with a
plain justification per municipality, coverage, and the ranking under other weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.conscription import allocation
from analysis.conscription.pipeline import Results
from analysis.conscription.presentation._common import STEP_COLOURS, TOP_N, persons
from analysis.conscription.professions import ROLE_LABELS, ROLES
from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Figure, Table

_ = translator("conscription")
_n = _.n


def _criteria_names(missing: str) -> str:
    """The criteria named in ``missing`` (bokmål labels in lower case, joined by ", ", as
    :func:`analysis.conscription.allocation.missing_criteria` gives them), in the report
    language."""
    by_lower = {c.label.lower(): c.label for c in allocation.CRITERIA}
    return ", ".join(_(by_lower[m]).lower() if m in by_lower else m
                     for m in missing.split(", ")) if missing else ""


def weights_table(r: Results) -> Table:
    data = r.weights.copy()
    for column in ("criterion", "group", "rule"):
        data[column] = data[column].map(_)
    return Table(
        name="vekter",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Kriterier og vekter i prioriteringen, med standardvektene"),
        data=data,
        columns={"criterion": _("Kriterium"), "group": _("Gruppe"), "weight": _("Vekt"),
                 "default": _("Standardvekt"), "share": _("Andel av poengsummen"),
                 "effective": _("Andel i dette scenarioet"),
                 "rule": _("Indikator (0–1)")},
        formats={"weight": "number1", "default": "number1", "share": "percent",
                 "effective": "percent"},
        note=_("Kriteriene er brevets (brevet til HOD, punkt 3): smittesituasjonen og "
               "kommunens egen bemanningsevne. Poengsummen er det vektede gjennomsnittet av "
               "indikatorene × 100. Vektene er et valg som kan endres; tabellen over "
               "rangstabilitet viser hvor mye rekkefølgen avhenger av dem. Om egne "
               "vikaravtaler er brukt opp, gir ikke poeng, men avgjør om kommunen får hjelp nå "
               "(se teksten over). «Andel i dette scenarioet» er det kriteriet faktisk teller: "
               "vekten til et kriterium ingen kommune har tall for, går til de andre i samme "
               "gruppe. Størrelse og sentralitet brukes to ganger: de senker hvor mye kommunen "
               "dekker selv (og øker dermed behovet utenfra), og de gir halvparten av "
               "poengene. Brevet nevner dem begge steder (punkt 3); den doble bruken er et "
               "valg, og tabellen over rangstabilitet viser rekkefølgen uten vekt på "
               "størrelse."),
    )


def _missing_what(missing: str, temps_unknown: bool) -> str:
    temps = _("om egne vikaravtaler er brukt opp (regnes som brukt opp)")
    if missing and temps_unknown:
        return _("{criteria} og {temps}").format(criteria=_criteria_names(missing), temps=temps)
    return _criteria_names(missing) if missing else temps if temps_unknown else ""


def _effective_shares(r: Results, missing: str) -> str:
    """What each criterion left in counts when ``missing`` (labels, lower case, joined by
    ", ") are left out of every municipality's score."""
    left_out = set(missing.split(", ")) if missing else set()
    w = r.weights[~r.weights["criterion"].str.lower().isin(left_out)]
    if w.empty or not left_out:
        return ""
    parts = [f"{_(c).lower()} {percent(x / w['weight'].sum(), 0)}"
             for c, x in zip(w["criterion"], w["weight"], strict=True)]
    shares = (parts[0] if len(parts) == 1 else
              _("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1]))
    text = " " + _("Uten disse kriteriene teller de andre slik i poengsummen: {shares}."
                   ).format(shares=shares)
    capacity = w["group"].eq(allocation.GROUP_LABELS["capacity"])
    if w.loc[capacity, "weight"].sum() / w["weight"].sum() > 0.5:
        text += " " + _("Fordelingen bestemmes da mest av kommunens størrelse og sentralitet.")
    return text


def missing_table(r: Results) -> Table | str:
    """Which criteria are left out where: one sentence when every municipality with an
    unknown value lacks the same ones, otherwise one row per distinct set of unknowns."""
    if r.missing.empty:
        return _("Alle kommunene har oppgitt alle verdiene, så ingen kriterier er holdt "
                 "utenfor poengsummen.")
    note = _("Et ukjent tall gjettes ikke i prioriteringen: kriteriet holdes utenfor for den "
             "kommunen, og vekten går til de kjente kriteriene i samme gruppe "
             "(smittesituasjonen eller bemanningsevnen), slik at manglende smittetall ikke gir "
             "kommunestørrelsen større vekt. Poengene skaleres så de fyller 100. Der andelen "
             "ansatte i isolasjon eller karantene mangler, brukes en antatt andel bare til å "
             "regne ut behovet for erstatning.")
    groups = (r.missing.groupby(["missing", "temps_unknown"], sort=False)["municipality_name"]
              .agg(list).reset_index())
    n_all = len(r.point.frame)
    if len(groups) == 1:
        g = groups.iloc[0]
        what = _missing_what(g["missing"], bool(g["temps_unknown"]))
        text = (_("Datagrunnlaget mangler for alle de {n} kommunene disse opplysningene: "
                  "{what}.").format(n=n_all, what=what)
                if len(g["municipality_name"]) == n_all else
                _("Datagrunnlaget mangler for {names} disse opplysningene: {what}.").format(
                    names=", ".join(g["municipality_name"]), what=what))
        return f"{text} {note}" + _effective_shares(r, g["missing"])
    groups["what"] = [_missing_what(m, bool(t)) for m, t in
                      zip(groups["missing"], groups["temps_unknown"], strict=True)]
    groups["count"] = groups["municipality_name"].map(len)
    groups["names"] = groups["municipality_name"].map(", ".join)
    return Table(
        name="manglende_verdier",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Ukjente opplysninger og kommunene de mangler for"),
        data=groups[["what", "count", "names"]],
        columns={"what": _("Ukjent (kriteriet er holdt utenfor poengsummen)"),
                 "count": _("Antall kommuner"), "names": _("Kommuner")},
        note=note,
    )


def _value_text(key: str, value: float, row: pd.Series, rank: int, n: int) -> str:
    if key == "incidence":
        return _("{value} smittede per 100 000 (nr. {rank} av {n})").format(
            value=number(value), rank=rank, n=n)
    if key == "admitted":
        return _("{value} smittede innlagt i kommunale institusjoner (nr. {rank} av {n})"
                 ).format(value=number(value), rank=rank, n=n)
    if key == "outbreaks":
        return _("{value} utbrudd i kommunale institusjoner (nr. {rank} av {n})").format(
            value=number(value), rank=rank, n=n)
    if key == "isolated":
        return _("{share} av helsepersonellet i isolasjon eller karantene (nr. {rank} av {n})"
                 ).format(share=percent(value, 0), rank=rank, n=n)
    if key == "unknown_route":
        return _("ukjent smittevei for {share} av de smittede (nr. {rank} av {n})").format(
            share=percent(value, 0), rank=rank, n=n)
    if key == "size":
        return _("størrelsen ({population} innbyggere)").format(
            population=persons(row["population"]))
    return _("sentraliteten (klasse {centrality}, der 6 er minst sentral)").format(
        centrality=int(row["centrality"]))


def justifications(r: Results) -> pd.Series:
    """One short line in plain Norwegian per municipality: why it is where it is."""
    pt, a = r.point, r.allocated
    f = pt.frame
    n = len(f)
    cov, vol = a["coverage_all"].to_numpy(), a["coverage_voluntary"].to_numpy()
    rank = a["rank"].to_numpy()
    ranks = {c.key: a[f"rank_{c.key}"] for c in allocation.CRITERIA}
    lines = []
    for i in range(n):
        row = f.iloc[i]
        pts = pt.points[i]
        top = [j for j in np.argsort(-np.nan_to_num(pts, nan=-1.0), kind="stable")[:2]
               if pts[j] > 0.05]
        reasons = [_value_text(allocation.CRITERIA[j].key, row[allocation.CRITERIA[j].column],
                               row, int(ranks[allocation.CRITERIA[j].key].iloc[i]), n)
                   for j in top]
        score = number(pt.score[i], 1)
        if len(reasons) == 2:
            text = _("Nr. {rank} med {score} av 100 poeng; mest teller {first} og {second}."
                     ).format(rank=rank[i], score=score, first=reasons[0], second=reasons[1])
        elif reasons:
            text = _("Nr. {rank} med {score} av 100 poeng; mest teller {first}.").format(
                rank=rank[i], score=score, first=reasons[0])
        else:
            text = _("Nr. {rank} med {score} av 100 poeng.").format(rank=rank[i], score=score)
        if not pt.eligible[i]:
            text += " " + _("Har ikke brukt opp egne vikaravtaler og får hjelp først når de som "
                            "har det, er dekket.")
        text += " " + (
            _("Får dekket {share} av behovet utenfra uten beordring.").format(
                share=percent(vol[i], 0)) if abs(cov[i] - vol[i]) < 5e-3 else
            _("Får dekket {voluntary} av behovet utenfra uten beordring og {share} med "
              "beordring.").format(voluntary=percent(vol[i], 0), share=percent(cov[i], 0)))
        lines.append(text)
    return pd.Series(lines, index=f.index)


def score_table(r: Results) -> Table:
    pt = r.point
    points = allocation.score_frame(pt.points, pt.frame, pt.order, pt.eligible)
    points["why"] = justifications(r).to_numpy()
    points["eligible_text"] = np.where(points["eligible"], _("ja"), _("nei"))
    points = points.sort_values("rank")
    shown = [c for c in allocation.CRITERIA if not points[c.key].isna().all()]
    hidden = [_(c.short).lower() for c in allocation.CRITERIA if c not in shown]
    return Table(
        name="prioritet",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Prioritetspoeng per kommune, fordelt på kriterier, med begrunnelse "
                  "(rekkefølge etter prioritet)"),
        data=points,
        columns={"rank": _("Nr."), "municipality_name": _("Kommune"),
                 **{c.key: _(c.short) for c in shown}, "score": _("Poeng i alt"),
                 "eligible_text": _("Kvalifisert nå"), "why": _("Begrunnelse")},
        formats={"rank": "int", **{c.key: "number1" for c in allocation.CRITERIA},
                 "score": "number1", "why": "text"},
        note=_("Poengene per kriterium summerer seg til poengsummen (0–100). Strek betyr at "
               "verdien ikke er kjent og kriteriet er holdt utenfor. «Kvalifisert nå»: kommunen "
               "har brukt opp egne vikaravtaler (eller det er ukjent). Ved likt poengtall går "
               "kommunen med færrest innbyggere først, deretter lavest kommunenummer.")
        + (" " + _("Ikke kjent for noen av kommunene, og derfor ikke vist: {what}.").format(
            what=", ".join(hidden)) if hidden else ""),
    )


COVERAGE_COLUMNS = ["municipality_number", "municipality_name", "score", "need",
                    "given_voluntary", "given_all", "coverage_voluntary", "coverage_all",
                    "unmet", "share_of_persons", "rank"]


def _coverage_frame(r: Results, columns: list[str] = COVERAGE_COLUMNS) -> pd.DataFrame:
    """The municipalities in priority order."""
    return r.allocated.sort_values("rank").reset_index(drop=True)[columns]


def coverage_table(r: Results) -> Table:
    return Table(
        name="dekning_per_kommune",
        caption=_("Dekning per kommune i prioritert rekkefølge: uten og med beordring"),
        data=_coverage_frame(r),
        columns={"rank": _("Nr."), "municipality_name": _("Kommune"), "score": _("Poeng"),
                 "need": _("Behov utenfra"), "given_voluntary": _("Får uten beordring"),
                 "coverage_voluntary": _("Dekning uten beordring"),
                 "given_all": _("Får med beordring"), "coverage_all": _("Dekning med beordring"),
                 "share_of_persons": _("Andel av alt personell utenfra"),
                 "unmet": _("Udekket")},
        formats={"rank": "int", "score": "number1", "need": "int", "given_voluntary": "int",
                 "coverage_voluntary": "percent", "given_all": "int",
                 "coverage_all": "percent", "share_of_persons": "percent", "unmet": "int"},
        note=_("Uten beordring fordeles alt som kommer frivillig (trinn 1–5); med beordring "
               "også dem som beordres etter bokstav a og b (bare det som trengs, og bare til "
               "oppgaver som krever autorisasjon). Ingen kommune får mer enn den trenger, og "
               "innen hver yrkesgruppe får en kommune med høyere poengsum aldri lavere dekning. "
               "Samlet dekning kan likevel avvike fra rekkefølgen når kommunene trenger ulike "
               "yrkesgrupper i ulik grad."),
    )


def coverage_by_role_table(r: Results) -> Table:
    """Share of each role's need covered per municipality with every step, in priority order."""
    f = _coverage_frame(r, ["municipality_number", "municipality_name",
                            *(f"coverage_{role}" for role in ROLES), "rank"])
    f = f.rename(columns={f"coverage_{role}": role for role in ROLES})
    return Table(
        name="dekning_per_yrke",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Dekning per kommune og yrkesgruppe med alle trinn, i prioritert "
                  "rekkefølge"),
        data=f,
        columns={"rank": _("Nr."), "municipality_name": _("Kommune"),
                 **{x: _(ROLE_LABELS[x]) for x in ROLES}},
        formats={"rank": "int", **{x: "percent" for x in ROLES}},
        note=_("Innen hver yrkesgruppe (kolonne) og blant kommunene som er kvalifisert nå, "
               "øker dekningen aldri nedover i tabellen, der poengsummen synker; strek betyr at "
               "kommunen ikke trenger denne yrkesgruppen."),
    )


def coverage_figure(r: Results) -> Figure:
    full = _coverage_frame(r)
    f = full.head(TOP_N)
    n = len(f)
    names = [f"{k}. {name}" for k, name in zip(f["rank"], f["municipality_name"], strict=True)]
    fig, ax = charts.new_figure(charts.FIGURE_WIDTH, charts.rows_height(names, 0.42, 2.0))
    y = np.arange(n)[::-1]
    h = 0.38
    ax.barh(y + h / 2, f["coverage_voluntary"], height=h, color=STEP_COLOURS["innsatsteam"],
            label=_("Uten beordring (alt som kommer frivillig)"))
    ax.barh(y - h / 2, f["coverage_all"], height=h, color=STEP_COLOURS["bokstav a"],
            label=_("Med beordring (bokstav a og b)"))
    ax.set_yticks(y, charts.wrap_labels(names))
    ax.set_xlim(0, 1.05)
    charts.percent_axis(ax, "x")
    ax.set_xlabel(_("Andel av behovet utenfra som dekkes"))
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=1)
    short_all = int((full["coverage_all"] < 1 - 1e-6).sum())
    short_vol = int((full["coverage_voluntary"] < 1 - 1e-6).sum())
    intro = (_("Liggende stolpediagram over hvor stor andel av behovet utenfra de {n} første "
               "av {total} kommunene får dekket, i prioritert rekkefølge, uten og med "
               "beordring.") if len(full) > n else
             _("Liggende stolpediagram over hvor stor andel av behovet utenfra hver av de {n} "
               "kommunene får dekket, i prioritert rekkefølge, uten og med beordring.")
             ).format(n=n, total=len(full))
    alt = (
        intro + " "
        + "; ".join(_("{rank}. {name}: {without} uten og {with_} med beordring").format(
            rank=row.rank, name=row.municipality_name,
            without=percent(row.coverage_voluntary, 0), with_=percent(row.coverage_all, 0))
            for row in f.head(12).itertuples())
        + (". " if n <= 12 else "; " + _("de øvrige står i tabellen.") + " ")
        + (_n("{n} kommune får ikke dekket hele behovet uten beordring.",
              "{n} kommuner får ikke dekket hele behovet uten beordring.", short_vol
              ).format(n=short_vol)
           if short_vol else _("Alle får dekket hele behovet uten beordring.")) + " "
        + (_n("{n} kommune får ikke dekket hele behovet selv med beordring.",
              "{n} kommuner får ikke dekket hele behovet selv med beordring.", short_all
              ).format(n=short_all)
           if short_all else _("Med beordring får alle dekket hele behovet.")))
    caption = (_("Dekning av behovet utenfra per kommune, i prioritert rekkefølge (de {n} "
                 "første; alle står i tabellen)").format(n=n) if len(full) > n else
               _("Dekning av behovet utenfra per kommune, i prioritert rekkefølge"))
    return Figure("figur_dekning_per_kommune", caption, alt, fig, full)


def rank_stability_table(r: Results) -> Table | str:
    t = r.rank_stability
    if t.empty or t["spearman"].isna().all():
        return _("Rekkefølgen kan ikke sammenlignes under andre vekter: det er for få "
                 "kommuner, eller poengsummene er like.")
    t = t.assign(alternative=t["alternative"].map(_))
    return Table(
        name="rangstabilitet",
        in_print=False,  # full table in the workbook (issue 21)
        caption=_("Rekkefølgen mellom kommunene med andre vekter (rangstabilitet)"),
        data=t,
        columns={"alternative": _("Alternative vekter"), "spearman": _("Rangkorrelasjon"),
                 "largest_move": _("Største flytting (plasser)"),
                 "moves_most": _("Kommunen som flytter mest")},
        formats={"spearman": "number2", "largest_move": "int", "moves_most": "text"},
        note=_("Rangkorrelasjonen (Spearman) er 1 når rekkefølgen er den samme som med de "
               "valgte vektene, 0 når den ikke har noe til felles med den, og negativ når den "
               "snus. Lave tall betyr at prioriteringen avhenger mye av vektvalget, og at "
               "valget bør begrunnes for kommunene."),
    )
