"""Uncertainty: where each headline figure lies in the simulations, and what moves it."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first, number
from analysis.presentation.report import Figure, Table
from analysis.presentation.sensitivity import sensitivity_table
from analysis.response_team.pipeline import HEADLINE, Results
from analysis.response_team.presentation._common import ROUNDED_NOTE, figure_label, plain_nok

_ = translator("response_team")

TORNADO_ROWS = 8  # the chart shows the assumptions that matter most; the table has all


def _headline_rows(res: Results, counts: bool) -> pd.DataFrame:
    data = res.headlines[res.headlines["figure"].map(_is_count) == counts].copy()
    data["label"] = data["figure"].map(figure_label)
    data["driver_label"] = data["driver_label"].map(_)
    return data


def _is_count(figure: str) -> bool:
    return not figure.endswith("_nok")


COLUMNS = {"label": N_("Størrelse"), "value": N_("Anslag"), "p10": N_("10-persentil"),
           "p50": N_("Median"), "p90": N_("90-persentil"),
           "percentile": N_("Persentil for anslaget"), "driver_label": N_("Flytter mest")}


def _columns() -> dict[str, str]:
    return {k: _(v) for k, v in COLUMNS.items()}


def headline_table(res: Results) -> Table:
    """The amounts: estimate, spread, the estimate's percentile and its main driver."""
    return Table(
        name="usikkerhet",
        caption=_("Anslagene og spredningen i simuleringene, med det som flytter hvert "
                  "anslag mest"),
        data=_headline_rows(res, counts=False),
        columns=_columns(),
        formats={**{k: "nok1000" for k in ("value", "p10", "p50", "p90")},
                 "percentile": "int"},
        note=_(ROUNDED_NOTE),
    )


def placements_table(res: Results) -> Table:
    """The same for the number of placements the team makes."""
    return Table(
        name="usikkerhet_formidlinger",
        caption=_("Antall formidlinger i simuleringene"),
        data=_headline_rows(res, counts=True),
        columns=_columns(),
        formats={**{k: "int" for k in ("value", "p10", "p50", "p90")}, "percentile": "int"},
    )


def _axis_label(key: str) -> str:
    return _("{figure}, kroner").format(figure=figure_label(key))


def distribution_figure(res: Results, key: str = HEADLINE) -> Figure:
    x = res.draws[key].to_numpy()
    row = res.headlines.set_index("figure").loc[key]
    names = (_("10-persentil"), _("Median"), _("90-persentil"))
    fig, _axes = charts.distribution(
        x, dict(zip(names, (row["p10"], row["p50"], row["p90"]), strict=True)),
        _axis_label(key))
    ax = fig.axes[0]
    # The marks sit close together: name them in a legend, not in labels that overlap.
    for label in list(ax.texts):
        label.remove()
    for line, name in zip(ax.get_lines(), names, strict=True):
        line.set_label(name)
    ax.axvline(row["value"], color=charts.PALETTE[2], linewidth=2.5, linestyle=":",
               label=_("Anslaget"))
    ax.legend(loc="upper right", frameon=False)
    name = lower_first(figure_label(key))
    alt = _("Histogram over {n} simulerte verdier av {figure}. 10-persentilen er {p10}, "
            "medianen {p50} og 90-persentilen {p90}; anslaget {value} ligger ved "
            "{percentile}-persentilen.").format(
        n=number(len(x)), figure=name, p10=plain_nok(row["p10"]), p50=plain_nok(row["p50"]),
        p90=plain_nok(row["p90"]), value=plain_nok(row["value"]),
        percentile=number(row["percentile"]))
    hist = pd.cut(res.draws[key], bins=60).value_counts(sort=False)
    data = pd.DataFrame({"bin_low": [iv.left for iv in hist.index],
                         "bin_high": [iv.right for iv in hist.index],
                         "draws": hist.to_numpy()})
    return Figure("figur_usikkerhet", _("Fordeling av {figure}").format(figure=name), alt,
                  fig, data)


def tornado(res: Results, key: str = HEADLINE) -> tuple[Figure, Table]:
    t = res.tornado.copy()
    t["label"] = t["label"].map(_)
    top = t.head(TORNADO_ROWS)
    fig, _axes = charts.tornado(top["label"].tolist(), top["result_low"].to_numpy(),
                                top["result_high"].to_numpy(),
                                float(t["result_base"].iloc[0]), _axis_label(key))
    fig.set_size_inches(charts.MAX_WIDTH, charts.rows_height(top["label"], 0.42, 1.3))
    first = t.iloc[0]
    alt = _("Tornadodiagram: hvor mye {figure} endres når én antakelse settes til lav eller "
            "høy verdi. Størst utslag gir {label}: fra {low} til {high}.").format(
        figure=lower_first(figure_label(key)), label=first["label"].lower(),
        low=plain_nok(first["result_low"]), high=plain_nok(first["result_high"]))
    caption = _("Merkostnaden når én antakelse om gangen settes lav eller høy")
    if len(t) > TORNADO_ROWS:
        caption = _("Merkostnaden når én antakelse om gangen settes lav eller høy, de "
                    "antakelsene som betyr mest (alle står i tabellen i vedlegget)")
    figure = Figure("figur_tornado", caption, alt, fig, t)
    table = sensitivity_table(
        t, caption=_("Merkostnaden når én antakelse om gangen settes lav eller høy, største "
                     "utslag først"),
        label=_("Parameter"), at_low=_("Kostnad ved lav"), at_high=_("Kostnad ved høy"),
        result_format="nok1000", note=_(ROUNDED_NOTE))
    return figure, table
