"""Every ``expected:`` block of every scenario file is checked against what the runner
publishes: one collector, no list of families, so a new family's expectations are tested
as soon as its scenario file has them.

Scheduled scenarios come from the session's build of the whole schedule; scenarios that
are not scheduled but have expectations are built once, here, the same way (papermill
through ``python -m analysis run``). The figures compared are the published
``summary.json``, so nothing depends on how a family computes them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.notebooks import notebook_names
from analysis.scenarios import Expected, check_expected, load_scenarios

EXPECTING = [(nb, name, s.scheduled)
             for nb in notebook_names()
             for name, s in load_scenarios(nb).scenarios.items() if s.expected]
CASES = [(nb, name, key, exp)
         for nb, name, _ in EXPECTING
         for key, exp in load_scenarios(nb).scenarios[name].expected.items()]


@pytest.fixture(scope="module")
def built(schedule_reports, tmp_path_factory, cli) -> dict[str, Path]:
    """Target → published folder, for every scenario with expectations."""
    folders = {f"{nb}/{name}": schedule_reports / nb / name
               for nb, name, scheduled in EXPECTING if scheduled}
    extra = [f"{nb}/{name}" for nb, name, scheduled in EXPECTING if not scheduled]
    if extra:
        out = tmp_path_factory.mktemp("expected")
        result = cli("run", *extra, "--jobs", "2", "--out", str(out))
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        folders.update({t: out / t for t in extra})
    return folders


def test_every_notebook_has_scenarios():
    for nb in notebook_names():
        assert load_scenarios(nb).scenarios, nb


def test_the_collector_finds_every_family():
    assert {nb for nb, *_ in EXPECTING} == {
        nb for nb in notebook_names()
        if any(s.expected for s in load_scenarios(nb).scenarios.values())}
    assert len({nb for nb, *_ in EXPECTING}) >= 3


@pytest.mark.parametrize(("notebook", "scenario", "key", "expected"), CASES,
                         ids=[f"{c[0]}/{c[1]}/{c[2]}" for c in CASES])
def test_scenario_reproduces_expected_figure(built, notebook, scenario, key, expected):
    folder = built[f"{notebook}/{scenario}"]
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert key in summary, f"{key} is not in the published summary.json of {folder.name}"
    # the one rule `run --check` applies too (analysis.scenarios.check_expected)
    [check] = check_expected({key: expected}, summary)
    assert check["ok"], f"{key}: expected {expected.value} ± {expected.tolerance}, got " \
        f"{summary[key]}"


def test_the_check_passes_within_the_tolerance_and_fails_outside_it():
    """A hand-made summary against hand-made expectations: 100 ± 0.5 takes 100.4, not
    100.6; an exact 7 refuses 7.000001; a figure the summary lacks fails."""
    expected = {"a": Expected(value=100, tolerance=0.5, source="hand"),
                "b": Expected(value=100, tolerance=0.5, source="hand"),
                "c": Expected(value=7, source="hand"), "d": Expected(value=1, source="hand")}
    checks = check_expected(expected, {"a": 100.4, "b": 100.6, "c": 7.000001})
    assert [c["ok"] for c in checks] == [True, False, False, False]
    assert checks[3]["actual"] is None


def test_expectations_name_their_source():
    for nb, name, key, exp in CASES:
        assert exp.source.strip(), (nb, name, key)


def test_the_required_scenarios_exist():
    names = set(load_scenarios("response_team_costs").scenarios)
    assert {"letter_baseline", "team_50", "team_100_12_months"} <= names
