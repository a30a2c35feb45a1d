"""End to end through ``python -m analysis run``: the conscription reports, and a malformed
demand file that must stop the run with one clear sentence and publish nothing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

NB = "conscription_scenarios"
SUMMARY_KEYS = (
    "demand_persons", "supply_voluntary_persons", "supply_temp_agency_persons",
    "supply_response_team_persons", "supply_rule_a_persons", "supply_rule_b_persons",
    "conscripted_rule_a_persons", "conscripted_rule_b_persons", "unmet_persons",
    "step_needed", "p_rule_a_needed", "p_rule_b_needed",
    # added by issue 9, exactly these
    "step_names", "conscripted_for_unauthorised_tasks_persons", "incentive_persons",
    "incentive_nok", "rank_stability", "largest_share_of_scarce_personnel",
    "incidence_points_distinct",
)



@pytest.mark.parametrize("scenario", ["mild", "autumn_2020", "severe", "extreme",
                                      "november_2020"])
def test_every_scenario_is_built_with_the_summary_keys(published, scenario):
    folder = published / NB / scenario
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for key in SUMMARY_KEYS:
        assert key in summary, key
    assert summary["step_needed"] in range(1, 9)
    assert 0 <= summary["p_rule_b_needed"] <= summary["p_rule_a_needed"] <= 1
    assert summary["conscripted_for_unauthorised_tasks_persons"] == 0
    assert summary["step_names"][0] == "1. Lokale og regionale tiltak"
    assert summary["step_names"][-1] == "7. Beordring etter bokstav b"
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    # run time is measured by benchmarks/bench_conscription.py, not asserted here
    assert run["status"] == "ok"
    assert f"data/conscription/demand_{scenario}.csv" in run["inputs"]


def test_step_needed_rises_from_mild_to_extreme(published):
    steps = [json.loads((published / NB / s / "summary.json").read_text())["step_needed"]
             for s in ("mild", "autumn_2020", "severe", "extreme")]
    assert steps == sorted(steps) and steps[0] <= 2 and steps[-1] == 8


def test_report_page_is_norwegian_code_free_and_marked_illustrative(published):
    page = (published / NB / "severe" / "index.html").read_text(encoding="utf-8")
    header = page.split("</header>")[0]
    assert "Kommunedataene er illustrative" in header  # the notice is on the first screen
    sources = page.split('<section class="appendix"')[1]  # data sources: in the appendix
    assert "Så mye helsepersonell har vi i reserve" in sources
    assert "<script" not in page.lower() and "input_area" not in page
    assert "rule_share_left_covered" not in page and "report.show" not in page
    # no code names anywhere on the page, the table of sources included
    body = page.split("</header>")[1]
    for code_word in ("proportional", "strict", "local_regional", "rule_a", "Sannsynlighet",
                      "trinn 0", "_illustrativ"):
        assert code_word not in body, code_word
    # no file names in the report's own text (the shared table of sources at the end lists
    # every parameter's raw value, the demand file's path among them)
    own = body.split('id="kilder-og-forutsetninger"')[0]
    for file_word in ("demand_severe", ".csv<", ".txt"):
        assert file_word not in own, file_word
    assert "ref. 20/42562-29" in body and "andel av trekningene" in body.lower()
    for heading in ("Hovedtall", "Fordeling mellom kommunene", "Kilder og forutsetninger"):
        assert re.search(f">{re.escape(heading)}</h[23]>", page), heading
    # the four required figures, each with an alt text stating numbers
    for fig in ("figur_tilgang_mot_behov", "figur_dekning_per_kommune", "figur_alvorlighet"):
        block = re.search(rf'<figure id="{fig}"><img [^>]*alt="([^"]*)"', page)
        assert block and re.search(r"\d", block.group(1)), fig
    # weights with their defaults, Norwegian numbers, and the provenance table at the end
    assert "Standardvekt" in page and "12,5" in page
    assert "1\u00a0184" in page  # the severe scenario's need, Norwegian digit grouping
    assert page.rfind("kilder_og_forutsetninger") > page.rfind("figur_alvorlighet")


def test_real_november_report_names_weeks_and_sources_and_unknowns_compactly(published):
    page = (published / NB / "november_2020" / "index.html").read_text(encoding="utf-8")
    header, body = page.split("</header>", 1)
    for text in ("Uke 45–46 2020", "FHI (MSIS)", "SSB (tabell 07459)"):
        assert text in header, text
    assert "illustrativ" not in header.lower() and ".txt" not in header
    assert "ref. 20/42562-29" in body  # the letter by its public reference (appendix)
    # the 39 municipalities all lack the same five fields: one sentence, not a long table
    assert "Datagrunnlaget mangler for alle de 39 kommunene disse opplysningene" in body
    assert "tabell-manglende_verdier" not in body
    assert body.count("andel smittede med ukjent smittevei") <= 3
    assert "om egne vikaravtaler er brukt opp" in body
    # hand: incidence 12,5 / (12,5 + 25 + 25) = 20 %, size and centrality 25 / 62,5 = 40 %
    assert ("smittede per 100 000 innbyggere 20\u00a0%, liten kommune (innbyggertall) "
            "40\u00a0% og lite sentral kommune (sentralitetsklasse) 40\u00a0%") in body
    # columns unknown everywhere are named once, not shown as 39 dashes each
    epi = body.split('id="tabell-smittesituasjon"')[1].split("</table>")[0]
    assert "Innlagt i kommunale institusjoner" not in epi and "299,1<" in epi
    assert "virkelige kommuner, kontrollert mot kommuneregisteret" in body
    score = body.split('id="tabell-prioritet"')[1].split("</table>")[0]
    assert ">Innlagte</th>" not in score and ">Størrelse</th>" in score


def test_mild_report_says_why_empty_charts_are_left_out(published):
    page = (published / NB / "mild" / "index.html").read_text(encoding="utf-8")
    assert "figur_fordeling_beordret" not in page and "figur_tornado" not in page
    assert "Ingen av de 5\u00a0000 trekningene krever beordring" in page
    assert "så det er ikke noe diagram eller tabell her" in page


def first_screen(result, out: Path, scenario: str) -> str:
    assert result.returncode == 0, result.stderr[-2000:]
    page = (out / NB / scenario / "index.html").read_text(encoding="utf-8")
    return page.split("</header>")[0]


def test_real_data_under_an_illustrative_scenario_name_has_no_banner(tmp_path, cli):
    """The banner follows the data: the real November file under ``autumn_2020``."""
    out = tmp_path / "out"
    result = cli("run", f"{NB}/autumn_2020", "-p", "demand_file",
                 "data/conscription/demand_november_2020.csv", "--out", str(out))
    header = first_screen(result, out, "autumn_2020")
    # the scenario's own title still says what the scenario was made for; the banner is gone
    assert 'class="notice"' not in header and "Kommunedataene er illustrative" not in header


def test_input_notices_reach_the_first_screen(tmp_path, cli):
    """A demand file in 2024 municipality numbers (Drammen 3301, Våler 3114, Bergen) is
    converted, and the page says so; the invented file's banner is absent."""
    demand = tmp_path / "demand_2024.csv"
    src = PROJECT_ROOT / "data" / "conscription" / "demand_november_2020.csv"
    header_line = src.read_text(encoding="utf-8").splitlines()[0]
    demand.write_text("\n".join([header_line, "3301,Drammen,101386,2,697.3,,,,,",
                                 "3114,Våler,5736,3,174.3,,,,,",
                                 "4601,Bergen,283929,2,160.0,,,,,"]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("run", f"{NB}/mild", "-p", "demand_file", str(demand), "--out", str(out))
    header = first_screen(result, out, "mild")
    assert ("2 kommunenummer fra kommuneinndelingen 2024 er regnet om til inndelingen "
            "2020–2023 som modellen bruker (3301 → 3005 Drammen og 1 til).") in header
    assert "Kommunedataene er illustrative" not in header


def bad_copy(tmp_path: Path) -> Path:
    """The autumn scenario's demand file with a share of 1.3 on CSV line 4."""
    src = PROJECT_ROOT / "data" / "conscription" / "demand_autumn_2020.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[7] = "1.3"
    lines[3] = ",".join(cells)
    bad = tmp_path / "bad_demand.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def test_malformed_demand_file_fails_clearly_and_publishes_nothing(digest, published, tmp_path,
                                                                   cli):
    bad = bad_copy(tmp_path)
    before_input = hashlib.sha256(bad.read_bytes()).hexdigest()
    folder = published / NB / "autumn_2020"
    before = digest(folder)
    result = cli("run", f"{NB}/autumn_2020", "-p", "demand_file", str(bad),
                 "--out", str(published))
    assert result.returncode != 0
    expected = f"{bad}, column 'share_staff_isolated', line 4: 1.3 is outside 0–1"
    assert expected in result.stderr, result.stderr[-2000:]
    assert f"{NB}/autumn_2020" in result.stderr
    assert digest(folder) == before  # the published report is untouched
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before_input  # input unchanged


def test_malformed_demand_file_into_an_empty_folder_publishes_nothing(tmp_path, cli):
    bad = bad_copy(tmp_path)
    out = tmp_path / "out"
    result = cli("run", f"{NB}/mild", "-p", "demand_file", str(bad), "--out", str(out))
    assert result.returncode != 0 and "column 'share_staff_isolated', line 4" in result.stderr
    assert not (out / NB / "mild").exists()
    failed = out / "failed" / NB / "mild"
    assert "share_staff_isolated" in (failed / "error.txt").read_text(encoding="utf-8")
