"""The language catalogs: lookup by the current language, and refusal of unknown ones."""

import pytest
from babel.messages.pofile import write_po

from analysis import i18n
from analysis.errors import ParameterError
from analysis.presentation.formatting import number

PO = '''msgid ""
msgstr ""
"Language: nn_NO\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Hva koster det ikke?"
msgstr "Kva kostar det ikkje?"

msgid "{n} sykepleier"
msgid_plural "{n} sykepleiere"
msgstr[0] "{n} sjukepleiar"
msgstr[1] "{n} sjukepleiarar"

#, fuzzy
msgid "Usikker"
msgstr "Uviss"
'''


@pytest.fixture
def catalog(tmp_path, monkeypatch):
    path = tmp_path / "nn" / "LC_MESSAGES" / "common.po"
    path.parent.mkdir(parents=True)
    path.write_text(PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.reload_catalogs()
    yield
    i18n.set_language("nb")
    i18n.reload_catalogs()


def test_lookup_follows_the_current_language(catalog):
    _ = i18n.translator("common")
    assert _("Hva koster det ikke?") == "Hva koster det ikke?"  # nb: the message itself
    i18n.set_language("nn")
    assert _("Hva koster det ikke?") == "Kva kostar det ikkje?"
    assert _.n("{n} sykepleier", "{n} sykepleiere", 3).format(n=3) == "3 sjukepleiarar"
    assert _.n("{n} sykepleier", "{n} sykepleiere", 1).format(n=1) == "1 sjukepleiar"
    assert _("Usikker") == "Usikker"  # a fuzzy entry is not a translation
    assert _("Ikke i katalogen") == "Ikke i katalogen"


def test_numbers_follow_the_language(catalog):
    i18n.set_language("nn")
    assert number(1234567.5, 1) == "1\u00a0234\u00a0567,5"


def test_an_unknown_language_is_refused_in_one_sentence():
    allowed = r"'se'.*allowed: 'nb' \(bokmål\), 'nn' \(nynorsk\)"
    with pytest.raises(ParameterError, match=allowed):
        i18n.set_language("se")


@pytest.fixture(autouse=True)
def _fresh_catalogs():
    """No test leaves its catalogs compiled in the cache or its language set."""
    yield
    i18n.set_language("nb")
    i18n.reload_catalogs()


def _project(tmp_path, monkeypatch, code: str):
    """A one-module project with the catalogs under ``tmp_path/locale``."""
    from analysis.i18n import catalogs

    (tmp_path / "pkg").mkdir(exist_ok=True)
    (tmp_path / "pkg" / "text.py").write_text(code, encoding="utf-8")
    monkeypatch.setattr(catalogs, "SOURCES", {"common": ["pkg"]})
    monkeypatch.setattr(catalogs, "DOMAINS", ("common",))
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    return catalogs


def _read_nn(domain="common"):
    from babel.messages.pofile import read_po

    with i18n.catalog_path("nn", domain).open("rb") as f:
        return read_po(f, locale="nn_NO")


def test_update_leaves_nynorsk_to_a_translator_and_writes_no_bokmal_catalog(
        tmp_path, monkeypatch):
    catalogs = _project(tmp_path, monkeypatch,
                        '_("Hva koster det?")\n_n("{n} kommune", "{n} kommuner", n)\n')
    assert catalogs.update("common", tmp_path) == {"nn": 2}
    assert not i18n.catalog_path("nb", "common").exists()  # bokmål is the code's text
    nn = _read_nn()
    assert nn["Hva koster det?"].string == ""
    assert nn["{n} kommune"].id == ("{n} kommune", "{n} kommuner")


def test_a_changed_bokmal_sentence_is_fuzzy_with_its_earlier_text_until_reviewed(
        tmp_path, monkeypatch):
    """Issue 25: an edited bokmål sentence keeps its old nynorsk text as a fuzzy entry with
    the earlier bokmål text beside it; the check fails, naming it, until it is reviewed."""
    more = " ved omdisponering, hjelp fra nabokommuner og egne vikaravtaler"  # > 88 chars
    old = "Kommunen dekker en del av behovet selv" + more + "."
    new = "Kommunen dekker en stor del av behovet selv" + more + "."
    catalogs = _project(tmp_path, monkeypatch, f'_("{old}")\n_("Innhold")\n')
    catalogs.update("common", tmp_path)
    nn = _read_nn()
    nn[old].string = "Kommunen dekkjer ein del av behovet sjølv."  # (shortened)
    nn["Innhold"].string = "Innhald"
    with i18n.catalog_path("nn", "common").open("wb") as f:
        write_po(f, nn)
    assert catalogs.update("common", tmp_path) == {"nn": 0}
    assert catalogs.check(tmp_path) == []
    (tmp_path / "pkg" / "text.py").write_text(f'\n\n_("{old}")\n_("Innhold")\n')
    assert catalogs.check(tmp_path) == []  # moved lines alone leave the catalogs valid

    (tmp_path / "pkg" / "text.py").write_text(f'_("{new}")\n_("Innhold")\n', encoding="utf-8")
    problems = catalogs.check(tmp_path)  # before the catalogs are updated: stale and fuzzy
    assert any("not up to date" in p for p in problems)
    assert catalogs.update("common", tmp_path) == {"nn": 1}
    po = i18n.catalog_path("nn", "common").read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid ""\n#| "Kommunen dekker en del av behovet selv' in po
    entry = _read_nn()[new]
    assert entry.fuzzy and entry.string == "Kommunen dekkjer ein del av behovet sjølv."
    assert catalogs.check(tmp_path) == [
        f"nn/common.po: fuzzy (the bokmål text changed; review the translation): {new!r}, "
        f"earlier: {old!r}"]
    with using_nn():  # a fuzzy text is not shown: the page keeps the bokmål sentence
        assert i18n.translator("common")(new) == new

    nn = _read_nn()  # the translator reviews it: new text, the fuzzy mark removed
    nn[new].string, nn[new].flags = "Kommunen dekkjer ein stor del av behovet sjølv.", set()
    with i18n.catalog_path("nn", "common").open("wb") as f:
        write_po(f, nn)
    catalogs.update("common", tmp_path)
    assert catalogs.check(tmp_path) == []
    with using_nn():
        assert i18n.translator("common")(new) == "Kommunen dekkjer ein stor del av behovet sjølv."


def test_the_check_names_a_message_without_translation(tmp_path, monkeypatch):
    catalogs = _project(tmp_path, monkeypatch, '_("Innhold")\n_("Ny setning.")\n')
    catalogs.update("common", tmp_path)
    assert catalogs.check(tmp_path) == ["nn/common.po: no translation: 'Innhold'",
                                        "nn/common.po: no translation: 'Ny setning.'"]


def test_message_context_gives_one_text_two_translations(tmp_path, monkeypatch):
    """``_.p`` / ``_p`` / ``NP_`` carry a msgctxt: the same bokmål word can be translated
    differently in two places; without a context it is one message. ``_.n`` is seen too."""
    catalogs = _project(tmp_path, monkeypatch, (
        'from analysis.i18n import NP_\n'
        'A = NP_("kolonne", "Andel")\n'
        '_.p("setning", "Andel")\n'
        '_("Andel")\n'
        '_.n("{n} kommune", "{n} kommuner", n)\n'))
    template = catalogs.extract("common", tmp_path)
    assert {(m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in template if m.id} == {
        ("kolonne", "Andel"), ("setning", "Andel"), (None, "Andel"), (None, "{n} kommune")}
    catalogs.update("common", tmp_path)
    nn = _read_nn()
    for context, text in (("kolonne", "Del"), ("setning", "Delen"), (None, "Andel")):
        nn.get("Andel", context=context).string = text
    with i18n.catalog_path("nn", "common").open("wb") as f:
        write_po(f, nn)
    _ = i18n.translator("common")
    with using_nn():
        assert _(i18n.NP_("kolonne", "Andel")) == "Del"
        assert _.p("setning", "Andel") == "Delen"
        assert _("Andel") == "Andel"
    assert _(i18n.NP_("kolonne", "Andel")) == "Andel"  # bokmål: the text of the code


def test_a_whole_cell_translation_is_split_into_its_paragraphs(tmp_path, monkeypatch):
    """A nynorsk entry of a whole markdown cell (as catalogs held it before issue 25, or a
    branch merged later) gives each paragraph its translation: nothing is lost."""
    import json

    catalogs = _project(tmp_path, monkeypatch, "")
    cell = "## Om beregningen\n\nFørste avsnitt.\n\nAndre avsnitt."
    (tmp_path / "nb.ipynb").write_text(json.dumps(
        {"cells": [{"cell_type": "markdown", "source": [cell]}]}), encoding="utf-8")
    monkeypatch.setattr(catalogs, "SOURCES", {"common": ["nb.ipynb"]})
    path = i18n.catalog_path("nn", "common")
    path.parent.mkdir(parents=True)
    old = catalogs._read("nn", "common")
    old.add(cell, "## Om utrekninga\n\nFyrste avsnitt.\n\nAndre avsnitt.",
            locations=[("nb.ipynb", 1)])
    path.write_bytes(catalogs._po_bytes(old))
    assert catalogs.update("common", tmp_path) == {"nn": 0}
    nn = _read_nn()
    assert [nn[p].string for p in ("## Om beregningen", "Første avsnitt.", "Andre avsnitt.")
            ] == ["## Om utrekninga", "Fyrste avsnitt.", "Andre avsnitt."]
    assert nn.get(cell) is None  # the whole-cell entry is gone


def test_markdown_cells_are_extracted_one_message_per_paragraph():
    import io
    import json

    from analysis.i18n.extractors import extract_notebook

    nb = {"cells": [{"cell_type": "markdown", "source": [
        "## Om beregningen\n", "\n", "Første avsnitt\n", "fortsetter her.\n", "\n", "Andre."]},
        {"cell_type": "code", "source": ["x = 1"]}]}
    found = list(extract_notebook(io.BytesIO(json.dumps(nb).encode()), {}, [], {}))
    assert [(line, text) for line, _f, text, _c in found] == [
        (1, "## Om beregningen"), (1, "Første avsnitt\nfortsetter her."), (1, "Andre.")]


def using_nn():
    i18n.reload_catalogs()
    return i18n.using_language("nn")


def test_the_real_catalogs_pass_the_check():
    """``python -m analysis catalogs --check`` on the repository: no fuzzy or missing
    nynorsk entry, every catalog up to date with the code, notebooks and files."""
    from analysis.i18n import catalogs

    assert catalogs.check() == []
