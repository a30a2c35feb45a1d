"""The enterprise frame the HMS weights start from: the sampled enterprises, whether each
took part, and how many persons hold each role as the enterprise reports it.

Surveys of this kind go out through the enterprise: there is no register of verneombud or
AMU members, so person-level non-response is unknown. What the survey knows is its sample
of enterprises (from the register it was drawn from), which of them took part, and the
role-holders each taking-part enterprise reports. That is the enterprise file
(:func:`analysis.hms.contract.load_enterprises`). A respondent file that lists every
sampled role-holder, respondents and non-respondents alike (as the synthetic export does),
holds the same information, and :func:`from_people` derives the frame from it.

The enterprise frame is a data frame indexed by ``cluster`` with the columns of
:data:`analysis.hms.contract.ENTERPRISE_COLUMNS` (the reported counts as ``Int64``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import DataFileError
from analysis.hms import columns as c

RESPONDENT = c.RESPONSE_CODES[0]  # "respondent"


def from_people(frame: pd.DataFrame) -> pd.DataFrame:
    """The enterprise frame of a respondent file that lists every sampled role-holder.

    An enterprise took part when at least one of its role-holders answered, and it
    "reports" as many holders of each role as the file has rows for it.

    Args:
        frame: every sampled person and role (respondents and non-respondents).
    """
    first = frame.groupby(c.CLUSTER, sort=False).first()
    answered = (frame[c.RESPONSE_STATUS] == RESPONDENT).groupby(frame[c.CLUSTER],
                                                                sort=False).any()
    counts = (frame.groupby([c.CLUSTER, c.ROLE], sort=False).size().unstack(fill_value=0)
              .reindex(index=first.index, columns=list(c.ROLES), fill_value=0))
    took_part = answered.reindex(first.index).to_numpy(dtype=bool)
    out = pd.DataFrame({
        col: first[col].to_numpy()
        for col in (c.STRATUM, c.BASE_WEIGHT, c.STRATUM_POPULATION, c.SIZE_CLASS, c.SECTOR,
                    c.INDUSTRY)
        if col in first.columns
    }, index=first.index.rename(c.CLUSTER))
    out[c.ENTERPRISE_RESPONSE] = np.where(took_part, RESPONDENT, "nonrespondent")
    for role in c.ROLES:
        out[c.REPORTED[role]] = pd.Series(counts[role].to_numpy(), index=out.index,
                                          dtype="Int64").where(took_part, pd.NA)
    return out


def indexed(enterprises: pd.DataFrame) -> pd.DataFrame:
    """An enterprise file as loaded (one row per line) indexed by ``cluster``."""
    return enterprises.set_index(c.CLUSTER) if c.CLUSTER in enterprises.columns \
        else enterprises


def check_against_respondents(enterprises: pd.DataFrame, respondents: pd.DataFrame,
                              shown: str, respondents_shown: str) -> None:
    """Raise a DataFileError when the two files do not describe the same sample.

    Every enterprise with a respondent must be in the enterprise file, marked as taking
    part, with the same stratum, base weight, size class and sector as on its
    respondents' lines.

    Args:
        enterprises: the enterprise frame (indexed by ``cluster``).
        respondents: the respondent rows (those who answered).
        shown, respondents_shown: the two files as named in messages.
    """
    clusters = respondents[c.CLUSTER].astype(str)
    missing = sorted(set(clusters) - set(enterprises.index.astype(str)))
    if missing:
        raise DataFileError(
            f"{respondents_shown}, column '{c.CLUSTER}': {_listed(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not in the enterprise file {shown}; "
            "every enterprise with a respondent must be one of the sampled enterprises.")
    status = enterprises.loc[clusters, c.ENTERPRISE_RESPONSE].to_numpy()
    absent = sorted(set(clusters[status != RESPONDENT]))
    if absent:
        raise DataFileError(
            f"{shown}, column '{c.ENTERPRISE_RESPONSE}': {_listed(absent)} "
            f"{'is' if len(absent) == 1 else 'are'} marked nonrespondent but "
            f"{'has' if len(absent) == 1 else 'have'} respondents in {respondents_shown}; "
            "an enterprise whose role-holders answered took part (respondent).")
    for column, same in ((c.STRATUM, lambda a, b: a == b),
                         (c.BASE_WEIGHT, lambda a, b: np.isclose(a, b, rtol=1e-9, atol=0)),
                         (c.SIZE_CLASS, lambda a, b: a == b),
                         (c.SECTOR, lambda a, b: a == b)):
        if column not in respondents or column not in enterprises:
            continue
        theirs = enterprises.loc[clusters, column].to_numpy()
        ours = respondents[column].to_numpy()
        wrong = ~same(ours, theirs)
        differ = sorted(set(clusters[wrong]))
        if differ:
            first = int(np.flatnonzero(wrong & (clusters == differ[0]).to_numpy())[0])
            raise DataFileError(
                f"{respondents_shown}, column '{column}': {_listed(differ)} "
                f"{'has' if len(differ) == 1 else 'have'} another {column} than in the "
                f"enterprise file {shown} ({ours[first]} against {theirs[first]} for "
                f"{differ[0]!r}); the two files must describe the same sample.")


def _listed(values: list[str], most: int = 5) -> str:
    shown = ", ".join(repr(v) for v in values[:most])
    more = len(values) - most
    return shown + (f" and {more} more" if more > 0 else "")


def took_part(enterprises: pd.DataFrame) -> np.ndarray:
    """Whether each enterprise of the frame took part."""
    return (enterprises[c.ENTERPRISE_RESPONSE] == RESPONDENT).to_numpy(dtype=bool)


def main_size_group(enterprises: pd.DataFrame) -> pd.Series:
    """The size group most of each stratum's sampled enterprises are in (stratum -> group)."""
    groups = enterprises[c.SIZE_CLASS].map(dict(c.SIZE_GROUP_OF))
    return groups.groupby(enterprises[c.STRATUM]).agg(
        lambda v: v.dropna().mode().iloc[0] if v.notna().any() else None)


def collapse_empty_strata(enterprises: pd.DataFrame
                          ) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """``enterprises`` with every stratum where no enterprise took part merged into one
    where some did.

    A stratum without a taking-part enterprise cannot have its non-response adjusted
    within itself. The usual remedy is to collapse it with a similar stratum: the one
    whose enterprises are mostly in the same size group (the legal thresholds follow
    size), and among those the one with the most sampled enterprises; without such a
    stratum, the one with the most sampled enterprises. ``stratum_population`` (when
    present) becomes the sum over the merged strata, so the finite population correction
    stays right.

    Returns:
        The frame (a copy when anything was merged) and the merges as
        ``[(stratum merged, stratum it was merged into), ...]``. When no enterprise took
        part at all, nothing is merged.
    """
    part = pd.Series(took_part(enterprises), index=enterprises.index)
    per = part.groupby(enterprises[c.STRATUM]).sum()
    empty = [s for s in per.index if per[s] == 0]
    donors = [s for s in per.index if per[s] > 0]
    if not empty or not donors:
        return enterprises, []
    size = main_size_group(enterprises)
    sampled = enterprises.groupby(c.STRATUM).size()
    merges = []
    for stratum in empty:
        alike = [d for d in donors if size[stratum] is not None and size[d] == size[stratum]]
        target = max(alike or donors, key=lambda d: (sampled[d], str(d)))
        merges.append((str(stratum), str(target)))
    into = dict(merges)
    out = enterprises.copy()
    out[c.STRATUM] = out[c.STRATUM].map(lambda s: into.get(str(s), s))
    if c.STRATUM_POPULATION in out.columns and out[c.STRATUM_POPULATION].notna().all():
        population = enterprises.groupby(c.STRATUM)[c.STRATUM_POPULATION].first()
        merged = population.groupby(population.index.map(lambda s: into.get(str(s), s))).sum()
        out[c.STRATUM_POPULATION] = out[c.STRATUM].map(merged).astype("Int64")
    return out, merges
