"""The report's prose follows the data: the synthetic notice only on synthetic data, and
text figures never show a cell the tables withhold."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.hms import pipeline
from analysis.hms import presentation as hp
from analysis.hms import themes as hp_themes
from analysis.parameters import load_parameter_file
from analysis.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def params() -> dict:
    return dict(load_parameter_file("hms_training_survey").defaults)


@pytest.fixture(scope="module")
def real_looking(tmp_path_factory, params):
    """The synthetic export with its SYN- marks removed, as a real export would look."""
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for key, name in (("data_path", "respondents_synthetic.csv"),
                      ("enterprises_path", "enterprises_synthetic.csv")):
        text = (PROJECT_ROOT / "data/hms" / name).read_text(encoding="utf-8")
        paths[key] = str(folder / name)
        (folder / name).write_text(text.replace("SYN-", ""), encoding="utf-8")
    return pipeline.analyse({**params, **paths, "provider_path": ""})


def test_synthetic_data_get_the_notice_and_real_data_do_not(params, real_looking):
    synthetic = pipeline.analyse(params)
    assert hp.notices(synthetic) and "syntetiske" in hp.notices(synthetic)[0]
    assert hp.notices(real_looking) == []
    sources = hp.data_sources(real_looking)
    assert "eksport fra spørreundersøkelsen" in sources[0] and len(sources) == 2
    assert real_looking.providers is None and real_looking.provider_overview is None


def test_key_findings_leave_out_what_the_threshold_withholds(params):
    res = pipeline.analyse(params)
    leaders = res.estimate("share_leader_documented_3_5")["n"]  # about 1 081 leaders
    shown = hp.key_findings(res, hp.Publisher(10))
    withheld = hp.key_findings(res, hp.Publisher(int(leaders) + 1))
    documented = "øverste lederne har dokumentert"
    assert documented in shown and documented not in withheld
    assert "har gjennomført HMS-opplæring" in withheld  # 3 997 respondents: still shown


def test_coding_check_with_and_without_a_hand_coded_sample(tmp_path, params):
    res = pipeline.analyse(params)
    assert "Ingen håndkodet kontrollutvalg" in hp.coding_check_text(res, hp.Publisher(10))
    commented = res.design.data[res.design.data["comment"].notna()].head(40)
    coded = hp_themes.code_comments(commented["comment"])
    sample = pd.DataFrame({"respondent_id": commented["respondent_id"].to_numpy(),
                           "positive": coded["positive"].astype(int).to_numpy(),
                           "cost": 1 - coded["cost"].astype(int).to_numpy()})  # all wrong
    path = tmp_path / "hand.csv"
    sample.to_csv(path, index=False)
    checked = pipeline.analyse({**params, "handcoded_path": str(path)})
    text = hp.coding_check_text(checked, hp.Publisher(10))
    # 40 comments x 2 themes: positive always agrees, cost never: 50 % of the decisions
    assert "kontrollutvalg på 40 kommentarer" in text and "50\u00a0%" in text
    assert not any(c in text for c in commented["comment"])  # never verbatim


def test_summary_says_what_was_planted_on_synthetic_data_and_rounds_real_shares(
        params, real_looking):
    synthetic = hp.summary_lines(pipeline.analyse(params), hp.Publisher(10))
    assert 3 <= len(synthetic) <= 5
    assert any("Generatoren har lagt inn" in line for line in synthetic)
    # the headline share as a test figure, never as a finding (issue 21)
    share = pipeline.analyse(params).estimate("share_trained")["estimate"]
    test_line = [line for line in synthetic if "prosent" in line]
    assert len(test_line) == 1 and "ikke et funn" in test_line[0], synthetic
    assert f"om lag {round(100 * share)} prosent" in test_line[0]
    real = hp.summary_lines(real_looking, hp.Publisher(10))
    assert 3 <= len(real) <= 5 and not any("Generatoren" in line for line in real)
    share = real_looking.estimate("share_trained")["estimate"]
    assert f"Om lag {round(100 * share)} prosent av personene med HMS-roller" in " ".join(real)
    assert hp.data_date(real_looking) is None and "2023" in hp.data_date(pipeline.analyse(params))


def test_regulation_table_counts_the_shipped_provider_file(params, real_looking):
    """The § 3-18 table of the shipped provider file, against a count with pandas."""
    table = hp.regulation_table(pipeline.analyse(params), hp.Publisher(10))
    raw = pd.read_csv(PROJECT_ROOT / "data/hms/providers_synthetic.csv", dtype=str)
    topics = raw["topics"].str.split("|")
    long = raw["hours"].astype(float) >= 40
    law = topics.apply(lambda t: "law" in t)  # "Regelverk og roller": items a and f
    e = topics.apply(lambda t: "ergonomics" in t or "accidents" in t)
    rows = table.data.set_index("item")
    assert rows.loc["a", "share_all"] == pytest.approx(law.mean())
    assert rows.loc["f", "share_40h"] == pytest.approx(law[long].mean())
    assert rows.loc["e", "share_all"] == pytest.approx(e.mean())
    assert rows["label"].iloc[0].startswith("Bokstav a: ")
    assert "§ 3-18" in table.caption and "Sykefravær" in table.note
    # no provider file: one sentence in the table's place
    assert isinstance(hp.regulation_table(real_looking, hp.Publisher(10)), str)
