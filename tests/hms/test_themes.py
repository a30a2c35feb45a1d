"""Free-text themes: hand-written comments with known themes, counts worked out by hand."""

from __future__ import annotations

import math
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParameterError
from analysis.hms import themes as hms_themes
from analysis.hms.themes import (
    COMMENTED,
    NO_COMMENT,
    THEMES,
    UNCODED,
    UNKNOWN_GROUP,
    code_comments,
    keyword_table,
    theme_counts,
)

# (comment, the themes a reader would give it)
CASES = [
    ("Kurset var lite relevant for oss", {"relevance"}),
    ("Altfor generelt, og det passer ikke for vår bransje", {"relevance"}),
    ("Det tok for mye tid fra driften", {"time"}),
    ("For få timer til å gå i dybden", {"time"}),
    ("ALTFOR DYRT", {"cost"}),
    ("Prisen var grei, men Nettkurset var tungvint", {"cost", "online"}),
    ("Prisverdig initiativ", set()),  # "pris" is not the stem of "prisverdig"
    ("Hundyrt", set()),  # "dyrt" only at a word start
    ("Kosthold ble tatt opp", set()),
    ("E-læringen fungerte fint", {"online"}),
    ("FLERE ØVELSER, takk", {"practical"}),
    (unicodedata.normalize("NFD", "Alt for få timer"), {"time"}),  # å as a + ring
    ("Svært lærerikt med god kursholder", {"positive"}),
    ("Unyttig", set()),
    ("Vi har mye konflikter og trakassering", {"psychosocial"}),
    ("Mangler oppfølging etter kurset", {"follow_up"}),
    ("Psykososiale forhold ble ikke dekket, og Dokumentasjonen manglet", {
        "psychosocial", "follow_up"}),
    ("Vi fikk ikke kursbevis, og det var mobbing i gruppa", {"follow_up", "psychosocial"}),
]
BLANKS = [None, math.nan, "", "   ", "-"]


def test_hand_written_comments_get_the_themes_a_reader_would_give():
    assert unicodedata.normalize("NFD", "få") != "få"  # the decomposed case is real
    texts = [text for text, _ in CASES] + BLANKS
    coded = code_comments(pd.Series(texts, index=range(100, 100 + len(texts))))
    assert list(coded.columns) == [*THEMES, UNCODED, NO_COMMENT]
    assert list(coded.index) == list(range(100, 100 + len(texts)))
    assert all(pd.api.types.is_bool_dtype(dtype) for dtype in coded.dtypes)
    for (text, themes), (_, row) in zip(CASES, coded.iterrows(), strict=False):
        assert {t for t in THEMES if row[t]} == themes, text
        assert row[UNCODED] == (not themes), text
        assert not row[NO_COMMENT], text
    for _, row in coded.iloc[len(CASES):].iterrows():
        assert row[NO_COMMENT] and not row.drop(NO_COMMENT).any()


def test_counts_by_group_by_hand():
    comments = pd.Series([
        "Nettkurs er nyttig",   # leader: online, positive
        "For dyrt",             # leader: cost
        None,                   # leader: no comment
        "Flere øvelser",        # verneombud: practical
        "Hei",                  # verneombud: uncoded
        "Nyttig kurs",          # verneombud: positive
        "  ",                   # amu_member: no comment
        "Dyrt nettkurs",        # group missing: cost, online
    ])
    by = pd.Series(["leader", "leader", "leader", "verneombud", "verneombud", "verneombud",
                    "amu_member", None])
    counts = theme_counts(comments, by).set_index("theme")
    assert list(counts.columns) == ["label", "amu_member", "leader", "verneombud",
                                    UNKNOWN_GROUP, "total"]
    assert list(counts.index) == [*THEMES, UNCODED, COMMENTED]
    expected = {  # amu_member, leader, verneombud, unknown, total
        "relevance": [0, 0, 0, 0, 0],
        "time": [0, 0, 0, 0, 0],
        "cost": [0, 1, 0, 1, 2],
        "online": [0, 1, 0, 1, 2],
        "practical": [0, 0, 1, 0, 1],
        "positive": [0, 1, 1, 0, 2],
        "psychosocial": [0, 0, 0, 0, 0],
        "follow_up": [0, 0, 0, 0, 0],
        UNCODED: [0, 0, 1, 0, 1],
        COMMENTED: [0, 2, 3, 1, 6],
    }
    for theme, row in expected.items():
        assert counts.loc[theme].drop("label").tolist() == row, theme
    assert counts.loc[UNCODED, "label"] == "Ikke kodet"
    assert counts.loc["cost", "label"] == "Kostnad"


def test_categorical_groups_keep_their_order_and_unused_categories():
    by = pd.Series(pd.Categorical(["b", "a"], categories=["c", "b", "a"]))
    counts = theme_counts(pd.Series(["nyttig", "nyttig og dyrt"]), by).set_index("theme")
    assert list(counts.columns) == ["label", "c", "b", "a", "total"]  # no missing group
    assert counts.loc["positive", ["c", "b", "a", "total"]].tolist() == [0, 1, 1, 2]
    assert counts.loc["cost", ["c", "b", "a", "total"]].tolist() == [0, 0, 1, 1]


def test_counts_without_groups():
    counts = theme_counts(pd.Series(["nyttig", None, "xyz"])).set_index("theme")
    assert list(counts.columns) == ["label", "total"]
    assert counts.loc[["positive", UNCODED, COMMENTED], "total"].tolist() == [1, 1, 2]


def test_no_public_function_returns_comment_text():
    secret = "Hemmelig XYZZY nettkurs"
    comments = pd.Series([secret, "nyttig"])
    outputs = [code_comments(comments), theme_counts(comments, pd.Series(["a", "b"])),
               keyword_table()]
    for frame in outputs:
        text = frame.to_csv() + " ".join(map(str, frame.index)) + " ".join(frame.columns)
        assert "XYZZY" not in text


def test_keyword_table_is_readable():
    table = keyword_table()
    assert list(table.columns) == ["theme", "label", "keywords"]
    assert table["theme"].tolist() == list(THEMES)
    assert table["label"].tolist() == [label for label, _ in THEMES.values()]
    assert all("(?" not in k and "\\" not in k for k in table["keywords"])
    cost = table.set_index("theme").loc["cost", "keywords"]
    assert "pris (ikke prisverdig, prisgitt)" in cost and "dyrt" in cost


def _literal(keyword: str) -> str:
    return keyword.split("(", 1)[0]  # the stem of the one keyword with a lookahead


KEYWORDS = [(theme, _literal(k)) for theme, (_, kws) in THEMES.items() for k in kws]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(KEYWORDS), st.sampled_from(["", "e", "en", "ene", "et"]),
       st.sampled_from([str.lower, str.upper, str.capitalize]),
       st.sampled_from(["", "Vel, ", "Kurset: ", "(", "HMS-"]))
def test_every_keyword_finds_its_inflected_forms_in_any_case(keyword, suffix, case, prefix):
    theme, word = keyword
    comment = prefix + case(word + suffix) + " i fjor."
    assert code_comments(pd.Series([comment])).loc[0, theme], comment


def test_wrong_inputs_are_parameter_errors():
    with pytest.raises(ParameterError, match="pandas Series"):
        code_comments(["nyttig"])
    with pytest.raises(ParameterError, match="same index"):
        theme_counts(pd.Series(["nyttig"]), pd.Series(["a"], index=[5]))
    with pytest.raises(ParameterError, match="reserved"):
        theme_counts(pd.Series(["nyttig"]), pd.Series(["total"]))


def test_agreement_with_a_hand_coded_sample_by_hand():
    comments = pd.Series(["Kurset var nyttig", "For dyrt", "ikke nyttig", "Nettkurs"],
                         index=["a", "b", "c", "d"])
    hand = pd.DataFrame({"positive": [1, 0, 0, 1], "cost": [0, 1, 0, 0]},
                        index=["a", "b", "c", "d"])
    table = hms_themes.agreement(comments, hand).set_index("theme")
    # positive: keyword coding 1,0,0,0 ("ikke nyttig" is not positive) against 1,0,0,1:
    # agreement 3/4; chance 0.25*0.5 + 0.75*0.5 = 0.5; kappa (0.75-0.5)/(1-0.5) = 0.5
    assert table.loc["positive", ["agreement", "kappa"]].tolist() == pytest.approx([0.75, 0.5])
    assert table.loc["cost", ["agreement", "kappa"]].tolist() == pytest.approx([1.0, 1.0])
    # pooled 8 decisions: 7 agree; chance 0.25*0.375 + 0.75*0.625 = 0.5625
    assert table.loc["all", "agreement"] == pytest.approx(0.875)
    assert table.loc["all", "kappa"] == pytest.approx((0.875 - 0.5625) / 0.4375)
    with pytest.raises(ParameterError, match="'nice'"):
        hms_themes.agreement(comments, hand.rename(columns={"cost": "nice"}))


def test_negated_positive_keywords_are_not_positive():
    coded = hms_themes.code_comments(pd.Series([
        "Kurset var ikke nyttig", "Ikke så veldig lærerikt", "Lite nyttig, men god kursholder",
        "Veldig nyttig"]))
    assert coded["positive"].tolist() == [False, False, True, True]
