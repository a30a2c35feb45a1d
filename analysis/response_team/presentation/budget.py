"""The budget as the ministry reads it: line items, new money, already requested, refunds."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch

from analysis.i18n import translator
from analysis.presentation import charts
from analysis.presentation.formatting import lower_first
from analysis.presentation.report import Figure, Table
from analysis.response_team import costs
from analysis.response_team.pipeline import Results
from analysis.response_team.presentation._common import (
    PAYER_COLOURS,
    SUMS_NOTE,
    plain_nok,
    round_to,
)

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
    """Every line item with its rule and budget (which says who pays), and a sum row that
    adds up as printed (the items rounded to 1 000 kr, the sum of the rounded items)."""
    data = _items(res)[["item", "label", "rule", "budget_label", "payer_label",
                        "budget_short", "amount_nok"]]
    data["amount_nok"] = data["amount_nok"].map(lambda x: round_to(x, 1000))
    total = pd.DataFrame([{"item": "total", "label": _("Sum, alle poster"), "rule": "",
                           "budget_label": "", "payer_label": "", "budget_short": "",
                           "amount_nok": data["amount_nok"].sum()}])
    return Table(
        name="kostnad_per_post",
        caption=_("Kostnad per post, med beregningsregel og budsjett"),
        data=pd.concat([data, total], ignore_index=True),
        columns={"label": _("Post"), "rule": _("Beregning"), "budget_short": _("Budsjett"),
                 "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok"},
        note=_("Helsedirektoratet betaler de nye midlene og registeret; kommunenes kostnader "
               "foreslås refundert gjennom TISK-ordningen.") + " " + _(SUMS_NOTE),
    )


def budget(res: Results) -> Table:
    """Who pays what, and what would not be spent without the team: the new money and the
    municipalities' travel and stay make the additional cost (the headline); their salary
    and the register, paid either way, make up the gross total. Every amount is rounded to
    1 000 kr and every sum is the sum of the rounded amounts above it."""
    f = res.figures
    new = round_to(f["new_money_nok"], 1000)
    stay = round_to(sum(f[f"{k}_nok"] for k in costs.STAY_ITEMS), 1000)
    salary = round_to(f["salary_nok"], 1000)
    register = round_to(f["register_nok"], 1000)
    rows = [
        ("new", _(costs.BUDGET_LABELS[costs.NEW]), new),
        ("stay", _("Kommunenes reise og opphold, foreslått dekket av TISK-refusjonen"), stay),
        ("additional", _("Merkostnad for det offentlige (det som ikke ville blitt brukt uten "
                         "teamet)"), new + stay),
        ("salary", _("Kommunenes lønn til teamets medlemmer (betales uansett hvem som fyller "
                     "vaktene), foreslått dekket av TISK-refusjonen"), salary),
        ("requested", _("Registeret nasjonalthelsepersonell.no, allerede meldt inn som "
                        "budsjettbehov for 2021"), register),
        ("total", _("Samlet kostnad for det offentlige"), new + stay + salary + register),
    ]
    return Table(
        name="budsjett",
        caption=_("Merkostnad og samlet kostnad for det offentlige: nye midler, kommunenes "
                  "kostnader og det som allerede er meldt inn"),
        data=pd.DataFrame(rows, columns=["budget", "label", "amount_nok"]),
        columns={"label": _("Del av kostnaden"), "amount_nok": _("Beløp")},
        formats={"amount_nok": "nok"},
        note=_("Merkostnaden er summen av de to første linjene; samlet kostnad er "
               "merkostnaden pluss lønnen og registeret.") + " " + _(SUMS_NOTE),
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
    alt = _("Liggende stolpediagram over kostnad per post, farget etter betaler. Største post "
            "er {item} med {amount}.").format(item=lower_first(top["label"]),
                                              amount=plain_nok(top["amount_nok"]))
    return Figure("figur_kostnad_per_post", _("Kostnad per post og betaler"), alt, fig,
                  data[["item", "label", "payer", "amount_nok"]])
