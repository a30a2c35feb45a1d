"""The escalation: each step is used only when the steps before it fall short.

Within a step, its people first fill the need of their own profession (a person without
authorisation fills only tasks that need none). What is left of them then fills, in this
order, the need for *other authorised* personnel (nurses first, then doctors) and, at a
voluntary step only, the tasks that need no authorisation (other authorised, then
nurses, then doctors). Conscripted persons (rule a and b) fill authorised tasks only: the
rules are for tasks that need authorised personnel, and tracing, coordination and testing
under supervision are left to the voluntary and local resources. No one fills a more
specialised role than their own.

Each role is served first by its own kind and a surplus goes to the more demanding of the
roles it can fill, so this greedy order covers as much as any assignment of the same
people could; the step at which need is met is the first whose cumulative supply is
enough. More need therefore never lowers ``step_needed``.

Works on ``n`` draws at once: need ``(n, 4)``, pools ``(n, steps, 4)``. Steps are numbered
from 1 in ``step_needed``; ``len(steps) + 1`` means need is left even after the last step.

>>> need = np.array([[10.0, 0, 0, 1]])
>>> pools = np.zeros((1, 3, 4)); pools[0, 0] = [12, 0, 0, 0]; pools[0, 2] = [5, 0, 0, 0]
>>> r = escalate(need, pools, conscription=(False, False, True))
>>> int(r.step_needed[0]), r.used[0].sum(axis=1).tolist()
(1, [11.0, 0.0, 0.0])
>>> pools[0, 0] = [8, 0, 0, 0]
>>> r = escalate(need, pools, conscription=(False, False, True))
>>> int(r.step_needed[0]), r.used[0].sum(axis=1).tolist(), float(r.unmet[0])
(4, [8.0, 0.0, 2.0], 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.conscription.professions import (
    CONSCRIPTION_SUBSTITUTES,
    SUBSTITUTES,
    UNAUTHORISED,
)

EPS = 1e-9  # persons: below this, need counts as met


@dataclass(frozen=True)
class Escalation:
    """Result of the escalation, for ``n`` draws.

    ``assigned[:, k, prof, task]``: people of step ``k`` and profession ``prof`` put on the
    tasks of role ``task``. ``used`` sums it over tasks (by profession), ``covered`` over
    professions (by task). ``remaining[:, k, r]``: need of role ``r`` still open after
    step ``k``.
    """

    need: np.ndarray  # (n, 4)
    pools: np.ndarray  # (n, steps, 4)
    assigned: np.ndarray  # (n, steps, 4 professions, 4 tasks)
    remaining: np.ndarray  # (n, steps, 4)
    step_needed: np.ndarray  # (n,) int: 1..steps the last step used, steps + 1 unmet
    conscription: tuple[bool, ...]  # per step: persons are ordered

    @property
    def used(self) -> np.ndarray:
        return self.assigned.sum(axis=3)

    @property
    def covered(self) -> np.ndarray:
        return self.assigned.sum(axis=2)

    @property
    def unmet(self) -> np.ndarray:
        """Persons of need left open after every step, shape ``(n,)``."""
        return self.remaining[:, -1, :].sum(axis=1)

    def _steps(self, conscription: bool) -> list[int]:
        return [k for k, c in enumerate(self.conscription) if c == conscription]

    @property
    def ordered(self) -> np.ndarray:
        """Persons ordered (every conscription step), shape ``(n,)``."""
        return self.used[:, self._steps(True), :].sum(axis=(1, 2))

    @property
    def ordered_for_unauthorised_tasks(self) -> np.ndarray:
        """Ordered persons put on tasks that need no authorisation: 0 by construction."""
        tasks = self.assigned[..., UNAUTHORISED]  # (n, steps, professions)
        return tasks[:, self._steps(True), :].sum(axis=(1, 2))

    @property
    def covered_voluntary(self) -> np.ndarray:
        """Need met without conscription, by role, shape ``(n, 4)``."""
        return self.covered[:, self._steps(False), :].sum(axis=1)

    @property
    def covered_all(self) -> np.ndarray:
        """Need met by all steps, by role, shape ``(n, 4)``."""
        return self.covered.sum(axis=1)

    @property
    def remaining_after_voluntary(self) -> np.ndarray:
        """Need left after the last voluntary step, by role, shape ``(n, 4)``."""
        last = max(self._steps(False))
        return self.remaining[:, last, :]


def escalate(need: np.ndarray, pools: np.ndarray, conscription: Sequence[bool]
             ) -> Escalation:
    """Run the escalation for ``n`` draws (see the module docstring for the rules).

    ``conscription[k]`` says whether step ``k`` orders people (authorised tasks only).
    """
    need = np.atleast_2d(np.asarray(need, dtype=float))
    pools = np.asarray(pools, dtype=float)
    if pools.ndim == 2:
        pools = pools[None]
    n_steps = pools.shape[-2]
    conscription = tuple(bool(c) for c in conscription)
    if len(conscription) != n_steps:
        raise ValueError("one conscription flag per step is needed")
    n = max(need.shape[0], pools.shape[0])
    need = np.broadcast_to(need, (n, need.shape[-1]))
    pools = np.broadcast_to(pools, (n,) + pools.shape[-2:])
    if np.any(need < 0) or np.any(pools < 0):
        raise ValueError("need and pools must not be negative")
    n_roles = need.shape[-1]
    remaining = need.copy()
    assigned = np.zeros((n, n_steps, n_roles, n_roles))
    left_after = np.zeros_like(pools)
    for k in range(n_steps):
        available = pools[:, k, :].copy()
        if conscription[k]:  # only authorised personnel are ordered, for authorised tasks
            available[:, UNAUTHORISED] = 0.0
        own = np.minimum(available, remaining)
        available -= own
        remaining -= own
        for r in range(n_roles):
            assigned[:, k, r, r] += own[:, r]
        rules = CONSCRIPTION_SUBSTITUTES if conscription[k] else SUBSTITUTES
        for role, substitutes in rules:
            for r in substitutes:
                sub = np.minimum(available[:, r], remaining[:, role])
                available[:, r] -= sub
                remaining[:, role] -= sub
                assigned[:, k, r, role] += sub
        left_after[:, k, :] = remaining
    open_after = left_after.sum(axis=2) > EPS  # (n, steps)
    met = ~open_after
    step = np.where(met.any(axis=1), met.argmax(axis=1) + 1, n_steps + 1)
    step = np.where(need.sum(axis=1) <= EPS, 1, step)
    return Escalation(need=need, pools=pools, assigned=assigned, remaining=left_after,
                      step_needed=step.astype(int), conscription=conscription)
