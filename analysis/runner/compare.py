"""``python -m analysis compare A B [C …] --out DIR``: key figures of reports side by side.

Each of A, B, … is a published report folder (holding ``summary.json`` and ``run.json``)
or a target ``NOTEBOOK/SCENARIO``, looked up in the reports folder and built (into
``DIR/reports/``, never into the published reports) when it is not there. The page, in
bokmål at ``DIR/index.html`` and nynorsk at ``DIR/nn/index.html``, shows the family's key
figures (:mod:`analysis.presentation.key_figures`) with labels and units, the difference
of each report from the first, the parameters that differ and each report's data date,
and ``tables.xlsx`` has the same tables with the numbers unrounded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import AnalysisError, TargetError
from analysis.i18n import LANGUAGES, domain_of, translator, using_language
from analysis.parameters import load_parameter_file
from analysis.presentation.key_figures import labelled, shown
from analysis.presentation.report import Table
from analysis.runner.execute import OSLO, code_version
from analysis.runner.overview import OverviewPage, data_date_of
from analysis.runner.publish import language_dir, language_href
from analysis.runner.render import PageInfo

_ = translator("common")
NOT_PARAMETERS = {"language"}  # how a report is shown, not what it computes
RECORD = "comparison.json"  # what was compared, with each report's key figures


@dataclass
class Published:
    """One published report as the comparison reads it."""

    folder: Path
    summary: dict[str, Any]
    run: dict[str, Any]

    @property
    def notebook(self) -> str:
        return self.run["notebook"]

    @property
    def label(self) -> str:
        return self.run.get("scenario_title") or self.run["scenario"]

    def name(self, tr) -> str:
        """The report's name in a column header: its scenario's title (through ``tr``),
        with the ``-p`` overrides it was built with."""
        changes = ", ".join(f"{k} = {_text(v)}" for k, v in
                            (self.run.get("overrides") or {}).items())
        return f"{tr(self.label)} ({changes})" if changes else tr(self.label)

    def data_date(self, code: str) -> str:
        return data_date_of([language_dir(self.folder, code), self.folder]) \
            or _("ikke oppgitt")


def load_published(folder: Path) -> Published:
    """A published report's key figures and run record; one sentence if it is not one."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TargetError(f"{folder} is not a published report (no readable summary.json "
                          f"and run.json: {type(exc).__name__}); name a report folder or a "
                          "target NOTEBOOK/SCENARIO.") from exc
    return Published(folder, summary, run)


def find_reports(names: list[str], reports: Path, out: Path, jobs: int = 1
                 ) -> list[Published]:
    """Each name as a published report: a folder, or a target found in ``reports`` or
    built into ``out/reports`` (bokmål and nynorsk) when it is not published yet."""
    from analysis.notebooks import parse_target

    found: dict[str, Path] = {}
    missing = []
    for name in names:
        if Path(name).is_dir() and (Path(name) / "summary.json").exists():
            found[name] = Path(name)
            continue
        targets = parse_target(name)
        if len(targets) != 1 or "/" not in name:
            raise TargetError(f"Name one report per argument ('{name}' is a notebook); "
                              "give NOTEBOOK/SCENARIO or a report folder.")
        folder = reports / targets[0].notebook / targets[0].scenario
        if (folder / "summary.json").exists():
            found[name] = folder
        else:
            missing.append((name, targets[0]))
    if missing:
        from analysis.runner.batch import run_batch

        built = out / "reports"
        print(f"building {len(missing)} report(s) not yet published into {built}", flush=True)
        outcomes, _manifest = run_batch([t for _n, t in missing], {}, built, jobs,
                                        languages=list(LANGUAGES))
        for (name, target), o in zip(missing, outcomes, strict=True):
            if not o.ok:
                raise AnalysisError(f"{target} could not be built for the comparison: "
                                    f"{o.error}")
            found[name] = built / target.notebook / target.scenario
    return [load_published(found[name]) for name in names]


def differing_parameters(reports: list[Published]) -> list[str]:
    """Parameters whose values are not the same in every report, in parameter-file order."""
    values = [r.run.get("parameters", {}) for r in reports]
    names = list(dict.fromkeys(k for v in values for k in v))
    return [k for k in names if k not in NOT_PARAMETERS
            and len({json.dumps(v.get(k), sort_keys=True, default=str) for v in values}) > 1]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    return "–" if value is None else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    return float(value) if isinstance(value, int | float) else None


def key_figure_tables(reports: list[Published]) -> tuple[Table, pd.DataFrame]:
    """The key figures side by side (formatted for the page), and the same numbers
    unrounded for the CSV file and the workbook."""
    notebook = reports[0].notebook
    tr = translator(domain_of(notebook))
    cols = {"figure": _("Hovedtall"), "unit": _("Enhet")}
    rows, raw = [], []
    first = reports[0]
    for figure, label, unit in labelled(notebook):
        row = {"figure": label, "unit": unit}
        raw_row = dict(row)
        for i, r in enumerate(reports):
            value = r.summary.get(figure.key)
            row[f"r{i}"] = shown(figure, value)
            raw_row[f"r{i}"] = _number(value)
            if i:
                a, b = _number(first.summary.get(figure.key)), _number(value)
                diff = None if a is None or b is None else b - a
                sign = "+" if diff and diff > 0 else ""
                row[f"d{i}"] = sign + shown(figure, diff) if diff is not None else "–"
                raw_row[f"d{i}"] = diff
        rows.append(row)
        raw.append(raw_row)
    for i, r in enumerate(reports):
        cols[f"r{i}"] = r.name(tr)
    for i, r in enumerate(reports[1:], start=1):
        cols[f"d{i}"] = _("Forskjell: {b} minus {a}").format(b=r.name(tr), a=first.name(tr))
    order = ["figure", "unit", *[f"r{i}" for i in range(len(reports))],
             *[f"d{i}" for i in range(1, len(reports))]]
    cols = {c: cols[c] for c in order}
    table = Table("hovedtall", _("Hovedtallene i rapportene side om side"),
                  pd.DataFrame(rows, columns=order), cols,
                  formats={c: "verbatim" for c in order[2:]},
                  note=_("Forskjellen er regnet fra den første rapporten. Tabellene i Excel "
                         "har tallene uten avrunding."))
    return table, pd.DataFrame(raw, columns=order)


def parameter_table(reports: list[Published]) -> Table:
    notebook = reports[0].notebook
    pfile = load_parameter_file(notebook)
    tr = translator(domain_of(notebook))
    rows = []
    for name in differing_parameters(reports):
        spec = pfile.parameters.get(name)
        row = {"parameter": tr(spec.label) if spec else name,
               "unit": tr(spec.unit) if spec and spec.unit else ""}
        for i, r in enumerate(reports):
            row[f"r{i}"] = _text(r.run.get("parameters", {}).get(name))
        rows.append(row)
    cols = {"parameter": _("Parameter"), "unit": _("Enhet"),
            **{f"r{i}": r.name(tr) for i, r in enumerate(reports)}}
    return Table("parametere", _("Parametere som er ulike i rapportene"),
                 pd.DataFrame(rows, columns=list(cols)), cols,
                 empty=_("Alle parametere er like i rapportene."))


def origin_table(reports: list[Published], code: str, out: Path) -> Table:
    tr = translator(domain_of(reports[0].notebook))
    rows = []
    for r in reports:
        started = str(r.run.get("started", ""))
        rows.append({
            "report": r.name(tr), "scenario": r.run.get("scenario", ""),
            "data_date": r.data_date(code),
            "built": f"{started[8:10]}.{started[5:7]}.{started[:4]} {started[11:16]}",
            "version": r.run.get("commit", ""),
            "overrides": ", ".join(f"{k} = {_text(v)}"
                                   for k, v in (r.run.get("overrides") or {}).items()) or "–",
        })
    cols = {"report": _("Rapport"), "scenario": _("Scenario"),
            "data_date": _("Datagrunnlagets dato"), "built": _("Bygget"),
            "version": _("Kodeversjon"), "overrides": _("Endret ved kjøringen (-p)")}
    return Table("rapportene", _("Rapportene som sammenlignes"),
                 pd.DataFrame(rows, columns=list(cols)), cols)


def write_comparison(reports: list[Published], out: Path,
                     languages: list[str] | None = None) -> list[Path]:
    """Write the comparison page and workbook in each language; return the pages."""
    if len(reports) < 2:
        raise TargetError("Compare at least two reports.")
    notebooks = {r.notebook for r in reports}
    if len(notebooks) > 1:
        raise TargetError("Only reports of the same notebook can be compared (their key "
                          f"figures differ); got {', '.join(sorted(notebooks))}.")
    languages = languages or list(LANGUAGES)
    now = datetime.now(OSLO)
    commit = code_version()
    pages = []
    for code in languages:
        with using_language(code):
            tr = translator(domain_of(reports[0].notebook))
            folder = language_dir(out, code)
            page = OverviewPage(folder)
            table, raw = key_figure_tables(reports)
            page.heading(_("Hovedtall"), "key-figures")
            page.show(table, data=raw, formats={c: "auto" for c in list(raw.columns)[2:]})
            page.heading(_("Parametere som er ulike"))
            page.show(parameter_table(reports))
            page.heading(_("Rapportene"))
            page.show(origin_table(reports, code, out))
            titles = [r.name(tr) for r in reports]
            dates = [r.data_date(code) for r in reports]
            info = PageInfo(
                title=_("Sammenligning: {title}").format(
                    title=tr(reports[0].run.get("title") or reports[0].notebook)),
                scenario="", scenario_title=" – ".join(titles),
                date=now.strftime("%d.%m.%Y kl. %H:%M"), commit=commit,
                summary=[_("Siden viser hovedtallene i {n} rapporter side om side, med "
                           "forskjellen fra den første («{first}»), parameterne som er "
                           "ulike og datagrunnlaget til hver rapport.").format(
                               n=len(reports), first=titles[0])],
                data_date=dates[0] if len(set(dates)) == 1 else "; ".join(
                    f"{t}: {d}" for t, d in zip(titles, dates, strict=True)),
                notebook=reports[0].notebook, language=code,
                other_languages=[(c, language_href(code, c)) for c in languages if c != code])
            pages.append(page.write(info))
    record = {"compared": [{"notebook": r.notebook, "scenario": r.run.get("scenario"),
                            "overrides": r.run.get("overrides") or {},
                            "started": r.run.get("started"), "commit": r.run.get("commit"),
                            "summary": r.summary} for r in reports],
              "built": now.isoformat(timespec="seconds"), "code_version": commit}
    (out / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    return pages
