"""Disclosure control for every published table of every family: small cells are not shown.

One mechanism, for persons and for businesses alike. Tables built from respondents pass a
:class:`Publisher` (a cell never rests on fewer than ``threshold`` respondents); tables
about businesses (such as course providers) pass :func:`suppress_units`, the rule
statistical offices use for business statistics: a cell needs at least
:data:`MIN_UNITS` units and must not be dominated by its largest contributors
(:data:`DOMINANCE`, the (n, k) rule: the ``n`` largest make up more than ``k`` of the
total), with secondary suppression so that no withheld cell can be worked out from a total.

A published cell (an estimate, or a count) never rests on fewer than ``threshold``
respondents; such cells are replaced by :data:`SUPPRESSED` (``":"``, Statistics Norway's
symbol for "not shown, to protect confidentiality") and counted, so that the report can
state how many cells it withheld.

Decisions, for whoever reads a table built here:

* Estimate tables (:func:`suppress_estimates`): a row whose ``n`` is below the threshold,
  or missing, loses every value *and* its ``n``: the size of a small group is itself
  what must not be published. An empty domain (``n == 0``) is shown as ``":"`` too, so
  that one rule covers every estimate row. One row counts as one suppressed cell.
* Count tables (:func:`suppress_counts`): a count ``0 < count < threshold`` is suppressed
  (primary suppression). Zero cells are shown, as Statistics Norway does: a zero describes
  no person. Wherever totals are published, more cells are suppressed (secondary
  suppression) so that no suppressed cell can be worked out from the totals: first the
  rule "a row or column with exactly one suppressed cell also loses its smallest non-zero
  visible cell", repeated until stable; then an audit of the whole table's sums (a cell
  can be pinned down by combining several rows and columns even when every row and column
  hides two cells), which suppresses more cells until no suppressed cell is determined.
  This protects against exact recovery; like the usual rules, it does not guarantee wide
  bounds around each suppressed cell.
* Shares derived from counts are suppressed wherever their count is (``shares=``).

>>> import pandas as pd
>>> t = pd.DataFrame({"estimate": [0.5, 0.25], "n": [40, 4]}, index=["a", "b"])
>>> s = suppress_estimates(t, threshold=10)
>>> s.table["estimate"].tolist(), s.table["n"].tolist(), s.cells
([0.5, ':'], [40, ':'], 1)
>>> suppression_note(10)
'«:» = vises ikke fordi tallet bygger på færre enn 10 svar.'
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import AnalysisError, ParameterError
from analysis.i18n import translator
from analysis.presentation.formatting import SUPPRESSED, number

_ = translator("common")

MIN_UNITS = 3
"""Fewest businesses (units) a published cell about businesses may rest on."""

DOMINANCE = (2, 0.85)
"""The (n, k) dominance rule: a magnitude cell is withheld when its ``n`` largest
contributors make up more than ``k`` of its total (n = 2, k = 85 %)."""

__all__ = [
    "DOMINANCE",
    "MIN_UNITS",
    "SUPPRESSED",
    "DisclosureError",
    "Publisher",
    "suppress_units",
    "Suppressed",
    "SuppressionLog",
    "check_published",
    "suppress_counts",
    "suppress_estimates",
    "suppression_note",
]


class DisclosureError(AnalysisError):
    """A table about to be published shows a cell resting on too few respondents."""


def suppression_note(threshold: int, secondary: bool = False) -> str:
    """The Norwegian table note explaining the ``":"`` marker.

    Args:
        threshold: The smallest number of respondents a published cell may rest on.
        secondary: Whether the table also has cells suppressed because they could have
            been worked out from the totals (secondary suppression).

    Returns:
        One sentence in the report's language (bokmål unless set otherwise), for the
        table's note.

    >>> suppression_note(10, secondary=True)  # doctest: +NORMALIZE_WHITESPACE
    '«:» = vises ikke fordi tallet bygger på færre enn 10 svar, eller fordi det ellers
    kunne vært regnet ut fra summene i tabellen.'
    """
    t = number(_check_threshold(threshold))
    if secondary:
        return _(
            "«{marker}» = vises ikke fordi tallet bygger på færre enn {threshold} svar, eller "
            "fordi det ellers kunne vært regnet ut fra summene i tabellen."
        ).format(marker=SUPPRESSED, threshold=t)
    return _("«{marker}» = vises ikke fordi tallet bygger på færre enn {threshold} svar."
             ).format(marker=SUPPRESSED, threshold=t)


@dataclass(frozen=True)
class Suppressed:
    """A table ready to publish, with the number of cells that were withheld.

    Attributes:
        table: The frame to publish; suppressed cells hold :data:`SUPPRESSED`.
        primary: Cells withheld because they rest on fewer than ``threshold`` respondents.
        secondary: Cells withheld so that a primary cell cannot be worked out from totals.
        threshold: The threshold that was applied.
    """

    table: pd.DataFrame
    primary: int
    secondary: int
    threshold: int

    @property
    def cells(self) -> int:
        """All withheld cells: primary plus secondary."""
        return self.primary + self.secondary

    @property
    def note(self) -> str:
        """The Norwegian note for this table (empty when nothing was withheld)."""
        if not self.cells:
            return ""
        return suppression_note(self.threshold, secondary=self.secondary > 0)


@dataclass
class SuppressionLog:
    """The report-level tally of withheld cells, for ``summary.json``.

    >>> import pandas as pd
    >>> log = SuppressionLog()
    >>> t = log.add(suppress_estimates(pd.DataFrame({"x": [1.0], "n": [3]}), 10))
    >>> log.total, log.tables
    (1, 1)
    """

    primary: int = 0
    secondary: int = 0
    tables: int = 0
    _seen: set[int] = field(default_factory=set, repr=False)

    def add(self, suppressed: Suppressed) -> pd.DataFrame:
        """Count the cells withheld in ``suppressed`` and return its table to publish.

        Adding the same :class:`Suppressed` twice counts it once.
        """
        if id(suppressed) not in self._seen:
            self._seen.add(id(suppressed))
            self.primary += suppressed.primary
            self.secondary += suppressed.secondary
            self.tables += 1
        return suppressed.table

    @property
    def total(self) -> int:
        """All cells withheld in the report: the figure ``suppressed_cells``."""
        return self.primary + self.secondary


# --- Validation ---------------------------------------------------------------------------


def _check_threshold(threshold: Any) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        ok = False
    else:
        ok = math.isfinite(threshold) and float(threshold).is_integer() and threshold >= 1
    if not ok:
        raise ParameterError(
            f"The disclosure threshold {threshold!r} is not allowed; give a whole number of "
            "respondents of at least 1 (10 is the usual)."
        )
    return int(threshold)


def _check_columns(frame: pd.DataFrame, columns: Sequence[Hashable], role: str) -> list:
    if isinstance(columns, str):
        columns = [columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"The {role} {missing[0]!r} is not a column of the table; the columns are: "
            f"{', '.join(map(str, frame.columns))}."
        )
    return list(columns)


def _as_number(x: Any) -> float | None:
    """``x`` as a float, or None when it is the suppression marker, missing or not a number."""
    if isinstance(x, bool | np.bool_) or x is None or x is pd.NA:
        return None
    if isinstance(x, numbers.Real):
        v = float(x)
        return None if math.isnan(v) else v
    return None


def _is_marker(x: Any) -> bool:
    return isinstance(x, str) and x == SUPPRESSED


# --- Estimate tables ----------------------------------------------------------------------


def suppress_estimates(
    frame: pd.DataFrame,
    threshold: int,
    n_column: str = "n",
    value_columns: Sequence[str] | None = None,
) -> Suppressed:
    """Withhold every estimate row that rests on fewer than ``threshold`` respondents.

    Args:
        frame: One row per published estimate (e.g. ``estimate, se, ci_low, ci_high, deff,
            n`` from :mod:`analysis.survey`), with ``n_column`` the number of respondents
            the row rests on.
        threshold: The smallest ``n`` that may be published.
        n_column: The column with the number of respondents.
        value_columns: The columns to withhold; by default every numeric column but
            ``n_column`` (pass them when the frame has numeric label columns, such as a
            Likert answer code, which must stay visible).

    Returns:
        A :class:`Suppressed` whose table has, in each row with ``n < threshold`` or ``n``
        missing, :data:`SUPPRESSED` in every value column and in ``n_column``. Those
        columns have dtype object. Each withheld row counts as one primary cell; rows
        already withheld (``n`` is ``":"``) are kept and not counted again.
    """
    threshold = _check_threshold(threshold)
    (n_column,) = _check_columns(frame, [n_column], "n column")
    if value_columns is None:
        value_columns = [
            c for c in frame.select_dtypes(include="number").columns if c != n_column
        ]
    value_columns = [c for c in _check_columns(frame, value_columns, "value column")
                     if c != n_column]

    n = frame[n_column].tolist()
    already = np.array([_is_marker(x) for x in n], dtype=bool)
    values = [_as_number(x) for x in n]
    small = np.array([v is None or v < threshold for v in values], dtype=bool) & ~already

    table = frame.copy()
    for c in [*value_columns, n_column]:
        col = table[c].astype(object)
        col[small | already] = SUPPRESSED
        table[c] = col
    return Suppressed(table=table, primary=int(small.sum()), secondary=0, threshold=threshold)


# --- Count tables -------------------------------------------------------------------------


def _equations(rows: list, cols: list, total_column, total_row) -> list[list[tuple[int, int]]]:
    """Each published sum as the cells (row, column positions) it ties together.

    A row's counts add up to its total cell, and a column's to its total cell; which cells
    share a sum is all the rules here need to know.
    """
    eqs: list[list[tuple[int, int]]] = []
    if total_column is not None:
        tc = cols.index(total_column)
        for i in range(len(rows)):
            eqs.append([(i, j) for j in range(len(cols)) if j != tc] + [(i, tc)])
    if total_row is not None:
        tr = rows.index(total_row)
        for j in range(len(cols)):
            eqs.append([(i, j) for i in range(len(rows)) if i != tr] + [(tr, j)])
    return eqs


def _determined(mask: np.ndarray, eqs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Suppressed cells whose value follows exactly from the published sums.

    With the visible cells known, each equation is a linear equation in the suppressed
    cells; a cell is determined when its unit vector lies in the row space of the system,
    i.e. when the null space has no component along it.
    """
    hidden = [(int(i), int(j)) for i, j in np.argwhere(mask)]
    if not hidden or not eqs:
        return []
    pos = {cell: k for k, cell in enumerate(hidden)}
    a = np.zeros((len(eqs), len(hidden)))
    for e, eq in enumerate(eqs):
        for cell in eq:
            if cell in pos:
                a[e, pos[cell]] = 1.0
    _, s, vt = np.linalg.svd(a)
    rank = int((s > 1e-9).sum())
    null = vt[rank:].T  # columns span the null space
    return [cell for cell, k in pos.items()
            if null.shape[1] == 0 or np.abs(null[k]).max() < 1e-9]


def _pick(cells, values: np.ndarray, mask: np.ndarray, is_total: np.ndarray):
    """The smallest non-zero visible cell among ``cells`` (interior cells win ties)."""
    candidates = [c for c in cells if not mask[c] and values[c] > 0]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (values[c], is_total[c], c))


def _secondary(values: np.ndarray, mask: np.ndarray, eqs, is_total: np.ndarray) -> int:
    """Extend ``mask`` in place until no suppressed cell can be worked out; return how many."""
    added = 0
    while True:
        changed = False
        # The simple rule: one suppressed cell in a published sum is that sum minus the rest.
        for eq in eqs:
            if sum(mask[c] for c in eq) == 1:
                cell = _pick(eq, values, mask, is_total)
                if cell is not None:
                    mask[cell] = True
                    added += 1
                    changed = True
        if changed:
            continue
        # The audit: combinations of sums can still pin a cell down.
        determined = _determined(mask, eqs)
        if not determined:
            return added
        target = determined[0]
        near = [c for eq in eqs if target in eq for c in eq]
        everywhere = [(int(i), int(j)) for i, j in np.argwhere(~mask)]
        cell = _pick(near, values, mask, is_total) or _pick(everywhere, values, mask, is_total)
        if cell is None:  # nothing left to hide
            return added
        mask[cell] = True
        added += 1


def suppress_counts(
    frame: pd.DataFrame,
    threshold: int,
    count_columns: Sequence[str],
    total_column: str | None = None,
    total_row: Hashable | None = None,
    shares: Mapping[str, str] | None = None,
) -> Suppressed:
    """Withhold small counts in a count or cross table, and whatever would reveal them.

    Args:
        frame: One row per category (e.g. a theme, a Likert answer), one count column per
            group (e.g. a role); other columns (labels) are left as they are.
        threshold: The smallest non-zero count that may be published.
        count_columns: The columns holding counts (not the total).
        total_column: The column holding each row's total, when the table shows one. It
            may exceed the sum of the row (units with no group), never fall short of it.
        total_row: The index label of the row holding column totals, when the table shows
            one; same rule. Do not pass it for multi-coded rows (one comment in several
            themes), whose columns do not add up to a total.
        shares: Share columns derived from counts, as ``{share column: count column}``;
            each share is withheld wherever its count is. Shares are not counted as cells.

    Returns:
        A :class:`Suppressed`. Counts in ``(0, threshold)``, in the body or the totals, are
        primary; cells withheld so that no primary cell can be worked out from the
        published totals are secondary (the smallest non-zero visible cell is taken
        first). Zero cells are shown. Count, total and share columns have dtype object.
    """
    threshold = _check_threshold(threshold)
    count_columns = _check_columns(frame, count_columns, "count column")
    if not count_columns:
        raise ParameterError("suppress_counts needs at least one count column; none was given.")
    cols = list(count_columns)
    if total_column is not None:
        (total_column,) = _check_columns(frame, [total_column], "total column")
        if total_column in count_columns:
            raise ParameterError(
                f"The total column {total_column!r} is also listed as a count column; "
                "give it only as total_column."
            )
        cols.append(total_column)
    if not frame.index.is_unique:
        raise ParameterError(
            "The count table's row labels (its index) repeat; give each row a unique label."
        )
    rows = list(frame.index)
    if total_row is not None and total_row not in frame.index:
        raise ParameterError(
            f"The total row {total_row!r} is not a row label of the table; the row labels "
            f"are: {', '.join(map(str, rows))}."
        )
    shares = dict(shares or {})
    _check_columns(frame, list(shares), "share column")
    for share, count in shares.items():
        if count not in cols:
            raise ParameterError(
                f"The share column {share!r} is derived from {count!r}, which is not one of "
                f"the count or total columns ({', '.join(map(str, cols))})."
            )

    values = np.empty((len(rows), len(cols)))
    for j, c in enumerate(cols):
        for i, x in enumerate(frame[c].tolist()):
            v = _as_number(x)
            if v is None or v < 0:
                raise ParameterError(
                    f"Column {c!r}, row {rows[i]!r} of the count table holds {x!r}; every "
                    "count and total must be a number of at least 0."
                )
            values[i, j] = v

    is_total = np.zeros(values.shape, dtype=bool)
    if total_column is not None:
        tc = cols.index(total_column)
        is_total[:, tc] = True
        body = np.delete(values, tc, axis=1).sum(axis=1)
        short = np.flatnonzero(values[:, tc] < body - 1e-9)
        if short.size:
            raise ParameterError(
                f"Row {rows[short[0]]!r}: the total {values[short[0], tc]:g} is smaller than "
                f"the sum of its counts {body[short[0]]:g}; a total must cover its row."
            )
    if total_row is not None:
        tr = rows.index(total_row)
        is_total[tr, :] = True
        body = np.delete(values, tr, axis=0).sum(axis=0)
        short = np.flatnonzero(values[tr, :] < body - 1e-9)
        if short.size:
            raise ParameterError(
                f"Column {cols[short[0]]!r}: the total {values[tr, short[0]]:g} is smaller "
                f"than the sum of its counts {body[short[0]]:g}; a total must cover its "
                "column (multi-coded rows have no column total: leave total_row out)."
            )

    mask = (values > 0) & (values < threshold)
    primary = int(mask.sum())
    secondary = _secondary(values, mask, _equations(rows, cols, total_column, total_row),
                           is_total)

    table = frame.copy()
    for j, c in enumerate(cols):
        col = table[c].astype(object)
        col[mask[:, j]] = SUPPRESSED
        table[c] = col
    for share, count in shares.items():
        col = table[share].astype(object)
        col[mask[:, cols.index(count)]] = SUPPRESSED
        table[share] = col
    return Suppressed(table=table, primary=primary, secondary=secondary, threshold=threshold)


# --- Last guard ---------------------------------------------------------------------------


def check_published(
    frame: pd.DataFrame,
    threshold: int,
    n_column: str | Sequence[str] = "n",
    *,
    zero_ok: bool = False,
    value_columns: Sequence[str] | None = None,
) -> None:
    """Refuse a table that shows a cell resting on fewer than ``threshold`` respondents.

    Args:
        frame: The table about to be published.
        threshold: The smallest number of respondents a published cell may rest on.
        n_column: For an estimate table, its column of respondents per row; for a count
            table, a list of its count (and total) columns.
        zero_ok: Whether a visible 0 is allowed (count tables: yes; estimates: no).
        value_columns: For an estimate table, the columns that must be withheld in a row
            whose ``n`` is; by default every other column holding a number.

    Raises:
        DisclosureError: If a visible value in ``n_column`` is missing or below the
            threshold (0 allowed with ``zero_ok``), or, for a single ``n_column``, if a row
            whose ``n`` is withheld still shows a number in another column.
    """
    threshold = _check_threshold(threshold)
    single = isinstance(n_column, str)
    columns = _check_columns(frame, [n_column] if single else n_column, "n column")
    for c in columns:
        for label, x in frame[c].items():
            if _is_marker(x):
                continue
            v = _as_number(x)
            if v is None or v < threshold and not (zero_ok and v == 0):
                raise DisclosureError(
                    f"Row {label!r} of the table shows {x!r} in column {c!r}, which is below "
                    f"the disclosure threshold {threshold}; suppress it (analysis.hms."
                    "disclosure) before publishing."
                )
    if not single:
        return
    hidden = frame[columns[0]].map(_is_marker)
    if value_columns is None:
        numeric = [c for c in frame.columns if c != columns[0]
                   and any(_as_number(x) is not None or _is_nan(x) for x in frame[c])]
    else:
        numeric = _check_columns(frame, value_columns, "value column")
    for c in numeric:
        leaks = hidden & ~frame[c].map(_is_marker)
        if leaks.any():
            raise DisclosureError(
                f"Row {leaks.idxmax()!r} hides its n but still shows column {c!r}; every "
                "value of a withheld row must be suppressed too."
            )


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


# --- Publishing: every respondent table passes here -----------------------------------------


@dataclass
class Publisher:
    """Every respondent-based table passes here before it is shown: small cells go.

    Keeps the report-wide tally of withheld cells (``suppressed_cells`` in the summary)
    and checks each table once more before it is released. The rows of an estimate table
    are grouped by ``indicator`` and ``group`` (the domain); the overall row has ``group``
    ``"all"``.
    """

    threshold: int
    log: SuppressionLog = field(default_factory=SuppressionLog)
    units_log: SuppressionLog = field(default_factory=SuppressionLog)  # business tables

    def estimates(self, frame: pd.DataFrame, value_columns: list[str] | None = None,
                  n_column: str = "n", *, count: bool = True) -> tuple[pd.DataFrame, str]:
        """Suppress estimate rows resting on too few respondents; (table, note).

        Where the rows of a domain (same ``indicator`` and ``group``) split the whole
        population shown in the overall row, the ``n`` of a single withheld row could be
        worked out as the overall ``n`` minus the others; then the smallest other row of
        the domain is withheld too (secondary suppression).
        ``count=False`` for a figure that repeats cells a table already counted.
        """
        frame, extra = _secondary_rows(frame, self.threshold, n_column)
        done = suppress_estimates(frame, self.threshold, n_column=n_column,
                                  value_columns=value_columns)
        if extra:
            done = Suppressed(done.table, done.primary, extra, done.threshold)
        table = self.log.add(done) if count else done.table
        check_published(table, self.threshold, n_column, value_columns=value_columns)
        return table, done.note

    def counts(self, frame: pd.DataFrame, count_columns: list[str],
               total_column: str | None = None,
               shares: Mapping[str, str] | None = None) -> tuple[pd.DataFrame, str]:
        """Suppress small counts (and what would reveal them); (table, note)."""
        done = suppress_counts(frame, self.threshold, count_columns,
                               total_column=total_column, shares=shares)
        table = self.log.add(done)
        checked = [*count_columns, *([total_column] if total_column else [])]
        check_published(table, self.threshold, checked, zero_ok=True)
        return table, done.note

    def units(self, frame: pd.DataFrame, units_column: str, value_columns: list[str],
              contributions: Mapping[Hashable, Sequence[float]] | None = None,
              magnitude_columns: Sequence[str] = ()) -> tuple[pd.DataFrame, str]:
        """A table about businesses through :func:`suppress_units`; (table, note).

        Its withheld cells are tallied apart (``units_log``): they protect businesses, not
        respondents, and rest on another rule.
        """
        done = suppress_units(frame, units_column, value_columns, contributions,
                              magnitude_columns)
        table = self.units_log.add(done)
        check_units(table, units_column)
        return table, done.note

    @property
    def suppressed_cells(self) -> int:
        return self.log.total


_ALL = "all"  # the overall row's group


def _secondary_rows(frame: pd.DataFrame, threshold: int, n_column: str
                    ) -> tuple[pd.DataFrame, int]:
    """``frame`` with the ``n`` of secondary rows marked withheld, and how many there are."""
    if "group" not in frame.columns:
        return frame, 0
    keys = [c for c in ("indicator", "group") if c in frame.columns]
    n = pd.to_numeric(frame[n_column].where(~frame[n_column].map(_is_marker)),
                      errors="coerce")
    small = n.isna() | (n < threshold)
    extra = []
    for _key, rows in frame[frame["group"] != _ALL].groupby(keys, sort=False):
        hidden = small[rows.index]
        visible = n[rows.index][~hidden]
        if hidden.sum() == 1 and len(visible):
            extra.append(visible.idxmin())
    if not extra:
        return frame, 0
    out = frame.copy()
    out[n_column] = out[n_column].astype(object)
    out.loc[extra, n_column] = SUPPRESSED
    return out, len(extra)


# --- Tables about businesses: minimum units and dominance -----------------------------------


def units_note(secondary: bool = False) -> str:
    """The Norwegian note for a business table with withheld cells."""
    text = _("«{marker}» = vises ikke fordi tallet bygger på færre enn {units} enheter, eller "
             "fordi de {n} største står for mer enn {k} av summen.").format(
        marker=SUPPRESSED, units=number(MIN_UNITS), n=number(DOMINANCE[0]),
        k=f"{number(round(100 * DOMINANCE[1]))} %")
    if secondary:
        text += " " + _("Noen celler er også skjult fordi de ellers kunne vært regnet ut fra "
                        "summene i tabellen.")
    return text


def dominated(values: Sequence[float], n: int = DOMINANCE[0], k: float = DOMINANCE[1]
              ) -> bool:
    """Whether the ``n`` largest of ``values`` make up more than ``k`` of their total.

    >>> dominated([50, 40, 10]), dominated([40, 30, 30]), dominated([0, 0, 0])
    (True, False, False)
    """
    x = np.sort(np.asarray([v for v in values if v is not None and not _is_nan(v)],
                           dtype=float))[::-1]
    total = x.sum()
    return bool(total > 0 and x[:n].sum() > k * total)


def suppress_units(frame: pd.DataFrame, units_column: str, value_columns: Sequence[str],
                   contributions: Mapping[Hashable, Sequence[float]] | None = None,
                   magnitude_columns: Sequence[str] = ()) -> Suppressed:
    """Withhold the cells of a table about businesses that could reveal one of them.

    Primary: a row resting on fewer than :data:`MIN_UNITS` units (``units_column``) loses
    its unit count and every value in ``value_columns``; a row whose contributions to a
    magnitude (``contributions[row index]``, e.g. each provider's participants) are
    dominated (:func:`dominated`) loses the ``magnitude_columns``. Secondary: the rows of
    one ``group`` (other than ``"all"``) split the overall row, so where exactly one row of
    a group has its unit count (or a magnitude) withheld, the row of the group with the
    fewest units loses it too (only the additive cells: the count and the magnitudes; a
    median or share of a larger row reveals no single unit).

    Every additive column (a sum over the units, such as participants) must be given in
    ``magnitude_columns``, with or without ``contributions``: only those and the unit count
    get secondary suppression; ``value_columns`` are taken as non-additive (medians,
    shares, means), which a larger row shows without revealing a unit.

    Returns:
        A :class:`Suppressed` whose ``threshold`` is :data:`MIN_UNITS`.
    """
    _check_columns(frame, [units_column, *value_columns, *magnitude_columns], "column")
    out = frame.copy().astype({c: object for c in (units_column, *value_columns,
                                                   *magnitude_columns)})
    units = pd.to_numeric(frame[units_column], errors="coerce")
    few = units.isna() | (units < MIN_UNITS)
    heavy = pd.Series(False, index=frame.index)
    for index, values in (contributions or {}).items():
        if index in heavy.index and not few[index]:
            heavy[index] = dominated(values)
    primary = int(few.sum()) + int(heavy.sum())
    # Secondary: only the additive cells (the unit count and the magnitudes) can be worked
    # out from the overall row, so only they are withheld in a second row.
    count_hidden = few.copy()
    magnitude_hidden = few | heavy
    secondary = 0
    if "group" in frame.columns:
        for _group, rows in frame[frame["group"] != _ALL].groupby("group", sort=False):
            for hidden in (count_hidden, magnitude_hidden):
                if not (hidden is count_hidden or magnitude_columns):
                    continue
                shown = rows.index[~hidden[rows.index]]
                if int(hidden[rows.index].sum()) == 1 and len(shown):
                    hidden[units[shown].idxmin()] = True
                    secondary += 1
    out.loc[few, [units_column, *value_columns, *magnitude_columns]] = SUPPRESSED
    out.loc[count_hidden, units_column] = SUPPRESSED
    out.loc[magnitude_hidden, list(magnitude_columns)] = SUPPRESSED
    return _UnitsSuppressed(out, primary, secondary, MIN_UNITS)


@dataclass(frozen=True)
class _UnitsSuppressed(Suppressed):
    """A business table: its note speaks of units and dominance, not respondents."""

    @property
    def note(self) -> str:
        return units_note(self.secondary > 0) if self.cells else ""


def check_units(table: pd.DataFrame, units_column: str) -> None:
    """Refuse a business table with a shown row resting on fewer than :data:`MIN_UNITS`."""
    for index, value in table[units_column].items():
        n = _as_number(value)
        if n is not None and n < MIN_UNITS:
            raise DisclosureError(
                f"Row {index!r} of a table about businesses rests on {n:g} units in "
                f"'{units_column}'; at least {MIN_UNITS} are needed before it is published.")
