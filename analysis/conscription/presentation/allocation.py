"""Sharing scarce personnel: criteria and weights, priority scores and coverage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription import allocation, model
from analysis.conscription.presentation._common import STEP_COLOURS, persons
from analysis.conscription.professions import RESPONSE_TEAM, ROLE_LABELS, ROLES, RULE_A
from analysis.parameters import ParameterFile
from analysis.presentation import charts
from analysis.presentation.formatting import number, percent
from analysis.presentation.report import Figure, Table


def _full_text(pfile: ParameterFile, p: Mapping[str, Any], c: allocation.Criterion) -> str:
    if c.key == "size":
        return (f"{persons(p['score_size_small'])} innbyggere eller færre gir 1, "
                f"{persons(p['score_size_large'])} eller flere gir 0")
    if c.full is None:
        return ""
    value = float(p[c.full])
    if c.key in ("isolated", "unknown_route"):
        return percent(value, 0)
    return f"{number(value, 0 if value.is_integer() else 1)} {pfile.parameters[c.full].unit}"


def weights_table(pfile: ParameterFile, p: Mapping[str, Any]) -> Table:
    defaults = pfile.defaults
    w = allocation.weights(p)
    rows = [{"criterion": c.label, "group": allocation.GROUP_LABELS[c.group], "weight": wi,
             "default": defaults[c.weight], "share": wi / w.sum(), "rule": c.rule,
             "full": _full_text(pfile, p, c)}
            for c, wi in zip(allocation.CRITERIA, w, strict=True)]
    return Table(
        name="vekter",
        caption="Kriterier og vekter i prioriteringen, med standardvektene",
        data=pd.DataFrame(rows),
        columns={"criterion": "Kriterium", "group": "Gruppe", "weight": "Vekt",
                 "default": "Standardvekt", "share": "Andel av poengsummen",
                 "rule": "Indikator (0–1)", "full": "Fullt utslag ved"},
        formats={"weight": "number1", "default": "number1", "share": "percent"},
        note="Kriteriene er brevets (punkt 3): smittesituasjonen og kommunens egen "
        "bemanningsevne. Poengsummen er det vektede gjennomsnittet av indikatorene × 100. "
        "Vektene er metodevalg og kan endres som parametere. Fordelingsmetode: "
        f"{allocation.METHOD_LABELS[str(p['allocation_method'])]}.",
    )


def score_table(r: model.Result) -> Table:
    points = allocation.score_frame(r.params, r.municipalities, r.frame).sort_values("rank")
    return Table(
        name="prioritet",
        caption="Prioritetspoeng per kommune, fordelt på kriterier (rekkefølge etter poeng)",
        data=points,
        columns={"rank": "Nr.", "municipality_name": "Kommune",
                 **{c.key: c.short for c in allocation.CRITERIA}, "score": "Poeng i alt"},
        formats={"rank": "int", **{c.key: "number1" for c in allocation.CRITERIA},
                 "score": "number1"},
        note="Poengene per kriterium summerer seg til poengsummen (0–100); kriteriene står "
        "i tabellen over vektene. Ved likt poengtall går kommunen med færrest innbyggere "
        "først, deretter lavest kommunenummer.",
    )


def _coverage_frame(r: model.Result) -> pd.DataFrame:
    need = r.outside.sum(axis=1)
    vol = r.given_voluntary.sum(axis=1)
    all_ = r.given_all.sum(axis=1)
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    f["score"] = r.score
    f["need"] = need
    f["given_voluntary"] = vol
    f["given_all"] = all_
    f["coverage_voluntary"] = allocation.coverage(vol, need)
    f["coverage_all"] = allocation.coverage(all_, need)
    f["unmet"] = need - all_
    rank = np.empty(len(r.order), dtype=int)
    rank[r.order] = np.arange(1, len(r.order) + 1)
    f["rank"] = rank
    return f.sort_values("rank").reset_index(drop=True)


def coverage_table(r: model.Result) -> Table:
    return Table(
        name="dekning_per_kommune",
        caption="Dekning per kommune i prioritert rekkefølge: uten og med beordring",
        data=_coverage_frame(r),
        columns={"rank": "Nr.", "municipality_name": "Kommune", "score": "Poeng",
                 "need": "Behov utenfra", "given_voluntary": "Får uten beordring",
                 "coverage_voluntary": "Dekning uten beordring",
                 "given_all": "Får med beordring", "coverage_all": "Dekning med beordring",
                 "unmet": "Udekket"},
        formats={"rank": "int", "score": "number1", "need": "int", "given_voluntary": "int",
                 "coverage_voluntary": "percent", "given_all": "int",
                 "coverage_all": "percent", "unmet": "int"},
        note="Uten beordring fordeles de frivillige, vikarene og innsatsteamet; med beordring "
        "også dem som beordres etter bokstav a og b (bare det som trengs). Ingen kommune får "
        "mer enn den trenger, og innen hver yrkesgruppe får en kommune med høyere poengsum "
        "aldri lavere dekning. Samlet dekning kan likevel avvike fra rekkefølgen når "
        "kommunene trenger ulike yrkesgrupper i ulik grad.",
    )


def coverage_by_role_table(r: model.Result, conscription: bool = False) -> Table:
    """Share of each role's need covered per municipality, in priority order."""
    given = r.given_all if conscription else r.given_voluntary
    f = r.frame[["municipality_number", "municipality_name"]].copy()
    for i, role in enumerate(ROLES):
        need = r.outside[:, i]
        f[role] = np.where(need > 1e-9, allocation.coverage(given[:, i], need), np.nan)
    rank = np.empty(len(r.order), dtype=int)
    rank[r.order] = np.arange(1, len(r.order) + 1)
    f["rank"] = rank
    f = f.sort_values("rank").reset_index(drop=True)
    when = "med beordring" if conscription else "uten beordring"
    return Table(
        name="dekning_per_yrke" + ("_med_beordring" if conscription else ""),
        caption=f"Dekning per kommune og yrkesgruppe {when}, i prioritert rekkefølge",
        data=f,
        columns={"rank": "Nr.", "municipality_name": "Kommune",
                 **{x: ROLE_LABELS[x] for x in ROLES}},
        formats={"rank": "int", **{x: "percent" for x in ROLES}},
        note="Innen hver yrkesgruppe (kolonne) øker dekningen aldri nedover i tabellen, der "
        "poengsummen synker; strek betyr at kommunen ikke trenger denne yrkesgruppen.",
    )


def coverage_figure(r: model.Result) -> Figure:
    f = _coverage_frame(r)
    n = len(f)
    fig, ax = charts.new_figure(8, 0.42 * n + 2.0)
    y = np.arange(n)[::-1]
    h = 0.38
    ax.barh(y + h / 2, f["coverage_voluntary"], height=h, color=STEP_COLOURS[RESPONSE_TEAM],
            label="Uten beordring (frivillige, vikarer, innsatsteam)")
    ax.barh(y - h / 2, f["coverage_all"], height=h, color=STEP_COLOURS[RULE_A],
            label="Med beordring (bokstav a og b)")
    ax.set_yticks(y, [f"{k}. {name}" for k, name in zip(f["rank"], f["municipality_name"],
                                                         strict=True)])
    ax.set_xlim(0, 1.05)
    charts.percent_axis(ax, "x")
    ax.set_xlabel("Andel av behovet utenfra som dekkes")
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=1)
    short_all = int((f["coverage_all"] < 1 - 1e-6).sum())
    short_vol = int((f["coverage_voluntary"] < 1 - 1e-6).sum())
    alt = (
        f"Liggende stolpediagram over hvor stor andel av behovet utenfra hver av de {n} "
        "kommunene får dekket, i prioritert rekkefølge, uten og med beordring. "
        + "; ".join(f"{row.rank}. {row.municipality_name}: "
                    f"{percent(row.coverage_voluntary, 0)} uten og "
                    f"{percent(row.coverage_all, 0)} med beordring" for row in f.itertuples())
        + ". "
        + (f"{short_vol} kommuner får ikke dekket hele behovet uten beordring. "
           if short_vol else "Alle får dekket hele behovet uten beordring. ")
        + (f"{short_all} kommuner får ikke dekket hele behovet selv med beordring."
           if short_all else "Med beordring får alle dekket hele behovet.")
    )
    return Figure("figur_dekning_per_kommune",
                  "Dekning av behovet utenfra per kommune, i prioritert rekkefølge", alt, fig,
                  f)
