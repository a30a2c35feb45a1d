"""The legal entity (organisasjonsnummer) of each sampled enterprise, and its employees.

The legal thresholds (verneombud from 5 employees, AMU from 30) apply to the legal entity,
not to the establishment the survey reached. Drawn after the rest of the file from a
generator of its own (``default_rng([seed, ENTITY_STREAM])``), so no other column
changes: each sampled enterprise (cluster) belongs to one legal entity; with probability
:data:`P_PART_OF_LARGER` (by size group) it is one of several establishments of a larger
entity, whose employees are the establishment's times a factor drawn uniformly from
:data:`LARGER_FACTOR`; otherwise the entity is the enterprise alone, with the same
employees. Entity ids are ``SYN-F<number>`` (not real organisation numbers). The
role-holders were drawn by the enterprise's own employees (an assumption of the synthetic
design, stated in ``data/hms/README.md``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms.synthetic.export import SYNTHETIC_PREFIX

ENTITY_STREAM = 11
P_PART_OF_LARGER = {"1-4": 0.15, "5-19": 0.20, "20-99": 0.25, "100+": 0.30}
LARGER_FACTOR = (2.0, 15.0)


def add(respondents: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """``respondents`` (with ``employees``) with ``legal_entity`` and
    ``legal_entity_employees``, the same on every row of a cluster."""
    clusters = respondents.drop_duplicates(c.CLUSTER)
    size_group = clusters[c.SIZE_CLASS].map(dict(c.SIZE_GROUP_OF)).to_numpy()
    employees = clusters[c.EMPLOYEES].to_numpy(dtype=float)
    n = len(clusters)
    larger = rng.random(n) < np.array([P_PART_OF_LARGER[g] for g in size_group])
    factor = rng.uniform(*LARGER_FACTOR, n)
    entity_employees = np.where(larger, np.rint(employees * factor), employees).astype(np.int64)
    ids = [f"{SYNTHETIC_PREFIX}F{i:05d}" for i in range(1, n + 1)]
    by_cluster = pd.DataFrame({c.LEGAL_ENTITY: ids, c.LEGAL_ENTITY_EMPLOYEES: entity_employees},
                              index=clusters[c.CLUSTER].to_numpy())
    out = respondents.copy()
    keys = out[c.CLUSTER].to_numpy()
    out[c.LEGAL_ENTITY] = pd.Series(by_cluster.loc[keys, c.LEGAL_ENTITY].to_numpy(),
                                    index=out.index, dtype=out[c.CLUSTER].dtype)
    out[c.LEGAL_ENTITY_EMPLOYEES] = pd.array(
        by_cluster.loc[keys, c.LEGAL_ENTITY_EMPLOYEES].tolist(), dtype="Int64")
    return out
