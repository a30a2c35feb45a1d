"""End to end through ``python -m analysis run``: the HMS survey reports, disclosure control
on everything published, and a malformed export that must stop the run and publish nothing."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from pathlib import Path

import openpyxl
import pytest

from analysis.paths import PROJECT_ROOT
from analysis.scenarios import load_scenarios

from .published import FRAME_COLUMNS

NB = "hms_training_survey"
SCENARIOS = load_scenarios(NB).scenarios
SUMMARY_KEYS = ("respondents", "response_rate", "share_trained", "share_trained_se",
                "share_verneombud_40h", "suppressed_cells",
                "share_verneombud_amu_neither_40h_nor_agreed",
                "share_verneombud_amu_neither_40h_nor_agreed_ci_low",
                "share_verneombud_amu_neither_40h_nor_agreed_ci_high")
THRESHOLD = 10  # the parameter file's default suppression_threshold
# Tables built from respondents, and the columns holding how many respondents a row (or a
# cell) rests on. Provider-file tables describe providers, not respondents; the parameter
# table and the keyword list hold no counts.
RESPONDENT_COUNTS = {
    "andel_opplaert": ["n"], "andel_verneombud_40_timer": ["n"],
    "andel_ledere_dokumentert": ["n"], "andel_passer_risikoene": ["n"],
    "andel_ledere_bare_selvstudium": ["n"], "andel_verneombud_kortere_etter_avtale": ["n"],
    "andel_verneombud_betalt_arbeidstid": ["n"], "tidspunkt_og_nye_virksomheter": ["n"],
    "andel_verneombud_verken_timer_eller_avtale": ["n"], "andel_ledere_bare_nettkurs": ["n"],
    "kunnskapstest": ["n"], "hovedindikatorer_figur": ["n"], "designeffekter": ["n"],
    "modell_oddsratioer": ["n"], "utfall_per_tilbydertype": ["n"], "vekter": ["n"],
    "svarprosent": ["responded"], "forskjeller_mellom_grupper": ["n_smallest"],
    "vurderinger": ["n", *(f"count_{a}" for a in (1, 2, 3, 4, 5, 9))],
    "kommentartema": ["leader", "employer_tasks", "verneombud", "amu_member", "total"],
}
NOT_ABOUT_RESPONDENTS = {"kilder_og_forutsetninger", "kommentartema_nokkelord", "tilbydere",
                         "tilbydere_temaer", "vurderinger_figur", "passer_risikoene_rolle_figur",
                         "modell_figur", "tilbydere_innhold_3_18"}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario_is_built_with_the_summary_keys_and_expected_figures(published, scenario):
    folder = published / NB / scenario
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for key in SUMMARY_KEYS:
        assert key in summary, key
    for key, exp in SCENARIOS[scenario].expected.items():
        assert summary[key] == pytest.approx(exp.value, abs=exp.tolerance), key
    assert 0 < summary["share_trained_se"] < 0.05
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert run["status"] == "ok"
    given = SCENARIOS[scenario].parameters
    assert given.get("data_path", "data/hms/respondents_synthetic.csv") in run["inputs"]
    if given.get("mapping_path"):  # the tool export's mapping is an input of its own
        assert given["mapping_path"] in run["inputs"]


def test_calibration_is_the_only_difference_between_the_scenarios(published):
    raked, plain = (json.loads((published / NB / s / "summary.json").read_text())
                    for s in ("synthetic_2024", "synthetic_2024_uncalibrated"))
    assert raked["raked"] == 1 and plain["raked"] == 0
    assert raked["respondents"] == plain["respondents"]
    assert raked["share_trained"] != plain["share_trained"]
    assert raked["share_trained"] == pytest.approx(plain["share_trained"], abs=0.03)


def test_first_screen_says_synthetic_and_names_the_data(published):
    page = (published / NB / "synthetic_2024" / "index.html").read_text(encoding="utf-8")
    header = page.split("</header>")[0]
    assert "syntetiske data" in header.lower()
    sources = page.split('<section class="appendix"')[1]  # data sources: in the appendix
    assert "svarfil fra spørreundersøkelsen" in sources.lower()
    assert "ref. 22/3861" in page  # the letter, by its public reference
    for private in ("data/hms", "_synthetic.csv", ".py", ".yaml", "003_", "/work/"):
        assert private not in page, private  # no file names or paths for the reader
    assert '<html lang="nb">' in page and "<script" not in page.lower()
    assert "input_area" not in page and "suppression_threshold" not in page
    for heading in ("Hovedtall", "Hvordan vurderes opplæringen?", "Hva skriver deltakerne?",
                    "Tilbyderne", "Kilder og forutsetninger"):
        assert re.search(f">{re.escape(heading)}</h[23]>", page), heading


def test_no_comment_is_published_verbatim(published):
    comments = []
    with open(PROJECT_ROOT / "data/hms/respondents_synthetic.csv", encoding="utf-8") as f:
        comments = [r["comment"] for r in csv.DictReader(f) if r["comment"]]
    assert len(comments) > 100
    folder = published / NB / "synthetic_2024"
    texts = [(folder / "index.html").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (folder / "tables").glob("*.csv")]
    blob = "\n".join(texts)
    assert not [c for c in set(comments) if c in blob]


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", cell or ""))


def _visible_number(cell: str) -> float | None:
    return None if cell in ("", ":") else float(cell)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_published_cell_rests_on_fewer_than_the_threshold(published, scenario):
    tables = published / NB / scenario / "tables"
    names = {p.stem for p in tables.glob("*.csv")}
    assert names == set(RESPONDENT_COUNTS) | NOT_ABOUT_RESPONDENTS  # every table classified
    withheld = 0
    for name, columns in RESPONDENT_COUNTS.items():
        with open(tables / f"{name}.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            for col in columns:
                value = _visible_number(row[col])
                # a visible count is 0 (count tables) or at least the threshold
                assert value is None or value == 0 or value >= THRESHOLD, (name, col, row)
                withheld += row[col] == ":" and not name.endswith("_figur")
            if len(columns) == 1 and row[columns[0]] == ":":
                # a withheld estimate row shows no number but its stratum's enterprises
                shown = [k for k, v in row.items() if k not in FRAME_COLUMNS
                         and re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", v or "")]
                assert not shown, (name, row)
    summary = json.loads((published / NB / scenario / "summary.json").read_text())
    # every withheld cell of the tables is counted once (a figure repeats its table's cells)
    assert withheld > 0 and summary["suppressed_cells"] == withheld


def _bad_copy(tmp_path: Path) -> Path:
    lines = (PROJECT_ROOT / "data/hms/respondents_synthetic.csv").read_text(
        encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    col = header.index("likert_quality")
    for i in (5, 9):  # lines 6 and 10 of the file get a Likert value of 7
        cells = lines[i].rstrip("\n").split(",")
        cells[col] = "7"
        lines[i] = ",".join(cells) + "\n"
    bad = tmp_path / "export.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    return bad


def test_malformed_export_fails_clearly_and_keeps_the_published_report(digest, published,
                                                                       tmp_path, cli):
    bad = _bad_copy(tmp_path)
    before_input = hashlib.sha256(bad.read_bytes()).hexdigest()
    folder = published / NB / "synthetic_2024"
    before = digest(folder)
    result = cli("run", f"{NB}/synthetic_2024", "-p", "data_path", str(bad),
                 "--out", str(published))
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert "export.csv" in message and "'likert_quality'" in message
    assert "lines 6, 10" in message and "allowed" in message
    assert "Traceback" not in result.stderr
    assert digest(folder) == before  # the earlier report is untouched
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before_input
    assert (published / "failed" / NB / "synthetic_2024").is_dir()


# Tables about providers (businesses): the unit column of each and the cells it governs.
PROVIDER_TABLES = {"tilbydere": ("providers", None), "tilbydere_temaer": ("providers", None),
                   "tilbydere_innhold_3_18": ("n_40h", "share_40h")}
# the workbook's sheets of the provider tables (sheet names are the captions, cut on a word)
PROVIDER_SHEETS = {"tilbydere": "Tilbyderne etter type",
                   "tilbydere_temaer": "Andel tilbydere som dekker"}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_published_provider_cell_rests_on_fewer_than_three_providers(published, scenario):
    """Business-data disclosure on the published files (CSV and the workbook): a provider
    row shows its numbers only when at least 3 providers are behind it; «Annen tilbyder»
    and «Nettbasert med kursholder» (2 providers each in the shipped file) are withheld,
    and so is the smallest other row of their grouping, so that neither can be worked out
    as the total minus the rest."""
    folder = published / NB / scenario
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    if not (folder / "tables" / "tilbydere.csv").exists():
        pytest.skip("this scenario has no provider file")
    workbook = openpyxl.load_workbook(folder / "tables.xlsx", read_only=True)
    # the true number of providers behind each row, counted from the provider file
    with open(PROJECT_ROOT / "data/hms/providers_synthetic.csv", encoding="utf-8") as f:
        file_rows = list(csv.DictReader(f))
    true = {("all", "all"): len(file_rows)}
    for group, column in (("provider_type", "provider_type"), ("format", "format")):
        for r in file_rows:
            true[(group, r[column])] = true.get((group, r[column]), 0) + 1
    assert true[("provider_type", "other")] == 2 and true[("format", "online_live")] == 2
    for name, (units, governed) in PROVIDER_TABLES.items():
        with open(folder / "tables" / f"{name}.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            n = _visible_number(row[units])
            assert n is None or n >= 3, (name, row)
            key = (row.get("group", "all"), row.get("category", "all"))
            if name != "tilbydere_innhold_3_18" and true.get(key, 99) < 3:
                shown = [k for k, v in row.items() if _is_number(v)]
                assert not shown, (name, row)  # fewer than 3 providers: no number at all
            if governed and n is None:
                assert row[governed] in ("", ":"), (name, row)
        title = PROVIDER_SHEETS.get(name, "")
        if units == "providers":  # the workbook's «Antall» column shows no count below 3
            cells = list(workbook[title].iter_rows(values_only=True))
            header = next(r for r in cells if r and "Antall" in r)
            at = header.index("Antall")
            counts = [r[at] for r in cells[cells.index(header) + 1:] if r and len(r) > at]
            assert all(c == ":" or c is None or c >= 3 for c in counts), (title, counts)
            assert ":" in counts, title
    by_type = {r["category"]: r for r in csv.DictReader(
        open(folder / "tables" / "tilbydere.csv", encoding="utf-8"))}
    assert by_type["other"]["providers"] == ":" and by_type["online_live"]["providers"] == ":"
    assert summary["suppressed_provider_cells"] >= 4
    # the dominance rule, (n, k) = (2, 85 %): a participant total is shown only where the
    # two largest providers behind it hold at most 85 % of it (counted from the file)
    participants: dict[tuple[str, str], list[float]] = {("all", "all"): []}
    for r in file_rows:
        for key in (("all", "all"), ("provider_type", r["provider_type"]),
                    ("format", r["format"])):
            participants.setdefault(key, []).append(float(r["participants"]))
    shown = 0
    for row in csv.DictReader(open(folder / "tables" / "tilbydere.csv", encoding="utf-8")):
        if _visible_number(row["participants"]) is None:
            continue
        values = sorted(participants[(row["group"], row["category"])], reverse=True)
        assert float(row["participants"]) == pytest.approx(sum(values)), row
        assert sum(values[:2]) <= 0.85 * sum(values), (row["category"], values[:3])
        shown += 1
    assert shown >= 3


def _page_text(folder: Path) -> str:
    """The page's text: tags, the stylesheet and entities away, spaces collapsed."""
    page = (folder / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def test_summary_has_the_headline_and_the_employer_unit(published):
    """Issue 22: the headline «neither 40 hours nor an agreed shorter training» with its
    interval, and the § 3-5 indicators over the register's legal entities (the count of
    the enterprise file's register column, one per stratum)."""
    for folder in (published / NB / "synthetic_2024", published / NB / "synthetic_2024" / "nn"):
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        key = "share_verneombud_amu_neither_40h_nor_agreed"
        assert summary[f"{key}_ci_low"] < summary[key] < summary[f"{key}_ci_high"]
        assert summary[key] == pytest.approx(0.3780135951, abs=1e-9)  # R, scenario_estimates
        assert summary["leaders_unit"] == "legal_entity"
        with open(PROJECT_ROOT / "data/hms/enterprises_synthetic.csv", encoding="utf-8") as f:
            register = {r["stratum"]: int(r["stratum_legal_entities"]) for r in csv.DictReader(f)}
        assert summary["legal_entities_estimated"] == pytest.approx(sum(register.values()),
                                                                    abs=1e-6)


# what the page must and must not say, in bokmål and nynorsk (issue 22)
LEGAL_WORDING = {
    "nb": {"must": ("medvirkning § 3-18, og etter § 3-19 minst 40 timer",
                    "partene er enige om at det er forsvarlig",
                    "Alle virksomheter skal ha verneombud (arbeidsmiljøloven § 6-1)",
                    "færre enn 5 ansatte skriftlig avtale en annen ordning (før: færre enn 10)",
                    "10–29 ansatte når en av partene krever det",
                    "Arbeidsmiljøloven § 6-5", "§ 7-4", "om lag 57,0 %", "p-verdi",
                    "Etter Arbeidstilsynets praksis", "sak 2016/289"),
           "never": ("lovlig", "Sannsynlighet ved lik andel", "av dem som svarte",
                     "§§ 3-18 og 3-19", "kreves verneombud fra 5 ansatte")},
    "nn": {"must": ("medvirkning § 3-18, og etter § 3-19 minst 40 timar",
                    "forsvarleg", "Alle verksemder skal ha verneombod (arbeidsmiljølova § 6-1)",
                    "færre enn 5 tilsette skriftleg avtale ei anna ordning (før: færre enn 10)",
                    "10–29 tilsette når ein av partane krev det",
                    "Arbeidsmiljølova § 6-5", "§ 7-4", "om lag 57,0 %", "p-verdi",
                    "sak 2016/289"),
           "never": ("lovleg", "lovlig", "Sannsyn ved lik", "av dei som svarte",
                     "§§ 3-18 og 3-19")},
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_published_page_states_the_law_as_it_reads(published, language):
    """§ 3-19 for the 40 hours, «forsvarlig» (never «lovlig») for the agreed shorter
    training, the thresholds of 2024 as the Act words them, the basis of paid working
    time, the response rate as an approximation and the p-value by its name."""
    folder = published / NB / "synthetic_2024"
    text = _page_text(folder / "nn" if language == "nn" else folder)
    for phrase in LEGAL_WORDING[language]["must"]:
        assert phrase in text, phrase
    lower = text.lower()
    for phrase in LEGAL_WORDING[language]["never"]:
        assert phrase.lower() not in lower, phrase
    # the 40 hours are cited to § 3-19 wherever the page states them with a paragraph
    cited = re.findall(r"[^.;]*\b40 tim[ae]r[^.;]*§ 3-1[89][^.;]*[.;]", text)
    assert cited and all("§ 3-19" in sentence for sentence in cited), cited
