"""The HTML page around an executed notebook: first screen, order of sections, footer."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd

from analysis.presentation.report import PAGE_FILE, Figure, Report, Table, figure_html, table_html
from analysis.runner.render import PageInfo, read_page_file, render_html, split_sections


def notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("team_size: int = 5  # members")
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("team_size = 7")
    injected.metadata["tags"] = ["injected-parameters"]
    shown = nbformat.v4.new_code_cell("secret_code_line()")
    shown.outputs = [
        nbformat.v4.new_output("display_data", {"text/html": "<p>RESULTAT</p>"}),
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: noise"),
    ]
    key = nbformat.v4.new_code_cell("key()")
    key.outputs = [nbformat.v4.new_output("display_data", {"text/html": "<p>NØKKELTALL</p>"})]
    method = heading("## Vedlegg: Metode\n\nP10 og P90 er METODETEKST.", "appendix")
    nb.cells = [nbformat.v4.new_markdown_cell("## Første del"), params, injected, shown,
                heading("## Kilder og forutsetninger", "appendix"),
                nbformat.v4.new_markdown_cell("PARAMETERTABELL"),
                heading("## Hovedtall", "key-figures"), key, method,
                nbformat.v4.new_markdown_cell("## Andre del\n\nFUNN")]
    return nb


def heading(text: str, tag: str):
    """A section's heading cell, placed by its tag (the id the renderer reads)."""
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = [tag]
    return cell


def page(**kw) -> str:
    info = PageInfo(title="Tittel", scenario="s1", scenario_title="Scenario én",
                    date="23.11.2026 kl. 10:00", commit="abc123", sources=["Brev X"],
                    owner="Enheten", contact="enheten@example.no", version="1.2.3", **kw)
    return render_html(notebook(), info)


def test_no_code_no_parameters_no_stderr():
    html = page()
    assert "RESULTAT" in html
    for hidden in ("secret_code_line", "team_size", "FutureWarning"):
        assert hidden not in html


def test_first_screen_has_title_scenario_summary_owner_dates_version():
    html = page(notices=["Rapporten bygger på syntetiske data."],
                summary=["Teamet koster om lag 3,5 mill. kr."], data_date="19.11.2020")
    header = html.split("</header>")[0]
    for text in ("Tittel", "Scenario én", "Rapporten bygger på syntetiske data.",
                 "Teamet koster om lag 3,5 mill. kr.", "Enheten", "enheten@example.no",
                 "19.11.2020", "23.11.2026 kl. 10:00", "1.2.3 (kode abc123)"):
        assert text in header, text
    # the scenario in words only: its code name is not shown anywhere
    assert "s1" not in re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
    assert '<a class="skip-link" href="#innhold">' in html and '<main id="innhold"' in html


def test_summary_falls_back_to_a_sentence_in_words():
    header = page().split("</header>")[0]
    assert "Rapporten viser «Tittel» for scenarioet «Scenario én»." in header
    assert "Datagrunnlagets dato</dt><dd>ikke oppgitt" in header


def test_key_figures_first_appendix_last_with_glossary():
    html = page()
    order = [html.index(t) for t in ("</header>", "NØKKELTALL", "RESULTAT", "FUNN",
                                     "PARAMETERTABELL", "METODETEKST", "Ordforklaringer",
                                     "<footer")]
    assert order == sorted(order)
    appendix = html[html.index('<section class="appendix"'):html.index("</section>",
                                                                        html.index("FUNN"))]
    # moved sections sit one level below the «Vedlegg» heading, without the «Vedlegg:» prefix
    assert '<h2 id="vedlegg">Vedlegg</h2>' in appendix
    assert '<h3 id="metode">Metode</h3>' in appendix
    assert '<h3 id="kilder-og-forutsetninger">Kilder og forutsetninger</h3>' in appendix
    assert "Brev X" in appendix and "P10, P50 og P90" in appendix
    assert "Oddsratio" not in appendix  # only terms the page uses are explained
    toc = html[html.index('<nav class="toc"'):html.index("</nav>")]
    assert toc.index("Hovedtall") < toc.index("Første del") < toc.index("Vedlegg")


def test_footer_repeats_owner_contact_version():
    footer = page().split("<footer")[1]
    for text in ("Enheten", 'href="mailto:enheten@example.no"', "1.2.3"):
        assert text in footer


def test_sections_split_by_heading_and_tag():
    nb = notebook()
    tagged = heading("## Usikkerhet i detalj", "appendix")
    nb.cells.append(tagged)
    parts = split_sections(nb)
    assert [c.source for c in parts["key"]][0] == "## Hovedtall"
    assert tagged in parts["appendix"] and len(parts["appendix"]) == 4


def test_sections_are_placed_by_tag_not_by_heading_text():
    """Rewording (or translating) a heading keeps its section where it was; a heading
    that reads «Hovedtall» without the tag is an ordinary section."""
    nb = notebook()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("Hovedtall", "Tallene i korte trekk").replace(
                "Kilder og forutsetninger", "Grunnlaget")
    nb.cells.append(nbformat.v4.new_markdown_cell("## Hovedtall\n\nIKKE-FLYTTET"))
    parts = split_sections(nb)
    assert [c.source for c in parts["key"]][0] == "## Tallene i korte trekk"
    assert "## Grunnlaget" in [c.source for c in parts["appendix"]]
    assert "IKKE-FLYTTET" in parts["main"][-1].source


def test_each_paragraph_of_a_markdown_cell_is_translated_on_its_own(monkeypatch):
    """A markdown cell is translated paragraph by paragraph (the catalog's messages), so
    an edit to one paragraph leaves the translation of the others in place."""
    from analysis.runner import render

    seen = []

    def tr(domain):
        return lambda text: seen.append(text) or text.upper()

    monkeypatch.setattr(render, "translator", tr)
    cell = nbformat.v4.new_markdown_cell("## Om beregningen\n\nFørste avsnitt\ngår videre.\n\n\n"
                                         "Andre avsnitt.\n")
    [out] = render.translate_markdown([cell], "common")
    assert seen == ["## Om beregningen", "Første avsnitt\ngår videre.", "Andre avsnitt."]
    assert out.source == "## OM BEREGNINGEN\n\nFØRSTE AVSNITT\nGÅR VIDERE.\n\nANDRE AVSNITT."
    assert cell.source.startswith("## Om beregningen")  # the notebook's cell is unchanged


def test_every_notebook_tags_its_key_figures_and_appendix():
    """The renderer places sections by tag only: each published notebook has one section
    tagged key-figures and ends with its sources in a section tagged appendix."""
    from analysis.paths import PROJECT_ROOT

    for path in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "markdown"]
        assert sum("key-figures" in t for t in tags) == 1, path.name
        last = [t for t in tags if t][-1]
        assert "appendix" in last, path.name


def test_empty_table_and_figure_are_one_sentence():
    empty = pd.DataFrame({"a": [], "b": []})
    t = Table("tom", "Følsomhet", empty, {"a": "A", "b": "B"},
              empty="Ingen parametere har et usikkerhetsintervall i dette scenarioet.")
    assert table_html(t) == ('<p class="empty-note" id="tom">Ingen parametere har et '
                             'usikkerhetsintervall i dette scenarioet.</p>')
    import matplotlib.pyplot as plt
    fig = plt.figure()
    out = figure_html(Figure("fig", "Overskridelse", "alt", fig,
                             pd.DataFrame({"x": ["a"], "y": [float("nan")]})))
    assert "<img" not in out
    assert "Figuren «Overskridelse» er utelatt fordi alle tallene er null" in out


def test_figure_is_drawn_at_twice_its_size():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([1, 2], [3, 4])
    out = figure_html(Figure("f", "c", "en figur med to punkter", fig,
                             pd.DataFrame({"x": [1, 2]})))
    w, h = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', out).groups())
    import base64
    png = base64.b64decode(re.search(r"base64,([^\"]+)", out).group(1))
    assert int.from_bytes(png[16:20], "big") in (2 * w, 2 * w + 1)
    assert int.from_bytes(png[20:24], "big") in (2 * h, 2 * h + 1)
    # every figure is drawn 5 inches wide (charts.FIGURE_WIDTH) at 100 CSS px per inch,
    # whatever size the family asked for, with its height kept
    assert (w, h) == (500, 200)
    assert 'data-font-pt="12" data-width-in="5"' in out


def test_wide_table_scrolls_in_its_own_labelled_region():
    t = Table("brei", "Bred tabell", pd.DataFrame({"a": ["x"]}), {"a": "A"})
    out = table_html(t)
    assert 'role="region" tabindex="0" aria-labelledby="caption-brei"' in out
    assert '<caption id="caption-brei">Bred tabell</caption>' in out


def test_summary_text_and_data_date_reach_the_page(tmp_path):
    report = Report.__new__(Report)
    Report.__init__(report, None, {}, "s1", tmp_path)
    report.summary_text("Første linje.", "Andre linje.")
    report.data_date("19.11.2020")
    assert json.loads((tmp_path / PAGE_FILE).read_text()) == {
        "summary": ["Første linje.", "Andre linje."], "data_date": "19.11.2020"}
    info = read_page_file(PageInfo("T", "s1", "S", "d", "c"), tmp_path)
    assert info.summary == ["Første linje.", "Andre linje."] and info.data_date == "19.11.2020"
