"""Report languages (issue 15): complete catalogs, nynorsk pages in nynorsk, both
languages built and published together, and the job memo.

PENDING_DOMAINS lists the families whose nynorsk catalog is still being translated: their
catalog completeness and their nynorsk pages are not checked yet (everything else is).
Empty it when the families' catalogs are merged; the tests are complete without it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from test_spelling import _has_dictionary, visible_text  # tests/ is on the path

from analysis import i18n
from analysis.i18n import catalogs
from analysis.notebooks import Target, schedule
from analysis.runner import memo, publish
from analysis.runner.execute import run_target
from analysis.runner.index import write_index

#: Family catalogs not yet translated to nynorsk (emptied by the lead at merge).
PENDING_DOMAINS: set[str] = set()

NN_WORDS = Path(__file__).parent / "spelling" / "prosjektord_nn.txt"
NN_PAGES = [str(t) for t in schedule()]
PLACEHOLDER = re.compile(r"\{(\w*)\}")

#: Bokmål forms that are wrong in nynorsk (with the nynorsk form), matched as whole words
#: in a nynorsk page's visible text. Each is refused by hunspell's nn_NO dictionary (checked
#: below) except «mye», which that dictionary still accepts but the official nynorsk
#: spelling does not (it is «mykje»). «mellom» is right in both and is not listed.
BOKMAL_ONLY = {
    "ikke": "ikkje", "hva": "kva", "hvordan": "korleis", "hvorfor": "kvifor",
    "hvem": "kven", "hvilke": "kva for", "hvilken": "kva for ein", "hvis": "viss",
    "hvor": "kor", "fra": "frå", "noen": "nokon", "mye": "mykje", "mer": "meir",
    "sykepleier": "sjukepleiar", "sykepleiere": "sjukepleiarar", "kommuner": "kommunar",
    "virksomhet": "verksemd", "verneombud": "verneombod",
    "arbeidsmiljøutvalg": "arbeidsmiljøutval", "beregnet": "rekna ut",
}
ACCEPTED_BY_HUNSPELL_NN = {"mye"}

needs_nn = pytest.mark.skipif(not _has_dictionary() or "nn_NO" not in subprocess.run(
    ["hunspell", "-D"], capture_output=True, text=True, input="").stderr,
    reason="hunspell with the nn_NO dictionary not found: apt-get install hunspell-no")


def _pending(target: str) -> bool:
    return i18n.domain_of(target.split("/")[0]) in PENDING_DOMAINS


# ------------------------------------------------------------------ (a) the catalogs
def _read(code: str, domain: str):
    with i18n.catalog_path(code, domain).open("rb") as f:
        return read_po(f, locale=i18n.LANGUAGES[code], domain=domain)


def _texts(message) -> list[str]:
    s = message.string
    return list(s) if isinstance(s, tuple | list) else [s]


@pytest.mark.parametrize("domain", i18n.DOMAINS)
@pytest.mark.parametrize("code", i18n.TRANSLATED)  # bokmål is the code's own text
def test_every_message_has_a_translation_with_the_same_placeholders(domain, code):
    if domain in PENDING_DOMAINS:
        pytest.skip(f"the {domain} catalog is being translated (PENDING_DOMAINS)")
    template = catalogs.extract(domain)  # what the code, notebooks and files use now
    catalog = _read(code, domain)
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        wanted = {p for i in ids for p in PLACEHOLDER.findall(i)}
        if found is None:
            problems.append(f"not in the catalog: {ids[0]!r}")
        elif found.fuzzy or not all(_texts(found)):
            problems.append(f"no translation{' (fuzzy)' if found.fuzzy else ''}: {ids[0]!r}")
        else:
            for text in _texts(found):
                if set(PLACEHOLDER.findall(text)) != wanted:
                    problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, (f"{len(problems)} problem(s) in {code}/{domain}.po (run `python -m "
                          "analysis catalogs`, then translate):\n" + "\n".join(problems[:20]))


def test_the_check_finds_a_missing_translation(tmp_path, monkeypatch):
    """The completeness test above can fail: a message without a translation is found."""
    from babel.messages.pofile import write_po

    catalog = _read("nn", "common")  # the real catalog, with two faults put in
    catalog["Innhold"].string = ""
    catalog["{n} feilet"].string = "{tal} feila"
    po = tmp_path / "nn" / "LC_MESSAGES" / "common.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    with pytest.raises(AssertionError) as failed:
        test_every_message_has_a_translation_with_the_same_placeholders("common", "nn")
    assert "no translation: 'Innhold'" in str(failed.value)
    assert "placeholders differ: '{n} feilet'" in str(failed.value)


# -------------------------------------------------------- (b) nynorsk pages in nynorsk
def nn_text(page: str) -> str:
    """A nynorsk page's visible words, one per line, without parts in another language
    (marked with ``lang``) and without quotations in «» (titles of letters are cited as
    written)."""
    return visible_text(re.sub(r"«[^«»]*»", " ", page), skip_langs={"en", "nb"})


def bokmal_forms(text: str) -> list[str]:
    pattern = r"\b(" + "|".join(BOKMAL_ONLY) + r")\b"
    return list(dict.fromkeys(m.group(1) for m in re.finditer(pattern, text, re.I)))


def misspelled_nn(text: str) -> list[str]:
    result = subprocess.run(["hunspell", "-d", "nn_NO", "-p", str(NN_WORDS), "-i", "utf-8",
                             "-l"], input=text, capture_output=True, text=True, check=True)
    return list(dict.fromkeys(result.stdout.split()))


@needs_nn
def test_the_checked_forms_are_wrong_in_nynorsk():
    refused = misspelled_nn("\n".join(BOKMAL_ONLY))
    assert set(BOKMAL_ONLY) - set(refused) == ACCEPTED_BY_HUNSPELL_NN
    assert misspelled_nn("\n".join(BOKMAL_ONLY.values())) == []  # their nynorsk forms
    assert bokmal_forms("Kva kostar det ikkje? Det er ikke «Hva koster det» som trengst.") \
        == ["ikke", "Hva"]
    assert bokmal_forms(nn_text("<p>Det er ikkje «hva» men <span lang=nb>hva</span></p>")) \
        == []


@needs_nn
@pytest.mark.parametrize("name", NN_PAGES)
def test_nynorsk_page_has_no_bokmal_forms_and_is_spelled_right(schedule_reports, name):
    if _pending(name):
        pytest.skip("this family's nynorsk catalog is pending (PENDING_DOMAINS)")
    text = nn_text((schedule_reports / name / "nn" / "index.html").read_text(encoding="utf-8"))
    found = bokmal_forms(text)
    assert not found, f"bokmål forms on the nynorsk page: {found}"
    wrong = misspelled_nn(text)
    assert not wrong, f"{len(wrong)} words unknown to hunspell (nn_NO): {wrong}"


@needs_nn
def test_the_page_frame_is_nynorsk(tmp_path):
    """The runner's own words (header, contents, appendix, glossary, footer, workbook
    front sheet) in nynorsk, whatever the families' catalogs hold."""
    import nbformat

    from analysis.presentation.provenance import cite
    from analysis.runner.excel import write_workbook
    from analysis.runner.render import PageInfo, render_html

    nb = nbformat.v4.new_notebook()
    (tmp_path / "tables.json").write_text("[]", encoding="utf-8")
    with i18n.using_language("nn"):
        info = PageInfo("Tittel", "s", "Scenario", "30.11.2026 kl. 07:00", "abc-dirty",
                        sources=[cite("20/27924-5"), cite("21/227-1")],
                        owner="Eigar", contact="e@example.no", version="1",
                        summary=["P50, KI, konfidensintervall, designeffekt, vekt, "
                                 "kalibrering, simulering og oddsratio."],
                        other_languages=[("nb", "../index.html")])
        page = render_html(nb, info)
        write_workbook(tmp_path, info)
        words = [c.value for row in __import__("openpyxl").load_workbook(
            tmp_path / "tables.xlsx").active.iter_rows() for c in row if c.value]
    text = nn_text(page)
    assert '<html lang="nn">' in page and "Samandrag" in page and "Ord og omgrep" in page
    assert bokmal_forms(text) == [] and misspelled_nn(text) == []
    sheet = "\n".join(str(w) for w in words)
    assert "Dato for datagrunnlaget" in sheet
    assert bokmal_forms(re.sub(r"«[^«»]*»", " ", sheet)) == []


# ------------------------------------------------ (c, d) language and links of each page
@pytest.mark.parametrize("name", NN_PAGES)
def test_both_pages_carry_their_language_and_link_to_each_other(schedule_reports, name):
    folder = schedule_reports / name
    nb_page = (folder / "index.html").read_text(encoding="utf-8")
    nn_page = (folder / "nn" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in nb_page and '<html lang="nn">' in nn_page
    to_nn = re.findall(r'<a href="([^"]+)" hreflang="nn" lang="nn">([^<]+)</a>', nb_page)
    to_nb = re.findall(r'<a href="([^"]+)" hreflang="nb" lang="nb">([^<]+)</a>', nn_page)
    assert to_nn == [("nn/index.html", "Les på nynorsk")]
    assert to_nb == [("../index.html", "Les på bokmål")]
    assert (folder / to_nn[0][0]).resolve() == (folder / "nn" / "index.html").resolve()
    assert (folder / "nn" / to_nb[0][0]).resolve() == (folder / "index.html").resolve()
    for part in ("index.html", "tables.xlsx", "summary.json", "tables"):
        assert (folder / "nn" / part).exists(), part
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert run["languages"] == ["nb", "nn"]


def test_the_index_lists_both_languages(schedule_reports):
    index = (schedule_reports / "index.html").read_text(encoding="utf-8")
    for name in NN_PAGES:
        assert f'href="{name}/index.html"' in index, name
        assert f'href="{name}/nn/index.html" hreflang="nn" lang="nn"' in index, name


# --------------------------------------- a two-language job equals a one-language build
def _comparable(page: str) -> str:
    """A page without its build time and its link to the other language."""
    page = re.sub(r'<p class="other-language">.*?</p>', "", page, flags=re.S)
    return re.sub(r"\d\d\.\d\d\.\d{4} kl\. \d\d:\d\d", "DATE", page)


@pytest.mark.parametrize("target", ["response_team_costs/letter_baseline",
                                    "conscription_scenarios/autumn_2020",
                                    "hms_training_survey/synthetic_2024"])
def test_nynorsk_of_a_two_language_job_equals_a_nynorsk_only_build(schedule_reports,
                                                                      tmp_path, target):
    """The memo (the analysis computed once for both languages) changes nothing."""
    commit = json.loads((schedule_reports / target / "run.json").read_text())["commit"]
    outcome = run_target(Target(*target.split("/")), {}, tmp_path, commit, languages=["nn"])
    assert outcome.ok, outcome.error
    alone, both = tmp_path / target / "nn", schedule_reports / target / "nn"
    assert not (tmp_path / target / "index.html").exists()  # no bokmål page was built
    assert _comparable((alone / "index.html").read_text(encoding="utf-8")) == \
        _comparable((both / "index.html").read_text(encoding="utf-8"))
    assert 'class="other-language"' not in (alone / "index.html").read_text(encoding="utf-8")
    files = sorted(p.relative_to(alone).as_posix() for p in alone.rglob("*.csv"))
    assert files == sorted(p.relative_to(both).as_posix() for p in both.rglob("*.csv"))
    for rel in [*files, "summary.json", "tables.json"]:
        assert (alone / rel).read_bytes() == (both / rel).read_bytes(), rel


# ---------------------------------------------------------- rebuilding one language
def test_rebuilding_bokmal_alone_removes_the_earlier_nynorsk(schedule_reports, tmp_path):
    """A publish holds exactly the languages of its job: an nn/ from an earlier build is
    not kept beside a bokmål page built from other inputs."""
    nb_, sc = "response_team_costs", "team_50"
    shutil.copytree(schedule_reports / nb_ / sc, tmp_path / nb_ / sc)
    write_index(tmp_path)
    assert "team_50/nn/index.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    outcome = run_target(Target(nb_, sc), {}, tmp_path, "x", languages=["nb"])
    assert outcome.ok, outcome.error
    write_index(tmp_path)
    final = publish.published_dir(tmp_path, nb_, sc)
    assert not (final / "nn").exists()
    assert 'class="other-language"' not in (final / "index.html").read_text(encoding="utf-8")
    assert "team_50/nn/" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_changed_rebuilds_a_report_whose_language_was_not_built(schedule_reports, tmp_path):
    from analysis.runner.batch import plan

    nb_, sc = "response_team_costs", "letter_baseline"
    shutil.copytree(schedule_reports / nb_ / sc, tmp_path / nb_ / sc)
    target = [Target(nb_, sc)]
    assert [str(t) for t, _ in plan(target, {}, tmp_path, True, ["nb", "nn"]).skip] == [
        f"{nb_}/{sc}"]
    run = tmp_path / nb_ / sc / "run.json"
    record = json.loads(run.read_text(encoding="utf-8"))
    run.write_text(json.dumps({**record, "languages": ["nb"]}), encoding="utf-8")
    assert plan(target, {}, tmp_path, True, ["nb"]).skip  # bokmål alone: still unchanged
    built = plan(target, {}, tmp_path, True, ["nb", "nn"]).build
    assert [r for _, r in built] == ["language(s) nn not in the last successful build"]


def test_language_given_twice_is_one_sentence(tmp_path, cli):
    result = cli("run", "response_team_costs/letter_baseline", "--language", "nb,nn", "-p",
                 "language", "nn", "--out", str(tmp_path))
    assert result.returncode == 2 and "either --language or -p language" in result.stderr
    result = cli("run", "response_team_costs/letter_baseline", "--language", "se",
                 "--out", str(tmp_path))
    assert result.returncode == 2 and "Language 'se' is not available" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------ the memo
calls: list[str] = []


@memo.per_job
def _analyse(p, scale=1):
    calls.append(p["language"])
    return {"total": p["x"] * scale, "rows": [1, 2]}


_ = i18n.translator("common")


@memo.per_job
def _worded(p):
    calls.append(p["language"])
    return _("Innhold")


@pytest.fixture
def job(monkeypatch):
    monkeypatch.setenv(memo.ENV, "1")
    memo.clear()
    calls.clear()
    yield
    memo.clear()
    i18n.set_language("nb")


def test_memo_computes_once_for_both_languages(job):
    first = _analyse({"x": 2, "language": "nb", "output_dir": "a"})
    first["rows"].append(3)  # a notebook changing its results in place
    second = _analyse({"x": 2, "language": "nn", "output_dir": "b/nn"})
    assert calls == ["nb"] and second == {"total": 2, "rows": [1, 2]}
    assert _analyse({"x": 3, "language": "nn"})["total"] == 3  # other parameters: computed
    assert _analyse({"x": 2, "language": "nn"}, scale=2)["total"] == 4
    assert calls == ["nb", "nn", "nn"] and memo.stats == {"hits": 1, "misses": 3}


def test_memo_never_reuses_words_of_another_language(job):
    assert _worded({"language": "nb"}) == "Innhold"
    i18n.set_language("nn")
    assert _worded({"language": "nn"}) == "Innhald"
    assert _worded({"language": "nn"}) == "Innhald"
    assert calls == ["nb", "nn"]


def test_memo_is_off_outside_a_job(monkeypatch):
    monkeypatch.delenv(memo.ENV, raising=False)
    calls.clear()
    _analyse({"x": 1, "language": "nb"})
    _analyse({"x": 1, "language": "nb"})
    assert calls == ["nb", "nb"]


@pytest.mark.parametrize("notebook", sorted(i18n.NOTEBOOK_DOMAINS))
def test_every_notebook_computes_its_analysis_once_per_job(notebook):
    """The runner's memo is applied by the notebook (``analyse_once``), not imported by the
    family: the family's ``analyse`` is a plain function."""
    import nbformat

    from analysis.paths import NOTEBOOKS_DIR

    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert re.search(r"= analyse_once\((pipeline|retro)\.analyse, ", code), notebook


def test_a_two_language_job_computes_the_analysis_once(tmp_path):
    """In the runner's job kernel the notebook's ``analyse_once`` computes the bokmål run
    and hands the nynorsk run the same results: one miss, one hit."""
    from jupyter_client import BlockingKernelClient

    from analysis.runner import kernels

    outcome = run_target(Target("response_team_costs", "team_50"), {"n_draws": 2000},
                         tmp_path, "x", languages=["nb", "nn"], keep_kernel=True)
    assert outcome.ok, outcome.error
    client = BlockingKernelClient()
    client.load_connection_info(kernels._warm.get_connection_info())
    client.start_channels()
    out: list[str] = []
    try:
        client.execute_interactive(
            "import analysis.runner.memo as _m; print(_m.stats)",
            output_hook=lambda msg: out.append(msg["content"].get("text", "")))
    finally:
        client.stop_channels()
        kernels.shutdown()
    assert "".join(out).strip() == "{'hits': 1, 'misses': 1}"


@pytest.mark.parametrize("family", ["response_team", "conscription", "hms"])
def test_no_family_imports_the_runner(family):
    import ast

    from analysis.paths import PROJECT_ROOT

    for path in (PROJECT_ROOT / "analysis" / family).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import)
                     else [])
            assert not any(n.startswith("analysis.runner") for n in names), path.name


# ------------------------------------------------------------------ adding a language
@pytest.mark.parametrize("notebook", sorted(i18n.NOTEBOOK_DOMAINS))
def test_every_parameter_file_offers_exactly_the_report_languages(notebook):
    """docs/languages.md: a new language is added to LANGUAGES and to each parameter
    file's ``language`` choices; this finds a file that was forgotten."""
    from analysis.parameters import load_parameter_file

    spec = load_parameter_file(notebook).parameters["language"]
    assert list(spec.choices) == list(i18n.LANGUAGES)
    assert spec.value == i18n.DEFAULT_LANGUAGE
    for code in i18n.TRANSLATED:
        assert i18n.catalog_path(code, i18n.domain_of(notebook)).exists(), code
    for code in i18n.LANGUAGES:
        assert code in i18n.LANGUAGE_LINKS and code in i18n.LANGUAGE_NAMES, code
