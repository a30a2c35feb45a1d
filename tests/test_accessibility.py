"""Every report in headless Chromium, as a civil servant would read it.

For the index page and every scheduled report, in both languages (bokmål and its nn/
page): axe-core (WCAG 2.1 A/AA) finds no violation at 1280 px and at 390 px; the page
makes no network request; the key figures are visible within the first 800 px of a
1280 px wide screen; at 320 px nothing scrolls sideways
(WCAG 1.4.10); and the text holds no file name, path, code name or the English and jargon
words the issue found. Each report is its own test, so a failure names the report.

Needs Debian's ``chromium`` package and the Python packages ``playwright`` and
``axe-playwright-python`` (both in the test dependencies; ``.ci/run`` installs Chromium).
Without Chromium these tests skip and say how to enable them. Screenshots at 1280, 390 and
320 px are saved under ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tiers import sample

from analysis.notebooks import schedule
from analysis.paths import PROJECT_ROOT
from analysis.runner.browser import INSTALL_HINT, QUIET_FLAGS, find_chromium

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason=f"Chromium not found: to run the browser tests, {INSTALL_HINT}")
# every report in bokmål and in nynorsk (its nn/ page, built in the same job), and the
# nynorsk index last: ALL_PAGES[1:-1] are the reports
ALL_PAGES = ["index", *(str(t) for t in schedule()), *(f"{t}/nn" for t in schedule()),
             "index-nn"]
# `make test` opens the two index pages and one report per family in each language;
# `make test-all` opens every page
_FIRST_OF_FAMILY = {str(next(t for t in schedule() if t.notebook == name))
                    for name in dict.fromkeys(t.notebook for t in schedule())}
PAGES = sample(ALL_PAGES, lambda name: name in ("index", "index-nn")
               or name.removesuffix("/nn") in _FIRST_OF_FAMILY)
FIRST_SCREEN = 800  # px, the height of a 1280 × 800 screen

# Developer leftovers a reader must never see (issue 13): file names, paths, code names,
# English, and jargon or grammar the issue found in the built reports.
LEFTOVERS = {
    "file name": r"\b[\w-]+\.(txt|csv|py|ipynb|ya?ml|json)\b",
    "path": r"(?<![\w/])[\w.-]+/[\w.-]+/[\w.-]+",
    "code name": r"\b[a-z]+_[a-z0-9_]+\b",
    "English": r"\b(paragraph|last paragraph|but one|proportional|role|sector|seeded|"
               r"draws|baseline)\b",
    "jargon": r"\b(seedet|raking|Taylor-linearisering|frihetsgrader)\b",
    "grammar": r"\bDe siste 1 \w+|\bFire panel\b|mer sannsynlig enn ikke|begynner å bite",
}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="pip install playwright (a test dependency)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM,
                               args=[f for f in QUIET_FLAGS if f != "--headless"])
        yield b
        b.close()


def page_path(reports: Path, name: str) -> Path:
    return reports / (f"{name}.html" if name.startswith("index") else f"{name}/index.html")


def open_offline(browser, path: Path, width: int, height: int = FIRST_SCREEN):
    """Open ``path`` with every non-file request blocked and recorded."""
    page = browser.new_page(viewport={"width": width, "height": height})
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


def _shot(page, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '--')}-{width}.png"))


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_and_nothing_is_fetched(schedule_reports, browser, name):
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    for width in (1280, 390):
        page, requests = open_offline(browser, page_path(schedule_reports, name), width)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        _shot(page, name, width)
        page.close()
        problems += [f"{width} px: {v['id']} ({v['impact']}): {v['help']} – "
                     f"{len(v['nodes'])} element(s)" for v in results.response["violations"]]
        if requests:
            problems.append(f"{width} px: network requests {requests[:3]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", PAGES[1:-1])  # not the index pages
def test_key_figures_on_the_first_screen(schedule_reports, browser, name):
    page, _ = open_offline(browser, page_path(schedule_reports, name), 1280)
    box = page.evaluate("""() => {
        const k = document.querySelector('.key-figures');
        if (!k) return null;
        const first = k.querySelector('li, p, table, figure');
        const h = k.querySelector('h2').getBoundingClientRect();
        const f = first ? first.getBoundingClientRect() : h;
        return {heading: h.top + window.scrollY,
                first: f.top + window.scrollY + Math.min(f.height, 48)};
    }""")
    page.close()
    assert box is not None, "no key-figure section (heading «Hovedtall»)"
    assert box["first"] <= FIRST_SCREEN, (
        f"the key figures start at {box['heading']:.0f} px and their first lines end at "
        f"{box['first']:.0f} px, below the first {FIRST_SCREEN} px")


PHONE = (390, 844)  # px, a common phone screen (issue 22: a key figure on its first screen)


@pytest.mark.parametrize("name", sample(
    [p for p in ALL_PAGES if p.startswith("hms_training_survey/")],
    lambda name: name.removesuffix("/nn") in _FIRST_OF_FAMILY))
def test_a_key_figure_on_the_first_phone_screen(schedule_reports, browser, name):
    """The first figure in bold under «Hovedtall» ends above 844 px on a 390 px phone."""
    page, _ = open_offline(browser, page_path(schedule_reports, name), *PHONE)
    bottom = page.evaluate("""() => {
        const s = document.querySelector('.key-figures strong');
        return s ? s.getBoundingClientRect().bottom + window.scrollY : null;
    }""")
    page.close()
    assert bottom is not None, "no key figure in bold under «Hovedtall»"
    assert bottom <= PHONE[1], f"the first key figure ends at {bottom:.0f} px, below {PHONE[1]}"


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_at_320_px(schedule_reports, browser, name):
    page, _ = open_offline(browser, page_path(schedule_reports, name), 320)
    _shot(page, name, 320)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.table-wrap'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ': '
                         + (e.textContent || '').slice(0, 60))""")
    page.close()
    assert width <= 320, f"the page is {width} px wide at 320 px: {wide}"


@pytest.mark.parametrize("name", PAGES)
def test_no_file_names_paths_code_names_or_english(schedule_reports, browser, name):
    page, _ = open_offline(browser, page_path(schedule_reports, name), 1280)
    # a failed run's technical message on the index is marked as English; it is not prose
    page.evaluate("() => document.querySelectorAll('[lang=en]').forEach(e => e.remove())")
    text = page.inner_text("body")
    page.close()
    found = [f"{what}: {m.group(0)!r} in «…{text[max(0, m.start() - 40):m.end() + 20]}…»"
             for what, pattern in LEFTOVERS.items()
             for m in re.finditer(pattern, text)]
    assert not found, "\n".join(dict.fromkeys(found))


def test_headings_in_order_and_figures_described(schedule_reports):
    for name in ALL_PAGES[1:-1]:
        path = page_path(schedule_reports, name)
        page = path.read_text(encoding="utf-8")
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", page)]
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
        for img in re.findall(r"<img\b[^>]*>", page):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 20, (path, img[:80])
            assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img), (
                path, img[:80])
        for table in re.findall(r"<table\b.*?</table>", page, flags=re.S):
            assert "<caption" in table and "<th" in table, path
