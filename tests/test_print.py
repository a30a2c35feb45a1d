"""The A4 print version: page count and text, read back from the PDF with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from analysis.runner.browser import INSTALL_HINT, find_chromium

NB, SCENARIO = "response_team_costs", "letter_baseline"
MAX_PAGES = 6  # issue 13: the letter's cost report fits in six A4 pages

pytestmark = [
    pytest.mark.skipif(find_chromium() is None,
                       reason=f"Chromium not found: to print PDFs, {INSTALL_HINT}"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="pdftotext/pdfinfo not found: apt-get install poppler-utils"),
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, cli):
    out = tmp_path_factory.mktemp("pdf")
    result = cli("run", f"{NB}/{SCENARIO}", "--pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / NB / SCENARIO / "report.pdf"


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_cost_report_is_a_compact_a4_document(pdf):
    pages = _pages(pdf)
    assert 1 <= pages <= MAX_PAGES, f"{pages} pages"
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", size).groups())
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 in points
    index = (pdf.parents[2] / "index.html").read_text(encoding="utf-8")
    assert f"{NB}/{SCENARIO}/report.pdf" in index


def test_no_blank_pages_and_the_first_page_is_the_first_screen(pdf):
    texts = _page_texts(pdf)
    assert len(texts) == _pages(pdf)
    for n, text in enumerate(texts, start=1):
        # a page in the middle is full; the last may hold only the end of the appendix
        assert len(text.split()) > (40 if n < len(texts) else 5), f"page {n} is nearly blank"
    first = texts[0]
    for words in ("Kostnader for et nasjonalt innsatsteam", "Sammendrag", "Eier", "Kontakt",
                  "Versjon", "Hovedtall"):
        assert words in first, words


def test_words_in_the_parameter_table_are_not_broken(pdf):
    text = "\n".join(_page_texts(pdf))
    # labels of the parameter file, which a too-narrow column used to cut into pieces
    for word in ("Rekrutteringsbyrå", "Avtaleperiode", "Kvalitetssikring"):
        assert word in text, word
    assert not re.search(r"\bant ak els e\b|Rekruttering sbyrå", text)
