"""Norwegian number formats, through Babel's CLDR data, in the report's language.

The locale follows :func:`analysis.i18n.locale` (bokmål or nynorsk; the formats agree).

>>> nok(1620000)
'1\\xa0620\\xa0000\\xa0kr'
>>> number(5201.341, 1)
'5\\xa0201,3'
>>> percent(0.4766)
'47,7\\xa0%'
>>> number(float("nan"))
'–'
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from analysis.i18n import locale, translator

_ = translator("common")

NBSP = "\u00a0"
MISSING = "–"
SUPPRESSED = ":"  # Statistics Norway's symbol for "not shown, to protect confidentiality"


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, names inside it untouched.

    >>> lower_first("Vikarer gjennom Helse Vests rammeavtaler")
    'vikarer gjennom Helse Vests rammeavtaler'
    """
    return text[:1].lower() + text[1:]


def number(x: Any, decimals: int = 0) -> str:
    """A number with Norwegian digit grouping and decimal comma."""
    if _missing(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(x, format=pattern, locale=locale())


def nok(x: Any, decimals: int = 0) -> str:
    """An amount in Norwegian kroner, such as ``1 620 000 kr``."""
    if _missing(x):
        return MISSING
    return f"{number(x, decimals)}{NBSP}kr"


def percent(x: Any, decimals: int = 1) -> str:
    """A share (0.477) as a Norwegian percentage (``47,7 %``)."""
    if _missing(x):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return format_percent(x, format=pattern, locale=locale()).replace(" %", f"{NBSP}%")


def nok_rounded(x: Any, step: int) -> str:
    """An uncertain amount for a table, rounded to the nearest ``step`` kroner.

    >>> nok_rounded(4_200_219, 1000)
    '4\\xa0200\\xa0000\\xa0kr'
    """
    if _missing(x):
        return MISSING
    return nok(round(float(x) / step) * step)


FORMATTERS = {
    "nok": nok,
    "nok100": lambda x: nok_rounded(x, 100),  # estimates: shown rounded, kept exact in Excel
    "nok1000": lambda x: nok_rounded(x, 1000),
    "int": number,
    "number1": lambda x: number(x, 1),
    "number2": lambda x: number(x, 2),
    "number3": lambda x: number(x, 3),
    "percent": percent,
    "percent0": lambda x: percent(x, 0),
    "auto": lambda x: MISSING if _missing(x) else number(x, 0 if float(x).is_integer() else 2),
    "verbatim": lambda x: MISSING if _missing(x) else str(x),  # pre-formatted numbers
    "text": lambda x: MISSING if _missing(x) else str(x),
}


def format_value(x: Any, kind: str) -> str:
    """Format ``x`` by a named kind from :data:`FORMATTERS`.

    The marker :data:`SUPPRESSED` of a cell withheld by disclosure control passes through
    unchanged, whatever the kind, since it is not a number to format.

    >>> format_value(":", "percent")
    ':'
    >>> format_value(0.25, "percent0")
    '25\xa0%'
    """
    if isinstance(x, str) and x == SUPPRESSED:
        return SUPPRESSED
    return FORMATTERS[kind](x)


def date_in_words(d: date | datetime | str) -> str:
    """A date with the month in words, in the report's language (Babel's CLDR data).

    >>> date_in_words("2024-01-22")
    '22. januar 2024'
    """
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return format_date(d, format="d. MMMM y", locale=locale())


def significant(x: float, digits: int) -> float:
    """``x`` rounded to ``digits`` significant digits (0 and non-finite values unchanged).

    >>> significant(515_000, 2), significant(0.04766, 2), significant(7, 2)
    (520000, 0.048, 7)
    """
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def rounded_amount(x: float, digits: int = 2) -> tuple[str, str | None]:
    """The number of an amount for prose, rounded to ``digits`` significant digits, and its
    word (``mill.``, ``mrd.``, or None for whole kroner): the one rounding of amounts in
    sentences of every family (:func:`rounded_nok`, :func:`about_nok`).

    >>> rounded_amount(1_634_000), rounded_amount(86_400), rounded_amount(2_000_000)
    (('1,6', 'mill.'), ('86\xa0000', None), ('2', 'mill.'))
    """
    x = significant(float(x), digits)
    for size, word in ((1e9, _("mrd.")), (1e6, _("mill."))):
        if abs(x) >= size:
            v = x / size
            decimals = max(0, digits - 1 - math.floor(math.log10(abs(v))))
            text = number(v, decimals)
            if decimals and text.endswith("," + "0" * decimals):
                text = text.split(",")[0]
            return text, word
    return number(x), None


def rounded_nok(x: Any, digits: int = 2) -> str:
    """An amount rounded for prose, to ``digits`` significant digits, in words for large ones.

    Exact amounts belong in tables; sentences use rounded ones.

    >>> rounded_nok(71_198_783)
    '71\xa0mill.\xa0kr'
    >>> rounded_nok(1_620_000)
    '1,6\xa0mill.\xa0kr'
    >>> rounded_nok(2_345_000_000)
    '2,3\xa0mrd.\xa0kr'
    >>> rounded_nok(515_000)
    '520\xa0000\xa0kr'
    """
    if _missing(x) or not math.isfinite(float(x)):
        return MISSING
    text, word = rounded_amount(x, digits)
    return f"{text}{NBSP}{word}{NBSP}kr" if word else f"{text}{NBSP}kr"


def about_nok(x: Any, digits: int = 2) -> str:
    """``om lag`` and a rounded amount, for a summary sentence.

    >>> about_nok(75_300_000)
    'om lag 75\\xa0mill.\\xa0kr'
    """
    text = rounded_nok(x, digits)
    return text if text == MISSING else _("om lag {amount}").format(amount=text)
