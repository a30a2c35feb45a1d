"""Norwegian spelling of every published page: hunspell with Debian's nb_NO dictionary.

The text a reader sees (no markup, styles or e-mail addresses) of the index page and of
every scheduled report is checked word by word. Words the dictionary lacks but the
reports rightly use (names of bodies, abbreviations, compounds) are in the project word
list ``tests/spelling/prosjektord.txt``; add a word there only if it is correct Norwegian.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.notebooks import schedule

WORDS = Path(__file__).parent / "spelling" / "prosjektord.txt"
DICTIONARY = "nb_NO"
PAGES = ["index", *(str(t) for t in schedule())]


def _has_dictionary() -> bool:
    if shutil.which("hunspell") is None:
        return False
    listed = subprocess.run(["hunspell", "-D"], capture_output=True, text=True,
                            input="").stderr
    return f"/{DICTIONARY}" in listed


pytestmark = pytest.mark.skipif(
    not _has_dictionary(),
    reason="hunspell with the nb_NO dictionary not found: apt-get install hunspell hunspell-no")


class _Text(HTMLParser):
    """The visible text of a page: no style, script, title, code, or parts marked as in
    another language (English, or the other written standard: ``lang`` in ``skip_langs``).

    Assumes well-formed markup (every tag inside a skipped element is closed), as the
    renderer writes it; void elements (``<br>``, ``<img>``) never occur inside one.
    """

    SKIP = {"style", "script", "title", "code"}

    def __init__(self, skip_langs=frozenset({"en", "nn"})):
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0
        self.skip_langs = skip_langs

    def handle_starttag(self, tag, attrs):
        if self._skipping or tag in self.SKIP or dict(attrs).get("lang") in self.skip_langs:
            self._skipping += 1  # nested tags inside a skipped element are counted too

    def handle_endtag(self, tag):
        if self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(page: str, skip_langs=frozenset({"en", "nn"})) -> str:
    """The words a reader sees, one per line (hunspell cuts very long lines into pieces).

    E-mail addresses, web addresses, numbers, single letters («bokstav a»), codes of two
    or three capitals («kommune AB») and dotted abbreviations («f.eks.», «bl.a.», which
    hunspell splits at the dots) are not words to check.
    """
    parser = _Text(skip_langs)
    parser.feed(page)
    words = " ".join(parser.parts).split()
    skip = re.compile(r"@|\d|^\W*\w\W*$|^\W*[A-ZÆØÅ]{2,3}\W*$|\w\.(no|com|org)\b"
                      r"|^\W*(?:\w{1,3}\.){2,}\W*$")
    return "\n".join(w for w in words if not skip.search(w))


def misspelled(text: str) -> list[str]:
    """Words hunspell does not know, with the project word list, in order of appearance."""
    result = subprocess.run(["hunspell", "-d", DICTIONARY, "-p", str(WORDS), "-i", "utf-8",
                             "-l"], input=text, capture_output=True, text=True, check=True)
    return list(dict.fromkeys(result.stdout.split()))


def test_the_checker_finds_english_and_accepts_norwegian():
    assert misspelled("Kostnaden per måned er om lag 1,6 mill. kr.") == []
    assert misspelled("the last paragraph but one") == ["the", "paragraph", "but", "one"]
    assert misspelled("Helsedirektoratet og TISK") == []  # from the project word list
    assert misspelled(visible_text("<p>Versjon 0.1.0 (kode 0add350), bokstav a, kontakt "
                                   "a@b.no, nettsted.no, kommune AB, the paragraph</p>"
                                   "<code>letter_baseline</code>")) == ["the", "paragraph"]


@pytest.mark.parametrize("name", PAGES)
def test_every_published_page_is_spelled_right(schedule_reports, name):
    path = schedule_reports / ("index.html" if name == "index" else f"{name}/index.html")
    wrong = misspelled(visible_text(path.read_text(encoding="utf-8")))
    assert not wrong, f"{len(wrong)} words unknown to hunspell ({DICTIONARY}): {wrong}"
