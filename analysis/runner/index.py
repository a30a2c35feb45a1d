"""``reports/index.html``: the latest good report of every scenario, failures, run history."""

from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.runner.publish import FAILED
from analysis.runner.render import STYLESHEET

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


def write_index(reports: Path) -> Path:
    """(Re)write the index page from the report folders and the run manifests."""
    esc = html.escape
    # Only complete reports: never a hidden (staging, moved-aside) folder, never a link
    # to a page that is not there.
    published = [r for r in _records(reports, "*/*/run.json")
                 if not r["_dir"].startswith(FAILED + "/") and r.get("status") == "ok"
                 and not any(part.startswith(".") for part in r["_dir"].split("/"))
                 and (reports / r["_dir"] / "index.html").is_file()]
    failed = [r for r in _records(reports, f"{FAILED}/*/*/run.json")
              if not any(part.startswith(".") for part in r["_dir"].split("/"))]
    runs = [r for r in (_load(p) for p in sorted((reports / "runs").glob("*.json"))) if r]
    runs = runs[-HISTORY:][::-1]

    rows = [
        f'<tr><th scope="row"><a href="{esc(r["_dir"])}/index.html">'
        f'{esc(r.get("title") or r["notebook"])}</a></th>'
        f'<td>{esc(r.get("scenario_title") or r["scenario"])} (<code>{esc(r["scenario"])}'
        f'</code>)</td><td>{esc(_when(r["started"]))}</td>'
        f'<td class="status-ok">Publisert</td><td><code>{esc(r.get("commit", ""))}</code>'
        + (f' · <a href="{esc(r["_dir"])}/report.pdf">PDF</a>'
           if (reports / r["_dir"] / "report.pdf").exists() else "")
        + "</td></tr>"
        for r in published
    ]
    fail_rows = [
        f'<tr><th scope="row">{esc(r.get("title") or r["notebook"])}</th>'
        f'<td><code>{esc(r["notebook"])}/{esc(r["scenario"])}</code></td>'
        f'<td>{esc(_when(r["started"]))}</td>'
        f'<td class="status-failed">Feilet: {esc(r.get("error", ""))}</td>'
        f'<td><a href="{esc(r["_dir"])}/{esc(r["notebook"])}.ipynb">Kjørt notatbok (logg)</a>'
        "</td></tr>"
        for r in failed
    ]
    run_rows = []
    for r in runs:
        n_ok = sum(x["status"] == "ok" for x in r.get("reports", []))
        n_fail = len(r.get("reports", [])) - n_ok
        status = ('<span class="status-ok">OK</span>' if r.get("status") == "ok"
                  else f'<span class="status-failed">{n_fail} feilet</span>')
        run_rows.append(
            f'<tr><th scope="row">{esc(_when(r["started"]))}</th>'
            f"<td>{n_ok}</td><td>{n_fail}</td><td>{len(r.get('skipped', []))}</td>"
            f"<td>{status}</td><td><code>{esc(r.get('code_version', ''))}</code></td>"
            f'<td><a href="runs/{esc(r["run_id"])}.json">Manifest</a></td></tr>'
        )
    sections = [
        "<h2>Publiserte rapporter</h2>",
        _table("Siste vellykkede rapport for hvert scenario",
               ["Rapport", "Scenario", "Bygget", "Status", "Kodeversjon"], rows),
    ]
    if fail_rows:
        sections += [
            "<h2>Feilede kjøringer</h2>",
            "<p>Den forrige publiserte rapporten for disse scenarioene er beholdt.</p>",
            _table("Siste feilede kjøring per scenario",
                   ["Rapport", "Scenario", "Kjørt", "Feil", "Logg"], fail_rows),
        ]
    if run_rows:
        sections += [
            "<h2>Kjørehistorikk</h2>",
            _table(f"De siste {len(run_rows)} kjøringene",
                   ["Startet", "Bygget", "Feilet", "Hoppet over (uendret)", "Status",
                    "Kodeversjon", "Detaljer"], run_rows),
        ]
    page = f"""<!DOCTYPE html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporter</title><style>{STYLESHEET}</style></head>
<body>
<header class="report-header"><h1>Rapporter</h1></header>
<main>
{''.join(sections)}
</main>
</body>
</html>
"""
    path = reports / "index.html"
    reports.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
