"""The escalation: each step is used only when the steps before it fall short.

Within a step, its people first fill the need of their own profession. What is left of
them then fills, in this order, the need for *other authorised* personnel (nurses first,
then doctors) and the need for people *without authorisation* (other authorised, then
nurses, then doctors): tracing, coordination and simple testing tasks need no
authorisation. No one fills a more specialised role: a nurse does not replace a doctor,
and people without authorisation fill only their own role.

Each role is served first by its own kind and a surplus goes to the more demanding of the
roles it can fill, so this greedy order covers as much as any assignment of the same
people could; the step at which need is met is the first whose cumulative supply is
enough. More need therefore never lowers ``step_needed``.

Works on ``n`` draws at once: need ``(n, 4)``, pools ``(n, 5, 4)``.

>>> need = np.array([[10.0, 0, 0, 5]])
>>> pools = np.zeros((1, 5, 4)); pools[0, 0] = [12, 0, 0, 0]; pools[0, 3] = [5, 0, 0, 0]
>>> r = escalate(need, pools)
>>> int(r.step_needed[0]), r.used[0].sum(axis=1).tolist()
(3, [12.0, 0.0, 0.0, 3.0, 0.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.conscription.professions import (
    RULE_A,
    RULE_B,
    STEPS,
    SUBSTITUTES,
    UNMET,
    VOLUNTARY_STEPS,
)

EPS = 1e-9  # persons: below this, need counts as met


@dataclass(frozen=True)
class Escalation:
    """Result of the escalation, for ``n`` draws.

    ``used[:, k, r]``: people of step ``k`` by *profession* ``r`` put to work (a nurse
    doing tracing counts as a nurse). ``covered[:, k, r]``: need of *role* ``r`` met by
    step ``k``. ``remaining[:, k, r]``: need of role ``r`` still open after step ``k``.
    """

    need: np.ndarray  # (n, 4)
    pools: np.ndarray  # (n, 5, 4)
    used: np.ndarray  # (n, 5, 4)
    covered: np.ndarray  # (n, 5, 4)
    remaining: np.ndarray  # (n, 5, 4)
    step_needed: np.ndarray  # (n,) int: 0–4 the last step used, 5 need unmet

    @property
    def unmet(self) -> np.ndarray:
        """Persons of need left open after every step, shape ``(n,)``."""
        return self.remaining[:, -1, :].sum(axis=1)

    @property
    def ordered_rule_a(self) -> np.ndarray:
        return self.used[:, RULE_A, :].sum(axis=1)

    @property
    def ordered_rule_b(self) -> np.ndarray:
        return self.used[:, RULE_B, :].sum(axis=1)

    @property
    def covered_voluntary(self) -> np.ndarray:
        """Need met without conscription, by role, shape ``(n, 4)``."""
        return self.covered[:, list(VOLUNTARY_STEPS), :].sum(axis=1)

    @property
    def covered_all(self) -> np.ndarray:
        """Need met by all steps, by role, shape ``(n, 4)``."""
        return self.covered.sum(axis=1)


def escalate(need: np.ndarray, pools: np.ndarray) -> Escalation:
    """Run the escalation for ``n`` draws (see the module docstring for the rules)."""
    need = np.atleast_2d(np.asarray(need, dtype=float))
    pools = np.asarray(pools, dtype=float)
    if pools.ndim == 2:
        pools = pools[None]
    n = max(need.shape[0], pools.shape[0])
    need = np.broadcast_to(need, (n, need.shape[-1]))
    pools = np.broadcast_to(pools, (n,) + pools.shape[-2:])
    if np.any(need < 0) or np.any(pools < 0):
        raise ValueError("need and pools must not be negative")
    remaining = need.copy()
    used = np.zeros_like(pools)
    covered = np.zeros_like(pools)
    left_after = np.zeros_like(pools)
    for k in range(len(STEPS)):
        available = pools[:, k, :].copy()
        own = np.minimum(available, remaining)
        available -= own
        remaining -= own
        used[:, k, :] += own
        covered[:, k, :] += own
        for role, substitutes in SUBSTITUTES:
            for r in substitutes:
                sub = np.minimum(available[:, r], remaining[:, role])
                available[:, r] -= sub
                remaining[:, role] -= sub
                used[:, k, r] += sub
                covered[:, k, role] += sub
        left_after[:, k, :] = remaining
    open_after = left_after.sum(axis=2) > EPS  # (n, 5)
    total_need = need.sum(axis=1)
    # the first step after which nothing is open; 5 if need is open even after rule (b)
    met = ~open_after
    step = np.where(met.any(axis=1), met.argmax(axis=1), UNMET)
    step = np.where(total_need <= EPS, 0, step)
    return Escalation(need=need, pools=pools, used=used, covered=covered,
                      remaining=left_after, step_needed=step.astype(int))
