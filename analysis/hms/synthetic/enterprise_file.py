"""The synthetic enterprise file: one row per sampled enterprise, as the survey's own
records would hold it.

A survey of this kind goes out through the enterprise: there is no register of verneombud
or AMU members, so the survey knows which enterprises it sampled (from the register of
enterprises) and whether each took part, and a taking-part enterprise reports how many
persons hold each role. Here an enterprise takes part as :func:`frame.respond
<analysis.hms.synthetic.frame.respond>` drew it, and reports its role-holders exactly
(the synthetic frame knows them); an enterprise that does not take part reports nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import contract
from analysis.hms.synthetic.export import typed


def build(people: pd.DataFrame, takes_part: np.ndarray) -> pd.DataFrame:
    """The enterprise file with the contract's columns and dtypes.

    Args:
        people: every role-holder of every sampled enterprise (``frame.role_holders``),
            with the column ``enterprise`` (0, 1, ...).
        takes_part: one flag per enterprise, in the order of ``enterprise``.
    """
    first = people.groupby("enterprise", sort=True).first()
    counts = (people.groupby(["enterprise", c.ROLE]).size().unstack(fill_value=0)
              .reindex(index=first.index, columns=list(c.ROLES), fill_value=0))
    part = np.asarray(takes_part, dtype=bool)[first.index.to_numpy()]
    out = pd.DataFrame({
        **{col: first[col].to_numpy() for col in (
            c.CLUSTER, c.STRATUM, c.BASE_WEIGHT, c.STRATUM_POPULATION, c.SIZE_CLASS,
            c.SECTOR, c.INDUSTRY)},
        c.ENTERPRISE_RESPONSE: np.where(part, "respondent", "nonrespondent"),
    })
    for role in c.ROLES:  # a non-responding enterprise reports nothing: blank
        out[c.REPORTED[role]] = pd.Series(counts[role].to_numpy(), dtype="Int64").where(
            part, pd.NA)
    return typed(out, [f for f in contract.ENTERPRISE_FIELDS  # the register's: register.py
                       if f.name not in REGISTER_COLUMNS])


REGISTER_COLUMNS = (c.SIZE_CLASS_POPULATION, c.SECTOR_POPULATION, c.STRATUM_LEGAL_ENTITIES,
                    c.LEGAL_ENTITY_STRATUM)
"""The register totals :mod:`analysis.hms.synthetic.register` adds afterwards."""
