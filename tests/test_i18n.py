"""The language catalogs: lookup by the current language, and refusal of unknown ones."""

import pytest

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


def test_update_gives_bokmal_its_own_text_and_leaves_nynorsk_to_a_translator(
        tmp_path, monkeypatch):
    from babel.messages.pofile import read_po

    from analysis.i18n import catalogs

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "text.py").write_text(
        '_("Hva koster det?")\n_n("{n} kommune", "{n} kommuner", n)\n', encoding="utf-8")
    monkeypatch.setattr(catalogs, "SOURCES", {"common": ["pkg"]})
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    assert catalogs.update("common", tmp_path) == {"nb": 0, "nn": 2}
    with i18n.catalog_path("nb", "common").open("rb") as f:
        nb = read_po(f)
    assert nb["Hva koster det?"].string == "Hva koster det?"
    assert nb["{n} kommune"].string == ("{n} kommune", "{n} kommuner")
