"""What a civil servant meets in the first minute (issue 21), on every scheduled report in
bokmål and nynorsk, from the session's one build of the schedule (``schedule_reports``):
a first screen that concludes, no placeholder address, the workbook linked near the top,
images drawn at the width shown, readable workbooks, distinct download links, short alt
texts and no developer words."""

from __future__ import annotations

import base64
import html
import re
import zipfile
from pathlib import Path

import pytest

from analysis.notebooks import schedule
from analysis.runner.excel import SHEET_LENGTH, norwegian_number

openpyxl = pytest.importorskip("openpyxl")

PAGES = [*(str(t) for t in schedule()), *(f"{t}/nn" for t in schedule())]
MAX_PNG_WIDTH = 1920  # issue 21: no image wider than this (the page draws at most 1 824)
MAX_ALT = 400  # characters: a short summary, the table has the rest
DEVELOPER_WORDS = ("filsti", "språkkode", "overstyrt", "datakontrakt", "Startverdi for "
                   "tilfeldige tall 20 201 119", "20\xa0201\xa0119", "example.")


def _page(reports: Path, name: str) -> str:
    return (reports / name / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _summary(page: str) -> str:
    m = re.search(r'<section class="summary".*?</section>', page, re.S)
    assert m, "no summary"
    return _text(re.sub(r"<h2.*?</h2>", "", m.group(0), flags=re.S))


@pytest.mark.parametrize("name", PAGES)
def test_the_first_screen_concludes_with_a_figure(schedule_reports, name):
    page = _page(schedule_reports, name)
    summary = _summary(page)
    assert not summary.startswith(("Rapporten viser «", "Rapporten viser «")), summary[:120]
    # every Sammendrag holds a figure; on synthetic data the HMS summary gives its headline
    # share framed as a test figure, not a finding (the lead's decision on issue 21)
    assert re.search(r"\d", summary), summary[:200]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])", summary) if s]
    assert 1 <= len(sentences) <= 5, sentences


def test_no_placeholder_address_nor_file_link_in_any_published_file(schedule_reports):
    for path in schedule_reports.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        else:
            data = path.read_bytes()
        assert b"example." not in data, path.relative_to(schedule_reports)
        # no link into the build machine (html, csv, json, xlsx; the PDFs: test_print.py)
        assert b"file://" not in data, path.relative_to(schedule_reports)


@pytest.mark.parametrize("name", PAGES)
def test_the_page_links_its_workbook_near_the_top(schedule_reports, name):
    page = _page(schedule_reports, name)
    assert (schedule_reports / name / "tables.xlsx").is_file()
    header = page[:page.index("</header>")]
    assert 'href="tables.xlsx"' in header


@pytest.mark.parametrize("name", PAGES)
def test_images_are_drawn_at_the_width_shown(schedule_reports, name):
    page = _page(schedule_reports, name)
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" width="(\d+)"', page)
    for data, width in images:
        raw = base64.b64decode(data)
        png_width = int.from_bytes(raw[16:20], "big")
        assert png_width <= MAX_PNG_WIDTH, (name, png_width)
        assert png_width == 2 * int(width) or png_width == 2 * int(width) + 1


@pytest.mark.parametrize("name", PAGES)
def test_alt_texts_are_short_and_rounded(schedule_reports, name):
    for alt in re.findall(r'<img [^>]*alt="([^"]*)"', _page(schedule_reports, name)):
        alt = html.unescape(alt)
        assert len(alt) <= MAX_ALT, (name, len(alt), alt[:120])
        # amounts in millions or rounded, never to the krone (7 660 219 kr)
        assert not re.search(r"\d[\xa0 ]\d{3}[\xa0 ]\d{3}[\xa0 ]kr", alt), alt


@pytest.mark.parametrize("name", PAGES)
def test_download_links_are_distinct_and_name_the_table(schedule_reports, name):
    page = _page(schedule_reports, name)
    links = re.findall(r'<a href="tables/[^"]+\.csv">(.*?)</a>', page, re.S)
    names = [_text(link) for link in links]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1][:3]
    assert all("«" in n for n in names)


@pytest.mark.parametrize("name", PAGES)
def test_no_developer_words_on_the_page(schedule_reports, name):
    text = _text(_page(schedule_reports, name))
    for word in DEVELOPER_WORDS:
        assert word not in text, (name, word)


@pytest.mark.parametrize("name", PAGES)
def test_no_developer_words_in_the_workbook(schedule_reports, name):
    wb = openpyxl.load_workbook(schedule_reports / name / "tables.xlsx", read_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                # the seed is an identifier: never stored as an amount
                assert value != 20_201_119, (name, ws.title)
                if isinstance(value, str):
                    assert not any(w in value for w in DEVELOPER_WORDS), (name, ws.title, value)


# the bokmål sentences a reader stumbled over (issue 21, item 10)
NB_GRAMMAR = ("dekkes ikke fullt ikke", "Også bokstav b trengs ikke",
              "Det brevet ikke setter pris på", "registeret over helsepersonell")


@pytest.mark.parametrize("name", [p for p in PAGES if not p.endswith("/nn")])
def test_bokmal_grammar_fixes(schedule_reports, name):
    text = _text(_page(schedule_reports, name))
    for phrase in NB_GRAMMAR:
        assert phrase.lower() not in text.lower(), (name, phrase)


@pytest.mark.parametrize("name", PAGES)
def test_sheet_names_are_words_of_the_page(schedule_reports, name):
    """Every word of a sheet name is a word of its page, so written with æøå where the
    page writes them (not «budsjettaar», «Folsomhet») and in the page's language."""
    words = set(re.findall(r"\w+", _text(_page(schedule_reports, name)).lower()))
    wb = openpyxl.load_workbook(schedule_reports / name / "tables.xlsx", read_only=True)
    for sheet in wb.sheetnames:
        for word in re.findall(r"[^\W\d]+", sheet.lower()):
            assert word in words, (name, sheet, word)


@pytest.mark.parametrize("name", PAGES)
def test_workbook_sheets_are_readable(schedule_reports, name):
    wb = openpyxl.load_workbook(schedule_reports / name / "tables.xlsx")
    names = wb.sheetnames
    assert len({n.lower() for n in names}) == len(names)
    for sheet in names:
        assert len(sheet) <= SHEET_LENGTH and sheet == sheet.strip(), sheet
        # no æøå spelled out as in a code name («maaned», «budsjettaar», «Folsomhet»)
        assert not re.search(r"aa|(?i:folsom)|_", sheet), sheet
        # told apart by a word of the caption, never numbered («Dekning per kommune (2)»)
        assert not re.search(r" \(\d+\)$", sheet), sheet
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, str):
                    assert norwegian_number(cell.value) is None, (name, ws.title, cell.value)
                elif isinstance(cell.value, int | float) and float(cell.value).is_integer():
                    assert ".##" not in cell.number_format, (name, ws.title, cell.coordinate)


@pytest.mark.parametrize("target", [str(t) for t in schedule()])
def test_nynorsk_workbooks_are_in_nynorsk(schedule_reports, target):
    nb = openpyxl.load_workbook(schedule_reports / target / "tables.xlsx").sheetnames
    nn = openpyxl.load_workbook(schedule_reports / target / "nn" / "tables.xlsx").sheetnames
    assert len(nb) == len(nn) and nb != nn
    assert nn[0] == "Om tabellane"


def test_a_nynorsk_index_page(schedule_reports):
    nb = (schedule_reports / "index.html").read_text(encoding="utf-8")
    nn = (schedule_reports / "index-nn.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in nn and '<html lang="nb">' in nb
    assert 'href="index-nn.html"' in nb and 'href="index.html"' in nn
    assert "<h1>Rapportar</h1>" in nn
