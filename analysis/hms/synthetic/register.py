"""The register totals of the synthetic frame: what a business register publishes per cell.

Statistics Norway's business register publishes both establishments (virksomheter,
bedrifter) and enterprises (foretak: the legal entity, organisasjonsnummer) by industry
and number of employees (statistikken «Virksomheter og foretak»; e.g. «Talet på føretak,
etter næring og sysselsettegrupper», ssb.no, and table 07091 for establishments). The
synthetic enterprise file gets the same kind of totals for the cell of each of its rows,
so that the weights can be calibrated to them (:mod:`analysis.hms.weighting`,
:mod:`analysis.hms.employer_unit`):

* ``size_class_population``: establishments of the row's size class, Statistics Norway,
  1 January 2023 (:data:`analysis.hms.margins.ESTABLISHMENTS_BY_SIZE_2023`, the figures
  the synthetic frame is built from);
* ``sector_population``: establishments of the row's sector in the synthetic frame;
* ``stratum_legal_entities``: legal entities of the row's stratum, each legal entity in
  the stratum of its industry group and its *own* size group, as the register classifies
  an enterprise by its own employees;
* ``legal_entity_stratum``: the stratum of the row's own legal entity (from the
  respondent file's ``legal_entity_employees``).

The legal entities of the whole frame follow the model of
:mod:`analysis.hms.synthetic.legal_entities` (an assumption, stated in
``data/hms/README.md``): drawn from a stream of their own (:data:`REGISTER_STREAM`), each
establishment of the frame is, with probability ``P_PART_OF_LARGER``, one of the
establishments of a larger legal entity with ``LARGER_FACTOR`` times its employees. A
legal entity then counts in its stratum as the sum of its establishments' shares of its
employees (``employees / legal_entity_employees``, which add up to 1 per legal entity),
rounded to a whole number per stratum: the register's count of legal entities.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import contract, margins
from analysis.hms.synthetic import frame as synthetic_frame
from analysis.hms.synthetic.export import typed
from analysis.hms.synthetic.legal_entities import LARGER_FACTOR, P_PART_OF_LARGER

REGISTER_STREAM = 13


def size_class_of(employees: np.ndarray) -> np.ndarray:
    """The size class of each number of employees (at least 1)."""
    lows = np.array([synthetic_frame.EMPLOYEES_RANGE[s][0] for s in c.SIZE_CLASSES])
    index = np.searchsorted(lows, np.asarray(employees, dtype=float), side="right") - 1
    return np.asarray(c.SIZE_CLASSES, dtype=object)[np.clip(index, 0, len(lows) - 1)]


_INDUSTRY_GROUP = {industry: group for group, industries in
                   synthetic_frame.INDUSTRY_GROUPS.items() for industry in industries}


def entity_stratum(industry: np.ndarray, entity_employees: np.ndarray) -> np.ndarray:
    """The stratum of a legal entity: its industry group and the size group of its own
    employees."""
    group = np.array([_INDUSTRY_GROUP[i] for i in industry], dtype=object)
    size = np.array([c.SIZE_GROUP_OF[s] for s in size_class_of(entity_employees)],
                    dtype=object)
    return np.array([f"{g}|{s}" for g, s in zip(group, size, strict=True)], dtype=object)


def legal_entities_by_stratum(population: pd.DataFrame, rng: np.random.Generator
                              ) -> pd.Series:
    """The register's number of legal entities per stratum of the synthetic frame.

    Args:
        population: :func:`analysis.hms.synthetic.frame.enterprise_frame` (one row per
            establishment, with ``cell`` and ``employees``).
        rng: the register's own stream.
    """
    counts = synthetic_frame.frame_counts()
    cell = population["cell"].to_numpy()
    industry = counts[c.INDUSTRY].to_numpy(dtype=object)[cell]
    size_group = counts["size_group"].to_numpy(dtype=object)[cell]
    employees = population["employees"].to_numpy(dtype=float)
    n = len(population)
    larger = rng.random(n) < np.array([P_PART_OF_LARGER[g] for g in size_group])
    factor = rng.uniform(*LARGER_FACTOR, n)
    entity_employees = np.where(larger, np.rint(employees * factor), employees)
    share = employees / entity_employees
    strata = entity_stratum(industry, entity_employees)
    return pd.Series(share).groupby(strata).sum().round().astype(np.int64).clip(lower=1)


def add(enterprises: pd.DataFrame, respondents: pd.DataFrame, population: pd.DataFrame,
        rng: np.random.Generator) -> pd.DataFrame:
    """``enterprises`` with the four register columns of the module docstring."""
    out = enterprises.copy()
    size = out[c.SIZE_CLASS].map(dict(margins.ESTABLISHMENTS_BY_SIZE_2023))
    out[c.SIZE_CLASS_POPULATION] = pd.array(size.tolist(), dtype="Int64")
    sector = population[c.SECTOR].value_counts()
    out[c.SECTOR_POPULATION] = pd.array(out[c.SECTOR].map(sector).tolist(), dtype="Int64")
    entities = legal_entities_by_stratum(population, rng)
    out[c.STRATUM_LEGAL_ENTITIES] = pd.array(
        out[c.STRATUM].map(entities).fillna(1).astype(int).tolist(), dtype="Int64")
    first = respondents.drop_duplicates(c.CLUSTER).set_index(c.CLUSTER)
    own = entity_stratum(first[c.INDUSTRY].to_numpy(dtype=object),
                         first[c.LEGAL_ENTITY_EMPLOYEES].to_numpy(dtype=float))
    by_cluster = pd.Series(own, index=first.index)
    out[c.LEGAL_ENTITY_STRATUM] = pd.Series(
        by_cluster.reindex(out[c.CLUSTER]).to_numpy(), index=out.index,
        dtype=out[c.CLUSTER].dtype)
    return typed(out, contract.ENTERPRISE_FIELDS)
