"""End to end: scenarios through ``python -m analysis run`` into a temporary folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from analysis.notebooks import Target
from analysis.runner import execute

NB = "response_team_costs"


def test_html_is_code_free_offline_and_norwegian(published):
    page = (published / NB / "letter_baseline" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "<link" not in page.lower() and "@import" not in page
    # no code: neither input areas nor the parameter names of the parameters cell
    assert "input_area" not in page and "agency_monthly_fee_nok" not in page
    assert "Report.start" not in page
    # first screen: title, scenario in words, summary, owner, dates, version, the workbook;
    # the repository's publication file names no contact, so there is no contact line
    header = page.split("</header>")[0]
    for text in ("Kostnader for et nasjonalt innsatsteam", "Brevets anslag", "Sammendrag",
                 "Eier", "Datagrunnlagets dato", "Bygget", "Versjon",
                 'href="tables.xlsx"'):
        assert text in header, text
    assert "Kontakt" not in header and "mailto:" not in page
    appendix = page.split('<section class="appendix"')[1]
    assert "Datakilder" in appendix and "ref. 20/42562-29" in appendix
    assert "1\u00a0620\u00a0000\u00a0kr" in page
    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) >= 4
    for img in images:
        assert 'src="data:image/png;base64,' in img and 'alt="' in img


def test_summary_holds_the_letters_figures(published):
    summary = json.loads((published / NB / "letter_baseline" / "summary.json").read_text())
    assert summary["agency_nok"] == 600_000
    assert summary["quality_assurance_nok"] == 120_000
    assert summary["placements_nok"] == 300_000
    assert summary["stipends_nok"] == 600_000
    assert summary["team_total_nok"] == 1_620_000
    assert summary["register_nok"] == 1_840_000
    assert summary["total_with_register_nok"] == 3_460_000


def test_every_table_is_published_as_csv(published):
    folder = published / NB / "letter_baseline"
    page = (folder / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(tables/[a-z0-9_]+\.csv)"', page)
    assert len(links) >= 8
    for link in links:
        assert (folder / link).stat().st_size > 0
    assert (folder / f"{NB}.ipynb").exists()
    index = (published / "index.html").read_text(encoding="utf-8")
    assert f"{NB}/letter_baseline/index.html" in index


def test_bad_parameter_fails_clearly_and_keeps_the_published_report(digest, published, cli):
    folder = published / NB / "letter_baseline"
    before = digest(folder)
    result = cli("run", f"{NB}/letter_baseline", "-p", "team_size", "-5",
                     "--out", str(published))
    assert result.returncode != 0
    message = result.stderr
    assert "team_size" in message and "-5" in message and "at least 0" in message
    assert f"{NB}/letter_baseline" in message
    assert digest(folder) == before


def test_unknown_target_is_one_clear_message(tmp_path, cli):
    result = cli("run", f"{NB}/no_such_scenario", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "Unknown scenario 'no_such_scenario'" in result.stderr
    assert "letter_baseline" in result.stderr
    assert "Traceback" not in result.stderr


def test_failing_cell_keeps_its_notebook_and_the_published_report(digest, published, tmp_path,
                                                                  monkeypatch):
    """A notebook that raises: the run fails, its executed notebook is kept as the log."""
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(Target(NB, "letter_baseline").path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('planned failure')"))
    nbformat.write(nb, broken)
    monkeypatch.setattr(Target, "path", property(lambda self: broken))
    folder = published / NB / "letter_baseline"
    before = digest(folder)
    outcome = execute.run_target(Target(NB, "letter_baseline"), {}, published)
    assert not outcome.ok and "planned failure" in outcome.error
    kept = Path(outcome.path)
    assert (kept / f"{NB}.ipynb").exists() and "planned failure" in (kept / "error.txt").read_text()
    assert digest(folder) == before


def test_list_shows_parameters_and_scenarios(cli):
    result = cli("list")
    assert result.returncode == 0
    for text in ("response_team_costs", "team_size (int, default 100", "letter_baseline",
                 "team_100_12_months"):
        assert text in result.stdout
