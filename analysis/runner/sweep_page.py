"""The sweep page: one row per run with the family's key figures, a chart along the first
swept parameter and links to every run (:mod:`analysis.runner.sweep` runs the sweep)."""

from __future__ import annotations

import html
import itertools
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.i18n import DEFAULT_LANGUAGE, domain_of, translator, using_language
from analysis.notebooks import Target, scenario_of
from analysis.parameters import load_parameter_file
from analysis.presentation.key_figures import labelled
from analysis.presentation.report import Figure, Table
from analysis.runner import publish
from analysis.runner.overview import OverviewPage, data_date_of
from analysis.runner.render import PageInfo

_ = translator("common")
RUNS = "runs"  # the runs' folders under the sweep folder


def _as_number(values: list[str]) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def _chart(notebook: str, record: dict, first: str, x_label: str) -> Figure | None:
    """The key figures sharing the first figure's unit, along the first swept parameter
    (the other swept parameters at their first value)."""
    figures = labelled(notebook)
    if not figures or not record["runs"]:
        return None
    unit = figures[0][2]
    chosen = [(f, label) for f, label, u in figures if u == unit]
    others = {k: v[0] for k, v in record["swept"].items() if k != first}
    runs = [r for r in record["runs"]
            if all(r["overrides"].get(k) == v for k, v in others.items())]
    xs = [r["overrides"][first] for r in runs]
    numeric = _as_number(xs)
    positions = numeric if numeric is not None else list(range(len(xs)))
    data = pd.DataFrame({first: xs, **{f.key: [r["figures"].get(f.key) for r in runs]
                                       for f, _l in chosen}})
    from analysis.presentation import charts

    fig, ax = charts.new_figure(height=4.0 + 0.25 * len(chosen))
    for (f, label), colour in zip(chosen, itertools.cycle(charts.PALETTE), strict=False):
        ys = pd.to_numeric(data[f.key], errors="coerce")
        ax.plot(positions, ys, marker="o", color=colour, label=label)
    if numeric is None:
        ax.set_xticks(positions, xs)
    ax.set_xlabel(x_label)
    ax.set_ylabel(unit)
    if unit == "kr":
        charts.nok_axis(ax, "y")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18),
              ncol=2)
    caption = _("Hovedtallene målt i {unit}, etter {parameter}").format(unit=unit,
                                                                         parameter=x_label)
    alt = _("Linjediagram med ett punkt per kjøring: {figures} etter {parameter}. Tallene "
            "står i tabellen over.").format(figures=", ".join(label for _f, label in chosen),
                                             parameter=x_label)
    cols = {first: x_label, **{f.key: label for f, label in chosen}}
    return Figure("hovedtall_diagram", caption, alt, fig, data, columns=cols,
                  formats={f.key: f.kind for f, _l in chosen})


def runs_table(notebook: str, record: dict) -> Table:
    """One row per run: the swept values, status and every key figure."""
    pfile = load_parameter_file(notebook)
    tr = translator(domain_of(notebook))
    cols: dict[str, str] = {}
    formats: dict[str, str] = {}
    for name in record["swept"]:
        spec = pfile.parameters.get(name)
        cols[name] = tr(spec.label) if spec else name
        formats[name] = "text"
    rows = []
    figures = labelled(notebook)
    for f, label, unit in figures:
        cols[f.key] = f"{label} ({unit})"
        formats[f.key] = f.kind
    cols["status"] = _("Status")
    for r in record["runs"]:
        row: dict[str, Any] = {k: Path(v).name if "/" in v else v
                               for k, v in r["overrides"].items()}
        for f, _label, _unit in figures:
            value = r["figures"].get(f.key)
            row[f.key] = float(value) if isinstance(value, int | float) else None
        row["status"] = _("ferdig") if r["status"] == "ok" else _("feilet: {error}").format(
            error=r["error"])
        rows.append(row)
    return Table("kjoringer", _("Hovedtallene i hver kjøring"),
                 pd.DataFrame(rows, columns=list(cols)), cols, formats=formats,
                 note=_("Én rad per kjøring. Hver kjøring er en egen rapport med usikkerhet "
                        "som i en vanlig rapport; lenkene står under."))


def write_sweep_page(target: Target, record: dict, out: Path) -> list[Path]:
    """The sweep page in each language of the runs, with its workbook."""
    pfile = load_parameter_file(target.notebook)
    scenario = scenario_of(target)
    first = next(iter(record["swept"]))
    pages = []
    for code in record["languages"]:
        with using_language(code):
            tr = translator(domain_of(target.notebook))
            page = OverviewPage(publish.language_dir(out, code))
            page.heading(_("Hovedtall"), "key-figures")
            page.show(runs_table(target.notebook, record))
            spec = pfile.parameters.get(first)
            chart = _chart(target.notebook, record, first, tr(spec.label) if spec else first)
            if chart is not None:
                page.show(chart)
            page.heading(_("Kjøringene"))
            items = []
            for r in record["runs"]:
                if r["status"] == "ok":
                    up = "" if code == DEFAULT_LANGUAGE else "../"
                    run_page = publish.language_dir(Path(RUNS) / r["name"], code)
                    link = f"{up}{run_page.as_posix()}/index.html"
                    items.append(f'<li><a href="{html.escape(link)}">'
                                 f"{html.escape(_overrides_text(r['overrides']))}</a></li>")
                else:
                    items.append(f"<li>{html.escape(_overrides_text(r['overrides']))}: "
                                 f"{html.escape(_('feilet'))}</li>")
            page.html_block(f'<ul class="report-list">{"".join(items)}</ul>')
            swept_text = "; ".join(f"{k} = {', '.join(v)}" for k, v in record["swept"].items())
            info = PageInfo(
                title=_("Parameterstudie: {title}").format(title=tr(pfile.title)),
                scenario=target.scenario, scenario_title=tr(scenario.title),
                date=datetime.fromisoformat(record["started"]).strftime("%d.%m.%Y kl. %H:%M"),
                commit=record["code_version"],
                summary=[_("{n} kjøringer av scenarioet med alle kombinasjoner av {swept}. "
                           "Tabellen har én rad per kjøring, og hver kjøring er en egen "
                           "rapport.").format(n=len(record["runs"]), swept=swept_text)],
                data_date=_first_data_date(out, record, code),
                notebook=target.notebook, language=code,
                other_languages=[(c, publish.language_href(code, c))
                                 for c in record["languages"] if c != code])
            pages.append(page.write(info))
    return pages


def _overrides_text(overrides: dict[str, str]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in overrides.items())


def _first_data_date(out: Path, record: dict, code: str) -> str:
    return data_date_of(publish.language_dir(out / RUNS / r["name"], code)
                        for r in record["runs"])
