"""The HMS report in nynorsk: the same results, the text from the nynorsk catalog.

Expected sentences are written here by hand (in nynorsk), not taken from the catalog. Every
table, figure text and sentence the presentation builds is checked for bokmål-only forms,
the keywords of the coding table too (the coding searches both forms, issue 21).
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import disclosure, i18n
from analysis.hms import pipeline, themes
from analysis.hms import presentation as hp
from analysis.hms.indicators import ALL_INDICATORS
from analysis.hms.presentation.text import odds_words
from analysis.parameters import load_parameter_file

#: Bokmål forms that nynorsk writes otherwise (nn: ikkje, kva, korleis, frå, nokon, mykje,
#: dersom, kor, kven, eg, vart, verksemd, leiar(ar), verneombod, arbeidsmiljøutval, tala,
#: blir viste, byggjer, meiner, sjukefråvær, tilsette ...).
BOKMAL_ONLY = ("ikke", "hva", "hvordan", "fra", "noen", "mye", "hvis", "hvor", "hvem", "jeg",
               "ble", "virksomhet", "virksomheter", "virksomhetens", "leder", "ledere",
               "lederne", "verneombud", "verneombudene", "arbeidsmiljøutvalg", "tallene",
               "vises", "bygger", "mener", "opplæringen", "sykefravær", "ansatte",
               "arbeidsmiljøloven", "tjenester", "tilbyder", "tilbydere", "utvalget")
_BOKMAL = re.compile(r"(?<!\w)(" + "|".join(BOKMAL_ONLY) + r")(?!\w)", re.IGNORECASE)


def bokmal_forms(text: str) -> list[str]:
    return _BOKMAL.findall(text)


@pytest.fixture(scope="module")
def params() -> dict:
    return dict(load_parameter_file("hms_training_survey").defaults)


@pytest.fixture(scope="module")
def res(params):
    return pipeline.analyse(params)


@pytest.fixture
def nn():
    i18n.set_language("nn")
    yield
    i18n.set_language("nb")
    plt.close("all")


def _tables(res, params, pub):
    """Every table the notebook shows, built in the current language."""
    out = [hp.indicator_table(res, pub, indicator) for indicator in ALL_INDICATORS]
    likert = hp.likert_table(res, pub)
    odds = hp.odds_ratio_table(res, pub)
    out += [hp.group_test_table(res, pub), likert, odds, hp.theme_table(res, pub),
            hp.keyword_table(), hp.overview_table(res, pub), hp.topic_table(res, pub),
            hp.outcomes_table(res, pub), hp.response_table(res, pub),
            hp.weights_table(res, pub), hp.design_effect_table(res, pub)]
    figures = [hp.indicator_figure(res, pub, "role"), hp.likert_figure(res, pub),
               hp.applicability_by_role_figure(res, pub), hp.odds_ratio_figure(res, pub)]
    return out, figures


def _shown_text(table) -> str:
    """Caption, headings, note and every shown text cell."""
    cells = [str(v) for c in table.columns for v in table.data[c] if isinstance(v, str)]
    return "\n".join([table.caption, *table.columns.values(), table.note or "", *cells])


def test_key_findings_are_nynorsk(nn, res):
    text = hp.key_findings(res, hp.Publisher(10))
    assert "av personane med HMS-roller har gjennomført HMS-opplæring" in text
    assert ("av dei øvste leiarane har dokumentert at dei har gjennomført HMS-opplæringa "
            "for arbeidsgivarar (arbeidsmiljølova § 3-5).") in text
    assert "meiner at opplæringa passar til risikoane på eigen arbeidsplass (vekta" in text
    assert "«1–4 tilsette» har om lag ein sjettedel så høg odds som «100 tilsette eller " \
           "fleire»" in text
    assert "3\u00a0997 personar svarte, om lag 57,0\u00a0% av personane i dei utvalde " \
           "verksemdene (prosentdelen verksemder som var med, gonger prosentdelen av " \
           "personane dei oppgav, som svarte). Alle prosentdelane er vekta til " \
           "populasjonen." in text
    assert bokmal_forms(text) == []


def test_first_screen_and_prose_are_nynorsk(nn, res, params):
    pub = hp.Publisher(10)
    assert hp.notices(res) == [
        "Rapporten byggjer på syntetiske data: svara er laga av ein dokumentert "
        "datagenerator for å vise korleis analysen verkar. Tala skildrar ikkje norsk "
        "arbeidsliv."]
    assert hp.no_provider_file() == "Det er ikkje oppgitt noka tilbydarfil for denne køyringa."
    prose = [*hp.summary_lines(res, pub), *hp.data_sources(res)[:-1],
             hp.data_text(res), hp.method_text(pub), hp.response_text(res, pub),
             hp.coding_check_text(res, pub), hp.data_date(res)]
    found = {line: bokmal_forms(line) for line in prose if bokmal_forms(line)}
    assert found == {}


def test_table_headings_notes_and_figure_texts_are_nynorsk(nn, res, params):
    tables, figures = _tables(res, params, hp.Publisher(10))
    trained = tables[0]
    assert trained.caption == "Har gjennomført HMS-opplæring: estimat med 95 % " \
                              "konfidensintervall"
    assert list(trained.columns.values()) == ["Gruppe", "Inndeling", "Del", "95 % KI", "Svar"]
    labels = set(trained.data["category_label"])
    assert {"Øvste leiar", "Verneombod", "100 tilsette eller fleire",
            "Verneombod, 5–19 tilsette", "Helse- og sosialtenester"} <= labels
    likert = next(t for t in tables if t.name == "vurderinger")
    assert "Heilt usamd" in likert.columns.values() and "Veit ikkje" in likert.columns.values()
    assert "«:» = blir ikkje vist fordi talet byggjer på færre enn 10 svar" in likert.note
    found = {t.name: bokmal_forms(_shown_text(t)) for t in tables if bokmal_forms(_shown_text(t))}
    assert found == {}
    for figure in figures:
        assert bokmal_forms(f"{figure.caption}\n{figure.alt}") == [], figure.name


def test_the_suppression_sentence_and_odds_wording_in_nynorsk(nn):
    assert disclosure.suppression_note(10) == (
        "«:» = blir ikkje vist fordi talet byggjer på færre enn 10 svar.")
    assert odds_words(0.2) == "om lag ein femdel så høg odds som"
    assert odds_words(3.1) == "om lag tre gonger så høg odds som"
    assert odds_words(1.3) == "om lag 30 prosent høgare odds enn"


def test_bokmal_comes_back_unchanged(res, nn):
    pub = hp.Publisher(10)
    i18n.set_language("nb")
    before = hp.key_findings(res, pub)
    i18n.set_language("nn")
    assert hp.key_findings(res, pub) != before
    i18n.set_language("nb")
    assert hp.key_findings(res, pub) == before
    assert "av personene med HMS-roller har gjennomført HMS-opplæring" in before
    assert {"øverste", "lederne"} & {w.lower() for w in before.split()}
    assert bokmal_forms(before)  # the check finds bokmål where there is bokmål


def test_strata_are_named_in_words(res):
    table = hp.response_table(res, hp.Publisher(10))
    labels = list(table.data["stratum_label"])
    assert "Primærnæringer, industri og energi (1–4 ansatte)" in labels
    assert "Helse- og sosialtjenester (100 ansatte eller flere)" in labels
    assert labels[-1] == "Alle strata" and not any("|" in x or "_" in x for x in labels)
    weights = hp.weights_table(res, hp.Publisher(10))
    assert "Andre private tjenester (5–19 ansatte)" in set(weights.data["label"])

def test_figure_alt_text_names_highest_and_lowest_only_when_there_are_two_groups(res):
    alt = hp.indicator_figure(res, hp.Publisher(10), "role").alt
    plt.close("all")
    # Only leaders answer the § 3-5 question: one group, no "highest ... and lowest ..."
    assert re.search(r"Øverste ledere med dokumentert opplæring etter § 3-5: [\d,]+\s% for "
                     r"alle\.", alt)
    assert "lavest for øverste leder (30" not in alt
    assert "medlem av AMU (" in alt and "amu" not in alt


def test_the_coding_table_shows_nynorsk_keywords_and_codes_nynorsk_comments(nn):
    table = hp.keyword_table()
    words = " ".join(table.data["keywords"])
    assert "ikkje relevant" in words and "for mykje tid" in words and "ikke relevant" \
        not in words
    coded = themes.code_comments(pd.Series(["Kurset var ikkje relevant for oss",
                                            "Det tok for mykje tid", "Ikke relevant"]))
    assert coded["relevance"].tolist() == [True, False, True]
    assert coded["time"].tolist() == [False, True, False]
