"""Printed sums that add up (issue 21: never print A + B ≠ C), on every scheduled report in
bokmål and nynorsk, read from the pages of the session's one build (``schedule_reports``):

- in every table, a total row («Sum», «I alt») is the sum of the rows above it as printed,
  and a total column («Sum», «I alt», «Sum per formidling, …») the sum of the amounts to
  its left in the row;
- in the cost reports, the total of a composition table («Merkostnad …», «Samlet
  kostnad …») is the sum of the parts printed above it;
- in the cost reports' first screen and key figures, every sentence that states a total
  and its parts («3,8 mill. kr: 1,6 mill. kr … og 2,2 mill. kr») adds up as printed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from analysis.notebooks import schedule
from analysis.runner.excel import norwegian_number

PAGES = [*(str(t) for t in schedule()), *(f"{t}/nn" for t in schedule())]
COST_PAGES = [p for p in PAGES if p.startswith("response_team_costs/")]
TOTAL_ROW = re.compile(r"(Sum|I alt)(,.*)?")
TOTAL_COLUMN = re.compile(r"(Sum|I alt)(,.*| per .*)?")
# rows of the cost composition table that are totals of the parts above them
COMPOSITION_TOTAL = re.compile(r"(Merkostnad|Meirkostnad) for det offentl[ie]ge|"
                               r"(Samlet|Samla) kostnad for det offentl[ie]ge")
MILLIONS = re.compile(r"(\d+,\d)\s*mill\.\s*kr")


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _tables(page: str):
    """(caption, rows of cell texts) of every table of the page, the header row first."""
    for table in re.findall(r"<table.*?</table>", page, re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        rows = [[_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr.*?</tr>", table, re.S)]
        if rows:
            yield (_text(caption.group(1)) if caption else ""), rows


def _amount(cell: str) -> float | None:
    """A printed count or amount; None for text, a share or an empty cell."""
    if re.fullmatch(r"\d+", cell):
        return int(cell)
    parsed = norwegian_number(cell)
    return None if parsed is None or "%" in parsed[1] else parsed[0]


def _sum_failures(caption: str, rows: list[list[str]]) -> list[str]:
    head, body = rows[0], rows[1:]
    failures = []
    for r, row in enumerate(body):
        if not row or not TOTAL_ROW.fullmatch(row[0]):
            continue
        above = [b for b in body[:r] if b and not TOTAL_ROW.fullmatch(b[0])]
        for j in range(1, len(row)):
            total, parts = _amount(row[j]), [_amount(b[j]) for b in above if j < len(b)]
            if total is not None and parts and None not in parts and sum(parts) != total:
                failures.append(f"«{caption}», column «{head[j]}»: {parts} ≠ {total}")
    for j, name in enumerate(head):
        if not j or not TOTAL_COLUMN.fullmatch(name):
            continue
        for row in body:
            total = _amount(row[j]) if j < len(row) else None
            parts = [_amount(c) for c in row[1:j]]
            if total is not None and None not in parts and sum(parts) != total:
                failures.append(f"«{caption}», row «{row[0]}»: {parts} ≠ {total}")
    return failures


def _composition_failures(caption: str, rows: list[list[str]]) -> list[str]:
    failures, parts = [], []
    for row in rows[1:]:
        amount = _amount(row[-1]) if len(row) > 1 else None
        if amount is None:
            continue
        if COMPOSITION_TOTAL.match(row[0]):
            if sum(parts) != amount:
                failures.append(f"«{caption}», «{row[0]}»: {parts} ≠ {amount}")
        else:
            parts.append(amount)
    return failures


def test_the_checks_can_fail():
    head = ["Kommune", "Leger", "Sykepleiere", "I alt"]
    assert _sum_failures("t", [head, ["A", "1", "75", "76"], ["Sum", "1", "75", "76"]]) == []
    assert len(_sum_failures("t", [head, ["A", "1", "74", "76"], ["B", "0", "1", "1"],
                                   ["Sum", "1", "76", "77"]])) == 2
    assert len(_composition_failures("t", [
        ["Del", "Beløp"], ["Nye midler", "1 620 000 kr"], ["Reise", "2 241 000 kr"],
        ["Merkostnad for det offentlige", "3 860 000 kr"]])) == 1
    assert _millions_sum_failures(["om lag 3,8 mill. kr ekstra: 1,6 mill. kr og 2,2 mill. kr"]) \
        == []
    assert _millions_sum_failures(["om lag 3,5 mill. kr ekstra: 1,6 mill. kr og 1,8 mill. kr"])


@pytest.mark.parametrize("name", PAGES)
def test_every_printed_table_sum_adds_up(schedule_reports: Path, name):
    page = (schedule_reports / name / "index.html").read_text(encoding="utf-8")
    failures = []
    for caption, rows in _tables(page):
        failures += _sum_failures(caption, rows)
        failures += _composition_failures(caption, rows)
    assert not failures, "\n".join(failures[:10])


def _millions_sum_failures(sentences: list[str]) -> list[str]:
    """Sentences «TOTAL …: PART … og PART» whose printed parts miss the printed total."""
    failures = []
    for sentence in sentences:
        head, colon, tail = sentence.partition(":")
        totals, parts = MILLIONS.findall(head), MILLIONS.findall(tail)
        if colon and len(totals) == 1 and len(parts) >= 2:
            total = round(float(totals[0].replace(",", ".")) * 10)
            if sum(round(float(p.replace(",", ".")) * 10) for p in parts) != total:
                failures.append(sentence)
    return failures


def _first_screen(page: str) -> tuple[str, list[str]]:
    summary = re.search(r'<section class="summary".*?</section>', page, re.S).group(0)
    start = page.index('<div class="key-figures">')
    bullets = [_text(li) for li in re.findall(r"<li>(.*?)</li>",
                                              page[start:page.index("</ul>", start)], re.S)]
    return _text(re.sub(r"<h2.*?</h2>", "", summary, flags=re.S)), bullets


def _millions(text: str) -> list[int]:
    """The amounts in millions of ``text``, in tenths (7,6 → 76)."""
    return [round(float(m.replace(",", ".")) * 10) for m in MILLIONS.findall(text)]


@pytest.mark.parametrize("name", COST_PAGES)
def test_cost_sentences_add_up_as_printed(schedule_reports: Path, name):
    page = (schedule_reports / name / "index.html").read_text(encoding="utf-8")
    summary, bullets = _first_screen(page)
    first = re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ])", summary)[0]  # the headline sentence
    assert not _millions_sum_failures([first]), first
    additional = next(b for b in bullets if re.match(r"(Merkostnaden|Meirkostnaden)", b))
    assert not _millions_sum_failures([additional]), additional
    total, new, stay = _millions(additional)[:3]
    assert _millions(first)[:3] == [total, new, stay]  # the same figures on both
    # the gross total: the additional cost (printed above) + salary + register
    gross = next(b for b in bullets if re.match(r"(Samlet|Samla) kostnad", b))
    gross_total, *rest = _millions(gross)
    assert len(rest) == 2 and gross_total == total + sum(rest), gross
    assert f"{gross_total // 10},{gross_total % 10}" in summary  # and the same on the summary
    # the new money and its budget years
    money = next(b for b in bullets if re.search(r"nye midl(ene|ane)", b) and " på 20" in b)
    money_total, *years = _millions(money)
    assert money_total == new and len(years) >= 1 and sum(years) == money_total, money


CONSCRIPTION_PAGES = [p for p in PAGES if p.startswith("conscription_scenarios/")]
PERSONS = re.compile(r"(?<![\d,])\d{1,3}(?:[ \xa0]\d{3})*(?![\d,])")


def _persons(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", m)) for m in PERSONS.findall(text)]


@pytest.mark.parametrize("name", CONSCRIPTION_PAGES)
def test_conscription_sentences_add_up_as_printed(schedule_reports: Path, name):
    page = (schedule_reports / name / "index.html").read_text(encoding="utf-8")
    _summary, bullets = _first_screen(page)
    need = next(b for b in bullets if " i krise (" in b)
    # «De N kommunene i krise (P innbyggere) trenger samlet om lag G personer. Selv dekker
    # de om lag L …; Behovet utenfra er om lag U personer: A til … og B til …»
    _n, _population, gross, local, outside, authorised, unauthorised = _persons(need)[:7]
    assert gross == local + outside and outside == authorised + unauthorised, need
    ordered = next((b for b in bullets if re.match(r"Det må beordr(es|ast) (om lag )?\d", b)), None)
    if ordered is not None:  # «… T personer: A etter bokstav a og B etter bokstav b (roles)»
        total, a, b, *roles = _persons(ordered.replace("bokstav a", "").replace(
            "bokstav b", ""))
        assert total == a + b == sum(roles), ordered
