"""Chart text a reader can read (issue 21): on every figure of every scheduled report, in
bokmål and nynorsk, the smallest text is at least 12 CSS px on a 390 px phone and at least
9 pt on A4 paper, and the PNG is drawn at the width it is shown.

The size of a chart's text where it is shown follows from three numbers:

- the smallest font size in the figure, in points of the figure's own inches (the page
  records it as ``data-font-pt``, read from matplotlib's texts when the PNG was saved);
- the figure's width in its own inches (``data-width-in``; its PNG is that × 200 px);
- the width the browser gives the image, in CSS px (measured here in Chromium, at a 390 px
  phone and with the print stylesheet on the A4 page's content width).

A figure inch shown ``shown`` CSS px wide across ``width_in`` inches is ``shown / width_in``
CSS px, so a text of ``pt`` points (``pt / 72`` figure inches) is

    phone:  pt / 72 × shown / width_in            CSS px
    paper:  pt × (shown / 96) / width_in          pt   (96 CSS px = 1 inch = 72 pt on paper)

By hand for the shared defaults (charts.py): 12 pt in a 5 in figure shown 366 CSS px wide on
a phone is 12 / 72 × 366 / 5 = 12.2 CSS px; printed 100 mm (377.95 CSS px) wide it is
12 × 3.937 / 5 = 9.45 pt.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from test_accessibility import browser  # noqa: F401 - the one Chromium fixture
from tiers import sample

from analysis.notebooks import schedule
from analysis.runner.browser import INSTALL_HINT, find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason=f"Chromium not found: to run the browser tests, {INSTALL_HINT}")

PHONE = 390  # CSS px
A4_CONTENT = (210 - 2 * 11) / 25.4 * 96  # CSS px: A4 less the 11 mm side margins of @page
MIN_PHONE_PX = 12  # issue 21
MIN_PRINT_PT = 9  # issue 21
MAX_PNG_WIDTH = 1920  # issue 21: no image wider
DESKTOP_CONTENT = 912  # CSS px: 60rem less 1.5rem padding a side; a PNG at most twice that

ALL_PAGES = [*(str(t) for t in schedule()), *(f"{t}/nn" for t in schedule())]
_FIRST_OF_FAMILY = {str(next(t for t in schedule() if t.notebook == name))
                    for name in dict.fromkeys(t.notebook for t in schedule())}
PAGES = sample(ALL_PAGES, lambda name: name.removesuffix("/nn") in _FIRST_OF_FAMILY)

_IMAGES = """() => [...document.querySelectorAll('figure img')].map(img => ({
    id: img.closest('figure').id, shown: img.getBoundingClientRect().width,
    pt: parseFloat(img.dataset.fontPt), inches: parseFloat(img.dataset.widthIn),
    src: img.getAttribute('src')}))"""


def measure(chromium, page_file: Path) -> list[dict]:
    """Every figure of the page: its smallest text on a 390 px phone (CSS px) and on A4
    paper (pt), and its PNG's width (px)."""
    page = chromium.new_page(viewport={"width": PHONE, "height": 844})
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(
        ("file:", "data:")) else route.abort()))
    page.goto(page_file.as_uri())
    phone = page.evaluate(_IMAGES)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(A4_CONTENT), "height": 1123})
    paper = page.evaluate(_IMAGES)
    page.close()
    figures = []
    for p, q in zip(phone, paper, strict=True):
        png = base64.b64decode(p["src"].split(",", 1)[1])
        figures.append({
            "id": p["id"],
            "phone_px": p["pt"] / 72 * p["shown"] / p["inches"],
            "print_pt": p["pt"] * (q["shown"] / 96) / p["inches"],
            "png_px": int.from_bytes(png[16:20], "big"), "inches": p["inches"]})
    return figures


def test_the_hand_calculation():
    # the module docstring's numbers, from the formulas the test uses
    assert round(12 / 72 * 366 / 5, 1) == 12.2
    assert round(12 * (100 / 25.4 * 96 / 96) / 5, 2) == 9.45


@pytest.mark.parametrize("name", PAGES)
def test_chart_text_is_readable_on_a_phone_and_on_paper(schedule_reports, browser, name):  # noqa: F811
    figures = measure(browser, schedule_reports / name / "index.html")
    problems = []
    for f in figures:
        if f["phone_px"] < MIN_PHONE_PX:
            problems.append(f"{f['id']}: {f['phone_px']:.1f} CSS px on a {PHONE} px phone")
        if f["print_pt"] < MIN_PRINT_PT:
            problems.append(f"{f['id']}: {f['print_pt']:.1f} pt printed")
        # drawn at the width it is shown: 200 px per figure inch, at most twice the page
        if not (abs(f["png_px"] - 200 * f["inches"]) <= 1
                and f["png_px"] <= min(MAX_PNG_WIDTH, 2 * DESKTOP_CONTENT)):
            problems.append(f"{f['id']}: PNG {f['png_px']} px for {f['inches']} in")
    assert not problems, "\n".join(problems)
