"""The seeded synthetic HMS survey: reproducible, meets the contract, mimics the design,
and shows every planted effect in simple unweighted comparisons."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.hms import columns as c
from analysis.hms import contract, mapping, synthetic
from analysis.paths import PROJECT_ROOT

DATA = PROJECT_ROOT / "data" / "hms"
# Establishments by number of employees, 1 January 2023 (Statistics Norway), written out
# here, not read from the package.
ESTABLISHMENTS_2023 = {"1-4": 103_654, "5-9": 41_273, "10-19": 31_025, "20-49": 21_987,
                       "50-99": 6_926, "100-249": 2_996, "250+": 939}
FRAME_SIZE = sum(ESTABLISHMENTS_2023.values())
SMALL = ["1-4", "5-9", "10-19"]
LARGE = ["100-249", "250+"]


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return contract.load_respondents(DATA / "respondents_synthetic.csv")


@pytest.fixture(scope="module")
def resp(sample) -> pd.DataFrame:
    return sample[sample[c.RESPONSE_STATUS] == "respondent"]


@pytest.fixture(scope="module")
def providers() -> pd.DataFrame:
    return contract.load_providers(DATA / "providers_synthetic.csv")


def likert(values: pd.Series) -> pd.Series:
    """Answers on the 1–5 scale as floats: "vet ikke" (9) and blanks left out."""
    return values.where(values <= 5).astype(float)


# -------------------------------------------------------------------- reproducibility
def test_script_regenerates_the_committed_files_byte_for_byte(tmp_path):
    run = subprocess.run(
        [sys.executable, str(DATA / "generate.py"), "--seed", str(synthetic.DEFAULT_SEED),
         "--out", str(tmp_path)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    for name in (synthetic.RESPONDENTS_NAME, synthetic.PROVIDERS_NAME,
                 synthetic.ENTERPRISES_NAME, synthetic.TOOL_EXPORT_NAME):
        assert str(tmp_path / name) in run.stdout
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_generate_returns_what_the_loader_reads(sample, providers):
    respondents, provs, enterprises = synthetic.generate(synthetic.DEFAULT_SEED)
    pd.testing.assert_frame_equal(respondents, sample)
    pd.testing.assert_frame_equal(provs, providers)
    pd.testing.assert_frame_equal(enterprises, contract.load_enterprises())
    assert synthetic.DEFAULT_SEED == 20240122
    assert synthetic.is_synthetic(sample)
    assert not synthetic.is_synthetic(sample.assign(respondent_id="R1"))


def test_another_seed_gives_other_data_that_still_meets_the_contract(tmp_path, sample):
    respondents_path, providers_path, enterprises_path, tool_path = synthetic.write(
        tmp_path, seed=7)
    other = contract.load_respondents(respondents_path)
    contract.load_providers(providers_path)
    contract.load_enterprises(enterprises_path)
    via_tool = mapping.load_export(tool_path, synthetic.TOOL_MAPPING)
    assert len(via_tool) == len(other)  # the tool layout of this seed reads back too
    assert not other[c.COMMENT].equals(sample[c.COMMENT])
    n = int((other[c.RESPONSE_STATUS] == "respondent").sum())
    assert 3_700 <= n <= 4_300


# --------------------------------------------------------------------------- the design
def test_enterprise_file_agrees_with_the_people_it_sampled(sample):
    """Every sampled enterprise once; a taking-part enterprise reports exactly the role
    rows the file has for it, and every enterprise with a respondent took part; some took
    part without anyone answering (the survey reached them, nobody replied)."""
    ent = contract.load_enterprises().set_index(c.CLUSTER)
    assert set(ent.index) == set(sample[c.CLUSTER])
    answered = sample.groupby(c.CLUSTER)[c.RESPONSE_STATUS].agg(
        lambda s: (s == "respondent").any())
    took_part = ent[c.ENTERPRISE_RESPONSE] == "respondent"
    assert not (answered & ~took_part.reindex(answered.index)).any()
    assert 20 <= int((took_part & ~answered.reindex(ent.index)).sum()) <= 100
    rows = sample.groupby([c.CLUSTER, c.ROLE]).size().unstack(fill_value=0)
    for role in c.ROLES:
        reported = ent.loc[took_part, c.REPORTED[role]]
        assert (reported == rows.reindex(reported.index)[role]).all(), role
    for column in (c.STRATUM, c.BASE_WEIGHT, c.SIZE_CLASS, c.SECTOR):
        first = sample.groupby(c.CLUSTER)[column].first()
        assert (ent[column] == first.reindex(ent.index)).all(), column


def test_about_4000_respondents_and_response_rate_in_range(sample, resp):
    assert 3_800 <= len(resp) <= 4_200
    assert 0.55 <= len(resp) / len(sample) <= 0.65
    rate = (sample[c.RESPONSE_STATUS] == "respondent").groupby(sample[c.SIZE_CLASS]).mean()
    assert rate["1-4"] < rate[LARGE].min()  # small enterprises answer less


def test_readme_figures_match_the_committed_file(sample, resp):
    readme = (DATA / "README.md").read_text(encoding="utf-8")

    def spaced(n: int) -> str:
        return f"{n:,}".replace(",", " ")

    clusters = sample[c.CLUSTER].nunique()
    assert f"{spaced(len(sample))} sampled people in {spaced(clusters)} enterprises" in readme
    ent = contract.load_enterprises()
    took_part = ent[ent[c.ENTERPRISE_RESPONSE] == "respondent"]
    reported = int(took_part[list(c.REPORTED.values())].sum().sum())
    assert f"{spaced(len(took_part))} of {spaced(len(ent))} enterprises took part " \
           f"({100 * len(took_part) / len(ent):.1f} %) and reported {spaced(reported)}" \
           in readme
    assert f"of whom {spaced(len(resp))} answered ({100 * len(resp) / reported:.1f} %), in " \
           f"{spaced(resp[c.CLUSTER].nunique())} enterprises" in readme


def test_strata_and_weights_follow_the_design(sample):
    clusters = sample.drop_duplicates(c.CLUSTER)
    assert 20 <= sample[c.STRATUM].nunique() <= 28
    # one stratum per cluster, one weight per cluster
    assert (sample.groupby(c.CLUSTER)[c.STRATUM].nunique() == 1).all()
    assert (sample.groupby(c.CLUSTER)[c.BASE_WEIGHT].nunique() == 1).all()
    per_stratum = clusters.groupby(c.STRATUM).agg(
        sampled=(c.CLUSTER, "size"), population=(c.STRATUM_POPULATION, "first"),
        weight=(c.BASE_WEIGHT, "first"))
    assert (sample.groupby(c.STRATUM)[c.STRATUM_POPULATION].nunique() == 1).all()
    assert (per_stratum["population"] >= per_stratum["sampled"]).all()
    assert per_stratum["population"].sum() == FRAME_SIZE == 208_800
    # simple random sampling of enterprises: weight = N_h / n_h
    np.testing.assert_allclose(per_stratum["weight"],
                               per_stratum["population"] / per_stratum["sampled"])
    # larger enterprises oversampled: the sampling fraction grows with the size group
    fraction = per_stratum["sampled"] / per_stratum["population"]
    by_size = fraction.groupby(fraction.index.str.split("|").str[1]).mean()
    assert by_size["1-4"] < by_size["5-19"] < by_size["20-99"] < by_size["100+"]


def test_frame_spreads_size_classes_over_industries_by_employment():
    counts = synthetic.frame_counts()
    assert counts.groupby(c.SIZE_CLASS)["enterprises"].sum().to_dict() == ESTABLISHMENTS_2023
    # health and social work: 646 191 of 2 846 070 employed (NAV, 2023)
    q_small = counts.query("industry == 'Q' and size_class == '1-4'")["enterprises"].item()
    assert abs(q_small - 103_654 * 646_191 / 2_846_070) < 1


def test_role_holders_of_each_enterprise(sample):
    roles = pd.crosstab(sample[c.CLUSTER], sample[c.ROLE])
    size = sample.drop_duplicates(c.CLUSTER).set_index(c.CLUSTER)[c.SIZE_CLASS]
    size = size.loc[roles.index]
    assert (roles["leader"] == 1).all()
    # a verneombud from 5 employees: none in 1-4, one in every larger class
    assert (roles.loc[size == "1-4", "verneombud"] == 0).all()
    assert (roles.loc[size != "1-4", "verneombud"] == 1).all()
    # AMU from 30 employees: none below 20, 2-4 members from 50
    assert (roles.loc[size.isin(["1-4", "5-9", "10-19"]), "amu_member"] == 0).all()
    assert roles.loc[size.isin(["50-99", *LARGE]), "amu_member"].between(2, 4).all()
    assert roles["employer_tasks"].between(0, 3).all()
    mean_tasks = roles["employer_tasks"].groupby(size).mean()
    assert mean_tasks["1-4"] < mean_tasks["20-49"] < mean_tasks["250+"]


def test_sector_and_counties(sample):
    clusters = sample.drop_duplicates(c.CLUSTER)
    public = (clusters[c.SECTOR] == "public").groupby(clusters[c.INDUSTRY]).mean()
    assert public["O"] == 1 and public["P"] == 1 and 0.4 < public["Q"] < 0.8
    assert public[["A", "B", "C", "F", "G", "I", "K", "L", "M", "N", "R-U"]].max() == 0
    # counties in proportion to the 1 January 2020 population (Statistics Norway, 07459)
    population = {"03": 693_494, "11": 479_892, "15": 265_238, "18": 241_235,
                  "30": 1_241_165, "34": 371_385, "38": 419_396, "42": 307_231,
                  "46": 636_531, "50": 468_702, "54": 243_311}
    share = clusters[c.COUNTY].value_counts(normalize=True)
    for county, people in population.items():
        assert abs(share[county] - people / 5_367_580) < 0.03, county


def test_nonrespondents_have_blank_items(sample):
    items = list(contract.RESPONDENT_COLUMNS[contract.RESPONDENT_COLUMNS.index(
        c.TRAINED_EMPLOYER):])
    non = sample[sample[c.RESPONSE_STATUS] == "nonrespondent"]
    assert non[items].isna().all().all()
    assert non[[c.STRATUM, c.CLUSTER, c.BASE_WEIGHT, c.ROLE]].notna().all().all()


def test_item_nonresponse_and_dont_know_a_few_percent(resp):
    for item in (*c.TRAINING_ITEMS, c.DOCUMENTED, c.TRAINING_HOURS, c.QUIZ_SCORE,
                 c.LIKERT_CONFIDENCE):
        assert 0.01 <= resp[item].isna().mean() <= 0.06, item
    for item in c.LIKERT_ITEMS:
        answered = resp[item].dropna()
        assert 0.01 <= (answered == c.LIKERT_DONT_KNOW).mean() <= 0.06, item


def test_item_distributions(resp):
    years = resp[c.LAST_TRAINING_YEAR].dropna()
    assert years.between(2019, 2024).mean() >= 0.8
    leaders = resp[(resp[c.ROLE] == "leader") & (resp[c.TRAINING_HOURS] > 0)]
    assert 3 <= leaders[c.TRAINING_HOURS].median() <= 16
    reps = resp[resp[c.ROLE].isin(["verneombud", "amu_member"])
                & resp[c.TRAINED_40H].fillna(False)]
    assert 30 <= reps[c.TRAINING_HOURS].median() <= 45
    assert resp[c.QUIZ_SCORE].dropna().between(0, 10).all()


def test_comments_are_short_templates_without_personal_data(resp):
    comments = resp[c.COMMENT].dropna()
    assert 0.25 <= len(comments) / len(resp) <= 0.35
    sentences = {s for group in synthetic.COMMENT_TEMPLATES.values() for s in group}
    for comment in comments:
        parts = re.findall(r"[^.]+\.", comment)
        assert 1 <= len(parts) <= 2 and {p.strip() for p in parts} <= sentences, comment
    assert not comments.str.contains(r"\d").any()  # no numbers, dates or ids


def test_providers(providers):
    assert 30 <= len(providers) <= 50
    assert providers[c.PROVIDER].str.fullmatch(r"Tilbyder \d\d").all()
    assert (providers[c.FORMAT] == "online_self_study").sum() >= 5
    assert (providers[c.HOURS] >= 40).sum() >= 5
    assert providers[c.HOURS].between(3, 16).sum() >= 5
    assert set(providers[c.PROVIDER_TYPE]) <= set(c.PROVIDER_TYPES)
    # who gives a course is apart from how: e-learning comes from more than one kind
    assert providers.loc[providers[c.FORMAT] == "online_self_study",
                         c.PROVIDER_TYPE].nunique() >= 2
    assert (providers[c.PROVIDER_TYPE] == "occupational_health_service").any()


def test_who_and_how_are_apart(resp):
    """Every provider type and every format occurs; each format comes from several kinds
    of provider; both are blank together (skip logic, item non-response)."""
    answered = resp[c.PROVIDER_TYPE].notna()
    assert (answered == resp[c.TRAINING_FORMAT].notna()).all()
    assert set(resp.loc[answered, c.PROVIDER_TYPE]) == set(c.PROVIDER_TYPES)
    assert set(resp.loc[answered, c.TRAINING_FORMAT]) == set(c.TRAINING_FORMATS)
    kinds = resp[answered].groupby(c.TRAINING_FORMAT)[c.PROVIDER_TYPE].nunique()
    assert (kinds >= 3).all()


# ----------------------------------------------------------------------- planted effects
def test_planted_effects_are_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert len(synthetic.PLANTED) == 13
    for sentence in synthetic.PLANTED:
        assert sentence in readme


def test_planted_small_enterprises_lower_applicability(resp):
    applicability = likert(resp[c.LIKERT_APPLICABILITY])
    small = applicability[resp[c.SIZE_CLASS] == "1-4"].mean()
    large = applicability[resp[c.SIZE_CLASS].isin(LARGE)].mean()
    assert small < large - 0.5


def test_planted_online_self_study_lower_applicability(resp):
    applicability = likert(resp[c.LIKERT_APPLICABILITY])
    online = resp[c.TRAINING_FORMAT] == "online_self_study"
    others = resp[c.TRAINING_FORMAT].notna() & ~online
    assert applicability[online].mean() < applicability[others].mean() - 0.5


def test_planted_leaders_in_small_enterprises_less_trained_and_documented(resp):
    leaders = resp[resp[c.ROLE] == "leader"]
    small = leaders[c.SIZE_CLASS] == "1-4"
    large = leaders[c.SIZE_CLASS].isin(LARGE)
    for item in (c.TRAINED_EMPLOYER, c.DOCUMENTED):
        share = leaders[item].astype(float)
        assert share[small].mean() < share[large].mean() - 0.2, item


def test_planted_representatives_in_larger_enterprises_have_40_hours(resp):
    reps = resp[resp[c.ROLE].isin(["verneombud", "amu_member"])]
    small = reps[c.SIZE_CLASS].isin(["5-9", "10-19"])
    large = reps[c.SIZE_CLASS].isin(LARGE)
    course = reps[c.TRAINED_40H].astype(float)
    assert course[small].mean() < course[large].mean() - 0.15
    hours = reps[c.TRAINING_HOURS].dropna()
    at_least_40 = (hours >= 40).astype(float)
    assert at_least_40[small].mean() < at_least_40[large].mean() - 0.2


def test_planted_more_hours_higher_quiz_score(resp):
    both = resp[[c.TRAINING_HOURS, c.QUIZ_SCORE]].dropna().astype(float)
    few = both.loc[both[c.TRAINING_HOURS] < 10, c.QUIZ_SCORE].mean()
    many = both.loc[both[c.TRAINING_HOURS] >= 40, c.QUIZ_SCORE].mean()
    assert few + 1 < many
    assert np.corrcoef(both[c.TRAINING_HOURS], both[c.QUIZ_SCORE])[0, 1] > 0.3


def test_planted_public_sector_slightly_more_trained(resp):
    trained = resp[list(c.TRAINING_ITEMS)].astype(float).max(axis=1)  # NA if all three NA
    public = trained[resp[c.SECTOR] == "public"].mean()
    private = trained[resp[c.SECTOR] == "private"].mean()
    assert 0.02 < public - private < 0.15


def theme(comments: pd.Series, words: list[str]) -> pd.Series:
    return comments.str.lower().str.contains("|".join(words))


def test_planted_online_users_comment_on_online_and_practical(resp):
    commented = resp[resp[c.COMMENT].notna()]
    hit = theme(commented[c.COMMENT], ["nettkurs", "digitalt", "e-læring", "mer praktisk",
                                       "flere øvelser", "konkrete eksempler"])
    online = commented[c.TRAINING_FORMAT] == "online_self_study"
    assert hit[online].mean() > hit[~online].mean() + 0.1


def test_planted_small_enterprises_comment_on_relevance_and_cost(resp):
    commented = resp[resp[c.COMMENT].notna()]
    hit = theme(commented[c.COMMENT], ["lite relevant", "for generelt",
                                       "passer ikke for vår bransje", "for dyrt",
                                       "kurset kostet"])
    small = commented[c.SIZE_CLASS].isin(SMALL)
    assert hit[small].mean() > hit[~small].mean() + 0.15


def test_planted_provider_topics(providers):
    topics = providers[c.TOPICS].str.split("|").str.len()
    online = providers[c.FORMAT] == "online_self_study"
    assert topics[online].mean() < topics[~online].mean()
    long_course = providers[c.HOURS] >= 40
    assert topics[long_course].mean() > topics[~long_course].mean() + 1


# -------------------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(total=st.integers(0, 300_000),
       weights=st.lists(st.integers(1, 10**6), min_size=1, max_size=20))
def test_largest_remainder_keeps_the_total_and_the_proportions(total, weights):
    counts = synthetic._largest_remainder(total, weights)
    assert counts.sum() == total
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(n - e) < 1 for n, e in zip(counts, exact, strict=True))


def test_planted_self_study_and_agreement(resp):
    """Effects 10-12, by simple unweighted comparisons among respondents."""
    def flag(column):
        return resp[column].astype("boolean")
    online = resp[c.TRAINING_FORMAT] == "online_self_study"
    self_study = flag(c.SELF_STUDY_ONLY)
    assert self_study[online].mean() > 0.6 > 0.1 > self_study[~online & resp[
        c.TRAINING_FORMAT].notna()].mean()
    rep = resp[c.ROLE].isin(["verneombud", "amu_member"])
    agreed = flag(c.SHORTENED_BY_AGREEMENT)
    course = flag(c.TRAINED_40H).fillna(False).astype(bool)
    assert agreed[rep & course].mean() > 0.6 > 0.2 > agreed[rep & ~course].mean()
    assert agreed[resp[c.TRAINING_HOURS] >= 40].isna().all()  # not asked with 40 hours
    paid = flag(c.PAID_WORKING_TIME)
    small = resp[c.SIZE_CLASS].isin(["1-4", "5-9"])
    assert paid[rep & small].mean() < paid[rep & ~small].mean() - 0.05


def test_planted_newly_covered_enterprises_train_later(resp):
    """Effect 13: verneombud in enterprises with 5-9 employees and AMU members with 30-49
    (newly covered from 1 January 2024) got their training later than those covered before."""
    months = resp[c.MONTHS_TO_TRAINING].astype(float)
    employees = resp[c.LEGAL_ENTITY_EMPLOYEES].astype(float)  # the thresholds' basis
    vo = resp[c.ROLE] == "verneombud"
    amu = resp[c.ROLE] == "amu_member"
    new = (vo & employees.between(5, 9)) | (amu & employees.between(30, 49))
    before = (vo & (employees >= 10)) | (amu & (employees >= 50))
    assert months[new].mean() > months[before].mean() + 5
    assert months[new].notna().sum() > 100 and months[before].notna().sum() > 500
    trained = resp[list(c.TRAINING_ITEMS)].astype("boolean").fillna(False).any(axis=1)
    assert months[~trained].isna().all()  # asked of those with training only
