"""Render an executed notebook to a self-contained, code-free Norwegian HTML report.

Rendering happens in-process with nbconvert's ``basic`` template (body only, no scripts),
wrapped in our own page: ``<html lang="nb">`` (or ``nn``: the page's language), inline
stylesheet (screen and A4 print), a skip link, and a first screen that fits 1280 × 800
(docs/report-layout.md):

1. title, the scenario in words, the notices (illustrative or synthetic data, …);
2. a summary of three to five lines in plain Norwegian (``Report.summary_text``);
3. owner and contact (the deployment's ``deploy/publication.yaml``), the date of the
   data (``Report.data_date``), build time and version (package version and commit);
4. the key figures: the section whose heading cell is tagged ``key-figures`` is moved
   right below the header.

The findings follow in notebook order; sections whose heading cell is tagged ``appendix``
are moved last, under one «Vedlegg» heading, with the data sources and a glossary of the
terms the page uses. Sections are found by these cell tags (stable ids), never by the
heading's words, so rewording or translating a heading leaves the layout as it is. A
footer repeats owner, contact and version. Nothing is fetched from the network: images are
embedded as data URIs.

The page is written in the current report language (:mod:`analysis.i18n`): the frame's
words through the ``common`` catalog, the notebook's markdown cells through the catalog of
the notebook's family (each paragraph of a cell is one message). A page built together with another
language links to it (``hreflang``).
"""

from __future__ import annotations

import copy
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from analysis.i18n import LANGUAGE_LINKS, LANGUAGE_NAMES, domain_of, language, translator
from analysis.i18n.extractors import translate_markdown_text
from analysis.presentation.glossary import glossary_for
from analysis.presentation.report import PAGE_FILE
from analysis.runner.deployment import contact_html, package_version, publication
from analysis.runner.style import STYLESHEET

_ = translator("common")
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell"}
#: A heading's «Vedlegg: » prefix, dropped from the heading inside the appendix.
APPENDIX_PREFIX = re.compile(r"^vedlegg\s*[:–-]\s*", re.I)
#: The tags of a section's heading cell that place it: first (key figures) or last.
KEY_TAG, APPENDIX_TAG = "key-figures", "appendix"
_PLACEMENT_CLASS = re.compile(rf" celltag_(?:{KEY_TAG}|{APPENDIX_TAG})(?=[\s\"])")
_H2_MD = re.compile(r"^##(?!#)\s*(.+?)\s*#*\s*$", re.M)
_H2_HTML = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S | re.I)


@dataclass
class PageInfo:
    """What the report's first screen, footer and appendix say."""

    title: str
    scenario: str
    scenario_title: str
    date: str  # when the report was built
    commit: str
    sources: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. "built on synthetic data"
    summary: list[str] = field(default_factory=list)  # 3–5 lines in plain Norwegian
    data_date: str = ""  # the date of the data, which is not the build time
    owner: str = field(default_factory=lambda: publication().owner)
    contact: str = field(default_factory=lambda: publication().contact)
    version: str = field(default_factory=package_version)
    notebook: str = ""  # whose catalog domain translates the markdown cells
    language: str = field(default_factory=language)  # the page's language
    other_languages: list[tuple[str, str]] = field(default_factory=list)  # (code, href)
    workbook: bool = False  # the page has its tables.xlsx beside it
    pdf: bool = False  # the page is also printed to report.pdf

    @property
    def version_text(self) -> str:
        """«0.1.0 (kode 74f1e9c4804b)»; a build from uncommitted code says so in Norwegian."""
        if not self.commit:
            return self.version
        commit = self.commit.removesuffix("-dirty")
        if self.commit.endswith("-dirty"):
            return _("{version} (kode {commit} med lokale endringer)").format(
                version=self.version, commit=commit)
        return _("{version} (kode {commit})").format(version=self.version, commit=commit)


def read_page_file(info: PageInfo, folder: Path) -> PageInfo:
    """Add what the notebook recorded in ``page.json`` (summary, data date) to ``info``."""
    path = folder / PAGE_FILE
    if path.exists():
        page = json.loads(path.read_text(encoding="utf-8"))
        info.summary = list(page.get("summary") or info.summary)
        info.data_date = page.get("data_date") or info.data_date
        info.scenario_title = page.get("scenario_title") or info.scenario_title  # own data
    return info


def translate_markdown(cells: list, domain: str) -> list:
    """Copies of ``cells`` with each markdown cell's text in the current language (each
    paragraph is one message of the notebook's catalog ``domain``)."""
    tr = translator(domain)
    out = []
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            cell = copy.deepcopy(cell)
            cell.source = translate_markdown_text(cell.source, tr)
        out.append(cell)
    return out


def _without_noise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop stderr streams (warnings, progress bars): they are for the analyst's log."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return nb


def _heading(cell) -> str | None:
    """The text of the level-2 heading a cell starts a section with, if any."""
    if "parameters" in cell.metadata.get("tags", []):
        return None
    if cell.cell_type == "markdown":
        m = _H2_MD.search(cell.source)
        return m.group(1) if m else None
    if cell.cell_type == "code":
        for out in cell.get("outputs", []):
            m = _H2_HTML.search(out.get("data", {}).get("text/html", "") or "")
            if m:
                return re.sub(r"<[^>]+>", "", m.group(1))
    return None


def _kind(tags: list[str]) -> str:
    if KEY_TAG in tags:
        return "key"
    if APPENDIX_TAG in tags:
        return "appendix"
    return "main"


def split_sections(nb: nbformat.NotebookNode) -> dict[str, list]:
    """The notebook's cells as key-figure, main and appendix cells, each in notebook order.

    A section starts at a cell with a level-2 heading and runs to the next one; cells
    before the first heading belong to the main part. Where a section goes is read from
    its heading cell's tags (``key-figures``, ``appendix``), not from the heading's text.
    """
    parts: dict[str, list] = {"key": [], "main": [], "appendix": []}
    kind = "main"
    for cell in nb.cells:
        heading = _heading(cell)
        if heading is not None:
            kind = _kind(cell.metadata.get("tags", []))
        parts[kind].append(cell)
    return parts


def _export(nb: nbformat.NotebookNode, cells: list) -> str:
    if not cells:
        return ""
    part = copy.copy(nb)
    part.cells = cells
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    tags = TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True)
    exporter.register_preprocessor(tags, enabled=True)
    body, _resources = exporter.from_notebook_node(_without_noise(part))
    # A report has no scripts of its own; anything an output smuggles in is removed.
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)
    # the placement tags are read by the renderer, not classes of the page
    return _PLACEMENT_CLASS.sub("", body)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9æøå]+", "-", text.lower()).strip("-") or "del"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _anchor_headings(body: str, level: int, taken: set[str]) -> tuple[str, list]:
    """Give every heading of ``level`` an id; return the body and (id, text) pairs."""
    items: list[tuple[str, str]] = []

    def anchor(m: re.Match) -> str:
        inner = APPENDIX_PREFIX.sub("", m.group(2).strip())
        text = re.sub(r"<[^>]+>", "", inner).strip()
        slug = _slug(text, taken)
        items.append((slug, text))
        return f'<h{level} id="{slug}">{inner}</h{level}>'

    body = re.sub(rf"<h{level}(\s[^>]*)?>(.*?)</h{level}>", anchor, body, flags=re.S)
    return body, items


def _demote(body: str) -> str:
    """Headings one level down (h2 → h3 …), for sections inside the appendix."""
    return re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}",
                  body)


def _toc(items: list[tuple[str, str]]) -> str:
    if not items:
        return ""
    links = "".join(f'<li><a href="#{s}">{html.escape(t)}</a></li>' for s, t in items)
    title = _("Innhold")
    return (f'<nav class="toc" aria-labelledby="innhold-tittel">'
            f'<h2 class="toc-title" id="innhold-tittel">{title}</h2>'
            f"<ol>{links}</ol></nav>")


def _text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def default_summary(info: PageInfo) -> list[str]:
    """The first-screen summary when the notebook gave none: what the page is, in words."""
    return [_("Rapporten viser «{title}» for scenarioet «{scenario}». Hovedtallene står "
              "rett under, og metode, parametere og kilder står i vedlegget til slutt."
              ).format(title=info.title, scenario=info.scenario_title)]


def data_date_text(info: PageInfo) -> str:
    """The data's date as given by the notebook, else the date of the newest cited source.

    >>> data_date_text(PageInfo("T", "s", "S", "d", "c", sources=["Brev 19.08.2020",
    ...     "Brev 19.11.2020", "Brev 04.01.2020"], owner="o", contact="c", version="1"))
    '19.11.2020 (nyeste kilde)'
    """
    if info.data_date:
        return info.data_date
    dates = [(int(y), int(m), int(d)) for d, m, y in
             re.findall(r"\b(\d{2})\.(\d{2})\.(\d{4})\b", " ".join(info.sources))]
    if not dates:
        return _("ikke oppgitt")
    y, m, d = max(dates)
    return _("{date} (nyeste kilde)").format(date=f"{d:02d}.{m:02d}.{y}")


def _header(info: PageInfo) -> str:
    esc = html.escape
    notices = "".join(f'<p class="notice"><strong>{esc(n)}</strong></p>' for n in info.notices)
    summary = "".join(f"<p>{esc(s)}</p>" for s in (info.summary or default_summary(info)))
    meta = [
        (_("Eier"), esc(info.owner)),
        (_("Kontakt"), contact_html(info.contact)),
        (_("Datagrunnlagets dato"), esc(data_date_text(info))),
        (_("Bygget"), esc(info.date)),
        (_("Versjon"), esc(info.version_text)),
    ]
    # A deployment without an owner or contact shows no such line (never a placeholder).
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in meta if v)
    scenario, summary_title = _("Scenario:"), _("Sammendrag")
    return f"""<header class="report-header">
<h1>{esc(info.title)}</h1>
<p class="scenario"><span class="label">{scenario}</span> {esc(info.scenario_title)}</p>
{language_links(info)}
{notices}
<section class="summary" aria-labelledby="sammendrag">
<h2 id="sammendrag" class="summary-title">{summary_title}</h2>
{summary}
</section>
<dl class="meta">{items}</dl>
{downloads(info)}
</header>"""


def downloads(info: PageInfo) -> str:
    """The links to the page's workbook and PDF, near the top (not printed)."""
    esc = html.escape
    links = []
    workbook, pdf = _("Alle tabellene i Excel"), _("Rapporten som PDF")
    if info.workbook:
        links.append(f'<a href="tables.xlsx">{esc(workbook)}</a>')
    if info.pdf:
        links.append(f'<a href="report.pdf">{esc(pdf)}</a>')
    if not links:
        return ""
    return f'<p class="downloads">{" · ".join(links)}</p>'


def language_links(info: PageInfo) -> str:
    """Links to the same report in the other languages built with this page, each in its
    own language (empty when the page was built alone)."""
    links = []
    for code, href in info.other_languages:
        with _in(code):
            text = _(LANGUAGE_LINKS.get(code, LANGUAGE_NAMES.get(code, code)))
        links.append(f'<a href="{html.escape(href)}" hreflang="{code}" lang="{code}">'
                     f"{html.escape(text)}</a>")
    if not links:
        return ""
    return f'<p class="other-language">{" · ".join(links)}</p>'


def _in(code: str):
    from analysis.i18n import using_language

    return using_language(code)


def _footer(info: PageInfo) -> str:
    esc = html.escape
    contact, version = _("Kontakt:"), _("Versjon")
    parts = [esc(info.owner)] if info.owner else []
    if info.contact:
        parts.append(f"{contact} {contact_html(info.contact)}")
    parts.append(f"{version} {esc(info.version_text)}")
    return f'<footer class="report-footer"><p>{" · ".join(parts)}</p></footer>'



def _appendix(body: str, info: PageInfo, page_text: str, taken: set[str]) -> tuple[str, list]:
    """The appendix: moved sections, the data sources and the glossary."""
    esc = html.escape
    parts = [_demote(body)] if body else []
    if info.sources:
        items = "".join(f"<li>{esc(s)}</li>" for s in info.sources)
        title = _("Datakilder")
        parts.append(f'<h3>{title}</h3><ul class="sources">{items}</ul>')
    terms = glossary_for(page_text)
    if terms:
        rows = "".join(f"<dt>{esc(t)}</dt><dd>{esc(d)}</dd>" for t, d in terms)
        title = _("Ordforklaringer")
        parts.append(f'<h3>{title}</h3><dl class="glossary">{rows}</dl>')
    if not parts:
        return "", []
    inner, items = _anchor_headings("".join(parts), 3, taken)
    title = _("Vedlegg")
    slug = _slug(title, taken)
    return (f'<section class="appendix" aria-labelledby="{slug}">'
            f'<h2 id="{slug}">{title}</h2>{inner}</section>', [(slug, title)])


def render_html(nb: nbformat.NotebookNode, info: PageInfo) -> str:
    """The complete HTML page of an executed notebook."""
    parts = split_sections(nb)  # by the heading cells' tags
    domain = domain_of(info.notebook)
    parts = {kind: translate_markdown(cells, domain) for kind, cells in parts.items()}
    taken = {"sammendrag", "innhold", "innhold-tittel"}
    key, key_items = _anchor_headings(_export(nb, parts["key"]), 2, taken)
    main, main_items = _anchor_headings(_export(nb, parts["main"]), 2, taken)
    appendix_body = _export(nb, parts["appendix"])
    page_text = _text_of(key + main + appendix_body + " ".join(info.summary))
    appendix, appendix_items = _appendix(appendix_body, info, page_text, taken)
    toc = _toc(key_items + main_items + appendix_items)
    key_block = f'<div class="key-figures">{key}</div>' if key else ""
    esc = html.escape
    skip = _("Gå til innholdet")
    return f"""<!DOCTYPE html>
<html lang="{esc(info.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(info.title)} – {esc(info.scenario_title)}</title>
<style>
{STYLESHEET}
</style>
</head>
<body>
<a class="skip-link" href="#innhold">{skip}</a>
{_header(info)}
<main id="innhold" tabindex="-1">
{key_block}
{toc}
{main}
{appendix}
</main>
{_footer(info)}
</body>
</html>
"""
