"""``reports/index.html``: every published report with its scenario, date and status."""

from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.runner.publish import FAILED
from analysis.runner.render import STYLESHEET


def _records(reports: Path, pattern: str) -> list[dict]:
    out = []
    for path in sorted(reports.glob(pattern)):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        record["_dir"] = path.parent.relative_to(reports).as_posix()
        out.append(record)
    return out


def write_index(reports: Path) -> Path:
    """(Re)write the index page from the ``run.json`` of every report folder."""
    esc = html.escape
    published = _records(reports, "*/*/run.json")
    published = [r for r in published if not r["_dir"].startswith(FAILED + "/")]
    failed = _records(reports, f"{FAILED}/*/*/run.json")
    rows = []
    for r in published:
        rows.append(
            f'<tr><th scope="row"><a href="{esc(r["_dir"])}/index.html">{esc(r["notebook"])}</a>'
            f'</th><td>{esc(r["scenario"])}</td><td>{esc(r["started"][:16].replace("T", " "))}'
            f'</td><td class="status-ok">Publisert</td><td><code>{esc(r.get("commit", ""))}'
            f"</code></td></tr>"
        )
    fail_rows = []
    for r in failed:
        nb_file = f'{r["_dir"]}/{r["notebook"]}.ipynb'
        fail_rows.append(
            f'<tr><th scope="row">{esc(r["notebook"])}</th><td>{esc(r["scenario"])}</td>'
            f'<td>{esc(r["started"][:16].replace("T", " "))}</td>'
            f'<td class="status-failed">Feilet: {esc(r.get("error", ""))}</td>'
            f'<td><a href="{esc(nb_file)}">Kjørt notatbok</a></td></tr>'
        )
    head = ('<thead><tr><th scope="col">Rapport</th><th scope="col">Scenario</th>'
            '<th scope="col">Kjørt</th><th scope="col">Status</th><th scope="col">{}</th>'
            "</tr></thead>")
    failed_html = (
        "<h2>Feilede kjøringer</h2><p>Den forrige publiserte rapporten for disse scenarioene "
        "er beholdt.</p><div class=\"table-wrap\"><table><caption>Siste feilede kjøring per "
        f"scenario</caption>{head.format('Logg')}<tbody>{''.join(fail_rows)}</tbody></table>"
        "</div>"
        if fail_rows else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="nb">
<head><meta charset="utf-8"><title>Rapporter</title><style>{STYLESHEET}</style></head>
<body>
<header class="report-header"><h1>Rapporter</h1></header>
<main>
<h2>Publiserte rapporter</h2>
<div class="table-wrap"><table><caption>Alle publiserte rapporter</caption>
{head.format('Kodeversjon')}<tbody>{''.join(rows)}</tbody></table></div>
{failed_html}
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
