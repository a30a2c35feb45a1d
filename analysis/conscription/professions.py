"""Professions (roles) and components of need, with their Norwegian labels (bokmål, marked
with ``N_``: translate them where shown, ``_(ROLE_LABELS[role])``).

Every quantity of personnel in this family is an array whose last axis runs over
:data:`ROLES`: need for a role, and supply of people who can fill it.

>>> ROLES.index("nurse")
1

The escalation steps are in :mod:`.steps`.
"""

from __future__ import annotations

from analysis.i18n import N_

DOCTOR, NURSE, OTHER, UNAUTHORISED = 0, 1, 2, 3
ROLES: tuple[str, ...] = ("doctor", "nurse", "other_authorised", "not_authorised")
AUTHORISED = (DOCTOR, NURSE, OTHER)

ROLE_LABELS: dict[str, str] = {
    "doctor": N_("Leger"),
    "nurse": N_("Sykepleiere"),
    "other_authorised": N_("Annet autorisert helsepersonell"),
    "not_authorised": N_("Uten autorisasjon"),
}

# Who may fill another role's need once their own profession's need is met: nurses and
# doctors may do the work of other authorised personnel (sampling, basic care), and any
# authorised person who came voluntarily the work that needs no authorisation (tracing,
# coordination, simple testing tasks under helsepersonelloven § 5). Conscripted persons
# fill authorised tasks only (CONSCRIPTION_SUBSTITUTES): rules (a) and (b) are for tasks
# that need them. The least specialised go first, so that doctors are kept for doctors'
# work; no one fills a more specialised role than their own.
SUBSTITUTES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (OTHER, (NURSE, DOCTOR)),
    (UNAUTHORISED, (OTHER, NURSE, DOCTOR)),
)
CONSCRIPTION_SUBSTITUTES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (OTHER, (NURSE, DOCTOR)),
)

# Components of need.
COMPONENTS: tuple[str, ...] = ("testing", "tracing", "replacement")
