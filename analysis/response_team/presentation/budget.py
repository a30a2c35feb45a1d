"""The budget as the ministry reads it: line items, new money, already requested, refunds."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch

from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first, nok
from analysis.presentation.report import Figure, Table
from analysis.response_team import costs
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import PAYER_COLOURS, ROUNDED_NOTE

_ = translator("response_team")


def _items(res: Results) -> pd.DataFrame:
    """The line items with their names, rules and budgets in the report's language."""
    data = res.items.copy()
    data["label"] = data["label"].map(_)
    data["rule"] = data["rule"].map(_)
    data["budget_label"] = data["budget"].map(lambda b: _(costs.BUDGET_LABELS[b]))
    data["payer_label"] = data["payer"].map(lambda p: _(costs.PAYER_LABELS[p]))
    data["budget_short"] = data["budget"].map(lambda b: _(costs.BUDGET_SHORT_LABELS[b]))
    return data


def line_items(res: Results) -> Table:
    """Every line item with its rule and budget (which says who pays), and a sum row."""
    data = _items(res)[["item", "label", "rule", "budget_label", "payer_label",
                        "budget_short", "amount_nok"]]
    total = pd.DataFrame([{"item": "total", "label": _("Sum, alle poster"), "rule": "",
                           "budget_label": "", "payer_label": "", "budget_short": "",
                           "amount_nok": res.figures["total_nok"]}])
    return Table(
        name="kostnad_per_post",
        caption=_("Kostnad per post, med beregningsregel og budsjett"),
        data=pd.concat([data, total], ignore_index=True),
        columns={"label": _("Post"), "rule": _("Beregning"), "budget_short": _("Budsjett"),
                 "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok1000"},
        note=_("Helsedirektoratet betaler de nye midlene og registeret; kommunenes kostnader "
               "foreslås refundert gjennom TISK-ordningen.") + " " + _(ROUNDED_NOTE),
    )


def budget(res: Results) -> Table:
    """New money, money already requested, and the municipalities' costs, with the total."""
    by = res.items.groupby("budget", sort=False)["amount_nok"].sum()
    rows = [{"budget": b, "label": _(costs.BUDGET_LABELS[b]),
             "amount_nok": float(by.get(b, 0))}
            for b in (costs.NEW, costs.REQUESTED, costs.REFUND)]
    rows.append({"budget": "total", "label": _("Samlet kostnad for det offentlige"),
                 "amount_nok": res.figures["total_nok"]})
    return Table(
        name="budsjett",
        caption=_("Hva som er nye midler, hva som allerede er meldt inn, og hva kommunene "
                  "betaler"),
        data=pd.DataFrame(rows),
        columns={"label": _("Del av kostnaden"), "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok1000"},
        note=_(ROUNDED_NOTE),
    )


def cost_by_item_figure(res: Results) -> Figure:
    data = _items(res).sort_values("amount_nok", ascending=False)
    fig, ax = charts.hbar(
        data["label"].tolist(), data["amount_nok"].to_numpy(),
        [PAYER_COLOURS[x] for x in data["payer"]], _("Kroner"),
    )
    # below the bars, where it can never cover one (0,6 inch under the axis)
    below = -0.6 / (ax.get_position().height * fig.get_figheight())
    ax.legend(handles=[Patch(color=c, label=_(costs.PAYER_LABELS[k]))
                       for k, c in PAYER_COLOURS.items()], frameon=False,
              loc="upper right", bbox_to_anchor=(1.0, below))
    top = data.iloc[0]
    parts = "; ".join(_("{item}: {amount}").format(item=r.label, amount=nok(r.amount_nok))
                      for r in data.itertuples())
    alt = _("Liggende stolpediagram over kostnad per post, farget etter betaler. Største post "
            "er {item} med {amount}. {parts}.").format(
        item=lower_first(top["label"]), amount=nok(top["amount_nok"]), parts=parts)
    return Figure("figur_kostnad_per_post", _("Kostnad per post og betaler"), alt, fig,
                  data[["item", "label", "payer", "amount_nok"]])
