"""``reports/index.html``: the latest good report of every scenario, failures, run history."""

from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.runner.deployment import package_version, publication
from analysis.runner.publish import FAILED
from analysis.runner.render import STYLESHEET
from analysis.scenarios import load_scenarios

HISTORY = 15  # runs shown in the history table


def _load(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def _records(reports: Path, pattern: str) -> list[dict]:
    out = []
    for path in sorted(reports.glob(pattern)):
        record = _load(path)
        if record is not None:
            record["_dir"] = path.parent.relative_to(reports).as_posix()
            out.append(record)
    return out


def _when(stamp: str) -> str:
    """ISO time stamp as Norwegian date and time: 23.11.2026 kl. 03:09."""
    if not stamp:
        return ""
    return f"{stamp[8:10]}.{stamp[5:7]}.{stamp[0:4]} kl. {stamp[11:16]}"


def _table(caption: str, headers: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    return (f'<div class="table-wrap"><table><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _scenario_order(record: dict) -> int:
    """Position of a report's scenario in its scenario file (the file's order is meaningful)."""
    try:
        names = list(load_scenarios(record["notebook"]).scenarios)
        return names.index(record["scenario"])
    except Exception:  # a notebook or scenario since removed: last
        return 10**6


def _report_list(reports: Path, published: list[dict]) -> str:
    """Published reports grouped by report, one link per scenario, named by its title."""
    esc = html.escape
    groups: dict[str, list[dict]] = {}
    for r in published:
        groups.setdefault(r.get("title") or r["notebook"], []).append(r)
    out = []
    for title, records in groups.items():
        items = []
        for r in sorted(records, key=_scenario_order):
            scenario = r.get("scenario_title") or r["scenario"]
            pdf = ""
            if (reports / r["_dir"] / "report.pdf").exists():
                pdf = (f' · <a href="{esc(r["_dir"])}/report.pdf">PDF<span class="visually-hidden">'
                       f" av «{esc(scenario)}»</span></a>")
            xlsx = ""
            if (reports / r["_dir"] / "tables.xlsx").exists():
                xlsx = (f' · <a href="{esc(r["_dir"])}/tables.xlsx">Tabeller i Excel'
                        f'<span class="visually-hidden"> for «{esc(scenario)}»</span></a>')
            items.append(
                f'<li><a href="{esc(r["_dir"])}/index.html">{esc(scenario)}</a> '
                f'<span class="built">(bygget {esc(_when(r["started"]))})</span>{pdf}{xlsx}</li>')
        out.append(f'<h3>{esc(title)}</h3><ul class="report-list">{"".join(items)}</ul>')
    return "".join(out) or "<p>Ingen rapporter er publisert ennå.</p>"


def write_index(reports: Path) -> Path:
    """(Re)write the index page from the report folders and the run manifests."""
    esc = html.escape
    # Only complete reports: never a hidden (staging, moved-aside) folder, never a link
    # to a page that is not there.
    pub = publication()
    published = [r for r in _records(reports, "*/*/run.json")
                 if not r["_dir"].startswith(FAILED + "/") and r.get("status") == "ok"
                 and not any(part.startswith(".") for part in r["_dir"].split("/"))
                 and (reports / r["_dir"] / "index.html").is_file()]
    failed = [r for r in _records(reports, f"{FAILED}/*/*/run.json")
              if not any(part.startswith(".") for part in r["_dir"].split("/"))]
    runs = [r for r in (_load(p) for p in sorted((reports / "runs").glob("*.json"))) if r]
    runs = runs[-HISTORY:][::-1]

    fail_rows = [
        f'<tr><th scope="row">{esc(r.get("title") or r["notebook"])}</th>'
        f'<td>{esc(r.get("scenario_title") or r["scenario"])}</td>'
        f'<td>{esc(_when(r["started"]))}</td>'
        f'<td class="status-failed">Feilet. Teknisk feilmelding: '
        f'<code lang="en">{esc(r.get("error", ""))}</code></td>'
        f'<td><a href="{esc(r["_dir"])}/{esc(r["notebook"])}.ipynb" download>'
        f'Logg for «{esc(r.get("scenario_title") or r["scenario"])}» (notatbok)</a>'
        "</td></tr>"
        for r in failed
    ]
    run_rows = []
    for r in runs:
        n_ok = sum(x["status"] == "ok" for x in r.get("reports", []))
        n_fail = len(r.get("reports", [])) - n_ok
        status = ('<span class="status-ok">OK</span>' if r.get("status") == "ok"
                  else f'<span class="status-failed">{n_fail} feilet</span>')
        when = _when(r["started"])
        run_rows.append(
            f'<tr><th scope="row">{esc(when)}</th>'
            f"<td>{n_ok}</td><td>{n_fail}</td><td>{len(r.get('skipped', []))}</td>"
            f"<td>{status}</td><td>{esc(r.get('code_version', ''))}</td>"
            f'<td><a href="runs/{esc(r["run_id"])}.json" type="application/json" download>'
            f"Maskinlesbar logg {esc(when)}</a></td></tr>"
        )
    sections = [
        "<h2>Publiserte rapporter</h2>",
        _report_list(reports, published),
    ]
    if fail_rows:
        sections += [
            "<h2>Feilede kjøringer</h2>",
            "<p>Den forrige publiserte rapporten for disse scenarioene er beholdt.</p>",
            _table("Siste feilede kjøring per scenario",
                   ["Rapport", "Scenario", "Kjørt", "Feil", "Logg"], fail_rows),
        ]
    if run_rows:
        caption = ("Siste kjøring" if len(run_rows) == 1
                   else f"De {len(run_rows)} siste kjøringene")
        sections += [
            "<h2>Tidligere kjøringer</h2>",
            "<p>Loggene er data for maskinlesing og lastes ned som filer.</p>",
            _table(caption,
                   ["Startet", "Bygget", "Feilet", "Hoppet over (uendret)", "Status",
                    "Kodeversjon", "Logg"], run_rows),
        ]
    contact = esc(pub.contact)
    page = f"""<!DOCTYPE html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporter – {esc(pub.owner)}</title><style>{STYLESHEET}</style></head>
<body>
<a class="skip-link" href="#innhold">Gå til innholdet</a>
<header class="report-header"><h1>Rapporter</h1>
<p>{esc(pub.purpose)}</p>
<dl class="meta"><div><dt>Eier</dt><dd>{esc(pub.owner)}</dd></div>
<div><dt>Kontakt</dt><dd><a href="mailto:{contact}">{contact}</a></dd></div>
<div><dt>Versjon</dt><dd>{esc(package_version())}</dd></div></dl>
</header>
<main id="innhold" tabindex="-1">
{''.join(sections)}
</main>
<footer class="report-footer"><p>{esc(pub.owner)} · Kontakt:
<a href="mailto:{contact}">{contact}</a></p></footer>
</body>
</html>
"""
    path = reports / "index.html"
    reports.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
