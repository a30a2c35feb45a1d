"""``sweep`` and ``compare`` end to end, and where a run with ``-p`` publishes.

One sweep is built for the module (``team_size`` 40, 60, 80 of the letter's baseline, in
bokmål and nynorsk, two local processes); the Dask test sweeps two of the values again on
a cluster the test starts on 127.0.0.1, and the comparison reads the sweep's runs.

Expected figures are hand calculations on the letter (Helsedirektoratet to HOD,
19.11.2020, ref. 20/42562-29): the new money is the agency's 600 000 kr, quality
assurance 120 000 kr and placements 300 000 kr, plus a 6 000 kr stipend per team member
(the scenario team_50 expects 50 × 6 000): 1 020 000 + 6 000 × team_size.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis import cli as cli_module
from analysis.runner.execute import Outcome

TARGET = "response_team_costs/letter_baseline"
SIZES = ["40", "60", "80"]


def new_money(size: int) -> int:
    return 600_000 + 120_000 + 300_000 + 6_000 * size


@pytest.fixture(scope="module")
def sweep(tmp_path_factory, cli) -> Path:
    out = tmp_path_factory.mktemp("sweep")
    result = cli("sweep", TARGET, "-p", "team_size", ",".join(SIZES), "--jobs", "2",
                 "--out", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def _rows(page: Path, table: str) -> list[list[str]]:
    text = page.read_text(encoding="utf-8")
    body = re.search(rf'id="tabell-{table}".*?<tbody>(.*?)</tbody>', text, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_sweep_publishes_one_report_per_value_and_a_page_with_one_row_each(sweep):
    record = json.loads((sweep / "sweep.json").read_text(encoding="utf-8"))
    assert [r["overrides"] for r in record["runs"]] == [{"team_size": s} for s in SIZES]
    for run, size in zip(record["runs"], SIZES, strict=True):
        folder = sweep / "runs" / run["name"]
        assert (folder / "index.html").is_file() and (folder / "nn" / "index.html").is_file()
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["new_money_nok"] == new_money(int(size))
        assert summary["stipends_nok"] == 6_000 * int(size)
        # the first screen says the scenario was changed, and how
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f"endret ved kjøringen: team_size = {size}" in page
    rows = _rows(sweep / "index.html", "kjoringer")
    assert [r[0] for r in rows] == SIZES
    assert [r[1] for r in rows] == ["1\u00a0260\u00a0000\u00a0kr", "1\u00a0380\u00a0000\u00a0kr",
                                    "1\u00a0500\u00a0000\u00a0kr"]
    nn = (sweep / "nn" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in nn and len(_rows(sweep / "nn" / "index.html", "kjoringer")) == 3
    assert "<figure" in (sweep / "index.html").read_text(encoding="utf-8")  # the chart
    sheet = _sheet(sweep / "tables.xlsx", "Hovedtallene i hver kjøring")
    numbers = [c.value for c in sheet["B"][3:6]]
    assert numbers == [new_money(40), new_money(60), new_money(80)]


def test_a_dask_cluster_gives_the_same_figures_as_the_local_pool(sweep, cli, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        result = cli("sweep", TARGET, "-p", "team_size", "40,80", "--language", "nb",
                     "--dask", cluster.scheduler_address, "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    local = {tuple(r["overrides"].items()): r["figures"]
             for r in json.loads((sweep / "sweep.json").read_text())["runs"]}
    remote = json.loads((tmp_path / "sweep.json").read_text())
    assert remote["engine"] == "dask" and len(remote["runs"]) == 2
    for run in remote["runs"]:
        assert run["figures"] == local[tuple(run["overrides"].items())]
        assert (tmp_path / "runs" / run["name"] / "index.html").is_file()


def test_a_bad_sweep_value_stops_before_any_run(cli, tmp_path):
    result = cli("sweep", TARGET, "-p", "team_size", "40,-5", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "team_size" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "runs").exists()


def test_compare_shows_key_figures_differences_and_parameters(sweep, cli, tmp_path):
    runs = sorted((sweep / "runs").iterdir())
    out = tmp_path / "cmp"
    result = cli("compare", str(runs[0]), str(runs[2]), "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {r[0]: r[1:] for r in _rows(out / "index.html", "hovedtall")}
    assert rows["Nye midler til Helsedirektoratet"] == [
        "kr", "1\u00a0260\u00a0000\u00a0kr", "1\u00a0500\u00a0000\u00a0kr",
        "+240\u00a0000\u00a0kr"]
    params = _rows(out / "index.html", "parametere")
    assert params == [["Antall i innsatsteamet når det er fullt bygget opp", "personer",
                       "40", "80"]]
    origin = _rows(out / "index.html", "rapportene")
    assert [r[2] for r in origin] == ["19.11.2020 (brevet); 04.01.2021 (klare teammedlemmer)"] * 2
    nn = (out / "nn" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in nn and "Nye midlar" in nn
    sheet = _sheet(out / "tables.xlsx", "Hovedtallene i rapportene")
    values = {row[0]: row[2:5] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values["Nye midler til Helsedirektoratet"] == (1_260_000, 1_500_000, 240_000)


def test_compare_finds_targets_in_a_reports_folder(sweep, cli, tmp_path):
    import shutil

    runs = sorted((sweep / "runs").iterdir())
    reports = tmp_path / "reports" / "response_team_costs"
    shutil.copytree(runs[0], reports / "letter_baseline")
    shutil.copytree(runs[1], reports / "team_50")
    result = cli("compare", TARGET, "response_team_costs/team_50", "--reports",
                 str(tmp_path / "reports"), "--language", "nb", "--out", str(tmp_path / "c"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(_rows(tmp_path / "c" / "index.html", "hovedtall")) >= 5
    assert not (tmp_path / "c" / "reports").exists()  # nothing had to be built


def test_compare_refuses_reports_of_different_notebooks(sweep, cli, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "summary.json").write_text("{}")
    (other / "run.json").write_text(json.dumps({"notebook": "hms_training_survey",
                                                "scenario": "x"}))
    run = next((sweep / "runs").iterdir())
    result = cli("compare", str(run), str(other), "--out", str(tmp_path / "c"))
    assert result.returncode == 2 and "same notebook" in result.stderr


def test_a_run_with_overrides_and_no_out_never_publishes_over_the_schedule(monkeypatch,
                                                                           tmp_path):
    calls = []

    def fake_batch(targets, overrides, reports, jobs, **kwargs):
        calls.append(reports)
        return [], reports / "runs" / "x.json"

    monkeypatch.setattr("analysis.runner.batch.run_batch", fake_batch)
    monkeypatch.setattr("analysis.paths.REPORTS_DIR", tmp_path)  # read when run starts
    assert cli_module.main(["run", TARGET, "-p", "team_size", "40"]) == 0
    assert cli_module.main(["run", TARGET, "-p", "team_size", "60"]) == 0
    assert cli_module.main(["run", TARGET]) == 0
    own40, own60, scheduled = calls
    assert own40.parent == tmp_path / "egne" and own40.name.startswith(
        "response_team_costs-letter_baseline-")
    assert own60 != own40 and own60.parent == tmp_path / "egne"
    assert scheduled == tmp_path


def _sheet(path, caption: str):
    """The sheet of the table with ``caption`` (sheet names are captions, cut at 31
    characters on a word)."""
    sheets = [ws for ws in load_workbook(path).worksheets if caption.startswith(ws.title)
              or ws.title.startswith(caption)]
    assert len(sheets) == 1, [ws.title for ws in load_workbook(path).worksheets]
    return sheets[0]


def _outcome(checks, overrides=None) -> Outcome:
    return Outcome(TARGET, "response_team_costs", "letter_baseline", "ok", "", 1.0,
                   checks=checks, overrides=overrides or {})


def test_run_check_prints_pass_and_fail(capsys):
    from analysis.runner.checking import print_checks

    good = {"key": "agency_nok", "expected": 600000.0, "tolerance": 0.0, "actual": 600000.0,
            "ok": True, "source": "letter"}
    bad = dict(good, key="placements", expected=70.0, actual=71.0, ok=False)
    assert print_checks([_outcome([good]), _outcome([good, bad]),
                         _outcome([], {"team_size": "40"})]) == 1
    out = capsys.readouterr()
    assert "PASS, all 1 expected" in out.out and "not checked (-p overrides" in out.out
    assert "FAIL, 1 of 2" in out.err and "placements: expected 70.0 ± 0.0, got 71.0" in out.err


def test_a_rebuild_without_language_keeps_the_nynorsk_pages(sweep, tmp_path):
    """`run X` (bokmål by default) of a report published in bokmål and nynorsk builds both
    again, so its nn/ stays (docs/languages.md, "Rebuilding one language")."""
    import shutil

    from analysis.notebooks import Target
    from analysis.runner.execute import run_target

    run = sorted((sweep / "runs").iterdir())[0]
    shutil.copytree(run, tmp_path / TARGET)
    outcome = run_target(Target(*TARGET.split("/")), {}, tmp_path, "x")
    assert outcome.ok, outcome.error
    assert outcome.languages == ["nb", "nn"]
    nn = (tmp_path / TARGET / "nn" / "index.html").read_text(encoding="utf-8")
    assert "Les på bokmål" in nn or 'hreflang="nb"' in nn
    record = json.loads((tmp_path / TARGET / "run.json").read_text(encoding="utf-8"))
    assert record["overrides"] == {} and record["checks"] and all(
        c["ok"] for c in record["checks"])  # the scenario's 15 expected figures, checked


def test_a_sweep_or_comparison_never_writes_over_other_files(sweep, cli, tmp_path):
    """--out naming the published reports (or any folder of other files) is refused."""
    (tmp_path / "index.html").write_text("the published index")
    (tmp_path / "runs").mkdir()
    runs = sorted((sweep / "runs").iterdir())
    for args in (["sweep", TARGET, "-p", "team_size", "40"],
                 ["compare", str(runs[0]), str(runs[1])]):
        result = cli(*args, "--out", str(tmp_path))
        assert result.returncode == 2 and "already holds other files" in result.stderr
    assert (tmp_path / "index.html").read_text() == "the published index"
    again = cli("compare", str(runs[0]), str(runs[1]), "--out", str(sweep / "cmp"))
    assert again.returncode == 0
    again = cli("compare", str(runs[0]), str(runs[2]), "--out", str(sweep / "cmp"))
    assert again.returncode == 0, again.stderr  # an earlier comparison may be replaced
