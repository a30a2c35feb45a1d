"""Pages about several reports (comparison, sweep) in the house style of a report.

An overview page is assembled as a small notebook of HTML outputs (headings, tables made
by :func:`analysis.presentation.report.table_html`, figures by ``figure_html``) and
rendered by the same :func:`analysis.runner.render.render_html` as every report: the
first screen, key figures first, appendix, footer, stylesheet. The data behind each table
is saved as CSV and ``tables.xlsx`` is written by :mod:`analysis.runner.excel`, exactly as
for a report.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path

import nbformat
import pandas as pd

from analysis.errors import OutputError
from analysis.presentation.report import (
    PAGE_FILE,
    TABLES_FILE,
    Figure,
    Table,
    figure_html,
    table_html,
)
from analysis.runner.excel import write_workbook
from analysis.runner.render import PageInfo, render_html


def data_date_of(folders: Iterable[Path]) -> str:
    """The data date a report recorded (``page.json``), from the first of ``folders``
    that has one; "" when none has."""
    for folder in folders:
        try:
            page = json.loads((folder / PAGE_FILE).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if page.get("data_date"):
            return str(page["data_date"])
    return ""


def check_own_folder(out: Path, marker: str, what: str) -> Path:
    """``out`` if it is empty, new, or holds an earlier page of the same kind (its
    ``marker`` file); anything else (the published reports, a report) is refused in one
    sentence, so a comparison or sweep never overwrites another page."""
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise OutputError(f"--out {out} already holds other files (no {marker} of an earlier "
                          f"{what}); give an empty or new folder for the {what}.")
    return out


class OverviewPage:
    """Collects sections, tables and figures, then writes ``index.html``, the CSV files,
    ``tables.json`` and ``tables.xlsx`` into ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cells: list = []
        self.sheets: list[dict] = []

    def html_block(self, text: str, tags: tuple[str, ...] = ()) -> None:
        cell = nbformat.v4.new_code_cell("", metadata={"tags": list(tags)})
        cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": text})]
        self.cells.append(cell)

    def heading(self, text: str, tag: str = "") -> None:
        """Start a section (``tag``: ``key-figures`` or ``appendix`` to place it)."""
        self.html_block(f"<h2>{html.escape(text)}</h2>", (tag,) if tag else ())

    def paragraph(self, text: str) -> None:
        self.html_block(f"<p>{html.escape(text)}</p>")

    def show(self, item: Table | Figure, data: pd.DataFrame | None = None,
             formats: dict[str, str] | None = None) -> None:
        """Show ``item``; ``data`` (and its ``formats``), when given, is what the CSV file
        and the workbook hold instead of the page's (e.g. unrounded numbers of a table
        whose rows differ in format and are shown as text)."""
        (self.folder / "tables").mkdir(parents=True, exist_ok=True)
        saved = item.data if data is None else data
        saved.to_csv(self.folder / "tables" / f"{item.name}.csv", index=False)
        href = f"tables/{item.name}.csv"
        if item.columns:
            self.sheets.append({"name": item.name, "caption": item.caption,
                                "columns": dict(item.columns),
                                "formats": dict(item.formats if formats is None else formats),
                                "note": getattr(item, "note", ""), "empty": item.empty})
        self.html_block(table_html(item, href) if isinstance(item, Table)
                   else figure_html(item, href))

    def write(self, info: PageInfo) -> Path:
        """Write the page and its workbook; return the page's path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / TABLES_FILE).write_text(
            json.dumps(self.sheets, ensure_ascii=False, indent=2), encoding="utf-8")
        nb = nbformat.v4.new_notebook()
        nb.cells = self.cells
        page = self.folder / "index.html"
        page.write_text(render_html(nb, info), encoding="utf-8")
        write_workbook(self.folder, info)
        return page
