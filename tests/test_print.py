"""The A4 print version of every scheduled report, in bokmål and nynorsk: page count,
links, last page and text, read back from the PDF with poppler.

The PDFs are printed (as ``run --pdf`` does, :func:`analysis.runner.browser.print_pdf`)
from the pages of the session's one build of the schedule (``schedule_reports``), once
per module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tiers import sample

from analysis.notebooks import schedule
from analysis.runner.browser import INSTALL_HINT, find_chromium, print_pdf

MAX_PAGES = 6  # issue 21: every scheduled report fits in six A4 pages
COST = "response_team_costs/letter_baseline"
ALL_PAGES = [*(str(t) for t in schedule()), *(f"{t}/nn" for t in schedule())]
# `make test` prints one report per family in each language, `make test-all` every one
_FIRST_OF_FAMILY = {str(next(t for t in schedule() if t.notebook == name))
                    for name in dict.fromkeys(t.notebook for t in schedule())}
PAGES = sample(ALL_PAGES, lambda name: name.removesuffix("/nn") in _FIRST_OF_FAMILY)

pytestmark = [
    pytest.mark.skipif(find_chromium() is None,
                       reason=f"Chromium not found: to print PDFs, {INSTALL_HINT}"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="pdftotext/pdfinfo not found: apt-get install poppler-utils"),
]


class _Printed(dict):
    """Report name → its PDF, printed the first time a test asks for it (so a tier
    prints only the reports it checks)."""

    def __init__(self, reports: Path, out: Path):
        super().__init__()
        self.reports, self.out = reports, out

    def __missing__(self, name: str) -> Path:
        pdf = print_pdf(self.reports / name / "index.html",
                        self.out / (name.replace("/", "--") + ".pdf"))
        self[name] = pdf
        return pdf


@pytest.fixture(scope="module")
def pdfs(schedule_reports: Path, tmp_path_factory) -> dict[str, Path]:
    return _Printed(schedule_reports, tmp_path_factory.mktemp("pdf"))


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.parametrize("name", PAGES)
def test_every_report_is_a_compact_a4_document(pdfs, name):
    pdf = pdfs[name]
    pages = _pages(pdf)
    assert 1 <= pages <= MAX_PAGES, f"{name}: {pages} pages"
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", size).groups())
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 in points


@pytest.mark.parametrize("name", PAGES)
def test_no_link_or_path_of_the_build_machine(pdfs, name, schedule_reports):
    pdf = pdfs[name]
    urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "file:" not in urls and ".staging" not in urls, urls[:500]
    assert b"file://" not in pdf.read_bytes()
    text = "\n".join(_page_texts(pdf))
    assert str(schedule_reports) not in text and not re.search(r"/(tmp|home|root|work)/", text)
    # the language switch and the links to the CSV files are for the screen
    for screen_only in ("Les på nynorsk", "Les på bokmål", "Data bak figuren",
                        "Data bak tabellen", "CSV)"):
        assert screen_only not in text, screen_only


@pytest.mark.parametrize("name", PAGES)
def test_no_blank_page_nor_a_page_holding_only_the_footer(pdfs, name):
    texts = _page_texts(pdfs[name])
    assert len(texts) == _pages(pdfs[name])
    for n, text in enumerate(texts, start=1):
        words = text.split()
        # a page in the middle is full; the last may hold only the end of the appendix
        assert len(words) > (40 if n < len(texts) else 12), f"{name}: page {n} nearly blank"
        assert not re.fullmatch(r"\s*(\S+ )*Versjon \S+ \(kode \w+[^)]*\)\s*", text), \
            f"{name}: page {n} holds only the footer"


def test_cost_report_first_page_is_the_first_screen(pdfs):
    first = _page_texts(pdfs[COST])[0]
    for words in ("Kostnader for et nasjonalt innsatsteam", "Sammendrag", "Eier",
                  "Versjon", "Hovedtall", "Merkostnaden for det offentlige"):
        assert words in first, words


def test_words_in_the_cost_report_are_not_broken(pdfs):
    text = "\n".join(_page_texts(pdfs[COST]))
    for word in ("Rekrutteringsbyrå", "Kvalitetssikring", "Excel-filen"):
        assert word in text, word
    assert not re.search(r"\bant ak els e\b|Rekruttering sbyrå", text)
