"""Disclosure control: hand-made tables, cells worked out by hand, and invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.disclosure import (
    SUPPRESSED,
    DisclosureError,
    SuppressionLog,
    check_published,
    suppress_counts,
    suppress_estimates,
    suppression_note,
)
from analysis.errors import AnalysisError, ParameterError
from analysis.presentation.formatting import FORMATTERS, format_value

NBSP = "\u00a0"
X = SUPPRESSED


def hidden_cells(table: pd.DataFrame, columns: list[str]) -> set[tuple]:
    return {(r, c) for c in columns for r, v in table[c].items() if v == X}


def with_totals(body: pd.DataFrame, total_row: bool = True) -> pd.DataFrame:
    out = body.copy()
    out["total"] = out.sum(axis=1)
    if total_row:
        out.loc["sum"] = out.sum()
    return out


# --- Estimates ------------------------------------------------------------------------------


def estimates() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["Leder", "Verneombud", "AMU", "Tom", "Ukjent"],
            "estimate": [0.61, 0.40, 0.55, math.nan, 0.30],
            "se": [0.05, 0.12, 0.06, math.nan, 0.20],
            "ci_low": [0.51, 0.16, 0.43, math.nan, -0.1],
            "ci_high": [0.71, 0.64, 0.67, math.nan, 0.7],
            "deff": [1.4, 1.1, 1.2, math.nan, 1.0],
            "n": [40, 9, 10, 0, math.nan],
        },
        index=["leader", "verneombud", "amu", "empty", "unknown"],
    )


def test_estimate_rows_below_threshold_lose_every_value_and_their_n():
    s = suppress_estimates(estimates(), threshold=10)
    t = s.table
    # n = 9, n = 0 and a missing n are withheld; n = 10 is exactly allowed.
    for row in ["verneombud", "empty", "unknown"]:
        assert t.loc[row, ["estimate", "se", "ci_low", "ci_high", "deff", "n"]].tolist() == [X] * 6
    assert t.loc["leader", "estimate"] == 0.61 and t.loc["leader", "n"] == 40
    assert t.loc["amu", "ci_high"] == 0.67 and t.loc["amu", "n"] == 10
    assert t["label"].tolist() == estimates()["label"].tolist()  # text is left alone
    assert (s.primary, s.secondary, s.cells) == (3, 0, 3)
    assert t["estimate"].dtype == object and t["n"].dtype == object


def test_explicit_value_columns_keep_a_numeric_label_visible():
    frame = pd.DataFrame({"answer": [1, 2], "estimate": [0.2, 0.8], "n": [3, 30]})
    s = suppress_estimates(frame, 10, value_columns=["estimate"])
    assert s.table["answer"].tolist() == [1, 2]
    assert s.table["estimate"].tolist() == [X, 0.8]
    assert s.table["n"].tolist() == [X, 30]


def test_suppressing_twice_does_not_count_twice():
    once = suppress_estimates(estimates(), 10)
    twice = suppress_estimates(once.table, 10,
                               value_columns=["estimate", "se", "ci_low", "ci_high", "deff"])
    assert twice.cells == 0
    assert twice.table.equals(once.table)


# --- Counts: primary and secondary, by hand -----------------------------------------------------


def test_three_by_three_with_totals_hides_a_two_by_two_block():
    body = pd.DataFrame({"a": [4, 20, 30], "b": [15, 11, 35], "c": [40, 50, 60]},
                        index=["x", "y", "z"])
    table = with_totals(body)
    s = suppress_counts(table, 10, ["a", "b", "c"], total_column="total", total_row="sum")
    # 4 is primary. Row x: the next smallest non-zero is 15 (x, b); column a: 20 (y, a).
    # Then row y and column b each hold one suppressed cell: both point at 11 (y, b).
    assert hidden_cells(s.table, ["a", "b", "c", "total"]) == {
        ("x", "a"), ("x", "b"), ("y", "a"), ("y", "b")
    }
    assert (s.primary, s.secondary, s.cells) == (1, 3, 4)
    # Totals and the untouched cells are published as they were.
    assert s.table["total"].tolist() == [59, 81, 125, 265]
    assert s.table.loc["sum", ["a", "b", "c"]].tolist() == [54, 61, 150]
    assert s.table.loc["z"].tolist() == [30, 35, 60, 125]


def test_row_totals_only_and_zeros_shown():
    table = with_totals(pd.DataFrame({"a": [4, 25], "b": [12, 8], "c": [30, 0]}),
                        total_row=False)
    s = suppress_counts(table, 10, ["a", "b", "c"], total_column="total")
    # Row 0: 4 is primary, 12 the next smallest. Row 1: 8 is primary; the zero does not
    # protect it (0 is not hidden), so 25 (smaller than the total 33) goes too.
    assert s.table["a"].tolist() == [X, X]
    assert s.table["b"].tolist() == [X, X]
    assert s.table["c"].tolist() == [30, 0]
    assert s.table["total"].tolist() == [46, 33]
    assert (s.primary, s.secondary) == (2, 2)


def test_small_totals_are_primary_too():
    table = with_totals(pd.DataFrame({"a": [3, 40], "b": [2, 50], "c": [0, 60]}),
                        total_row=False)
    s = suppress_counts(table, 10, ["a", "b", "c"], total_column="total")
    # 3, 2 and their total 5 are all below 10; the zero stays; row 1 is untouched.
    assert s.table.loc[0].tolist() == [X, X, 0, X]
    assert s.table.loc[1].tolist() == [40, 50, 60, 150]
    assert (s.primary, s.secondary) == (3, 0)


def test_no_totals_means_primary_only():
    table = pd.DataFrame({"a": [4, 25], "b": [12, 8]})
    s = suppress_counts(table, 10, ["a", "b"])
    assert s.table["a"].tolist() == [X, 25] and s.table["b"].tolist() == [12, X]
    assert (s.primary, s.secondary) == (2, 0)


def test_audit_breaks_a_bridge_that_the_row_and_column_rule_misses():
    body = pd.DataFrame(
        [[3, 4, 20, 30], [5, 6, 7, 40], [50, 60, 8, 9], [70, 80, 2, 3], [100, 110, 120, 130]],
        columns=["c1", "c2", "c3", "c4"], index=list("abcde"),
    )
    table = with_totals(body)
    cols = ["c1", "c2", "c3", "c4", "total"]
    primary = {(r, c) for r in body.index for c in body.columns if body.loc[r, c] < 10}
    # Every row and column hides 0 or at least 2 cells, yet (b, c3) is pinned down:
    # rows a + b minus columns c1 + c2 leave exactly b·c3.
    assert recoverable(table, primary, cols) == {("b", "c3")}
    s = suppress_counts(table, 10, cols[:-1], total_column="total", total_row="sum")
    # The smallest visible cell sharing a sum with (b, c3) is 20 at (a, c3).
    assert hidden_cells(s.table, cols) == primary | {("a", "c3")}
    assert (s.primary, s.secondary) == (9, 1)
    assert recoverable(table, hidden_cells(s.table, cols), cols) == set()


def test_shares_follow_their_counts():
    table = with_totals(pd.DataFrame({"a": [4, 20, 30], "b": [15, 11, 35]}), total_row=False)
    table["share_a"] = table["a"] / table["a"].sum()
    s = suppress_counts(table, 10, ["a", "b"], total_column="total", shares={"share_a": "a"})
    hidden = s.table["a"] == X
    assert (s.table["share_a"][hidden] == X).all()
    assert s.table["share_a"][~hidden].tolist() == table["share_a"][~hidden].tolist()
    assert s.cells == s.primary + s.secondary  # shares are not counted as extra cells


# --- Independent check and property ------------------------------------------------------------


def recoverable(table: pd.DataFrame, hidden: set[tuple], cols: list[str]) -> set[tuple]:
    """Hidden cells whose value follows from the sums, by rank tests (independent code)."""
    rows = list(table.index)
    sums = [[(r, c) for c in cols] for r in rows] if "total" in cols else []
    if "sum" in rows:
        sums += [[(r, c) for r in rows] for c in cols]
    unknowns = sorted(hidden)
    a = np.array([[1.0 if u in eq else 0.0 for u in unknowns] for eq in sums]).reshape(
        len(sums), len(unknowns))
    rank = np.linalg.matrix_rank(a) if a.size else 0
    out = set()
    for k, u in enumerate(unknowns):
        unit = np.zeros((1, len(unknowns)))
        unit[0, k] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.add(u)
    return out


@st.composite
def count_tables(draw):
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 6))
    # Many small cells and zeros, so that suppression patterns get tangled.
    cell = st.one_of(st.sampled_from([0, 0, 3, 5, 8, 12, 15, 20, 25, 40, 60]),
                     st.integers(1, 80))
    values = draw(st.lists(st.lists(cell, min_size=n_cols, max_size=n_cols),
                           min_size=n_rows, max_size=n_rows))
    body = pd.DataFrame(values, columns=[f"k{j}" for j in range(n_cols)],
                        index=[f"r{i}" for i in range(n_rows)])
    return body, draw(st.integers(2, 15)), draw(st.booleans())


@settings(max_examples=200, deadline=None, derandomize=True)
@given(count_tables())
def test_property_nothing_small_shown_and_nothing_recoverable(case):
    body, threshold, total_row = case
    table = with_totals(body, total_row=total_row)
    counts = list(body.columns)
    cols = [*counts, "total"]
    s = suppress_counts(table, threshold, counts, total_column="total",
                        total_row="sum" if total_row else None)
    out = s.table
    hidden = hidden_cells(out, cols)
    for c in cols:
        visible = [v for v in out[c] if v != X]
        assert not any(0 < v < threshold for v in visible)
    # No published sum leaves exactly one cell to subtract.
    for r in out.index:
        assert sum((r, c) in hidden for c in cols) != 1
    if total_row:
        for c in cols:
            assert sum((r, c) in hidden for r in out.index) != 1
    assert recoverable(table, hidden, cols) == set()
    assert s.cells == len(hidden)
    assert s.primary == int(((table[cols] > 0) & (table[cols] < threshold)).sum().sum())
    # Visible cells are the original numbers.
    for c in cols:
        for r in out.index:
            if (r, c) not in hidden:
                assert out.loc[r, c] == table.loc[r, c]


# --- Tally, guard, note, formatting ------------------------------------------------------------


def test_log_counts_cells_across_tables_once_each():
    log = SuppressionLog()
    a = suppress_estimates(estimates(), 10)  # 3 cells
    b = suppress_counts(with_totals(pd.DataFrame({"a": [4, 20], "b": [15, 30]}),
                                    total_row=False), 10, ["a", "b"], total_column="total")
    assert log.add(a) is a.table
    log.add(b)
    log.add(b)
    assert (log.total, log.primary, log.secondary, log.tables) == (3 + 2, 3 + 1, 1, 2)


def test_check_published_raises_on_a_small_visible_cell_and_passes_a_suppressed_table():
    with pytest.raises(DisclosureError, match="'verneombud'.*below the disclosure threshold 10"):
        check_published(estimates(), 10)
    check_published(suppress_estimates(estimates(), 10).table, 10)


def test_check_published_catches_a_withheld_row_that_still_shows_its_estimate():
    leaky = suppress_estimates(estimates(), 10).table
    leaky.loc["verneombud", "estimate"] = 0.40
    with pytest.raises(DisclosureError, match="'verneombud' hides its n but still shows"):
        check_published(leaky, 10)
    assert issubclass(DisclosureError, AnalysisError)


def test_check_published_on_count_tables_allows_zeros():
    table = pd.DataFrame({"a": [0, 12], "b": [X, 30]})
    check_published(table, 10, ["a", "b"], zero_ok=True)
    with pytest.raises(DisclosureError):
        check_published(table, 10, ["a", "b"])
    with pytest.raises(DisclosureError, match="column 'a'"):
        check_published(pd.DataFrame({"a": [3]}), 10, ["a"], zero_ok=True)


def test_note_in_norwegian():
    assert suppression_note(10) == "«:» = vises ikke fordi tallet bygger på færre enn 10 svar."
    assert suppression_note(1000) == (
        f"«:» = vises ikke fordi tallet bygger på færre enn 1{NBSP}000 svar."
    )
    assert "summene i tabellen" in suppression_note(5, secondary=True)
    s = suppress_counts(with_totals(pd.DataFrame({"a": [4, 20], "b": [15, 30]}),
                                    total_row=False), 10, ["a", "b"], total_column="total")
    assert s.note == suppression_note(10, secondary=True)
    assert suppress_estimates(pd.DataFrame({"x": [1.0], "n": [50]}), 10).note == ""


@pytest.mark.parametrize("kind", sorted(FORMATTERS))
def test_marker_passes_through_every_format(kind):
    assert format_value(X, kind) == ":"


# --- Messages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "10", math.nan])
def test_bad_threshold_is_a_parameter_error(bad):
    with pytest.raises(ParameterError, match="threshold"):
        suppress_estimates(estimates(), bad)


def test_bad_tables_are_refused_with_the_place_named():
    with pytest.raises(ParameterError, match="'count' is not a column"):
        suppress_estimates(estimates(), 10, n_column="count")
    with pytest.raises(ParameterError, match="Column 'a', row 1 .* at least 0"):
        suppress_counts(pd.DataFrame({"a": [3, -1]}), 10, ["a"])
    with pytest.raises(ParameterError, match="Row 0: the total 5 is smaller"):
        suppress_counts(pd.DataFrame({"a": [4], "b": [3], "t": [5]}), 10, ["a", "b"],
                        total_column="t")
    with pytest.raises(ParameterError, match="total row 'sum' is not a row label"):
        suppress_counts(pd.DataFrame({"a": [4]}), 10, ["a"], total_row="sum")
