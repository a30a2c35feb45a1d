"""Every report in headless Chromium: axe-core (WCAG 2.1 AA), no network, a screenshot.

Needs Debian's ``chromium`` package and the Python packages ``playwright`` and
``axe-playwright-python`` (both in the test dependencies; ``.ci/run`` installs Chromium).
Without Chromium these tests skip and say how to enable them. Screenshots of each
report's first screen are saved under ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT
from analysis.runner.browser import INSTALL_HINT, QUIET_FLAGS, find_chromium

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason=f"Chromium not found: to run the browser tests, {INSTALL_HINT}")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="pip install playwright (a test dependency)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM,
                               args=[f for f in QUIET_FLAGS if f != "--headless"])
        yield b
        b.close()


def pages(reports: Path) -> list[Path]:
    return [reports / "index.html", *sorted(reports.glob("*/*/index.html"))]


def open_offline(browser, path: Path):
    """Open ``path`` with every non-file request blocked and recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            requests.append(url)
            route.abort()

    page.route("**/*", guard)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def test_every_report_passes_axe_and_stays_offline(schedule_reports, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    checked = pages(schedule_reports)
    assert len(checked) >= 4
    for path in checked:
        folder = path.relative_to(schedule_reports).parent.as_posix()
        name = "index" if folder == "." else folder.replace("/", "--")
        page, requests = open_offline(browser, path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        page.close()
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} – "
                                f"{len(v['nodes'])} element(s)")
        if requests:
            problems.append(f"{name}: network requests {requests[:3]}")
    assert not problems, "\n".join(problems)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= len(checked)


def test_headings_in_order_and_figures_described(schedule_reports):
    for path in pages(schedule_reports)[1:]:
        page = path.read_text(encoding="utf-8")
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", page)]
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
        for img in re.findall(r"<img\b[^>]*>", page):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 20, (path, img[:80])
        for table in re.findall(r"<table\b.*?</table>", page, flags=re.S):
            assert "<caption>" in table and "<th" in table, path


def test_pdf_export(tmp_path, cli):
    result = cli("run", "response_team_costs/letter_baseline", "--pdf", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "response_team_costs" / "letter_baseline" / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # A4 is 595 × 842 points; Chromium writes the page boxes as numbers in the file.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page boxes found"
    for w, h in boxes:
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2, (w, h)
    assert len(boxes) >= 3  # page breaks before main headings give several pages
    assert "report.pdf" in (tmp_path / "index.html").read_text(encoding="utf-8")
