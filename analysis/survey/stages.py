"""Later sampling stages of a multistage design (R: ``svyrecvar``'s ``multistage``).

With a finite population correction at every stage (``cluster=[psu, ssu, ...]``,
``fpc=[fpc1, fpc2, ...]``) R adds, for every stage ``k >= 2``, the variance of sampling
the stage-``k`` units within each unit of stage ``k - 1`` (the "strata" of stage ``k``),
multiplied by the sampling fractions ``n_j / N_j`` of all earlier stages:

    V = V_1 + sum_i f_1(i) V_2(i) + sum_ij f_1(i) f_2(ij) V_3(ij) + ...

Each ``V_k`` is the one-stage formula ``(1 - n/N) n/(n - 1) sum (Z - mean Z)^2`` over the
unit totals of the scores. Every later stage is a :class:`Structure` whose per-unit
scale already includes the product of the earlier sampling fractions. Without an fpc R
uses the first stage only (ultimate cluster), and so do we.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.survey._columns import complete_codes, require_column, show
from analysis.survey.linearization import Structure


def later_stages(data: pd.DataFrame, first_units: np.ndarray, first_fraction: np.ndarray,
                 clusters: list[str], fpcs: list[str], lonely_psu: str,
                 fpc_factor: Callable) -> tuple[list[Structure], np.ndarray]:
    """Structures of stages 2.. and the sampling probability of every row over all stages.

    ``first_units`` are the PSU codes, ``first_fraction`` the first-stage sampling fraction
    of each row; ``fpc_factor`` is the design's fpc check (``1 - n/N`` per group).
    """
    stages: list[Structure] = []
    prev = first_units
    fraction = first_fraction.copy()  # product of sampling fractions so far, per row
    for k, (cluster, fpc) in enumerate(zip(clusters, fpcs, strict=True), start=2):
        codes, levels = complete_codes(require_column(data, cluster, "cluster"), "cluster")
        units, _ = pd.factorize(prev * len(levels) + codes)
        units = units.astype(np.int64)
        n_units = int(units.max()) + 1
        n_groups = int(prev.max()) + 1
        unit_group = np.empty(n_units, dtype=np.int64)
        unit_group[units] = prev
        per_group = np.bincount(unit_group, minlength=n_groups).astype(float)

        def label(g: int, cluster=cluster, prev=prev, k=k) -> str:
            row = int(np.argmax(prev == g))
            return f"row {row} (stage {k - 1} unit of '{cluster}')"

        factor = fpc_factor(require_column(data, fpc, "fpc"), prev, n_groups, per_group, label)
        lonely = (per_group == 1) & (factor > 1e-7)
        if lonely.any():
            g = int(np.argmax(lonely))
            if lonely_psu in ("fail", "adjust", "average"):
                raise ParameterError(
                    f"A stage-{k - 1} unit (first at {label(g)}) has only one sampled unit of "
                    f"'{cluster}' and '{fpc}' says it is not a census, so its stage-{k} "
                    "variance cannot be estimated; use lonely_psu='remove' or 'certainty' "
                    f"(lonely_psu={lonely_psu!r} is not available at later stages)."
                )
        structure = Structure.build(n_groups, units, n_units, unit_group, factor,
                                    "remove" if lonely.any() else lonely_psu,
                                    unclustered=False)
        # earlier sampling fractions of each unit's ancestors (constant within a unit)
        unit_fraction = np.empty(n_units)
        unit_fraction[units] = fraction
        structures = replace(structure, psu_scale=structure.psu_scale * unit_fraction)
        stages.append(structures)
        fraction = fraction * (1.0 - factor)[prev]
        prev = units
    return stages, fraction


def check_lists(cluster, fpc) -> tuple[list[str], list[str] | None]:
    """``cluster`` and ``fpc`` as lists of column names (one per stage)."""
    clusters = [cluster] if isinstance(cluster, str) or cluster is None else list(cluster)
    if not clusters or any(not isinstance(c, str) for c in clusters if c is not None):
        raise ParameterError(
            f"cluster={cluster!r} is not allowed; give a column name or a list of column "
            "names, one per sampling stage."
        )
    if fpc is None:
        return clusters, None
    fpcs = [fpc] if isinstance(fpc, str) else list(fpc)
    if clusters != [None] and len(fpcs) != len(clusters):
        raise ParameterError(
            f"fpc has {len(fpcs)} column(s) but cluster has {len(clusters)} stage(s); give "
            "one fpc column per stage (as R's svydesign), or none."
        )
    return clusters, fpcs


__all__ = ["later_stages", "check_lists", "show"]
