"""Labels and rounding shared by the report's sections (Norwegian)."""

from __future__ import annotations

import datetime as dt
import math

from analysis.presentation import charts
from analysis.presentation.formatting import number
from analysis.response_team import costs

PAYER_COLOURS = {costs.DIRECTORATE: charts.PALETTE[0], costs.MUNICIPALITY: charts.PALETTE[1]}

FIGURE_LABELS = {
    "new_money_nok": "Nye midler til Helsedirektoratet",
    "directorate_nok": "Helsedirektoratet i alt (med registeret)",
    "municipality_nok": "Kommunenes kostnader (TISK-refusjon)",
    "total_nok": "Samlet kostnad for det offentlige",
    "placements": "Formidlinger teamet gjør",
}

ROUNDED_NOTE = ("Anslåtte beløp er avrundet til hele 1\u00a0000\u00a0kr; brevets egne beløp står "
                "eksakt, og uavrundede tall står i tabellene i Excel.")

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
MONTHS_SHORT = ("jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.",
                "nov.", "des.")


def date_text(day: dt.date) -> str:
    """A date in words: 30. november 2020."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _two_digits(x: float) -> float:
    """``x`` rounded to two significant digits."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, 1 - int(math.floor(math.log10(abs(x)))))


def approx_nok(x: float) -> str:
    """An amount for prose: «om lag 1,6 mill. kr», «om lag 21 000 kr»."""
    if not math.isfinite(x):
        return "–"
    if abs(x) >= 1e6:
        m = x / 1e6
        return f"om lag {number(m, 1 if abs(m) < 100 else 0)}\u00a0mill.\u00a0kr"
    return f"om lag {number(_two_digits(x))}\u00a0kr"


def approx_count(x: float) -> str:
    """A count for prose: exact below 100, two significant digits above («om lag 490»)."""
    if not math.isfinite(x):
        return "–"
    if abs(x) < 100:
        return number(round(x))
    rounded = _two_digits(x)
    return number(rounded) if rounded == round(x) else f"om lag {number(rounded)}"


def value_labels(params: dict) -> dict[str, dict[str, str]]:
    """Norwegian words for the parameter table's code values: dates as «30. november 2020»."""
    labels: dict[str, dict[str, str]] = {"language": {"nb": "bokmål", "nn": "nynorsk"}}
    for name in ("start_date", "members_ready_date"):
        value = params.get(name)
        if isinstance(value, str):
            try:
                labels[name] = {value: date_text(dt.date.fromisoformat(value))}
            except ValueError:
                continue
    return labels
