"""The two test tiers: ``make test`` (every test not marked ``full``) and ``make test-all``.

Tests that repeat one check over many pages or random inputs keep a sample in the fast
tier and the rest in ``full``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest


def sample(values: Iterable, keep: Callable[[object], bool]) -> list:
    """``values`` as test parameters: those ``keep`` accepts run in every tier, the others
    are marked ``full`` (``make test-all`` only)."""
    return [v if keep(v) else pytest.param(v, marks=pytest.mark.full) for v in values]
