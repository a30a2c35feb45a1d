"""Replicate-weight methods of :class:`~analysis.survey.design.Design` (a mixin)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.errors import DataFileError, ParameterError
from analysis.survey import replicates as replicate_weights
from analysis.survey._columns import numeric_values, require_column
from analysis.survey.replicates import Replicates

if TYPE_CHECKING:
    from analysis.survey.design import Design


class ReplicateMethods:
    """``replicate``, ``from_replicate_weights`` and ``replicates`` of a design."""

    @property
    def replicates(self) -> Replicates | None:
        """The replicate weights of a replicate design (``None`` for a linearised one)."""
        return self._replicates

    # -- replicate weights --------------------------------------------------------------
    def replicate(self, type: str = "JK1", replicates: int | None = None,
                  seed: int | None = None, fay: float = 0.0, mse: bool = False) -> Design:
        """The same design with replicate weights (R: ``as.svrepdesign``).

        ``type`` is ``"JK1"`` (unstratified jackknife), ``"JKn"`` (stratified jackknife),
        ``"BRR"`` (balanced repeated replication, two PSUs per stratum; R's Hadamard
        matrices), ``"Fay"`` (BRR with ``fay`` = Fay's factor rho, also ``"BRR"`` with
        ``fay > 0``) or ``"bootstrap"`` (``replicates`` resamples, default 50, drawn from
        ``numpy.random.default_rng(seed)``). The fpc enters JK1, JKn and the bootstrap as
        in R (BRR drops it). ``mse=True`` centres the replicates on the full-sample
        estimate instead of their mean. Estimates keep the full-sample weights; variances
        come from the replicates and ``degf`` is R's (rank of the replicate weights - 1).
        """
        if self._replicates is not None:
            raise ParameterError(
                f"This design already has {self._replicates.type} replicate weights; build "
                "replicates from the original design."
            )
        if self._calibration is not None:
            raise ParameterError(
                "Replicates of a calibrated design are not available; build the replicates "
                "first (calibrating a replicate design is not supported either), or use the "
                "linearised variance of the calibrated design."
            )
        s = self._structure
        if type != "JK1" and self.n_strata == 1 and type in ("JKn", "BRR", "Fay"):
            raise ParameterError(
                f"type={type!r} needs a stratified design; use 'JK1' or 'bootstrap' for an "
                "unstratified one."
            )
        levels = self._strata_levels
        reps = replicate_weights.build(s, type, replicates, seed, float(fay), mse,
                                       lambda h: levels[h])
        return self._replaced(_replicates=reps, _degf=reps.degf())

    @classmethod
    def from_replicate_weights(cls, data: pd.DataFrame, weights: str, repweights,
                               type: str, scale: float | None = None, rscales=None,
                               mse: bool = False, rho: float | None = None,
                               combined: bool = True) -> Design:
        """A design from supplied replicate weights (R: ``svrepdesign``), as public-use
        files ship them.

        ``repweights`` is a list of column names or a regular expression matched against
        the column names (R's ``repweights="wt[0-9]+"``). ``type`` gives R's default
        ``scale`` and ``rscales``: ``"BRR"`` (1/R), ``"Fay"`` (needs ``rho``),
        ``"JK1"`` ((R-1)/R), ``"JKn"`` (needs ``rscales``), ``"bootstrap"`` (1/(R-1)),
        ``"successive-difference"``/``"ACS"`` (4/R), ``"JK2"`` (1) or ``"other"`` (give
        ``scale``). ``combined=True`` (R's ``combined.weights``): the columns are the
        replicate weights; ``False``: they multiply ``weights``.
        """
        import re

        design = cls(data, weights=weights)
        if isinstance(repweights, str):
            pattern = re.compile(repweights)
            names = [c for c in data.columns if isinstance(c, str) and pattern.search(c)]
        elif isinstance(repweights, Sequence) and repweights:
            names = list(repweights)
        else:
            names = []
        if not names:
            raise ParameterError(
                f"repweights={repweights!r} names no column of the data; give a list of "
                "column names or a regular expression that matches them."
            )
        matrix = np.column_stack([
            numeric_values(require_column(data, c, "replicate weights"), "replicate weights")
            for c in names])
        bad = ~np.isfinite(matrix)
        if bad.any():
            col = names[int(np.argmax(bad.any(axis=0)))]
            raise DataFileError(
                f"Column '{col}' (replicate weights) has missing or infinite values; every "
                "replicate weight must be a finite number."
            )
        if not combined:
            matrix = matrix * design._weights[:, None]
        design._replicates = replicate_weights.supplied(matrix, type, scale, rscales, mse,
                                                        rho)
        design._degf = design._replicates.degf()
        return design

