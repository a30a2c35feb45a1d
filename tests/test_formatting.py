"""Norwegian number formats, checked against hand-written strings."""

from analysis.presentation.formatting import nok, number, percent

NBSP = "\u00a0"


def test_amounts_the_norwegian_way():
    assert nok(1_620_000) == f"1{NBSP}620{NBSP}000{NBSP}kr"
    assert nok(300) == f"300{NBSP}kr"
    assert number(3_460_000.4) == f"3{NBSP}460{NBSP}000"
    assert number(1.25, 2) == "1,25"


def test_percent_uses_comma_and_space():
    assert percent(0.48) == f"48,0{NBSP}%"
    assert percent(0.051, 0) == f"5{NBSP}%"
