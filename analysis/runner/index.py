"""``reports/index.html``: the latest good report of every scenario, failures, run history.

The index is written once per report language (through the ``common`` catalog):
``index.html`` in bokmål, ``index-nn.html`` in nynorsk, each linking to the other. Each
report is listed once, with a link to every language it was published in (a page in
another language than the index marked with ``lang``).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from analysis.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_LINKS,
    LANGUAGES,
    domain_of,
    language,
    translator,
    using_language,
)
from analysis.runner.deployment import contact_html, package_version, publication
from analysis.runner.publish import FAILED, language_dir
from analysis.runner.style import STYLESHEET
from analysis.scenarios import load_scenarios

HISTORY = 15  # runs shown in the history table
_ = translator("common")


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
    return _("{date} kl. {time}").format(date=f"{stamp[8:10]}.{stamp[5:7]}.{stamp[0:4]}",
                                         time=stamp[11:16])


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


def published_languages(reports: Path, record: dict) -> list[str]:
    """The languages whose page a published report folder holds, default language first."""
    folder = reports / record["_dir"]
    return [code for code in LANGUAGES
            if (language_dir(folder, code) / "index.html").is_file()]


def _in_language(record: dict, code: str, text: str) -> str:
    """A title from the report's own files (bokmål) in language ``code``."""
    with using_language(code):
        return translator(domain_of(record["notebook"]))(text)


def index_file(code: str) -> str:
    """The index page's file name in language ``code``: ``index.html``, ``index-nn.html``."""
    return "index.html" if code == DEFAULT_LANGUAGE else f"index-{code}.html"


def _language_item(reports: Path, r: dict, code: str, scenario: str) -> str:
    """The links to one language's page, PDF and workbook of a report."""
    esc = html.escape
    folder = language_dir(Path(r["_dir"]), code).as_posix()
    own = code == language()
    attrs = "" if own else f' hreflang="{code}" lang="{code}"'
    with using_language(code):
        if own:
            built = _("bygget {when}").format(when=_when(r["started"]))
            page = (f'<a href="{esc(folder)}/index.html">{esc(scenario)}</a> '
                    f'<span class="built">({esc(built)})</span>')
        else:
            read = _(LANGUAGE_LINKS.get(code, code))
            page = (f'<a href="{esc(folder)}/index.html"{attrs}>{esc(read)}'
                    f'<span class="visually-hidden">: «{esc(scenario)}»</span></a>')
        extra = ""
        if (reports / folder / "report.pdf").exists():
            of = _("av «{title}»").format(title=scenario)
            extra += (f' · <a href="{esc(folder)}/report.pdf"{attrs}>PDF<span '
                      f'class="visually-hidden"> {esc(of)}</span></a>')
        if (reports / folder / "tables.xlsx").exists():
            excel, of = _("Tabeller i Excel"), _("for «{title}»").format(title=scenario)
            extra += (f' · <a href="{esc(folder)}/tables.xlsx"{attrs}>{esc(excel)}'
                      f'<span class="visually-hidden"> {esc(of)}</span></a>')
    return page + extra


def check_text(record: dict) -> str:
    """The outcome of the run's check against its scenario's expected figures (``run
    --check``), or nothing when the scenario expects nothing."""
    checks = record.get("checks") or []
    if not checks:
        return ""
    failed = [c["key"] for c in checks if not c["ok"]]
    if not failed:
        text = _("kontroll: alle {n} forventede tall stemmer").format(n=len(checks))
        return f' · <span class="status-ok">{html.escape(text)}</span>'
    text = _("kontroll: {n} av {total} forventede tall avviker ({keys})").format(
        n=len(failed), total=len(checks), keys=", ".join(failed))
    return f' · <span class="status-failed">{html.escape(text)}</span>'


def _still_scheduled(record: dict) -> bool:
    """Whether the report's notebook and scenario still exist (a deleted scenario's
    report leaves the index; its folder is kept)."""
    try:
        return record["scenario"] in load_scenarios(record["notebook"]).scenarios
    except Exception:  # noqa: BLE001 - a notebook removed, or a scenario file now broken
        return False


def _report_list(reports: Path, published: list[dict]) -> str:
    """Published reports grouped by report, one line per scenario, named by its title,
    with a link to each language the scenario was published in."""
    esc = html.escape
    groups: dict[str, list[dict]] = {}
    for r in published:
        groups.setdefault(r.get("title") or r["notebook"], []).append(r)
    out = []
    page_language = language()
    for title, records in groups.items():
        items = []
        for r in sorted(records, key=_scenario_order):
            parts = []
            codes = published_languages(reports, r)
            for code in sorted(codes, key=lambda c: c != page_language):
                scenario = _in_language(r, code, r.get("scenario_title") or r["scenario"])
                parts.append(_language_item(reports, r, code, scenario))
            items.append(f"<li>{' · '.join(parts)}{check_text(r)}</li>")
        out.append(f'<h3>{esc(_in_language(records[0], page_language, title))}</h3>'
                   f'<ul class="report-list">{"".join(items)}</ul>')
    none = _("Ingen rapporter er publisert ennå.")
    return "".join(out) or f"<p>{none}</p>"


def write_index(reports: Path) -> Path:
    """(Re)write the index pages, one per language, from the report folders and the run
    manifests; returns the default language's page."""
    for code in reversed(LANGUAGES):  # the default language's page last: it is returned
        with using_language(code):
            path = _write_index(reports)
    return path


def _other_index_links() -> str:
    links = []
    for code in LANGUAGES:
        if code == language():
            continue
        with using_language(code):
            text = _(LANGUAGE_LINKS.get(code, code))
        links.append(f'<a href="{index_file(code)}" hreflang="{code}" lang="{code}">'
                     f"{html.escape(text)}</a>")
    return f'<p class="other-language">{" · ".join(links)}</p>' if links else ""


def _write_index(reports: Path) -> Path:
    esc = html.escape
    # Only complete reports: never a hidden (staging, moved-aside) folder, never a link
    # to a page that is not there.
    pub = publication()
    published = [r for r in _records(reports, "*/*/run.json")
                 if not r["_dir"].startswith(FAILED + "/") and r.get("status") == "ok"
                 and not any(part.startswith(".") for part in r["_dir"].split("/"))
                 and published_languages(reports, r) and _still_scheduled(r)]
    failed = [r for r in _records(reports, f"{FAILED}/*/*/run.json")
              if not any(part.startswith(".") for part in r["_dir"].split("/"))]
    runs = [r for r in (_load(p) for p in sorted((reports / "runs").glob("*.json"))) if r]
    runs = runs[-HISTORY:][::-1]

    fail_rows = []
    for r in failed:
        title = _in_language(r, language(), r.get("title") or r["notebook"])
        scenario = _in_language(r, language(), r.get("scenario_title") or r["scenario"])
        log = _("Logg for «{scenario}» (notatbok)").format(scenario=scenario)
        failed_text = _("Feilet. Teknisk feilmelding:")
        fail_rows.append(
            f'<tr><th scope="row">{esc(title)}</th><td>{esc(scenario)}</td>'
            f'<td>{esc(_when(r["started"]))}</td>'
            f'<td class="status-failed">{esc(failed_text)} '
            f'<code lang="en">{esc(r.get("error", ""))}</code></td>'
            f'<td><a href="{esc(r["_dir"])}/{esc(r["notebook"])}.ipynb" download>'
            f"{esc(log)}</a></td></tr>")
    run_rows = []
    for r in runs:
        n_ok = sum(x["status"] == "ok" for x in r.get("reports", []))
        n_fail = len(r.get("reports", [])) - n_ok
        failed_text = esc(_("{n} feilet").format(n=n_fail))
        status = ('<span class="status-ok">OK</span>' if r.get("status") == "ok"
                  else f'<span class="status-failed">{failed_text}</span>')
        when = _when(r["started"])
        log = _("Maskinlesbar logg {when}").format(when=when)
        run_rows.append(
            f'<tr><th scope="row">{esc(when)}</th>'
            f"<td>{n_ok}</td><td>{n_fail}</td><td>{len(r.get('skipped', []))}</td>"
            f"<td>{status}</td><td>{esc(r.get('code_version', ''))}</td>"
            f'<td><a href="runs/{esc(r["run_id"])}.json" type="application/json" download>'
            f"{esc(log)}</a></td></tr>"
        )
    h_published, h_failed, h_history = (_("Publiserte rapporter"), _("Feilede kjøringer"),
                                        _("Tidligere kjøringer"))
    kept = _("Den forrige publiserte rapporten for disse scenarioene er beholdt.")
    logs = _("Loggene er data for maskinlesing og lastes ned som filer.")
    sections = [
        f"<h2>{h_published}</h2>",
        _report_list(reports, published),
    ]
    if fail_rows:
        sections += [
            f"<h2>{h_failed}</h2>",
            f"<p>{kept}</p>",
            _table(_("Siste feilede kjøring per scenario"),
                   [_("Rapport"), _("Scenario"), _("Kjørt"), _("Feil"), _("Logg")], fail_rows),
        ]
    if run_rows:
        caption = (_("Siste kjøring") if len(run_rows) == 1
                   else _("De {n} siste kjøringene").format(n=len(run_rows)))
        sections += [
            f"<h2>{h_history}</h2>",
            f"<p>{logs}</p>",
            _table(caption,
                   [_("Startet"), _("Bygget"), _("Feilet"), _("Hoppet over (uendret)"),
                    _("Status"), _("Kodeversjon"), _("Logg")], run_rows),
        ]
    w = {"reports": _("Rapporter"), "skip": _("Gå til innholdet"), "owner": _("Eier"),
         "contact": _("Kontakt"), "version": _("Versjon"), "contact_colon": _("Kontakt:")}
    # No owner or contact configured: no such line (a run warns), never a placeholder.
    meta = [(w["owner"], esc(pub.owner)), (w["contact"], contact_html(pub.contact)),
            (w["version"], esc(package_version()))]
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in meta if v)
    footer = [esc(pub.owner)] if pub.owner else []
    if pub.contact:
        footer.append(f'{w["contact_colon"]} {contact_html(pub.contact)}')
    title = " – ".join([w["reports"], *([esc(pub.owner)] if pub.owner else [])])
    page = f"""<!DOCTYPE html>
<html lang="{language()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{STYLESHEET}</style></head>
<body>
<a class="skip-link" href="#innhold">{w["skip"]}</a>
<header class="report-header"><h1>{w["reports"]}</h1>
{_other_index_links()}
<p>{esc(pub.purpose)}</p>
<dl class="meta">{items}</dl>
</header>
<main id="innhold" tabindex="-1">
{''.join(sections)}
</main>
<footer class="report-footer"><p>{" · ".join(footer) or esc(package_version())}</p></footer>
</body>
</html>
"""
    path = reports / index_file(language())
    reports.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
