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
import io
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on servers; figures are embedded as PNG
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.display import HTML, Markdown, display  # noqa: E402

from analysis.parameters import ParameterFile, load_parameter_file  # noqa: E402
from analysis.presentation.formatting import format_value  # noqa: E402

_NAME = re.compile(r"^[a-z0-9_]+$")
NOTICES_FILE = "notices.json"
SOURCES_FILE = "sources.json"


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


@dataclass
class Figure:
    """A matplotlib figure with its caption, alternative text and the data behind it."""

    name: str
    caption: str
    alt: str
    fig: Any
    data: pd.DataFrame


def table_html(t: Table, data_href: str | None = None) -> str:
    """Render ``t`` as an HTML table with a caption and header cells."""
    cols = list(t.columns)
    head = "".join(f'<th scope="col">{html.escape(t.columns[c])}</th>' for c in cols)
    rows = []
    for _, row in t.data.iterrows():
        cells = []
        for i, c in enumerate(cols):
            kind = t.formats.get(c, "text")
            text = html.escape(format_value(row[c], kind))
            cls = ' class="num"' if kind != "text" else ""
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cells.append(f"<{tag}{scope}{cls}>{text}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = f'<p class="table-note">{html.escape(t.note)}</p>' if t.note else ""
    link = (
        f'<p class="data-link"><a href="{data_href}">Data bak tabellen (CSV)</a></p>'
        if data_href else ""
    )
    return (
        f'<div class="table-wrap" id="tabell-{t.name}"><table>'
        f"<caption>{html.escape(t.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{foot}{link}</div>"
    )


def figure_html(f: Figure, data_href: str | None = None) -> str:
    """Render ``f`` as an embedded PNG inside ``<figure>`` with alt text and caption."""
    buf = io.BytesIO()
    f.fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(f.fig)
    png = base64.b64encode(buf.getvalue()).decode("ascii")
    link = (
        f' <a href="{data_href}">Data bak figuren (CSV)</a>' if data_href else ""
    )
    return (
        f'<figure id="{f.name}"><img src="data:image/png;base64,{png}" '
        f'alt="{html.escape(f.alt, quote=True)}">'
        f"<figcaption>{html.escape(f.caption)}{link}</figcaption></figure>"
    )


def _json_number(v: Any) -> Any:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, list | tuple):  # e.g. a list of test results, each a flat mapping
        return [_json_number(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _json_number(x) for k, x in v.items()}
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return int(v) if v.is_integer() else v


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

    @classmethod
    def start(cls, notebook: str, namespace: Mapping[str, Any]) -> Report:
        """Validate the notebook's parameter variables in ``namespace`` and begin a report.

        ``namespace`` is the notebook's ``globals()``: the parameters cell (and papermill's
        injected cell) have set one variable per parameter.
        """
        pfile = load_parameter_file(notebook)
        given = {name: namespace[name] for name in pfile.parameters if name in namespace}
        values = pfile.resolve(("notebook", given))
        scenario = str(namespace.get("scenario", "") or "interaktiv")
        report = cls(pfile, values, scenario, namespace.get("output_dir") or None)
        if report.output_dir:
            (report.output_dir / "tables").mkdir(parents=True, exist_ok=True)
        return report

    def _save_csv(self, name: str, data: pd.DataFrame) -> str | None:
        if not _NAME.match(name):
            raise ValueError(f"table name {name!r} must be lower-case letters, digits and _")
        if name in self.tables:
            raise ValueError(f"table name {name!r} is used twice in this report")
        self.tables.append(name)
        if self.output_dir is None:
            return None
        data.to_csv(self.output_dir / "tables" / f"{name}.csv", index=False)
        return f"tables/{name}.csv"

    def show(self, item: Table | Figure) -> None:
        """Display a table or figure and save the data behind it."""
        href = self._save_csv(item.name, item.data)
        if isinstance(item, Table):
            display(HTML(table_html(item, href)))
        else:
            display(HTML(figure_html(item, href)))

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
            display(HTML(f'<p class="source">Datakilde: {html.escape(text)}</p>'))
        else:
            (self.output_dir / SOURCES_FILE).write_text(
                json.dumps(self._sources, ensure_ascii=False, indent=2), encoding="utf-8")

    def text(self, markdown: str) -> None:
        """Display Norwegian prose (Markdown) computed from results."""
        display(Markdown(markdown))

    def summary(self, figures: Mapping[str, Any]) -> None:
        """Record key figures and write ``summary.json`` (a flat name → number mapping)."""
        self._summary.update({k: _json_number(v) for k, v in figures.items()})
        if self.output_dir is not None:
            path = self.output_dir / "summary.json"
            path.write_text(json.dumps(self._summary, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
