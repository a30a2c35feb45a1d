"""Headless Chromium, found on the machine: for PDF export (and the accessibility tests).

Chromium is started with its background networking switched off, so a report is printed
exactly as an offline office machine would show it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import AnalysisError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
QUIET_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps",
)
INSTALL_HINT = "install Debian's 'chromium' package (sudo apt-get install chromium)"


def find_chromium() -> str | None:
    """Path of a Chromium or Chrome binary, or None."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_HREF = re.compile(r'\bhref="([^"]*)"', re.I)
#: Blocks that only make sense on screen: the language switch and the links to the data
#: files (their text is no use on paper, their targets are files beside the page).
_SCREEN_ONLY = re.compile(
    r'<(p|span)\b[^>]*class="(?:other-language|data-link|downloads)"[^>]*>.*?</\1>', re.S)


def printable_html(page: str) -> str:
    """The page as it is printed: in-page links stay (the PDF's own anchors), every other
    link becomes plain text, so a PDF never points at a file of the machine it was built on.

    >>> printable_html('<a href="#kilder">Kilder</a> <a href="tables/x.csv">CSV</a>')
    '<a href="#kilder">Kilder</a> <span>CSV</span>'
    >>> printable_html('<p class="other-language"><a href="nn/index.html">Les</a></p>x')
    'x'
    """
    page = _SCREEN_ONLY.sub("", page)

    def plain(m: re.Match) -> str:
        href = _HREF.search(m.group(1))
        if href and href.group(1).startswith("#"):
            return m.group(0)
        return f"<span>{m.group(2)}</span>"

    return _LINK.sub(plain, page)


def print_pdf(html_file: Path, pdf_file: Path, timeout: float = 120) -> Path:
    """Print ``html_file`` to an A4 PDF with the report's print stylesheet.

    What is printed is :func:`printable_html` of the page, from a temporary folder: no link
    in the PDF leads to the build machine.
    """
    binary = find_chromium()
    if binary is None:
        raise AnalysisError(f"PDF export needs Chromium, which was not found; {INSTALL_HINT}.")
    with tempfile.TemporaryDirectory() as profile:
        printed = Path(profile) / "rapport.html"
        printed.write_text(printable_html(html_file.read_text(encoding="utf-8")),
                           encoding="utf-8")
        result = subprocess.run(
            [binary, *QUIET_FLAGS, f"--user-data-dir={profile}/profil",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf_file.resolve()}",
             printed.as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )
    if not pdf_file.exists() or pdf_file.stat().st_size == 0:
        raise AnalysisError(
            f"Chromium could not print {html_file} to PDF (exit {result.returncode}): "
            f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'no output'}"
        )
    return pdf_file
