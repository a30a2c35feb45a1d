"""The budget as the ministry reads it: line items, new money, already requested, refunds."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch

from analysis.presentation import charts
from analysis.presentation.formatting import nok
from analysis.presentation.report import Figure, Table
from analysis.response_team import costs
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import PAYER_COLOURS, ROUNDED_NOTE


def line_items(res: Results) -> Table:
    """Every line item with its rule and budget (which says who pays), and a sum row."""
    data = res.items[["item", "label", "rule", "budget_label", "payer_label", "amount_nok"]]
    data = data.assign(budget_short=res.items["budget"].map(costs.BUDGET_SHORT_LABELS))
    total = pd.DataFrame([{"item": "total", "label": "Sum, alle poster", "rule": "",
                           "budget_label": "", "payer_label": "", "budget_short": "",
                           "amount_nok": res.figures["total_nok"]}])
    return Table(
        name="kostnad_per_post",
        caption="Kostnad per post, med beregningsregel og budsjett",
        data=pd.concat([data, total], ignore_index=True),
        columns={"label": "Post", "rule": "Beregning", "budget_short": "Budsjett",
                 "amount_nok": "Beløp"},
        formats={"amount_nok": "nok1000"},
        note="Helsedirektoratet betaler de nye midlene og registeret; kommunenes kostnader "
        "foreslås refundert gjennom TISK-ordningen. " + ROUNDED_NOTE,
    )


def budget(res: Results) -> Table:
    """New money, money already requested, and the municipalities' costs, with the total."""
    by = res.items.groupby("budget", sort=False)["amount_nok"].sum()
    rows = [{"budget": b, "label": costs.BUDGET_LABELS[b], "amount_nok": float(by.get(b, 0))}
            for b in (costs.NEW, costs.REQUESTED, costs.REFUND)]
    rows.append({"budget": "total", "label": "Samlet kostnad for det offentlige",
                 "amount_nok": res.figures["total_nok"]})
    return Table(
        name="budsjett",
        caption="Hva som er nye midler, hva som allerede er meldt inn, og hva kommunene betaler",
        data=pd.DataFrame(rows),
        columns={"label": "Del av kostnaden", "amount_nok": "Beløp"},
        formats={"amount_nok": "nok1000"},
        note=ROUNDED_NOTE,
    )


def cost_by_item_figure(res: Results) -> Figure:
    data = res.items.sort_values("amount_nok", ascending=False)
    fig, ax = charts.hbar(
        data["label"].tolist(), data["amount_nok"].to_numpy(),
        [PAYER_COLOURS[x] for x in data["payer"]], "Kroner",
    )
    # below the bars, where it can never cover one
    ax.legend(handles=[Patch(color=c, label=costs.PAYER_LABELS[k])
                       for k, c in PAYER_COLOURS.items()], frameon=False,
              loc="upper right", bbox_to_anchor=(1.0, -0.6 / ax.get_position().height / fig.get_figheight()))
    top = data.iloc[0]
    alt = (
        "Liggende stolpediagram over kostnad per post, farget etter betaler. Største post er "
        f"{top['label'].lower()} med {nok(top['amount_nok'])}. "
        + "; ".join(f"{r.label}: {nok(r.amount_nok)}" for r in data.itertuples())
        + "."
    )
    return Figure("figur_kostnad_per_post", "Kostnad per post og betaler", alt, fig,
                  data[["item", "label", "payer", "amount_nok"]])
