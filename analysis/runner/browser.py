"""Headless Chromium, found on the machine: for PDF export (and the accessibility tests).

Chromium is started with its background networking switched off, so a report is printed
exactly as an offline office machine would show it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import AnalysisError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
              "chrome", "msedge", "microsoft-edge")
#: Where Chrome and Edge install themselves on Windows (under %ProgramFiles%,
#: %ProgramFiles(x86)% or %LocalAppData%) and macOS, when they are not on PATH
WINDOWS_INSTALLS = (r"Google\Chrome\Application\chrome.exe",
                    r"Microsoft\Edge\Application\msedge.exe", r"Chromium\Application\chrome.exe")
WINDOWS_ROOTS = ("ProgramFiles", "ProgramFiles(x86)", "LocalAppData")
MAC_APPS = ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge")
BROWSER_ENV = "ANALYSIS_BROWSER"  # a browser of your choice: its full path
QUIET_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps",
)
INSTALL_HINT = ("install Debian's 'chromium' package (sudo apt-get install chromium), or on "
                "Windows Chrome or Edge, or name a browser in ANALYSIS_BROWSER")


def find_chromium() -> str | None:
    """Path of a Chromium, Chrome or Edge binary (``ANALYSIS_BROWSER``, then PATH, then
    the usual install folders of Windows and macOS), or None."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    for root in WINDOWS_ROOTS:
        base = os.environ.get(root)
        for rel in WINDOWS_INSTALLS if base else ():
            path = Path(base, *rel.split("\\"))
            if path.is_file():
                return str(path)
    return next((p for p in MAC_APPS if Path(p).is_file()), None)


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
