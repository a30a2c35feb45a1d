"""Tables, figures and text of the response-team cost report (Norwegian)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis import uncertainty
from analysis.parameters import ParameterFile
from analysis.presentation import charts
from analysis.presentation.formatting import nok, number, percent
from analysis.presentation.report import Figure, Table
from analysis.response_team import costs

PAYER_COLOURS = {costs.DIRECTORATE: charts.PALETTE[0], costs.MUNICIPALITY: charts.PALETTE[1]}
UNCERTAIN_FIGURES = ["team_total_nok", "directorate_nok", "municipality_nok", "total_nok"]
FIGURE_LABELS = {
    "team_total_nok": "Innsatsteamet (brevets poster)",
    "directorate_nok": "Helsedirektoratet i alt (med registeret)",
    "municipality_nok": "Kommunene (refusjon via TISK)",
    "total_nok": "Samlet kostnad",
}


def key_findings(p: dict[str, Any]) -> str:
    s = costs.summary(p)
    util = s["utilisation"]
    util_text = (
        f"Utplasseringene tilsvarer {percent(util)} av teamets samlede kalenderdager i "
        "perioden."
    )
    if util > 1:
        util_text += " **Teamet er for lite til å dekke alle utplasseringene.**"
    return (
        f"- Brevets poster for innsatsteamet koster **{nok(s['team_total_nok'])}** "
        f"over {number(p['contract_months'])} måneder med {number(p['team_size'])} "
        "personer i teamet.\n"
        f"- Med drift av registeret i 2021 blir Helsedirektoratets behov "
        f"**{nok(s['total_with_register_nok'])}**.\n"
        f"- Kommunenes kostnader til lønn, reise og opphold ved "
        f"{number(p['placements'])} utplasseringer à {number(p['deployment_days'], 0)} "
        f"dager anslås til **{nok(s['municipality_nok'])}**; brevet foreslår at disse "
        "refunderes gjennom TISK-ordningen.\n"
        f"- Kostnad per utplassert dag (uten registeret): "
        f"**{nok(s['cost_per_person_day_nok'])}**.\n"
        f"- {util_text}"
    )


def line_items(p: dict[str, Any]) -> Table:
    data = costs.line_item_table(p)
    return Table(
        name="kostnad_per_post",
        caption="Kostnad per post, med beregningsregel og hvem som betaler",
        data=data,
        columns={"label": "Post", "rule": "Beregning", "payer_label": "Betaler",
                 "amount_nok": "Beløp"},
        formats={"amount_nok": "nok"},
    )


def by_payer(p: dict[str, Any]) -> Table:
    data = costs.cost_by_payer(p)
    return Table(
        name="kostnad_per_betaler",
        caption="Kostnad per betaler",
        data=data,
        columns={"payer_label": "Betaler", "amount_nok": "Beløp", "share": "Andel"},
        formats={"amount_nok": "nok", "share": "percent"},
    )


def cost_by_item_figure(p: dict[str, Any]) -> Figure:
    data = costs.line_item_table(p).sort_values("amount_nok", ascending=False)
    fig, ax = charts.hbar(
        data["label"].tolist(), data["amount_nok"].to_numpy(),
        [PAYER_COLOURS[x] for x in data["payer"]], "Kroner",
    )
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=c, label=costs.PAYER_LABELS[k])
                       for k, c in PAYER_COLOURS.items()], frameon=False, loc="lower right")
    top = data.iloc[0]
    alt = (
        "Liggende stolpediagram over kostnad per post, farget etter betaler. Største post er "
        f"{top['label'].lower()} med {nok(top['amount_nok'])}. "
        + "; ".join(f"{r.label}: {nok(r.amount_nok)}" for r in data.itertuples())
        + "."
    )
    return Figure("figur_kostnad_per_post", "Kostnad per post og betaler", alt, fig,
                  data[["item", "label", "payer", "amount_nok"]])


def cash_flow(p: dict[str, Any]) -> tuple[Figure, Table]:
    flow = costs.monthly_cash_flow(p)
    wide = flow.pivot_table(index="month", columns="payer", values="amount_nok",
                            aggfunc="sum").reindex(columns=[costs.DIRECTORATE,
                                                            costs.MUNICIPALITY])
    wide = wide.fillna(0.0)
    wide.columns = [costs.PAYER_LABELS[c] for c in wide.columns]
    fig, _ = charts.stacked_bars(wide, "Måned i avtaleperioden", "Kroner per måned")
    totals = wide.sum(axis=1)
    alt = (
        f"Stolpediagram over kostnad per måned i {len(wide)} måneder, delt på betaler. "
        f"Høyest i måned {int(totals.idxmax())} med {nok(totals.max())}, lavest i måned "
        f"{int(totals.idxmin())} med {nok(totals.min())}."
    )
    figure = Figure("figur_kontantstrom", "Kostnad per måned (uten registeret)", alt, fig,
                    flow)
    table_data = wide.reset_index()
    table_data["Sum"] = totals.to_numpy()
    table_data.columns = ["month", "directorate_nok", "municipality_nok", "total_nok"]
    table = Table(
        name="kontantstrom",
        caption="Kostnad per måned og betaler",
        data=table_data,
        columns={"month": "Måned", "directorate_nok": "Helsedirektoratet",
                 "municipality_nok": "Kommunene", "total_nok": "Sum"},
        formats={"month": "int", "directorate_nok": "nok", "municipality_nok": "nok",
                 "total_nok": "nok"},
        note="Kvalitetssikring fordeles på de første månedene, stipend etter hvert som "
        "teamet bygges opp, øvrige poster jevnt. Registeret (budsjett 2021) er holdt utenfor.",
    )
    return figure, table


def simulate(pfile: ParameterFile, p: dict[str, Any]) -> pd.DataFrame:
    return uncertainty.monte_carlo(costs.totals, pfile, p, int(p["n_draws"]), int(p["seed"]),
                                   UNCERTAIN_FIGURES)


def uncertainty_table(draws: pd.DataFrame) -> Table:
    q = uncertainty.quantile_table(draws)
    q["label"] = q["figure"].map(FIGURE_LABELS)
    return Table(
        name="usikkerhet",
        caption="Usikkerhet i kostnadene: 10-, 50- og 90-persentil over antakelsenes intervaller",
        data=q,
        columns={"label": "Størrelse", "p10": "P10", "p50": "P50 (median)", "p90": "P90",
                 "mean": "Gjennomsnitt"},
        formats={"p10": "nok", "p50": "nok", "p90": "nok", "mean": "nok"},
    )


def uncertainty_figure(draws: pd.DataFrame, key: str = "total_nok") -> Figure:
    x = draws[key].to_numpy()
    q = draws[key].quantile([0.1, 0.5, 0.9]).to_numpy()
    fig, _ = charts.distribution(x, {"P10": q[0], "P50": q[1], "P90": q[2]},
                                 FIGURE_LABELS[key] + ", kroner")
    alt = (
        f"Histogram over {number(len(x))} simulerte verdier av {FIGURE_LABELS[key].lower()}. "
        f"P10 er {nok(q[0])}, medianen {nok(q[1])} og P90 {nok(q[2])}."
    )
    hist = pd.cut(draws[key], bins=60).value_counts(sort=False)
    data = pd.DataFrame({"bin_low": [iv.left for iv in hist.index],
                         "bin_high": [iv.right for iv in hist.index],
                         "draws": hist.to_numpy()})
    return Figure("figur_usikkerhet", f"Fordeling av {FIGURE_LABELS[key].lower()}", alt, fig,
                  data)


def tornado(pfile: ParameterFile, p: dict[str, Any], key: str = "total_nok"
            ) -> tuple[Figure, Table]:
    t = uncertainty.tornado(costs.totals, pfile, p, key)
    fig, _ = charts.tornado(t["label"].tolist(), t["result_low"].to_numpy(),
                            t["result_high"].to_numpy(), float(t["result_base"].iloc[0]),
                            FIGURE_LABELS[key] + ", kroner")
    first = t.iloc[0]
    alt = (
        f"Tornadodiagram: hvor mye {FIGURE_LABELS[key].lower()} endres når én antakelse "
        f"settes til lav eller høy verdi. Størst utslag gir {first['label'].lower()}: fra "
        f"{nok(first['result_low'])} til {nok(first['result_high'])}."
    )
    figure = Figure("figur_tornado", "Ensidig følsomhet: samlet kostnad", alt, fig, t)
    table = Table(
        name="folsomhet",
        caption="Ensidig følsomhet for samlet kostnad, sortert etter utslag",
        data=t,
        columns={"label": "Parameter", "low": "Lav verdi", "high": "Høy verdi",
                 "result_low": "Kostnad ved lav", "result_high": "Kostnad ved høy",
                 "swing": "Utslag"},
        formats={"low": "auto", "high": "auto", "result_low": "nok",
                 "result_high": "nok", "swing": "nok"},
    )
    return figure, table


def summary_figures(p: dict[str, Any], draws: pd.DataFrame) -> dict[str, float]:
    """Key figures for ``summary.json``: the point estimate and the P10/P50/P90."""
    out = costs.summary(p)
    for key in UNCERTAIN_FIGURES:
        for q in (10, 50, 90):
            out[f"{key.removesuffix('_nok')}_p{q}_nok"] = float(draws[key].quantile(q / 100))
    return out
