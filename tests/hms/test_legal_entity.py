"""The legal thresholds per legal entity (organisasjonsnummer), not per establishment: the
contract's rules for the two columns, the threshold groups by hand, and the synthetic
entities."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.hms import columns as c
from analysis.hms import contract
from analysis.hms import timing as tm

from .test_contract import COLUMNS, GOOD, error_for, write

HEADER = [*COLUMNS, c.LEGAL_ENTITY, c.LEGAL_ENTITY_EMPLOYEES]
# GOOD: clusters E1 (lines 2-3), E2 (4-5), E3 (6), E4 (7); E1 and E4 in one legal entity.
ENTITIES = [["911111111", "60"], ["911111111", "60"], ["922222222", "3"],
            ["922222222", "3"], ["", ""], ["911111111", "60"]]


def rows(entities=ENTITIES):
    return [[*row, *extra] for row, extra in zip(GOOD, entities, strict=True)]


def test_the_two_columns_are_read(tmp_path):
    frame = contract.load_respondents(write(tmp_path, rows(), HEADER))
    assert frame[c.LEGAL_ENTITY].tolist()[:2] == ["911111111", "911111111"]
    assert pd.isna(frame[c.LEGAL_ENTITY].iloc[4])
    assert frame[c.LEGAL_ENTITY_EMPLOYEES].tolist()[:3] == [60, 60, 3]


def test_a_cluster_belongs_to_one_legal_entity(tmp_path):
    bad = [list(e) for e in ENTITIES]
    bad[1][0] = "933333333"  # line 3: E1 again, another entity
    message = error_for(write(tmp_path, rows(bad), HEADER))
    assert "column 'legal_entity', line 3: '933333333' differs from the legal entity on " \
           "the cluster's first line" in message


def test_a_legal_entity_has_one_employee_count(tmp_path):
    bad = [list(e) for e in ENTITIES]
    bad[5][1] = "61"  # line 7: entity 911111111 with another count
    message = error_for(write(tmp_path, rows(bad), HEADER))
    assert "column 'legal_entity_employees', line 7: 61 differs from the value on the " \
           "legal entity's first line" in message


def test_thresholds_use_the_legal_entity():
    """An establishment of 3 in an entity of 7 is newly covered for verneombud (5-9); one
    of 40 in an entity of 400 was covered before for AMU (50+), although 40 alone would
    be newly covered; without the entity's count the establishment's stands in."""
    frame = pd.DataFrame({
        "role": ["verneombud", "amu_member", "verneombud", "amu_member"],
        "employees": pd.array([3, 40, 12, 35], dtype="Int64"),
        "legal_entity_employees": pd.array([7, 400, 12, None], dtype="Int64"),
    })
    got = tm.threshold_groups(frame).tolist()
    assert got[:3] == ["newly_covered", "covered_before", "covered_before"]
    assert isinstance(got[3], float) and math.isnan(got[3])  # entity count missing
    assert tm.threshold_basis(frame) == "legal_entity_employees"
    alone = frame.drop(columns="legal_entity_employees")
    assert tm.threshold_groups(alone).fillna("none").tolist() == [
        "none", "newly_covered", "covered_before", "newly_covered"]
    assert tm.threshold_basis(alone) == "employees"


def test_synthetic_entities(resp):
    per_cluster = resp.groupby(c.CLUSTER)[[c.LEGAL_ENTITY, c.LEGAL_ENTITY_EMPLOYEES]].nunique()
    assert (per_cluster == 1).all().all()  # one entity, one count per enterprise
    entity = resp[c.LEGAL_ENTITY_EMPLOYEES].astype(float)
    own = resp[c.EMPLOYEES].astype(float)
    assert (entity >= own).all()
    larger = (entity > own).groupby(resp[c.CLUSTER]).first().mean()
    assert 0.12 < larger < 0.35  # about 15-30 % of enterprises are part of a larger entity
    assert resp[c.LEGAL_ENTITY].str.startswith("SYN-F").all()


@pytest.fixture(scope="module")
def resp():
    return contract.load_respondents()
