"""The providers' topics against the content items of forskrift om organisering, ledelse og
medvirkning § 3-18, worked out by hand from a five-provider file."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.hms import columns as c
from analysis.hms import regulation_topics as rt


@pytest.fixture()
def providers() -> pd.DataFrame:
    return pd.DataFrame({
        "provider": pd.Series(["P1", "P2", "P3", "P4", "P5"], dtype="str"),
        "hours": pd.array([40, 42, 8, None, 45], dtype="Int64"),
        "topics": pd.Series([
            # every item a-f: law (a, f), internal_control (b), risk_assessment (c),
            # psychosocial (d), ergonomics (e); not chemicals
            "law|internal_control|risk_assessment|psychosocial|ergonomics",
            # a-f again (accidents for e), and chemicals
            "law|internal_control|risk_assessment|psychosocial|accidents|chemicals",
            "law|sick_leave",  # a and f only; sick leave is outside the list
            "risk_assessment",  # c only; hours unknown
            "psychosocial|ergonomics|sick_leave",  # d and e
        ], dtype="str"),
    })


def test_every_topic_code_is_mapped_and_the_items_are_the_regulations():
    assert set(rt.TOPIC_ITEMS) == set(c.TOPICS_ALLOWED)
    assert list(rt.ITEMS) == ["a", "b", "c", "d", "e", "f", "chemicals"]
    assert rt.TOPIC_ITEMS["sick_leave"] == ()  # not in § 3-18
    assert rt.TOPIC_ITEMS["law"] == ("a", "f")


def test_coverage_by_hand(providers):
    table = rt.regulation_coverage(providers).set_index("item")
    assert list(table.index) == [*rt.ITEMS, rt.ALL_ITEMS]
    assert (table["n_all"] == 5).all() and (table["n_40h"] == 3).all()  # P1, P2, P5
    # covering providers, all five / the three 40-hour courses (P1, P2, P5):
    expected = {
        "a": (3, 2),  # P1, P2, P3 / P1, P2
        "b": (2, 2),  # P1, P2
        "c": (3, 2),  # P1, P2, P4 / P1, P2
        "d": (3, 3),  # P1, P2, P5
        "e": (3, 3),  # P1 (ergonomics), P2 (accidents), P5
        "f": (3, 2),  # as a
        "chemicals": (1, 1),  # P2
        rt.ALL_ITEMS: (2, 2),  # P1, P2
    }
    for item, (k_all, k_40h) in expected.items():
        assert table.loc[item, "share_all"] == pytest.approx(k_all / 5), item
        assert table.loc[item, "share_40h"] == pytest.approx(k_40h / 3), item
    assert table.attrs["note"].startswith("Uvektede")


def test_without_40_hour_courses_the_share_is_missing(providers):
    short = providers.assign(hours=pd.array([8, 8, 8, 8, 8], dtype="Int64"))
    table = rt.regulation_coverage(short)
    assert table["share_40h"].isna().all() and (table["n_40h"] == 0).all()
