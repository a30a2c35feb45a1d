"""Labels and rounding shared by the report's sections (amounts and dates in sentences are
the shared ones of :mod:`analysis.presentation.formatting`, imported under this family's
names: ``plain_nok``, ``approx_nok``, ``date_text``).

Every text is bokmål in the code and translated when shown (``_``, catalog domain
``response_team``); constants are marked with ``N_`` and translated where they are used.
"""

from __future__ import annotations

import math

from analysis.i18n import N_, translator
from analysis.presentation import charts
from analysis.presentation.formatting import about_nok as approx_nok  # noqa: F401
from analysis.presentation.formatting import date_in_words as date_text  # noqa: F401
from analysis.presentation.formatting import number, rounded_amount, significant  # noqa: F401
from analysis.presentation.formatting import rounded_nok as plain_nok  # noqa: F401
from analysis.response_team import costs
from analysis.response_team.presentation.key_figures import KEY_FIGURES

_ = translator("response_team")

PAYER_COLOURS = {costs.DIRECTORATE: charts.PALETTE[0], costs.MUNICIPALITY: charts.PALETTE[1]}

#: The headline figures' names, declared once with the key figures (``key_figures.py``)
FIGURE_LABELS = {f.key: f.label for f in KEY_FIGURES
                 if f.key in ("new_money_nok", "directorate_nok", "municipality_nok",
                              "additional_nok", "total_nok", "placements")}

ROUNDED_NOTE = N_("Anslåtte beløp er avrundet til hele 1\u00a0000\u00a0kr; brevets egne beløp "
                  "står eksakt, og tabellene i Excel har tallene uten avrunding.")

SUMS_NOTE = N_("Beløpene er avrundet til hele 1\u00a0000\u00a0kr, og summene er summen av de "
               "avrundede beløpene, slik at tabellen går opp.")

MONTHS = (N_("januar"), N_("februar"), N_("mars"), N_("april"), N_("mai"), N_("juni"),
          N_("juli"), N_("august"), N_("september"), N_("oktober"), N_("november"),
          N_("desember"))
MONTHS_SHORT = (N_("jan."), N_("feb."), N_("mars"), N_("apr."), N_("mai"), N_("juni"),
                N_("juli"), N_("aug."), N_("sep."), N_("okt."), N_("nov."), N_("des."))


def figure_label(key: str) -> str:
    """The name of a headline figure in the report's language."""
    return _(FIGURE_LABELS[key])


def month_name(month: int) -> str:
    """The name of calendar month ``month`` (1–12) in the report's language."""
    return _(MONTHS[month - 1])


def rounded_parts(parts: list[float]) -> tuple[list[str], str]:
    """Amounts for a sentence that adds them up: every part rounded to the same unit
    (0,1 mill. kr from a total of one million, else 1 000 kr) and the total written as the
    sum of the rounded parts, so that the printed figures add up.

    >>> [t.replace("\xa0", " ") for t in [*rounded_parts([1_620_000, 2_240_980])[0]]]
    ['1,6 mill. kr', '2,2 mill. kr']
    >>> rounded_parts([1_620_000, 2_240_980])[1].replace("\xa0", " ")
    '3,8 mill. kr'
    >>> rounded_parts([1_840_000, 1_620_000])[1].replace("\xa0", " ")
    '3,4 mill. kr'
    """
    millions = abs(sum(parts)) >= 1e6
    unit = 1e5 if millions else 1e3
    rounded = [round(x / unit) * unit for x in parts]

    def text(x: float) -> str:
        if millions:
            return _("{amount}\u00a0mill.\u00a0kr").format(amount=number(x / 1e6, 1))
        return _("{amount}\u00a0kr").format(amount=number(x))

    return [text(x) for x in rounded], text(sum(rounded))


def round_to(x: float, unit: float) -> float:
    """``x`` rounded to a whole ``unit`` (for tables whose sums must add up as printed)."""
    return round(x / unit) * unit if math.isfinite(x) else x


def approx_count(x: float) -> str:
    """A count for prose: exact below 100, two significant digits above («om lag 490»)."""
    if not math.isfinite(x):
        return "–"
    if abs(x) < 100:
        return number(round(x))
    rounded = significant(x, 2)
    if rounded == round(x):
        return number(rounded)
    return _("om lag {amount}").format(amount=number(rounded))
