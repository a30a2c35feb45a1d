"""The business-data rule of the shared disclosure module (analysis/disclosure.py): at
least 3 units per cell, the (2, 85 %) dominance rule, secondary suppression. Every expected
cell is worked out by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.disclosure import (
    SUPPRESSED,
    DisclosureError,
    Publisher,
    check_units,
    dominated,
    suppress_units,
)


def _table() -> pd.DataFrame:
    # overall row, then a grouping "type" whose rows split it: 12 = 2 + 4 + 6 providers
    return pd.DataFrame({
        "group": ["all", "type", "type", "type"],
        "category": ["all", "a", "b", "c"],
        "providers": [12, 2, 4, 6],
        "participants": [1000.0, 100.0, 500.0, 400.0],
        "median_hours": [10.0, 7.0, 12.0, 9.0],
    })


def test_dominance_by_hand():
    assert dominated([50, 40, 10])  # 90 of 100 > 85
    assert not dominated([40, 30, 30])  # 70 of 100
    assert not dominated([43, 42, 15])  # 85 of 100 is not more than 85 %
    assert not dominated([0, 0, 0])  # nothing to dominate


def test_few_units_and_secondary_by_hand():
    done = suppress_units(_table(), "providers", ["median_hours"],
                          magnitude_columns=["participants"])
    t = done.table.set_index("category")
    # a: 2 providers -> everything withheld (primary)
    assert (t.loc["a", ["providers", "participants", "median_hours"]] == SUPPRESSED).all()
    # b (4 providers, the fewest of the rest) loses its count, else a = 12 - 4 - 6 = 2,
    # and its participants, else a = 1000 - 500 - 400 = 100 (the additive cells); its
    # median reveals no single provider and stays
    assert t.loc["b", "providers"] == SUPPRESSED and t.loc["b", "median_hours"] == 12.0
    assert t.loc["b", "participants"] == SUPPRESSED and t.loc["c", "participants"] == 400
    assert t.loc["c", "providers"] == 6 and t.loc["all", "providers"] == 12
    assert (done.primary, done.secondary) == (1, 2)
    assert "3 enheter" in done.note and "85 %" in done.note


def test_dominated_magnitude_and_its_secondary_by_hand():
    contributions = {0: [1] * 12, 1: [50, 50], 2: [300, 150, 30, 20], 3: [70] * 6}
    t = suppress_units(_table(), "providers", ["median_hours"], contributions,
                       ["participants"]).table.set_index("category")
    # b: 300 + 150 = 450 of 500 = 90 % > 85 %: its participants go (primary, dominance);
    # a goes whole (2 providers); c's participants stay: a and b are two withheld
    # participant cells, so 1000 - 400 = 600 does not give either
    assert t.loc["b", "participants"] == SUPPRESSED and t.loc["b", "providers"] == SUPPRESSED
    assert t.loc["c", "participants"] == 400.0


def test_a_shown_row_below_three_units_is_refused():
    with pytest.raises(DisclosureError, match="at least 3"):
        check_units(_table(), "providers")
    pub = Publisher(10)
    table, note = pub.units(_table(), "providers", ["median_hours"])
    check_units(table, "providers")  # passes once suppressed
    assert pub.units_log.total == 2 and pub.suppressed_cells == 0 and note
