"""Render an executed notebook to a self-contained, code-free Norwegian HTML report.

Rendering happens in-process with nbconvert's ``basic`` template (body only, no scripts),
wrapped in our own page: ``<html lang="nb">``, inline stylesheet (screen and A4 print), a
first screen with title, scenario, date, code version and data sources, and a short table
of contents. Nothing is fetched from the network: images are embedded as data URIs.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell"}
STYLESHEET = (Path(__file__).parent / "report.css").read_text(encoding="utf-8")


@dataclass
class PageInfo:
    """What the report's first screen says."""

    title: str
    scenario: str
    scenario_title: str
    date: str
    commit: str
    sources: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. "built on synthetic data"


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


def _body(nb: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    tags = TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True)
    exporter.register_preprocessor(tags, enabled=True)
    body, _ = exporter.from_notebook_node(_without_noise(nb))
    # A report has no scripts of its own; anything an output smuggles in is removed.
    return re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9æøå]+", "-", text.lower()).strip("-") or "del"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _with_toc(body: str) -> tuple[str, str]:
    """Give every ``<h2>`` an id and return (body, table of contents)."""
    taken: set[str] = set()
    items: list[tuple[str, str]] = []

    def anchor(m: re.Match) -> str:
        text = re.sub(r"<[^>]+>", "", m.group(2)).strip()
        slug = _slug(text, taken)
        items.append((slug, text))
        return f'<h2 id="{slug}">{m.group(2)}</h2>'

    body = re.sub(r"<h2(\s[^>]*)?>(.*?)</h2>", anchor, body, flags=re.S)
    if not items:
        return body, ""
    links = "".join(f'<li><a href="#{s}">{html.escape(t)}</a></li>' for s, t in items)
    toc = (f'<nav class="toc" aria-label="Innhold"><h2 class="toc-title">Innhold</h2>'
           f"<ol>{links}</ol></nav>")
    return body, toc


def render_html(nb: nbformat.NotebookNode, info: PageInfo) -> str:
    """The complete HTML page of an executed notebook."""
    body, toc = _with_toc(_body(nb))
    esc = html.escape
    sources = "".join(f"<li>{esc(s)}</li>" for s in info.sources)
    notices = "".join(f'<p class="notice"><strong>{esc(n)}</strong></p>' for n in info.notices)
    return f"""<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(info.title)} – {esc(info.scenario_title)}</title>
<style>
{STYLESHEET}
</style>
</head>
<body>
<header class="report-header">
<h1>{esc(info.title)}</h1>
<dl class="meta">
<dt>Scenario</dt><dd>{esc(info.scenario_title)} (<code>{esc(info.scenario)}</code>)</dd>
<dt>Dato</dt><dd>{esc(info.date)}</dd>
<dt>Kodeversjon</dt><dd><code>{esc(info.commit)}</code></dd>
<dt>Datakilder</dt><dd><ul class="sources">{sources}</ul></dd>
</dl>
{notices}
</header>
<main>
{toc}
{body}
</main>
</body>
</html>
"""
