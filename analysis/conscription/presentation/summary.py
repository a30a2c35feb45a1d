"""The key figures of ``summary.json``."""

from __future__ import annotations

from typing import Any

from analysis.conscription import pipeline


def summary_figures(r: pipeline.Results) -> dict[str, Any]:
    """Key figures for ``summary.json``: the point estimate, shares of draws, quantiles."""
    return pipeline.summary(r)
