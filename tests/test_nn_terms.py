"""The nynorsk terms of docs/ordliste.md, used consistently in every nynorsk catalog
(issue 21): one word for one thing, never its rejected variant.

- «assumption» (bokmål «antakelse») is «antaking» in nynorsk; «føresetnad» is kept for
  «premises» (bokmål «forutsetninger», as in «Kjelder og føresetnader»), so a nynorsk text
  may say «føresetnad» at most as often as its bokmål says «forutsetning»;
- «uncertainty» is «usikkerheit» (not «uvisse»);
- «team member» is «medlem i teamet» (not «teammedlem»).
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from analysis import i18n
from analysis.paths import PROJECT_ROOT

ORDLISTE = PROJECT_ROOT / "docs" / "ordliste.md"
#: rejected nynorsk variant → the chosen term (docs/ordliste.md)
REJECTED = {r"\buvisse": "usikkerheit", r"teammedlem": "medlem i teamet"}
PREMISES_NN, PREMISES_NB = re.compile(r"føresetnad", re.I), re.compile(r"forutsetn", re.I)


def test_the_word_list_chooses_these_terms():
    rows = ORDLISTE.read_text(encoding="utf-8")
    assert "| assumption | antakelse | antaking" in rows
    assert "| premises (of a calculation) | forutsetninger | føresetnader |" in rows
    assert "| uncertainty | usikkerhet | usikkerheit |" in rows
    assert "(not «teammedlem»)" in rows


def problems(catalog) -> list[str]:
    found = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else " ".join(message.id)
        text = message.string if isinstance(message.string, str) else " ".join(
            message.string)
        for rejected, chosen in REJECTED.items():
            if re.search(rejected, text, re.I):
                found.append(f"«{rejected.strip(chr(92) + 'b')}» (use «{chosen}»): {text[:90]}")
        if len(PREMISES_NN.findall(text)) > len(PREMISES_NB.findall(source)):
            found.append(f"«føresetnad» for an assumption (use «antaking»): {text[:90]}")
    return found


@pytest.mark.parametrize("domain", i18n.DOMAINS)
def test_nynorsk_catalog_uses_the_chosen_terms(domain):
    with i18n.catalog_path("nn", domain).open("rb") as f:
        catalog = read_po(f, locale="nn", domain=domain)
    found = problems(catalog)
    assert not found, f"{len(found)} message(s) in nn/{domain}.po:\n" + "\n".join(found)


def test_the_check_finds_each_rejected_variant():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="nn")
    catalog.add("Antakelse", "Føresetnad")
    catalog.add("Kilder og forutsetninger", "Kjelder og føresetnader")  # right: premises
    catalog.add("Usikkerhet", "Uvisse")
    catalog.add("Teammedlemmer", "Teammedlemmer")
    found = problems(catalog)
    assert len(found) == 3, found
