"""The synthetic survey design: population frame, strata, sample of enterprises, their
role-holders, and who answers (unit non-response).

1. A population frame of enterprises: the establishments by size class of 1 January 2023
   (Statistics Norway, 208 800 in all) spread over industries in proportion to the
   employed people by industry in 2023 (NAV) (an assumption: the same industry mix in
   every size class), counties in proportion to the population on 1 January 2020
   (Statistics Norway, table 07459), sector by industry (:data:`PUBLIC_SHARE`).
2. Strata: industry group (:data:`INDUSTRY_GROUPS`, 6) × size group (:data:`SIZE_GROUPS`,
   4) = 24 strata, coded ``"<industry group>|<size group>"``, e.g. ``"industri|20-99"``.
3. A stratified sample of enterprises (the clusters, PSUs), disproportionate: larger
   enterprises are sampled with a higher probability (:data:`ENTERPRISES_SAMPLED`).
   ``base_weight`` = stratum enterprises / sampled enterprises, constant within a cluster;
   ``stratum_population`` = the stratum's enterprises in the frame.
4. In every sampled enterprise all role-holders are sampled: the top leader, a
   verneombud from :data:`~analysis.hms.rules.VERNEOMBUD_MIN_EMPLOYEES` employees, 2–4
   AMU members from :data:`~analysis.hms.rules.AMU_MIN_EMPLOYEES`, and 0–3 employees with
   employer tasks, more in larger enterprises.
5. Non-response at enterprise level (small enterprises take part less) and person level
   (by role). An enterprise that takes part reports how many hold each role
   (:mod:`~analysis.hms.synthetic.enterprise_file`); one that does not reports nothing.

>>> frame_counts()["enterprises"].sum()
np.int64(208800)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.hms import columns as c
from analysis.hms import margins, rules
from analysis.hms.synthetic.export import SYNTHETIC_PREFIX

INDUSTRY_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "industri": ("A", "B", "C", "D-E"),  # primary industries, extraction, manufacturing, utilities
    "bygg_transport": ("F", "H"),
    "handel_servering": ("G", "I"),
    "privat_tjenesteyting": ("J", "K", "L", "M", "N", "R-U", "00"),
    "offentlig_undervisning": ("O", "P"),
    "helse_sosial": ("Q",),
})
"""The synthetic design's industry groups (its own collapsing, for stratification)."""

SIZE_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    group: tuple(size for size, g in c.SIZE_GROUP_OF.items() if g == group)
    for group in c.SIZE_GROUP_LABELS
})
"""The size groups of :mod:`analysis.hms.columns`, as group -> size classes (strata)."""

ENTERPRISES_SAMPLED: Mapping[str, int] = MappingProxyType({
    "1-4": 650, "5-19": 640, "20-99": 400, "100+": 230,
})
"""Enterprises sampled per size group, spread over industry groups: each stratum gets
:data:`MIN_SAMPLED_PER_STRATUM`, the rest in proportion to the frame. About 0.6 %, 0.9 %,
1.4 % and 5.8 % of the enterprises, so larger enterprises are oversampled."""

MIN_SAMPLED_PER_STRATUM = 20

PUBLIC_SHARE: Mapping[str, float] = MappingProxyType({
    "O": 1.0, "P": 1.0, "Q": 0.6, "D-E": 0.05, "H": 0.05, "J": 0.05,
})
"""Probability that an enterprise of the industry is public (an assumption); others 0."""

EMPLOYEES_RANGE: Mapping[str, tuple[int, int]] = MappingProxyType({
    "1-4": (1, 4), "5-9": (5, 9), "10-19": (10, 19), "20-49": (20, 49), "50-99": (50, 99),
    "100-249": (100, 249), "250+": (250, 3000),
})
"""Employees of an enterprise, drawn log-uniformly within its size class (upper bound of
250+ assumed)."""

EMPLOYER_TASKS_RANGE: Mapping[str, tuple[int, int]] = MappingProxyType({
    "1-4": (0, 1), "5-9": (0, 1), "10-19": (0, 2), "20-49": (1, 2), "50-99": (1, 3),
    "100-249": (2, 3), "250+": (2, 3),
})
"""Employees with employer tasks per enterprise (uniform whole numbers in the range)."""

AMU_MEMBERS_RANGE = (2, 4)

ENTERPRISE_RESPONSE: Mapping[str, float] = MappingProxyType({
    "1-4": 0.62, "5-19": 0.70, "20-99": 0.76, "100+": 0.80,
})
"""Probability that a sampled enterprise takes part, by size group."""

PERSON_RESPONSE: Mapping[str, float] = MappingProxyType({
    "leader": 0.84, "employer_tasks": 0.80, "verneombud": 0.86, "amu_member": 0.82,
})
"""Probability that a person in a taking-part enterprise answers, by role."""

_ROLE_ORDER = {role: i for i, role in enumerate(c.ROLES)}
_SIZE_GROUP_OF = {size: group for group, sizes in SIZE_GROUPS.items() for size in sizes}
_INDUSTRY_GROUP_OF = {ind: group for group, inds in INDUSTRY_GROUPS.items() for ind in inds}
assert set(_SIZE_GROUP_OF) == set(c.SIZE_CLASSES)
assert set(_INDUSTRY_GROUP_OF) == set(c.INDUSTRIES)


def _largest_remainder(total: int, weights: Sequence[float]) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total`` exactly."""
    w = np.asarray(weights, dtype=float)
    exact = total * w / w.sum()
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    # ties go to the earlier category, so the result never depends on sorting details
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    return counts


def frame_counts() -> pd.DataFrame:
    """Enterprises in the synthetic population frame by industry and size class.

    Each size class's establishments (Statistics Norway, 1 January 2023) are spread over
    the industries in proportion to the employed people by industry (NAV, 2023), rounded
    by largest remainder so each size class keeps its exact total.

    Returns:
        Columns ``industry``, ``size_class``, ``industry_group``, ``size_group``,
        ``stratum``, ``enterprises``; one row per industry × size class.
    """
    employed = [margins.EMPLOYED_BY_INDUSTRY_2023[ind] for ind in c.INDUSTRIES]
    rows = []
    for size in c.SIZE_CLASSES:
        counts = _largest_remainder(margins.ESTABLISHMENTS_BY_SIZE_2023[size], employed)
        for ind, n in zip(c.INDUSTRIES, counts, strict=True):
            group, size_group = _INDUSTRY_GROUP_OF[ind], _SIZE_GROUP_OF[size]
            rows.append((ind, size, group, size_group, f"{group}|{size_group}", int(n)))
    return pd.DataFrame(rows, columns=[c.INDUSTRY, c.SIZE_CLASS, "industry_group",
                                       "size_group", c.STRATUM, "enterprises"])


def enterprise_frame(rng: np.random.Generator) -> pd.DataFrame:
    """One row per enterprise of the frame, with county, sector and employees."""
    counts = frame_counts()
    # per industry × size class first, then repeated: fast on 208 800 rows
    cell = np.repeat(np.arange(len(counts)), counts["enterprises"].to_numpy())
    n = len(cell)
    public = np.array([PUBLIC_SHARE.get(ind, 0.0) for ind in counts[c.INDUSTRY]])[cell]
    low = np.array([EMPLOYEES_RANGE[s][0] for s in counts[c.SIZE_CLASS]], dtype=float)[cell]
    high = np.array([EMPLOYEES_RANGE[s][1] for s in counts[c.SIZE_CLASS]], dtype=float)[cell]
    counties = np.array(list(margins.COUNTY_POPULATION_2020), dtype=object)
    population = np.array(list(margins.COUNTY_POPULATION_2020.values()), dtype=float)
    county = counties[rng.choice(len(counties), n, p=population / population.sum())]
    sector = np.where(rng.random(n) < public, "public", "private").astype(object)
    draw = np.exp(rng.uniform(np.log(low), np.log(high + 1)))
    return pd.DataFrame({
        "cell": cell,
        c.COUNTY: county,
        c.SECTOR: sector,
        "employees": np.clip(np.floor(draw), low, high).astype(np.int64),
    })


def _allocation(counts: pd.DataFrame) -> dict[str, int]:
    """Enterprises to sample per stratum: each size group's total, proportional within."""
    sizes = counts.groupby(c.STRATUM, sort=False)["enterprises"].sum()
    group_of = counts.groupby(c.STRATUM, sort=False)["size_group"].first()
    out: dict[str, int] = {}
    for size_group, total in ENTERPRISES_SAMPLED.items():
        strata = [s for s in sizes.index if group_of[s] == size_group]
        spare = total - MIN_SAMPLED_PER_STRATUM * len(strata)
        extra = _largest_remainder(spare, [sizes[s] for s in strata])
        for s, e in zip(strata, extra, strict=True):
            out[s] = int(min(MIN_SAMPLED_PER_STRATUM + e, sizes[s]))
    return out


def sample_enterprises(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Simple random samples of enterprises within strata, with weights and fpc."""
    counts = frame_counts()
    stratum_of_cell = counts[c.STRATUM].to_numpy(dtype=object)
    stratum = stratum_of_cell[frame["cell"].to_numpy()]
    parts = []
    for name, n in _allocation(counts).items():
        members = np.flatnonzero(stratum == name)
        chosen = np.sort(rng.choice(members, size=n, replace=False))
        part = frame.iloc[chosen].copy()
        part[c.STRATUM_POPULATION] = len(members)
        part[c.BASE_WEIGHT] = len(members) / n
        parts.append(part)
    sample = pd.concat(parts, ignore_index=True)
    sample = sample.join(counts.drop(columns="enterprises"), on="cell").drop(columns="cell")
    sample[c.CLUSTER] = [f"{SYNTHETIC_PREFIX}E{i:04d}" for i in range(1, len(sample) + 1)]
    return sample


def role_holders(sample: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """All role-holders of every sampled enterprise."""
    employees = sample["employees"].to_numpy()
    size = sample[c.SIZE_CLASS]
    low = size.map(lambda s: EMPLOYER_TASKS_RANGE[s][0]).to_numpy()
    high = size.map(lambda s: EMPLOYER_TASKS_RANGE[s][1]).to_numpy()
    counts = {
        "leader": np.ones(len(sample), dtype=np.int64),
        "employer_tasks": rng.integers(low, high + 1),
        "verneombud": (employees >= rules.VERNEOMBUD_MIN_EMPLOYEES).astype(np.int64),
        "amu_member": np.where(employees >= rules.AMU_MIN_EMPLOYEES,
                               rng.integers(AMU_MEMBERS_RANGE[0], AMU_MEMBERS_RANGE[1] + 1,
                                            len(sample)), 0),
    }
    parts = []
    for role in c.ROLES:
        part = sample.loc[sample.index.repeat(counts[role])].copy()
        part[c.ROLE] = role
        parts.append(part)
    people = pd.concat(parts)
    people["enterprise"] = people.index
    people["role_order"] = people[c.ROLE].map(_ROLE_ORDER)
    people = people.sort_values(["enterprise", "role_order"], kind="stable")
    return people.reset_index(drop=True).drop(columns="role_order")


def respond(people: pd.DataFrame, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Who answered: the enterprise took part, then the person answered.

    Returns:
        ``(answered, takes_part)``: one flag per person, and one per enterprise (in the
        order of ``people["enterprise"]``) saying whether it took part, i.e. passed the
        survey on to its role-holders and reported how many hold each role.
    """
    n_enterprises = int(people["enterprise"].max()) + 1
    first = people.groupby("enterprise")["size_group"].first()
    takes_part = rng.random(n_enterprises) < first.map(ENTERPRISE_RESPONSE).to_numpy()
    answers = rng.random(len(people)) < people[c.ROLE].map(PERSON_RESPONSE).to_numpy()
    return takes_part[people["enterprise"].to_numpy()] & answers, takes_part
