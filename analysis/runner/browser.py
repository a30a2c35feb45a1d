"""Headless Chromium, found on the machine: for PDF export (and the accessibility tests).

Chromium is started with its background networking switched off, so a report is printed
exactly as an offline office machine would show it.
"""

from __future__ import annotations

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


def print_pdf(html_file: Path, pdf_file: Path, timeout: float = 120) -> Path:
    """Print ``html_file`` to an A4 PDF with the report's print stylesheet."""
    binary = find_chromium()
    if binary is None:
        raise AnalysisError(f"PDF export needs Chromium, which was not found; {INSTALL_HINT}.")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [binary, *QUIET_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf_file}", html_file.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )
    if not pdf_file.exists() or pdf_file.stat().st_size == 0:
        raise AnalysisError(
            f"Chromium could not print {html_file} to PDF (exit {result.returncode}): "
            f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'no output'}"
        )
    return pdf_file
