"""Uncertainty: where each headline figure lies in the simulations, and what moves it."""

from __future__ import annotations

import pandas as pd

from analysis.presentation import charts
from analysis.presentation.formatting import nok, number
from analysis.presentation.report import Figure, Table
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import FIGURE_LABELS, ROUNDED_NOTE


def _headline_rows(res: Results, counts: bool) -> pd.DataFrame:
    data = res.headlines[res.headlines["figure"].map(_is_count) == counts].copy()
    data["label"] = data["figure"].map(FIGURE_LABELS)
    return data


def _is_count(figure: str) -> bool:
    return not figure.endswith("_nok")


COLUMNS = {"label": "Størrelse", "value": "Anslag", "p10": "10-persentil", "p50": "Median",
           "p90": "90-persentil", "percentile": "Persentil for anslaget",
           "driver_label": "Flytter mest"}


def headline_table(res: Results) -> Table:
    """The amounts: estimate, spread, the estimate's percentile and its main driver."""
    return Table(
        name="usikkerhet",
        caption="Anslagene og spredningen i simuleringene, med det som flytter hvert "
        "anslag mest",
        data=_headline_rows(res, counts=False),
        columns=COLUMNS,
        formats={**{k: "nok1000" for k in ("value", "p10", "p50", "p90")},
                 "percentile": "int"},
        note=ROUNDED_NOTE,
    )


def placements_table(res: Results) -> Table:
    """The same for the number of placements the team makes."""
    return Table(
        name="usikkerhet_formidlinger",
        caption="Antall formidlinger i simuleringene",
        data=_headline_rows(res, counts=True),
        columns=COLUMNS,
        formats={**{k: "int" for k in ("value", "p10", "p50", "p90")}, "percentile": "int"},
    )


def distribution_figure(res: Results, key: str = "total_nok") -> Figure:
    x = res.draws[key].to_numpy()
    row = res.headlines.set_index("figure").loc[key]
    fig, _ = charts.distribution(
        x, {"10-persentil": row["p10"], "Median": row["p50"], "90-persentil": row["p90"]},
        FIGURE_LABELS[key] + ", kroner")
    ax = fig.axes[0]
    # The marks sit close together: name them in a legend, not in labels that overlap.
    for label in list(ax.texts):
        label.remove()
    for line, name in zip(ax.get_lines(), ("10-persentil", "Median", "90-persentil"),
                          strict=True):
        line.set_label(name)
    ax.axvline(row["value"], color=charts.PALETTE[2], linewidth=2.5, linestyle=":",
               label="Anslaget")
    ax.legend(loc="upper right", frameon=False)
    alt = (
        f"Histogram over {number(len(x))} simulerte verdier av "
        f"{FIGURE_LABELS[key].lower()}. 10-persentilen er {nok(row['p10'])}, medianen "
        f"{nok(row['p50'])} og 90-persentilen {nok(row['p90'])}; anslaget "
        f"{nok(row['value'])} ligger ved {number(row['percentile'])}-persentilen."
    )
    hist = pd.cut(res.draws[key], bins=60).value_counts(sort=False)
    data = pd.DataFrame({"bin_low": [iv.left for iv in hist.index],
                         "bin_high": [iv.right for iv in hist.index],
                         "draws": hist.to_numpy()})
    return Figure("figur_usikkerhet", f"Fordeling av {FIGURE_LABELS[key].lower()}", alt,
                  fig, data)


TORNADO_ROWS = 8  # the chart shows the assumptions that matter most; the table has all


def tornado(res: Results, key: str = "total_nok") -> tuple[Figure, Table]:
    t = res.tornado
    top = t.head(TORNADO_ROWS)
    fig, _ = charts.tornado(top["label"].tolist(), top["result_low"].to_numpy(),
                            top["result_high"].to_numpy(), float(t["result_base"].iloc[0]),
                            FIGURE_LABELS[key] + ", kroner")
    fig.set_size_inches(charts.MAX_WIDTH, charts.rows_height(top["label"], 0.42, 1.3))
    first = t.iloc[0]
    alt = (
        f"Tornadodiagram: hvor mye {FIGURE_LABELS[key].lower()} endres når én antakelse "
        f"settes til lav eller høy verdi. Størst utslag gir {first['label'].lower()}: fra "
        f"{nok(first['result_low'])} til {nok(first['result_high'])}."
    )
    caption = "Samlet kostnad når én antakelse om gangen settes lav eller høy"
    if len(t) > TORNADO_ROWS:
        caption = ("Samlet kostnad når én antakelse om gangen settes lav eller høy, de "
                   "antakelsene som betyr mest (alle står i tabellen i vedlegget)")
    figure = Figure("figur_tornado", caption, alt, fig, t)
    table = Table(
        name="folsomhet",
        caption="Samlet kostnad når én antakelse om gangen settes lav eller høy, største "
        "utslag først",
        data=t,
        columns={"label": "Parameter", "low": "Lav verdi", "high": "Høy verdi",
                 "result_low": "Kostnad ved lav", "result_high": "Kostnad ved høy",
                 "swing": "Utslag"},
        formats={"low": "auto", "high": "auto", "result_low": "nok1000",
                 "result_high": "nok1000", "swing": "nok1000"},
        note=ROUNDED_NOTE,
    )
    return figure, table
