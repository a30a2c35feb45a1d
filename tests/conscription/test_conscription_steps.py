"""The escalation order is pinned against the letter's sentences.

Helsedirektoratet's letter to HOD of 19.11.2020 (ref. 20/42562-29): section 3 "Kommunens
bemanningsevne" puts local redeployment first and the national response team after it;
the routine in section 1 names the register and Helse Vest's agency agreements; section 4
puts economic incentives before conscription, and rule (a) before rule (b). The sentences
below are copied from the letter by hand; the test checks that the parameter file's
default order, its provenance text and the report's step quotes all follow them.
"""

from __future__ import annotations

import pytest

from analysis.conscription import steps
from analysis.errors import ParameterError
from analysis.parameters import load_parameter_file

LETTER_ORDER = (
    ("lokalt og regionalt", "Enhver bemanningskrise ved lokale utbrudd bør først forsøkes løst "
     "ved omdisponering av personell lokalt."),
    ("innsatsteam", "Hvis heller ikke det er tilstrekkelig, kan kommunen søke om bistand "
     "fra nasjonalt innsatsteam."),
    ("registeret", "Rekruttering fra nasjonalthelsepersonell.no"),
    ("vikarbyrå", "Helse Vest forvalter rammeavtalene for bemanning for RHFene, og tar "
     "en aktiv rolle i formidling av personell også til kommunene"),
    ("insentiver", "Dette kan f.eks. gjøres ved å gi et engangstilskudd til personell som "
     "binder seg for et oppdrag av en viss periode, alternativt ved at det kompenseres fra "
     "den arbeidsgiver som mottar personellet."),
    ("bokstav a", "Dersom dette ikke er tilstrekkelig, eller vurderes som en for treg løsning, "
     "kan man ta i bruk beordring av helsepersonell."),
    ("bokstav b", "Hvis det viser seg å oppstå ytterligere behov for beordring, kan "
     "beordringshjemmelen også utvides til å omfatte særlig kvalifisert personell som har "
     "autorisasjon, men som ikke har tjenestegjort i Norge (bokstav b)."),
)
SPEC = load_parameter_file("conscription_scenarios").parameters["escalation_order"]


def test_default_order_is_the_letters():
    assert tuple(SPEC.value) == tuple(k for k, _ in LETTER_ORDER) == steps.DEFAULT_ORDER


def test_each_step_quotes_the_letters_sentence():
    for key, sentence in LETTER_ORDER:
        assert steps.BY_KEY[key].quote == sentence, key
        assert "20/42562-29" in steps.BY_KEY[key].source, key


def test_the_parameter_files_provenance_lists_the_sentences_in_order():
    how = " ".join(SPEC.source.how.split())
    positions = [how.find(f"«{sentence}") for _, sentence in LETTER_ORDER]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def test_only_the_rules_conscript_and_they_come_last():
    assert [s.key for s in steps.STEPS if s.conscription] == ["bokstav a", "bokstav b"]


@pytest.mark.parametrize("order", [
    ["registeret", "lokalt og regionalt", "innsatsteam", "vikarbyrå", "insentiver",
     "bokstav a", "bokstav b"],
    ["lokalt og regionalt", "innsatsteam", "registeret", "vikarbyrå", "bokstav a",
     "insentiver", "bokstav b"],
    ["lokalt og regionalt", "innsatsteam", "registeret", "vikarbyrå", "insentiver",
     "bokstav b", "bokstav a"],
    ["lokalt og regionalt", "innsatsteam", "registeret", "insentiver", "bokstav a", "bokstav b"],
])
def test_orders_against_the_letters_logic_are_refused(order):
    with pytest.raises(ParameterError, match="escalation_order"):
        steps.check_order(order)


def test_labels_are_numbered_from_one():
    assert steps.labels(steps.DEFAULT_ORDER)[0] == "1. Lokale og regionale tiltak"
    assert steps.labels(steps.DEFAULT_ORDER)[-1] == "7. Beordring etter bokstav b"
