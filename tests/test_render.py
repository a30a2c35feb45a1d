"""The HTML page around an executed notebook."""

from __future__ import annotations

import nbformat

from analysis.runner.render import PageInfo, render_html


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
    nb.cells = [nbformat.v4.new_markdown_cell("## Første del"), params, injected, shown,
                nbformat.v4.new_markdown_cell("## Andre del")]
    return nb


def page(**kw) -> str:
    info = PageInfo(title="Tittel", scenario="s1", scenario_title="Scenario én",
                    date="23.11.2026 kl. 10:00", commit="abc123", sources=["Brev X"], **kw)
    return render_html(notebook(), info)


def test_no_code_no_parameters_no_stderr():
    html = page()
    assert "RESULTAT" in html
    for hidden in ("secret_code_line", "team_size", "FutureWarning"):
        assert hidden not in html


def test_first_screen_and_contents():
    html = page(notices=["Rapporten bygger på syntetiske data."])
    header = html.split("</header>")[0]
    for text in ("Tittel", "Scenario én", "23.11.2026", "abc123", "Brev X",
                 "Rapporten bygger på syntetiske data."):
        assert text in header
    assert '<a href="#første-del">Første del</a>' in html
    assert '<h2 id="andre-del">Andre del</h2>' in html
