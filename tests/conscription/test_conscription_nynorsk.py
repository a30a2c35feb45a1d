"""The conscription report in nynorsk: the same results, shown in nynorsk.

The results are computed once in bokmål and shown in both languages (the model's work is
not repeated per language), so these tests also check that nothing the model returns is
worded at computation time. Expected sentences are written by hand; quotations from the
letters are citations and stay as the letter wrote them.
"""

from __future__ import annotations

import re

import pytest

from analysis import i18n
from analysis.conscription import pipeline, steps
from analysis.conscription import presentation as cs
from analysis.conscription.presentation.text import step_needed_text
from analysis.conscription.register_checks import Notice
from analysis.notebooks import Target
from analysis.presentation.report import Figure, Table
from analysis.runner.execute import resolve_parameters

NB = "conscription_scenarios"
#: Bokmål forms that nynorsk never uses (nn: ikkje, kva, korleis, frå, nokon, mykje,
#: sjukepleiarar, viss/dersom, kor, kven, utan, utanfrå, personar, kommunar, trekningar).
BOKMAL_ONLY = ("ikke", "hva", "hvordan", "fra", "noen", "mye", "sykepleiere", "hvis", "hvor",
               "hvem", "uten", "utenfra", "personer", "kommuner", "trekninger", "smittede")
#: Every report item of the presentation that takes only the results.
ITEMS = ("municipality_table", "epidemiology_table", "county_table", "need_by_component_table",
         "need_by_role_table", "steps_table", "local_funnel_table", "volunteer_funnel_table",
         "rule_funnel_table", "supply_table", "escalation_figure", "escalation_table",
         "incentive_table", "ordered_figure", "ordered_table", "weights_table", "missing_table",
         "score_table", "coverage_figure", "coverage_table", "coverage_by_role_table",
         "rank_stability_table", "probability_table", "ordered_distribution_figure",
         "uncertainty_table", "sweep_figure", "sweep_table", "sensitivity")


def _results(scenario: str) -> pipeline.Results:
    return pipeline.analyse(resolve_parameters(Target(NB, scenario), {"n_draws": 200}))


@pytest.fixture(scope="module")
def results() -> dict[str, pipeline.Results]:
    i18n.set_language("nb")  # computed in bokmål, shown in nynorsk below
    return {name: _results(name) for name in ("autumn_2020", "extreme")}


@pytest.fixture
def nn():
    i18n.set_language("nn")
    yield
    i18n.set_language("nb")


def _citations_removed(text: str) -> str:
    return re.sub(r"«[^»]*»", "", text)


def _bokmal_forms(text: str) -> list[str]:
    words = re.findall(r"\w+", _citations_removed(text).lower())
    return sorted({w for w in words if w in BOKMAL_ONLY})


def _shown_text(item) -> list[str]:
    """The headings, notes, captions, alt texts and text cells of one report item."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [t for x in item for t in _shown_text(x)]
    if isinstance(item, Figure):
        axes = item.fig.axes
        labels = [t.get_text() for ax in axes for t in (
            *ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts)]
        legends = [t.get_text() for ax in axes if ax.get_legend()
                   for t in ax.get_legend().get_texts()]
        return [item.caption, item.alt, *labels, *legends,
                *(ax.get_xlabel() for ax in axes), *(ax.get_ylabel() for ax in axes)]
    assert isinstance(item, Table)
    cells = [str(v) for c in item.columns for v in item.data[c]
             if item.data[c].dtype == object and c != "municipality_name"]
    return [item.caption, item.note or "", *item.columns.values(), *cells]


def test_first_screen_sentences_in_nynorsk(results, nn):
    r = results["autumn_2020"]
    assert cs.notices(r) == [
        "Kommunedataa er illustrative: kommunane er oppdikta, og tala viser korleis modellen "
        "verkar, ikkje ein faktisk situasjon."]
    assert cs.data_text(r) == (
        "Scenariet gjeld 6 kommunar i akutt bemanningskrise: illustrative kommunar (namna er "
        "merkte «illustrativ»; tala er laga for å vise korleis modellen verkar). Eskaleringa "
        "følgjer rekkjefølgja i Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29).")
    assert step_needed_text(steps.DEFAULT_ORDER, 2) == (
        "Kommunane treng hjelp til og med trinn 2, nasjonalt innsatsteam")
    assert cs.key_findings(r).startswith("- Dei 6 kommunane i krise (")


def test_the_same_results_in_bokmal_again_after_nynorsk(results, nn):
    r = results["autumn_2020"]
    i18n.set_language("nb")
    assert cs.data_text(r).startswith(
        "Scenarioet gjelder 6 kommuner i akutt bemanningskrise: illustrative kommuner")


def test_key_findings_have_the_same_figures_in_both_languages(results, nn):
    r = results["extreme"]
    nynorsk = cs.key_findings(r)
    i18n.set_language("nb")
    bokmal = cs.key_findings(r)
    assert re.findall(r"\d[\d\u00a0,]*", nynorsk) == re.findall(r"\d[\d\u00a0,]*", bokmal)
    assert nynorsk.count("\n") == bokmal.count("\n")


def test_steps_table_translates_the_words_but_not_the_letters_sentences(results, nn):
    t = cs.steps_table(results["autumn_2020"])
    assert list(t.columns.values()) == ["Trinn", "Tiltak", "Kven", "Brevet seier", "Kjelde"]
    assert t.data["label"].tolist()[:2] == ["Lokale og regionale tiltak", "Nasjonalt innsatsteam"]
    assert t.data["quote"].iloc[0] == ("«Enhver bemanningskrise ved lokale utbrudd bør først "
                                       "forsøkes løst ved omdisponering av personell lokalt.»")


def test_roles_and_input_notices_are_worded_when_shown(results, nn):
    t = cs.ordered_table(results["extreme"])
    assert t.data["role"].tolist() == ["Legar", "Sjukepleiarar",
                                       "Anna autorisert helsepersonell", "I alt"]
    notice = Notice("converted", (("n", 2), ("new", "3301"), ("old", "3005"),
                                  ("name", "Drammen")))
    assert str(notice) == ("2 kommunenummer frå kommuneinndelinga 2024 er rekna om til "
                           "inndelinga 2020–2023 som modellen bruker (3301 → 3005 Drammen og 1 "
                           "til).")
    i18n.set_language("nb")
    assert str(notice).startswith("2 kommunenummer fra kommuneinndelingen 2024 er regnet om")


@pytest.mark.parametrize("scenario", ["autumn_2020", "extreme"])
def test_no_bokmal_only_forms_in_the_nynorsk_report_text(results, nn, scenario):
    r = results[scenario]
    texts = [cs.key_findings(r), cs.data_text(r), *cs.notices(r), cs.readings_text(r),
             cs.allocation_text(r), cs.uncertainty_text(r), cs.sweep_text(r),
             *cs.justifications(r)]
    for name in ITEMS:
        texts += _shown_text(getattr(cs, name)(r))
    found = {form: [t for t in texts if form in _bokmal_forms(t)][:1]
             for form in BOKMAL_ONLY if any(form in _bokmal_forms(t) for t in texts)}
    assert not found, found
