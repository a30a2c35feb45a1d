"""The cost report in nynorsk: the same results, told in nynorsk (issue 15).

The expected sentences are written by hand in nynorsk, not taken from the catalog.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis import i18n
from analysis.response_team import presentation as rt
from analysis.response_team.presentation._common import date_text

#: Bokmål forms that nynorsk writes otherwise (ikkje, frå, kva, korleis, nokon, mykje, ...).
BOKMAL_ONLY = re.compile(
    r"\b(ikke|fra|hva|hvem|hvordan|hvor|noen|mye|mer|bare|sykepleiere|kommunene|midler|"
    r"måneder|formidlinger|usikkerhet|beregning|lønn)\b", re.I)


def _plain(text: str) -> str:
    """The text with ordinary spaces, markdown bold removed and quotes from letters cut."""
    text = text.replace("\xa0", " ").replace("**", "")
    return re.sub(r"«[^»]*»", "«…»", text)


@pytest.fixture
def nynorsk():
    i18n.set_language("nn")
    yield
    i18n.set_language("nb")


def test_the_first_screen_in_nynorsk(baseline, nynorsk):
    lines = [_plain(line) for line in rt.summary_lines(baseline)]
    # 1 620 000 + 2 240 980 (hand calculation in test_summary_text.py): 1,6 + 2,2 = 3,8
    assert lines[0] == ("Teamet kostar det offentlege om lag 3,8 mill. kr ekstra over 6 "
                        "månader: dei 1,6 mill. kr Helsedirektoratet ber om i nye midlar, og "
                        "2,2 mill. kr til reise og opphald som kommunane betaler for "
                        "medlemmene i teamet.")
    # the gross as the sum of its printed parts: 1,6 + 2,2 + 2,0 + 1,8 (test_summary_text.py)
    assert lines[1].endswith("blir samla kostnad om lag 7,6 mill. kr.")
    assert lines[2].startswith("Fordi mykje ikkje står i brevet, låg meirkostnaden mellom")
    assert rt.data_date(baseline) == "19.11.2020 (brevet); 04.01.2021 (klare medlemmer i teamet)"
    for line in lines:
        assert not BOKMAL_ONLY.search(line), line


def test_the_warning_in_nynorsk(team_50, nynorsk):
    notice = _plain(rt.notices(team_50)[0])
    assert notice.startswith("Teamet er for lite: kommunane ber om 1 000 formidlingar, men "
                             "teamet rekk berre om lag 280 i avtaleperioden.")
    assert notice.endswith("om lag 720 formidlingar blir ikkje dekte.")


def test_prose_tables_and_charts_have_no_bokmal_forms(baseline, team_50, nynorsk):
    for res in (baseline, team_50):
        texts = [rt.key_findings(res), rt.about(res), rt.readings(res),
                 rt.uncertainty_text(res), *rt.notices(res), *rt.summary_lines(res)]
        tables = [rt.budget(res), rt.line_items(res), rt.volume_table(res),
                  rt.year_table(res), rt.monthly_table(res), rt.unit_costs(res),
                  rt.alternatives_table(res), rt.unpriced_table(res), rt.headline_table(res),
                  rt.placements_table(res), rt.tornado(res)[1]]
        for t in tables:
            texts += [t.caption, t.note, *t.columns.values()]
            texts += [str(v) for c in t.columns for v in t.data[c] if isinstance(v, str)]
        figures = [rt.cost_by_item_figure(res), rt.members_figure(res),
                   rt.monthly_figure(res), rt.distribution_figure(res), rt.tornado(res)[0]]
        texts += [text for f in figures for text in (f.caption, f.alt)]
        for text in texts:
            assert not BOKMAL_ONLY.search(_plain(text)), text


def test_table_words_in_nynorsk(baseline, nynorsk):
    items = rt.line_items(baseline)
    assert list(items.columns.values()) == ["Post", "Utrekning", "Budsjett", "Beløp"]
    assert items.data["label"].iloc[-1] == "Sum, alle postar"
    budget = rt.budget(baseline).data.set_index("budget")["label"]
    assert budget["stay"] == "Reise og opphald for kommunane, føreslått dekt av TISK-refusjonen"
    assert budget["total"] == "Samla kostnad for det offentlege"
    assert date_text(dt.date(2021, 1, 4)) == "4. januar 2021"
    months = rt.monthly_table(baseline).data["label"]
    assert months.iloc[0] == "november 2020"
    # the data themselves stay the same: codes and numbers are not translated
    assert items.data["item"].iloc[0] == "agency"


def test_bokmal_is_unchanged_after_nynorsk(baseline):
    i18n.set_language("nn")
    rt.summary_lines(baseline)
    i18n.set_language("nb")
    assert _plain(rt.summary_lines(baseline)[0]).startswith(
        "Teamet koster det offentlige om lag 3,8 mill. kr ekstra over 6 måneder")
