"""Cost by calendar month: sums to the total, nothing before the start, budget years."""

from __future__ import annotations

import pytest

from analysis.response_team import presentation as rt


def test_monthly_table_sums_to_the_total(baseline, team_50):
    for res in (baseline, team_50):
        assert res.months["total_nok"].sum() == pytest.approx(res.figures["total_nok"])
        by_item = res.months_by_item.groupby("item")["amount_nok"].sum()
        for item, amount in by_item.items():
            assert amount == pytest.approx(res.figures[f"{item}_nok"]), item


def test_months_before_the_start_are_zero(baseline):
    m = baseline.months.set_index("month")
    assert list(m.index[:2]) == ["2020-01", "2020-02"] and m.index[-1] == "2021-12"
    assert (m.loc[:"2020-10", "total_nok"] == 0).all()
    assert m.loc["2020-11", "total_nok"] > 0  # the start date, 30.11.2020
    # after the contract (ends 29.05.2021) only the register remains, 1 840 000 / 12
    assert m.loc["2021-07", "total_nok"] == pytest.approx(1_840_000 / 12)


def test_budget_years_split_the_new_money(baseline):
    years = baseline.years.set_index("year")
    assert years["new_money_nok"].sum() == pytest.approx(1_620_000)
    assert years.loc[2020, "already_requested_nok"] == 0
    assert years.loc[2021, "already_requested_nok"] == pytest.approx(1_840_000)
    # the agency fee runs per day: 32 of the 181 days are in 2020
    agency_2020 = baseline.months_by_item.query("item == 'agency' and year == 2020")
    assert agency_2020["amount_nok"].sum() == pytest.approx(600_000 * 32 / 181)


def test_the_published_monthly_table_has_a_sum_row_equal_to_the_total(baseline):
    table = rt.monthly_table(baseline).data
    assert table.iloc[-1]["label"] == "Sum"
    # each column is rounded to its own rounded total: three roundings of at most 500 kr
    assert table.iloc[-1]["total_nok"] == pytest.approx(baseline.figures["total_nok"], abs=1500)
    assert table.iloc[0]["month"] == "2020-11"


@pytest.mark.parametrize("make", [rt.monthly_table, rt.year_table])
def test_the_month_and_year_tables_add_up_as_printed(baseline, make):
    parts = ["new_money_nok", "already_requested_nok", "municipality_nok"]
    table = make(baseline).data
    assert (table[parts + ["total_nok"]] % 1000 == 0).all().all()  # whole thousands
    assert (table[parts].sum(axis=1) == table["total_nok"]).all()  # every row
    body, sums = table.iloc[:-1], table.iloc[-1]
    for column in [*parts, "total_nok"]:  # the sum row
        assert body[column].sum() == sums[column], column
