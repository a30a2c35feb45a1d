"""Counts in a demand file bounded by the municipality's population: outbreaks in
institutions and admissions, for a real municipality (the register's population) and an
illustrative one (the file's population). Populations: SSB table 07459, 1 January 2020
(Hyllestad 1 328)."""

from __future__ import annotations

import pytest

from analysis.conscription import inputs
from analysis.errors import DataFileError

HEADER = ",".join(inputs.DEMAND_COLUMNS)
# number, name, population, centrality, per 100k, admitted, outbreaks, isolated, unknown, agr.
HYLLESTAD = "4637,Hyllestad,1328,6,1129.5,1,{outbreaks},0.04,0.2,nei"
HYLLESTAD_NO_POPULATION = "4637,Hyllestad,,,1129.5,1,{outbreaks},0.04,0.2,nei"
INVENTED = "4691,Fjellvik (illustrativ),1,6,0.0,{admitted},{outbreaks},0.1,0.2,ja"


def _refusal(tmp_path, line: str) -> str:
    path = tmp_path / "demand.csv"
    path.write_text(f"{HEADER}\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        inputs.load_demand(str(path))
    message = str(err.value)
    assert message.startswith(f"{path}, column ") and "\n" not in message
    assert ", line 2: " in message
    return message


@pytest.mark.parametrize("line", [HYLLESTAD, HYLLESTAD_NO_POPULATION])
def test_999_999_999_outbreaks_in_hyllestad(tmp_path, line):
    message = _refusal(tmp_path, line.format(outbreaks=999999999))
    assert message.endswith("column 'institution_outbreaks', line 2: 999999999 outbreaks in "
                            "institutions is more than the municipality's 1328 inhabitants "
                            "(at most its population).")


def test_an_illustrative_municipality_of_one_inhabitant(tmp_path):
    message = _refusal(tmp_path, INVENTED.format(admitted=0, outbreaks=1000000))
    assert "column 'institution_outbreaks', line 2: 1000000 outbreaks in institutions is more " \
           "than the municipality's 1 inhabitants" in message
    message = _refusal(tmp_path, INVENTED.format(admitted=2, outbreaks=0))
    assert "column 'infected_admitted', line 2: 2 admitted is more than" in message


def test_counts_up_to_the_population_are_read(tmp_path):
    path = tmp_path / "demand.csv"
    path.write_text(f"{HEADER}\n{HYLLESTAD.format(outbreaks=1328)}\n", encoding="utf-8")
    assert inputs.load_demand(str(path))["institution_outbreaks"].tolist() == [1328.0]
