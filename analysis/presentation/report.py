"""The report object a notebook writes through: tables, figures, text and key figures.

Each table and figure is shown in the notebook as accessible HTML (a caption, header
cells, alternative text) and, when the run has an output folder, saved as CSV next to the
report, with a "Data bak ..." link to it. ``summary.json`` collects the key figures.

In JupyterLab, with ``output_dir`` empty, nothing is written: the analyst sees the same
tables and figures.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown, display

from analysis.i18n import DEFAULT_LANGUAGE, set_language, translator
from analysis.parameters import ParameterFile, load_parameter_file
from analysis.presentation import hand_run
from analysis.presentation.formulas import csv_safe
from analysis.presentation.items import (  # noqa: F401 - where notebooks and families find them
    PRINT_ROWS,
    Figure,
    Table,
    empty_html,
    figure_html,
    is_empty,
    short_alt,
    table_html,
)

_ = translator("common")
_NAME = re.compile(r"^[a-z0-9_]+$")
NOTICES_FILE = "notices.json"
SOURCES_FILE = "sources.json"
PAGE_FILE = "page.json"  # first-screen summary and the data's date
TABLES_FILE = "tables.json"  # captions, Norwegian headers and formats, for tables.xlsx


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
        hand_run.check_hand_run(pfile, namespace)
        given = {name: namespace[name] for name in pfile.parameters if name in namespace}
        scenario = str(namespace.get("scenario", "") or "interaktiv")
        output_dir = namespace.get("output_dir") or None
        if not hand_run.is_runner_run(output_dir):  # JupyterLab, papermill by hand
            given = hand_run.with_scenario(pfile, scenario, given)
            hand_run.warn_if_stale(pfile)
        values = pfile.resolve(("notebook", given))
        set_language(values.get("language", DEFAULT_LANGUAGE))  # every text from here on
        if output_dir:
            hand_run.check_output_dir(output_dir)
        report = cls(pfile, values, scenario, output_dir)
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
        display(Markdown(markdown))

    def summary(self, figures: Mapping[str, Any]) -> None:
        """Record key figures and write ``summary.json`` (a flat name → number mapping)."""
        self._summary.update({k: _json_number(v) for k, v in figures.items()})
        if self.output_dir is not None:
            path = self.output_dir / "summary.json"
            path.write_text(json.dumps(self._summary, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
