"""The report object a notebook writes through: tables, figures, text and key figures.

Each table and figure is shown in the notebook as accessible HTML (a caption, header
cells, alternative text) and, when the run has an output folder, saved as CSV next to the
report, with a "Data bak ..." link to it. ``summary.json`` collects the key figures.

In JupyterLab, with ``output_dir`` empty, nothing is written: the analyst sees the same
tables and figures.
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on servers; figures are embedded as PNG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.display import HTML, Markdown, display  # noqa: E402

from analysis.i18n import DEFAULT_LANGUAGE, set_language, translator  # noqa: E402
from analysis.parameters import ParameterFile, load_parameter_file  # noqa: E402
from analysis.presentation import charts, hand_run  # noqa: E402
from analysis.presentation.formatting import format_value  # noqa: E402
from analysis.presentation.formulas import csv_safe  # noqa: E402

_ = translator("common")
_NAME = re.compile(r"^[a-z0-9_]+$")
NOTICES_FILE = "notices.json"
SOURCES_FILE = "sources.json"
READ_FILES = "read_files.json"  # the project files a run opened, for `run --changed`

_read_files: set[str] = set()
_NOT_INPUTS = {"analysis", ".venv", ".git", "reports", ".staging", "__pycache__"}


def _record_reads() -> None:
    """Note every project file this process opens for reading from now on (once per
    process; an audit hook cannot be removed, and there is one kernel per run)."""
    if getattr(_record_reads, "installed", False):
        return
    from analysis.paths import PROJECT_ROOT

    def hook(event: str, args: tuple) -> None:
        if event != "open":
            return
        try:
            path, mode, flags = args
            if not isinstance(path, str | os.PathLike):
                return
            if (any(c in mode for c in "wax+") if isinstance(mode, str)
                    else flags & (os.O_WRONLY | os.O_RDWR)):
                return
            rel = Path(os.path.abspath(path)).relative_to(PROJECT_ROOT)
            if rel.parts and not _NOT_INPUTS & set(rel.parts) and rel.suffix != ".pyc":
                _read_files.add(rel.as_posix())
        except Exception:  # noqa: BLE001 - never disturb the open itself
            return

    sys.addaudithook(hook)
    _record_reads.installed = True
PAGE_FILE = "page.json"  # first-screen summary and the data's date
TABLES_FILE = "tables.json"  # captions, Norwegian headers and formats, for tables.xlsx
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


def _json_number(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, Mapping):  # e.g. {"month": "2021-01", "nok": 1.5e6}
        return {str(k): _json_number(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_json_number(x) for x in v]
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return int(v) if v.is_integer() else v


_NOT_PARAMETERS = {"In", "Out", "exit", "quit", "get_ipython", "report", "p"}


def check_hand_run(pfile: ParameterFile, namespace: Mapping[str, Any]) -> None:
    """Refuse a variable that looks like a misspelt parameter (``team_sise = 75``).

    In JupyterLab, or with papermill's ``-p``, a misspelt name is just another variable
    and the parameter keeps its default; the report would look right and be wrong.
    """
    import difflib

    from analysis.errors import ParameterError
    from analysis.parameters import RUN_PARAMETERS

    known = [*pfile.parameters, *RUN_PARAMETERS]
    for name, value in namespace.items():
        if (name in known or name.startswith("_") or name in _NOT_PARAMETERS
                or not isinstance(value, int | float | str | bool | list | tuple)):
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        if close:
            raise ParameterError(
                f"The notebook '{pfile.notebook}' sets '{name}', which is not one of its "
                f"parameters; did you mean '{close[0]}'? Allowed parameters: "
                f"{', '.join(pfile.parameters)}.")


def check_output_dir(output_dir: str | Path) -> None:
    """Refuse an ``output_dir`` inside a published reports folder.

    The folder is resolved first (``..`` and symbolic links), so neither a link to a
    published report nor a path through ``.staging/..`` gets past the check. Only the
    runner publishes there, through a staging folder that it swaps into place
    with a matching page and run record; a hand run writing a ``summary.json`` straight
    into a published report leaves a page that shows other figures.
    """
    from analysis.errors import ParameterError
    from analysis.paths import REPORTS_DIR

    folder = Path(output_dir).resolve()  # "a/.staging/../x" and links: where it really is
    if ".staging" in folder.parts:
        return
    for parent in (folder, *folder.parents):
        if parent == REPORTS_DIR.resolve() or (parent / ".run.lock").exists() \
                or (parent / "index.html").exists() and (parent / "runs").is_dir():
            raise ParameterError(
                f"output_dir {folder.name} lies inside the published reports folder; "
                "build reports with 'python -m analysis run' (or give an empty "
                "output_dir, or a folder outside the reports, for a hand run).")


class Report:
    """Collects what a notebook run publishes.

    Create it with :meth:`start`, which validates the notebook's parameters first.
    """

    def __init__(self, pfile: ParameterFile, values: dict[str, Any], scenario: str,
                 output_dir: str | Path | None):
        self.pfile = pfile
        self.params = values
        self.scenario = scenario
        self.output_dir = Path(output_dir) if output_dir else None
        self.tables: list[str] = []
        self._summary: dict[str, Any] = {}
        self._notices: list[str] = []
        self._sources: list[str] = []
        self._page: dict[str, Any] = {}
        self._sheets: list[dict[str, Any]] = []

    @classmethod
    def start(cls, notebook: str, namespace: Mapping[str, Any]) -> Report:
        """Validate the notebook's parameter variables in ``namespace`` and begin a report.

        ``namespace`` is the notebook's ``globals()``: the parameters cell (and papermill's
        injected cell) have set one variable per parameter.
        """
        pfile = load_parameter_file(notebook)
        check_hand_run(pfile, namespace)
        given = {name: namespace[name] for name in pfile.parameters if name in namespace}
        scenario = str(namespace.get("scenario", "") or "interaktiv")
        output_dir = namespace.get("output_dir") or None
        if not hand_run.is_runner_run(output_dir):  # JupyterLab, papermill by hand
            given = hand_run.with_scenario(pfile, scenario, given)
            hand_run.warn_if_stale(pfile)
        values = pfile.resolve(("notebook", given))
        set_language(values.get("language", DEFAULT_LANGUAGE))  # every text from here on
        if output_dir:
            check_output_dir(output_dir)
        report = cls(pfile, values, scenario, output_dir)
        if report.output_dir:
            (report.output_dir / "tables").mkdir(parents=True, exist_ok=True)
            _record_reads()
        return report

    def _note_reads(self) -> None:
        """Write the project files opened so far (the runner hashes them for --changed)."""
        if self.output_dir is None or not _read_files:
            return
        from analysis.paths import PROJECT_ROOT

        # An attempt to open a file that is not there is not an input (nor is metadata
        # of an installed package).
        read = sorted(f for f in _read_files if (PROJECT_ROOT / f).is_file()
                      and not any(part.endswith(".egg-info") for part in Path(f).parts))
        (self.output_dir / READ_FILES).write_text(json.dumps(read), encoding="utf-8")

    def _save_csv(self, name: str, data: pd.DataFrame) -> str | None:
        if not _NAME.match(name):
            raise ValueError(f"table name {name!r} must be lower-case letters, digits and _")
        if name in self.tables:
            raise ValueError(f"table name {name!r} is used twice in this report")
        self.tables.append(name)
        if self.output_dir is None:
            return None
        csv_safe(data).to_csv(self.output_dir / "tables" / f"{name}.csv", index=False)
        return f"tables/{name}.csv"

    def _record_sheet(self, item: Table | Figure) -> None:
        """Describe a table for ``tables.xlsx`` (built from the CSVs by the runner)."""
        if isinstance(item, Figure) and not item.columns:
            return
        self._sheets.append({
            "name": item.name, "caption": item.caption,
            "columns": dict(item.columns), "formats": dict(item.formats),
            "note": getattr(item, "note", ""),
            "empty": item.empty,
        })
        self._write_json(TABLES_FILE, self._sheets)

    def _write_json(self, name: str, value: Any) -> None:
        if self.output_dir is not None:
            (self.output_dir / name).write_text(
                json.dumps(value, ensure_ascii=False, indent=2), encoding="utf-8")

    def show(self, item: Table | Figure) -> None:
        """Display a table or figure and save the data behind it.

        An empty table or figure is replaced by one sentence saying why (its ``empty``
        text, or a standard sentence naming it).
        """
        self._note_reads()
        href = self._save_csv(item.name, item.data)
        self._record_sheet(item)
        if isinstance(item, Table):
            display(HTML(table_html(item, href)))
        else:
            display(HTML(figure_html(item, href)))

    def summary_text(self, *lines: str) -> None:
        """The report's summary: three to five short lines in plain Norwegian.

        Shown on the first screen, right below the title and the notices, before the key
        figures. Use rounded amounts («om lag 75 mill. kr»,
        :func:`analysis.presentation.formatting.about_nok`) and no technical terms.
        """
        text = [line.strip() for line in lines if line and line.strip()]
        if not 1 <= len(text) <= 5:
            raise ValueError(f"summary_text takes one to five lines, got {len(text)}")
        self._page["summary"] = text
        if self.output_dir is None:
            display(HTML('<div class="summary">'
                         + "".join(f"<p>{html.escape(t)}</p>" for t in text) + "</div>"))
        self._write_json(PAGE_FILE, self._page)

    def scenario_title(self, text: str) -> None:
        """Replace the scenario's title on the first screen (a run on the user's own data
        is titled by its data, not by the scenario it was started from)."""
        self._page["scenario_title"] = str(text).strip()
        self._write_json(PAGE_FILE, self._page)

    def data_date(self, text: str) -> None:
        """The date of the data the report rests on, in words (e.g. «19.11.2020»).

        Shown on the first screen as «Datagrunnlagets dato», apart from the build time.
        """
        self._page["data_date"] = str(text).strip()
        self._write_json(PAGE_FILE, self._page)

    def notice(self, text: str) -> None:
        """A notice the reader must see first (e.g. "built on synthetic data").

        Shown here, and recorded in ``notices.json`` so that the rendered page repeats it
        on its first screen, above the table of contents.
        """
        self._notices.append(text)
        if self.output_dir is None:  # interactive: show it here; a report shows it on top
            display(HTML(f'<p class="notice"><strong>{html.escape(text)}</strong></p>'))
        else:
            (self.output_dir / NOTICES_FILE).write_text(
                json.dumps(self._notices, ensure_ascii=False, indent=2), encoding="utf-8")

    def data_source(self, text: str) -> None:
        """A data source the run read (a data file), beyond the parameter file's sources.

        Recorded in ``sources.json`` so that the rendered page lists it on its first
        screen under "Datakilder"; interactively it is shown here.
        """
        self._sources.append(text)
        if self.output_dir is None:
            display(HTML('<p class="source">' + html.escape(
                _("Datakilde: {source}").format(source=text)) + "</p>"))
        else:
            (self.output_dir / SOURCES_FILE).write_text(
                json.dumps(self._sources, ensure_ascii=False, indent=2), encoding="utf-8")

    def text(self, markdown: str) -> None:
        """Display Norwegian prose (Markdown) computed from results."""
        self._note_reads()
        display(Markdown(markdown))

    def summary(self, figures: Mapping[str, Any]) -> None:
        """Record key figures and write ``summary.json`` (a flat name → number mapping)."""
        self._note_reads()
        self._summary.update({k: _json_number(v) for k, v in figures.items()})
        if self.output_dir is not None:
            path = self.output_dir / "summary.json"
            path.write_text(json.dumps(self._summary, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
