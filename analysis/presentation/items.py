"""What a report shows: tables and figures, and their accessible HTML.

A :class:`Table` or :class:`Figure` holds its caption, data and (for a figure) its
alternative text; :func:`table_html` and :func:`figure_html` render it as the page shows
it (a caption, header cells, alternative text, a link to the data behind it, what print
leaves out). The report object (:mod:`analysis.presentation.report`) shows them and saves
their data.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on servers; figures are embedded as PNG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.i18n import translator  # noqa: E402
from analysis.presentation import charts  # noqa: E402
from analysis.presentation.formatting import format_value  # noqa: E402

_ = translator("common")
#: Rows of a table printed on paper; a longer table prints these and says where the rest
#: is (the workbook), so that every report prints on a few A4 pages.
PRINT_ROWS = 10




@dataclass
class Table:
    """A table for the report.

    ``data`` holds raw values (saved to CSV as they are); ``columns`` maps data columns to
    Norwegian headers (and picks which to show, in order); ``formats`` maps data columns to
    a kind from :data:`analysis.presentation.formatting.FORMATTERS`.
    """

    name: str
    caption: str
    data: pd.DataFrame
    columns: Mapping[str, str]
    formats: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    empty: str = ""  # one sentence saying why the table has no rows, shown instead of it
    #: data column -> language of its values when it differs from the page's, e.g. search
    #: words that are bokmål on a nynorsk page (``{"keywords": "nb"}``): screen readers and
    #: spelling checks then read them as that language
    languages: Mapping[str, str] = field(default_factory=dict)
    #: False: a detail table the printed report leaves to the workbook (it prints one
    #: sentence naming the table instead), so that the report prints on a few A4 pages
    in_print: bool = True


@dataclass
class Figure:
    """A matplotlib figure with its caption, alternative text and the data behind it.

    ``columns`` and ``formats`` (optional, as for :class:`Table`) put the data in
    ``tables.xlsx`` with Norwegian headers; without them the data is saved as CSV only.
    """

    name: str
    caption: str
    alt: str
    fig: Any
    data: pd.DataFrame
    empty: str = ""  # one sentence saying why there is nothing to draw, shown instead
    columns: Mapping[str, str] = field(default_factory=dict)
    formats: Mapping[str, str] = field(default_factory=dict)
    #: the data columns the chart draws, when ``data`` also holds its axis (a chart whose
    #: drawn values are all zero is replaced by ``empty``)
    values: Sequence[str] = ()


MAX_ALT = 400  # characters of an alternative text: a short summary, the table has the rest


def short_alt(alt: str, limit: int = MAX_ALT) -> str:
    """``alt`` cut to whole sentences (or list items) within ``limit`` characters, saying
    that the rest is in the table.

    >>> short_alt("Linjer over tre grupper. " + "A: 1 %; " * 20, 100)
    'Linjer over tre grupper. A: 1 %; A: 1 %; A: 1 %. Alle tallene står i tabellen i Excel-filen.'
    """
    if len(alt) <= limit:
        return alt
    rest = _("Alle tallene står i tabellen i Excel-filen.")
    room = max(limit - len(rest) - 2, 1)
    kept = ""
    for piece in re.split(r"(?<=[.;])\s+", alt):
        if kept and len(kept) + 1 + len(piece) > room:
            break
        kept = f"{kept} {piece}".strip()
    if len(kept) > room:  # one long sentence: cut at a word
        kept = kept[:room].rsplit(" ", 1)[0]
    return f"{kept.rstrip(' .;,')}. {rest}"


def is_empty(data: pd.DataFrame) -> bool:
    """Nothing to draw: no rows, or every number is zero or missing.

    >>> is_empty(pd.DataFrame({"role": ["Leger"], "ordered": [0.0]}))
    True
    >>> is_empty(pd.DataFrame({"month": [1, 2], "cost": [0.0, 0.0]}))
    False
    """
    if data is None or data.empty:
        return True
    numeric = data.select_dtypes("number")
    return not numeric.columns.empty and bool((numeric.fillna(0) == 0).all().all())


def empty_html(item: Table | Figure) -> str:
    """The one sentence shown in place of an empty table or figure."""
    if item.empty:
        reason = item.empty
    elif isinstance(item, Table):
        reason = _("Tabellen «{caption}» er utelatt fordi beregningen ikke ga noen rader i "
                   "dette scenarioet.").format(caption=item.caption)
    else:
        reason = _("Figuren «{caption}» er utelatt fordi alle tallene er null eller mangler "
                   "i dette scenarioet.").format(caption=item.caption)
    return f'<p class="empty-note" id="{item.name}">{html.escape(reason)}</p>'


def _data_link(href: str, caption: str, *, table: bool) -> str:
    """The link to a table's CSV file; its accessible name names the table, so every link
    on the page reads differently (WCAG 2.4.4)."""
    text = _("Data bak tabellen (CSV)") if table else _("Data bak figuren (CSV)")
    return (f'<a href="{html.escape(href)}">{text}<span class="visually-hidden">: '
            f"«{html.escape(caption)}»</span></a>")


def _print_note(t: Table, n_rows: int) -> str:
    """What the printed page says instead of the rows it leaves out (print only): a long
    table prints its first :data:`PRINT_ROWS` rows, a table in the appendix none; the
    workbook beside the page has them all."""
    moved = _("Tabellen «{caption}» står i Excel-filen med alle tabellene, ved siden av "
              "rapporten.").format(caption=t.caption)
    notes = [f'<p class="print-only print-moved">{html.escape(moved)}</p>']
    if n_rows > PRINT_ROWS:
        cut = _("Utskriften viser de {shown} første av {rows} radene; alle står i Excel-filen "
                "med alle tabellene, ved siden av rapporten.").format(shown=PRINT_ROWS,
                                                                    rows=n_rows)
        notes.append(f'<p class="print-only print-rows">{html.escape(cut)}</p>')
    return "".join(notes)


def table_html(t: Table, data_href: str | None = None) -> str:
    """Render ``t`` as an HTML table with a caption and header cells.

    The table sits in a focusable, labelled region that scrolls sideways on its own when it
    is wider than the screen, so the page itself never does.
    """
    if t.data is None or t.data.empty:
        return empty_html(t)
    cols = list(t.columns)
    head = "".join(f'<th scope="col">{html.escape(t.columns[c])}</th>' for c in cols)
    rows = []
    for _i, row in t.data.iterrows():
        cells = []
        for i, c in enumerate(cols):
            kind = t.formats.get(c, "text")
            text = html.escape(format_value(row[c], kind))
            cls = ' class="num"' if kind != "text" else ""
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            lang = f' lang="{t.languages[c]}"' if c in t.languages else ""
            cells.append(f"<{tag}{scope}{cls}{lang}>{text}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = f'<p class="table-note">{html.escape(t.note)}</p>' if t.note else ""
    foot += _print_note(t, len(rows))
    link = f'<p class="data-link">{_data_link(data_href, t.caption, table=True)}</p>' \
        if data_href else ""
    long = ' data-long="ja"' if len(rows) > PRINT_ROWS else ""
    if not t.in_print:
        long += ' data-print="workbook"'
    return (
        f'<div class="table-wrap" id="tabell-{t.name}" role="region" tabindex="0"{long} '
        f'aria-labelledby="caption-{t.name}"><table>'
        f'<caption id="caption-{t.name}">{html.escape(t.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{foot}{link}</div>"
    )


def figure_html(f: Figure, data_href: str | None = None) -> str:
    """Render ``f`` as an embedded PNG inside ``<figure>`` with alt text and caption.

    The PNG (:func:`analysis.presentation.charts.page_png`) has twice the pixels of its
    ``width``/``height`` attributes, so it stays sharp on high-density screens and in
    print; ``data-font-pt`` and ``data-width-in`` say its smallest font size and its width
    in figure inches, from which the size of its text on a phone and on paper follows.
    """
    if is_empty(f.data[list(f.values)] if f.values else f.data):
        plt.close(f.fig)
        return empty_html(f)
    raw, smallest = charts.page_png(f.fig)
    width_in = f.fig.get_figwidth()
    plt.close(f.fig)
    width, height = (int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big"))
    png = base64.b64encode(raw).decode("ascii")
    link = (f' <span class="data-link">{_data_link(data_href, f.caption, table=False)}</span>'
            if data_href else "")
    return (
        f'<figure id="{f.name}"><img src="data:image/png;base64,{png}" '
        f'width="{width // 2}" height="{height // 2}" '
        f'data-font-pt="{smallest:g}" data-width-in="{width_in:g}" '
        f'alt="{html.escape(short_alt(f.alt), quote=True)}">'
        f"<figcaption>{html.escape(f.caption)}{link}</figcaption></figure>"
    )
