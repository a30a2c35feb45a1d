"""Professions (roles) and escalation steps, with their Norwegian labels.

Every quantity of personnel in this family is an array whose last axis runs over
:data:`ROLES`: need for a role, and supply of people who can fill it.

>>> ROLES.index("nurse")
1
>>> STEP_LABELS[3]
'Beordring etter bokstav a'
"""

from __future__ import annotations

DOCTOR, NURSE, OTHER, UNAUTHORISED = 0, 1, 2, 3
ROLES: tuple[str, ...] = ("doctor", "nurse", "other_authorised", "not_authorised")
AUTHORISED = (DOCTOR, NURSE, OTHER)

ROLE_LABELS: dict[str, str] = {
    "doctor": "Leger",
    "nurse": "Sykepleiere",
    "other_authorised": "Annet autorisert helsepersonell",
    "not_authorised": "Uten autorisasjon",
}

# Who may fill another role's need once their own profession's need is met: nurses and
# doctors may do the work of other authorised personnel (sampling, basic care), and any
# authorised person the work that needs no authorisation (tracing, coordination, simple
# testing tasks under helsepersonelloven § 5). The least specialised go first, so that
# doctors are kept for doctors' work; no one fills a more specialised role than their own.
SUBSTITUTES: tuple[tuple[int, tuple[int, ...]], ...] = (
    (OTHER, (NURSE, DOCTOR)),
    (UNAUTHORISED, (OTHER, NURSE, DOCTOR)),
)

# Escalation steps, in the order the letter gives them (step_needed uses these numbers;
# 5 means need is unmet even after rule (b)).
VOLUNTEERS, TEMP_AGENCIES, RESPONSE_TEAM, RULE_A, RULE_B = range(5)
UNMET = 5
STEPS: tuple[str, ...] = ("volunteers", "temp_agencies", "response_team", "rule_a", "rule_b")
STEP_LABELS: tuple[str, ...] = (
    "Frivillige fra nasjonalthelsepersonell.no",
    "Vikarbyrå (RHF-enes rammeavtaler)",
    "Nasjonalt innsatsteam",
    "Beordring etter bokstav a",
    "Beordring etter bokstav b",
)
STEP_SHORT: tuple[str, ...] = ("Frivillige", "Vikarbyrå", "Innsatsteam", "Bokstav a",
                               "Bokstav b")
STEP_NEEDED_TEXT: tuple[str, ...] = (
    "Frivillige fra registeret er nok",
    "Vikarbyråene trengs i tillegg til de frivillige",
    "Det nasjonale innsatsteamet trengs i tillegg",
    "Beordring etter bokstav a trengs",
    "Beordring etter både bokstav a og b trengs",
    "Behovet dekkes ikke fullt selv med beordring etter bokstav a og b",
)
VOLUNTARY_STEPS = (VOLUNTEERS, TEMP_AGENCIES, RESPONSE_TEAM)

# Components of need.
COMPONENTS: tuple[str, ...] = ("testing", "tracing", "replacement")
COMPONENT_LABELS: dict[str, str] = {
    "testing": "Testing",
    "tracing": "Smittesporing",
    "replacement": "Erstatning for ansatte i isolasjon/karantene",
}
