"""One shape for every family (STYLE.md, issue 25).

Each family's presentation is pure functions of its ``Results``: with every file read and
every parameter lookup forbidden, each item of the presentation (every function of its
``__all__`` that takes the results) still renders. And every value a parameter can
override reaches the page from the results: a report built with the thresholds changed
prints the new values, never the old ones.
"""

from __future__ import annotations

import builtins
import inspect
import io
import pathlib
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import i18n
from analysis.notebooks import Target
from analysis.presentation.formatting import number
from analysis.presentation.report import Figure, Table, figure_html, table_html
from analysis.runner.execute import resolve_parameters

RESULTS_ARGS = {"res", "r", "results"}
NOT_ITEMS = {"publisher"}  # HMS: the disclosure gate at the results' threshold


class Forbidden(AssertionError):
    pass


def _refuse(what: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise Forbidden(f"the presentation {what}: {args[:1]!r}")
    return refuse


@contextmanager
def no_files_nor_parameters(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every file read and every parameter or scenario lookup raises :class:`Forbidden`."""
    with monkeypatch.context() as m:
        for module in [builtins, io]:
            m.setattr(module, "open", _refuse("opened a file"))
        for name in ("open", "read_text", "read_bytes", "exists", "is_file"):
            m.setattr(pathlib.Path, name, _refuse("looked at a file"))
        for name in ("read_csv", "read_excel", "read_parquet", "read_json"):
            m.setattr(pd, name, _refuse("read a data file"))
        for module in list(sys.modules.values()):
            if not getattr(module, "__name__", "").startswith("analysis"):
                continue
            for name, value in list(vars(module).items()):
                # every loader (parameters, scenarios, data files; some are cached, so
                # that a second read would not open a file) and the parameter resolution
                if callable(value) and (name.startswith("load_")
                                        or name == "resolve_parameters"):
                    m.setattr(module, name, _refuse(f"called {name}"))
        yield


def _warm_up(domain: str) -> None:
    """Load what is loaded once per process (catalogs, number formats, fonts), so that
    only a read by the presentation itself is caught."""
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        for d in (domain, "common"):
            i18n.translator(d)("Sum")
        number(1234.5, 1)
    i18n.set_language("nb")
    fig, ax = plt.subplots()
    ax.set_title("Æøå 1 234")
    ax.barh([0], [1])
    table_html(Table(name="x", caption="x", data=pd.DataFrame({"a": [1]}),
                     columns={"a": "a"}))
    figure_html(Figure("x", "x", "x", fig, pd.DataFrame({"a": [1]})))


def rendered(item: Any) -> str:
    """The text a reader sees of one item: HTML of a table or figure (caption, cells,
    note, alt text), prose as it is, a list or tuple item by item."""
    if item is None:
        return ""
    if isinstance(item, Table):
        return table_html(item)
    if isinstance(item, Figure):
        return figure_html(item)
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return "\n".join(f"{k}: {v}" for k, v in item.items())
    if isinstance(item, list | tuple | pd.Series):
        return "\n".join(rendered(x) for x in item)
    raise AssertionError(f"a presentation function returned {type(item).__name__}")


def items_of(presentation: Any) -> dict[str, Callable[..., Any]]:
    """Every function of the presentation's ``__all__`` whose first argument is the
    results."""
    out = {}
    for name in presentation.__all__:
        obj = getattr(presentation, name)
        if not inspect.isfunction(obj):
            continue
        params = list(inspect.signature(obj).parameters)
        if params and params[0] in RESULTS_ARGS and name not in NOT_ITEMS:
            out[name] = obj
    return out


def render_all(presentation: Any, results: Any, extra: dict[str, tuple] | None = None
               ) -> dict[str, str]:
    """Every item rendered, by function name (``extra``: more positional arguments a
    function takes after the results)."""
    extra = extra or {}
    out = {}
    for name, func in items_of(presentation).items():
        try:
            out[name] = rendered(func(results, *extra.get(name, ())))
        finally:
            plt.close("all")
    return out


def page(texts: dict[str, str]) -> str:
    """All rendered text, with no-break spaces as spaces."""
    return "\n".join(texts.values()).replace("\xa0", " ").replace("\u202f", " ")


# ------------------------------------------------------------------------ response team
def response_team_results(**overrides: Any):
    from analysis.response_team import pipeline

    target = Target("response_team_costs", "letter_baseline")
    params = {**resolve_parameters(target, {}), "n_draws": 2_000, **overrides}
    return pipeline.analyse(params, scenario="letter_baseline")


@pytest.fixture(scope="module")
def response_team():
    return response_team_results()


def test_the_guard_catches_a_read(response_team, monkeypatch):
    """The guard itself: a presentation that reads the parameter file is caught."""
    import analysis.parameters

    _warm_up("response_team")
    analysis.parameters.load_parameter_file("response_team_costs")  # cached from here on
    with no_files_nor_parameters(monkeypatch), pytest.raises(Forbidden):
        analysis.parameters.load_parameter_file("response_team_costs")
    with no_files_nor_parameters(monkeypatch), pytest.raises(Forbidden):
        pd.read_csv("data/conscription/counties.csv")


def test_response_team_prints_the_overridden_values(response_team):
    """Start a week later, a shorter contract, other days, shares and prices: the page
    says the new values (the letter's week 49 is named only as the letter's)."""
    from analysis.response_team import presentation as rt

    changed = response_team_results(
        start_date="2020-12-07", contract_months=9, deployment_days=10.0,
        availability_share=0.4, working_days_per_year=220, working_days_per_week=6.0,
        placement_fee_nok=350, members_ready=30, members_ready_date="2021-01-11",
        team_size=80)
    new, old = page(render_all(rt, changed)), page(render_all(rt, response_team))
    for text in ("7. desember 2020", "uke 50 i 2020", "fra uke 50 i 2020",
                 "over 9 måneder", "à 10 dager", "40 % tilgjengelighet",
                 "220 arbeidsdager", "6 arbeidsdager i uken", "à 350 kr", "30 klare",
                 "11. januar 2021", "fullt med 80"):
        assert text in new, text
    for text in ("30. november 2020", "uke 49", "over 6 måneder", "à 14 dager",
                 "50 % tilgjengelighet", "230 arbeidsdager", "5 arbeidsdager i uken",
                 "à 300 kr", "40 klare", "4. januar 2021", "fullt med 100"):
        assert text in old, text  # the text the default report prints …
        assert text not in new, text  # … is gone when the value is changed


# ------------------------------------------------------------------------- conscription
def conscription_results(**overrides: Any):
    from analysis.conscription import pipeline

    target = Target("conscription_scenarios", "autumn_2020")
    params = {**resolve_parameters(target, {}), "n_draws": 200, **overrides}
    return pipeline.analyse(params)


CS_EXTRA = {"own_data_title": ("egne_data.csv", True)}  # the file the user named


@pytest.fixture(scope="module")
def conscription():
    return conscription_results()


def retrospective_results(threshold: float = 150.0, min_cases: int = 10):
    from analysis.conscription import retrospective
    from analysis.parameters import load_parameter_file

    model = load_parameter_file("conscription_scenarios")
    return retrospective.analyse(model.defaults, model, "2020-09", "2022-14", 20, 1,
                                 threshold, min_cases)


@pytest.fixture(scope="module")
def retrospective():
    return retrospective_results()


# -------------------------------------------------------------------------------- HMS
def hms_results(**overrides: Any):
    from analysis.hms import pipeline

    target = Target("hms_training_survey", "synthetic_2024")
    return pipeline.analyse({**resolve_parameters(target, {}), **overrides})


def hms_extra(res: Any) -> dict[str, tuple]:
    """The arguments after the results: the disclosure gate at the results' threshold
    (every function that takes one), and an indicator for the indicator table."""
    from analysis.hms import presentation as hp

    pub = hp.publisher(res)
    out = {}
    for name, func in items_of(hp).items():
        params = list(inspect.signature(func).parameters)
        if len(params) > 1 and params[1] == "pub":
            out[name] = (pub,)
    out["indicator_table"] = (pub, "share_verneombud_40h")
    return out


@pytest.fixture(scope="module")
def hms():
    return hms_results()


FAMILIES = {  # family: (catalog domain, presentation module, results fixture, extra)
    "response_team": ("response_team", "analysis.response_team.presentation",
                      "response_team", lambda res: {}),
    "conscription": ("conscription", "analysis.conscription.presentation", "conscription",
                     lambda res: CS_EXTRA),
    "hms": ("hms", "analysis.hms.presentation", "hms", hms_extra),
    "retrospective": ("conscription", "analysis.conscription.presentation.retrospective",
                      "retrospective", lambda res: {}),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_presentation_reads_no_file_nor_parameter(family, language, request, monkeypatch):
    """Every item of the family's presentation renders from a ``Results`` built before,
    with every file read and every parameter lookup forbidden."""
    import importlib

    domain, module, fixture, extra = FAMILIES[family]
    presentation = importlib.import_module(module)
    results = request.getfixturevalue(fixture)
    arguments = extra(results)
    _warm_up(domain)
    i18n.set_language(language)
    try:
        with no_files_nor_parameters(monkeypatch):
            texts = render_all(presentation, results, arguments)
    finally:
        i18n.set_language("nb")
    # every item rendered; a few say nothing for these data (no capacity warning)
    assert sum(bool(text) for text in texts.values()) >= min(20, len(texts)), texts.keys()


def test_conscription_prints_the_overridden_values(conscription):
    """The testing rates, the tracing team, the isolation share and the reserve behind
    rule (a) and (b): the page states the values the run used."""
    from analysis.conscription import presentation as cs

    changed = conscription_results(
        test_percent_min=2.0, test_percent_max=6.5, team_tracers_per_team=4,
        team_leaders_per_team=2, isolation_excess_absence_share=0.004,
        outside_nurses=15000, not_working_persons=44000)
    new = page(render_all(cs, changed, CS_EXTRA))
    old = page(render_all(cs, conscription, CS_EXTRA))
    for text in ("2–6,5 %", "to teamledere med helseutdanning, én koordinator og fire "
                 "smittejegere", "sju personer per team", "om lag 0,4 %",
                 "35 063 sysselsatt", "mer enn 44 000 uten arbeid"):
        assert text in new, text
    for text in ("1,5–5 %", "én teamleder med helseutdanning, én koordinator og tre "
                 "smittejegere", "fem personer per team", "om lag 0,2 %",
                 "34 843 sysselsatt", "mer enn 43 000 uten arbeid"):
        assert text in old, text
        assert text not in new, text


def test_a_word_with_two_meanings_has_two_translations(conscription):
    """Message context end to end: «Størrelse» heads the municipality-size criterion
    (``NP_("kriterium", …)`` in conscription/allocation.py, msgctxt in the catalogs) and,
    without context, a column of quantities; nynorsk gives each its own word, bokmål the
    same."""
    from analysis.conscription import presentation as cs

    def headers() -> tuple[str, str]:
        return (cs.score_table(conscription).columns["size"],
                cs.uncertainty_table(conscription).columns["label"])

    with i18n.using_language("nn"):
        assert headers() == ("Kommunestorleik", "Storleik")
    with i18n.using_language("nb"):
        assert headers() == ("Størrelse", "Størrelse")


def test_hms_prints_the_overridden_values(hms):
    """The hours a verneombud must have, the Likert answer that counts as agreeing and the
    threshold of small cells: the page states the run's values, never the defaults."""
    from analysis.hms import presentation as hp

    changed = hms_results(min_hours_verneombud_amu=30, agree_from=5, suppression_threshold=20)
    new = page(render_all(hp, changed, hms_extra(changed)))
    old = page(render_all(hp, hms, hms_extra(hms)))
    for text in ("minst 30 timer", "svarer 5 eller høyere", "færre enn 20 svar"):
        assert text in new, text
    for text in ("minst 40 timer", "svarer 4 eller høyere", "færre enn 10 svar"):
        assert text in old, text
        assert text not in new, text
    # wherever the page states the requirement, in any wording (issue 22)
    assert not re.search(r"\b40 timer", new), re.findall(r".{60}\b40 timer.{20}", new)
    assert len(re.findall(r"\b30 timer", new)) == len(re.findall(r"\b40 timer", old))


def test_retrospective_prints_its_threshold(retrospective):
    """The incidence threshold and the least cases: the method says the run's values."""
    from analysis.conscription.presentation import retrospective as rp

    changed = retrospective_results(threshold=100.0, min_cases=5)
    new, old = page(render_all(rp, changed)), page(render_all(rp, retrospective))
    assert "minst 100 smittede per 100 000" in new and "og minst 5 smittede" in new
    assert "minst 150 smittede per 100 000" in old and "og minst 10 smittede" in old
    assert "minst 150 smittede" not in new and "minst 10 smittede" not in new
