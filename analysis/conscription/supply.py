"""Personnel each escalation step can supply, by profession.

Pools, in the letter's order of escalation (``002_9a1be4480c834f32.txt``):

0. register volunteers (nasjonalthelsepersonell.no): of the 923 willing to work in
   another part of the country, 474 are authorised or licensed and available at short
   notice. The response team is recruited from these 474 (letter, section 1), so the team
   is taken out first; of the rest a share accepts the assignment offered. The other 449
   willing to travel are counted as helpers without authorisation, at the register's
   share available at short notice. Authorised volunteers have the profession mix of the
   health personnel working outside health and social services (Statistics Norway 2019).
1. temp agencies through the regional health authorities' framework agreements (Helse
   Vest): few temps (an assumption), doctors and nurses.
2. the national response team: ``team_size`` members, with the same profession mix.
3. rule (a) and 4. rule (b): the reserve of health personnel outside health services
   (34 843 employed elsewhere, by profession; more than 43 000 not working) through a
   funnel of assumption shares: left employment in covered services (a) or never worked
   as health personnel in Norway and specially qualified (b); authorised; fit to serve;
   reachable within the deployment window. Conscription reaches authorised personnel
   only, so these pools hold no one in the *not authorised* role.

Works on scalars or on Monte Carlo draws (arrays of length ``n``); :func:`pools` returns
shape ``(n, 5 steps, 4 roles)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription.professions import (
    DOCTOR,
    NURSE,
    OTHER,
    RESPONSE_TEAM,
    ROLES,
    RULE_A,
    RULE_B,
    STEPS,
    TEMP_AGENCIES,
    UNAUTHORISED,
    VOLUNTEERS,
)
from analysis.errors import ParameterError


def _arr(x: Any) -> np.ndarray:
    return np.atleast_1d(np.asarray(x, dtype=float))


def reserve_mix(p: Mapping[str, Any]) -> np.ndarray:
    """Doctors, nurses and other authorised among health personnel working outside
    health and social services, as shares, shape ``(n, 3)``.

    >>> p = {"outside_doctors": 3669, "outside_nurses": 14780,
    ...      "outside_vernepleiere": 3364, "outside_helsefagarbeidere": 13030}
    >>> reserve_mix(p).round(3).tolist()
    [[0.105, 0.424, 0.471]]
    """
    doctors, nurses = _arr(p["outside_doctors"]), _arr(p["outside_nurses"])
    other = _arr(p["outside_vernepleiere"]) + _arr(p["outside_helsefagarbeidere"])
    total = doctors + nurses + other
    return np.stack([doctors, nurses, other], axis=-1) / total[:, None]


def reserve_by_profession(p: Mapping[str, Any]) -> np.ndarray:
    """Health personnel outside health services (employed elsewhere or not working) by
    profession (doctors, nurses, other authorised), shape ``(n, 3)``.

    Of those not working, the helsefagarbeidere are ``not_working_hfa_share`` ("more than
    half"); the rest are split like the employed-elsewhere doctors, nurses and
    vernepleiere.
    """
    d, nu = _arr(p["outside_doctors"]), _arr(p["outside_nurses"])
    v, h = _arr(p["outside_vernepleiere"]), _arr(p["outside_helsefagarbeidere"])
    not_working = _arr(p["not_working_persons"])
    hfa = _arr(p["not_working_hfa_share"])
    rest = not_working * (1.0 - hfa)
    non_hfa = d + nu + v
    doctors = d + rest * d / non_hfa
    nurses = nu + rest * nu / non_hfa
    other = v + h + rest * v / non_hfa + not_working * hfa
    return np.stack(np.broadcast_arrays(doctors, nurses, other), axis=-1)


def rule_funnels(p: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The shares of the reserve that rule (a) and rule (b) can reach, each shape ``(n,)``.

    >>> p = {"rule_share_left_covered": 0.6, "rule_share_never_worked": 0.1,
    ...      "rule_share_authorised": 0.85, "rule_share_specially_qualified": 0.3,
    ...      "rule_share_fit": 0.5, "rule_share_reachable": 0.25,
    ...      "rule_a_enacted": True, "rule_b_enacted": True}
    >>> [round(float(x[0]), 7) for x in rule_funnels(p)]
    [0.06375, 0.0031875]
    """
    left, never = _arr(p["rule_share_left_covered"]), _arr(p["rule_share_never_worked"])
    if np.any(left + never > 1 + 1e-12):
        raise ParameterError(
            "rule_share_left_covered and rule_share_never_worked describe different people "
            "and together must not exceed 1."
        )
    common = (_arr(p["rule_share_authorised"]) * _arr(p["rule_share_fit"])
              * _arr(p["rule_share_reachable"]))
    a = left * common * float(bool(p["rule_a_enacted"]))
    b = never * _arr(p["rule_share_specially_qualified"]) * common * float(
        bool(p["rule_b_enacted"]))
    return a, b


def pools(p: Mapping[str, Any]) -> np.ndarray:
    """Persons each step can supply, by role: shape ``(n, 5 steps, 4 roles)``."""
    mix = reserve_mix(p)
    team = _arr(p["team_size"])
    authorised_available = _arr(p["volunteers_authorised_available"])
    willing = _arr(p["volunteers_willing_to_travel"])
    if np.any(authorised_available > willing):
        raise ParameterError("volunteers_authorised_available cannot exceed "
                             "volunteers_willing_to_travel (the 474 are among the 923).")
    accept = _arr(p["volunteer_acceptance_share"])
    volunteers_authorised = np.maximum(authorised_available - team, 0.0) * accept
    volunteers_helpers = (willing - authorised_available) * _arr(p["short_notice_share"]) * accept
    temps = _arr(p["temp_agency_persons"])
    temp_doctors = _arr(p["temp_agency_doctor_share"])
    reserve = reserve_by_profession(p)
    share_a, share_b = rule_funnels(p)

    parts = [volunteers_authorised, volunteers_helpers, temps, temp_doctors, team,
             share_a, share_b, mix[:, 0], reserve[:, 0]]
    n = max(len(x) for x in parts)
    out = np.zeros((n, len(STEPS), len(ROLES)))
    out[:, VOLUNTEERS, :UNAUTHORISED] = volunteers_authorised[:, None] * mix
    out[:, VOLUNTEERS, UNAUTHORISED] = volunteers_helpers
    out[:, TEMP_AGENCIES, DOCTOR] = temps * temp_doctors
    out[:, TEMP_AGENCIES, NURSE] = temps * (1.0 - temp_doctors)
    out[:, RESPONSE_TEAM, :UNAUTHORISED] = team[:, None] * mix
    out[:, RULE_A, :UNAUTHORISED] = reserve * share_a[:, None]
    out[:, RULE_B, :UNAUTHORISED] = reserve * share_b[:, None]
    assert OTHER == 2  # the slices above rely on the role order
    return out


def volunteer_funnel(p: Mapping[str, Any]) -> pd.DataFrame:
    """The register's funnel from all registered to volunteers counted as supply."""
    team = float(p["team_size"])
    auth = float(p["volunteers_authorised_available"])
    willing = float(p["volunteers_willing_to_travel"])
    accept = float(p["volunteer_acceptance_share"])
    rows = [
        ("Registrert i nasjonalthelsepersonell.no", float(p["register_volunteers"]),
         "brevet, punkt 1"),
        ("Villige til oppdrag i en annen landsdel", willing, "brevet, punkt 1"),
        ("… av dem autorisert/lisens og tilgjengelige på kort varsel", auth,
         "brevet, punkt 1"),
        ("… minus innsatsteamet, som rekrutteres fra denne gruppen", max(auth - team, 0.0),
         "brevet, punkt 1"),
        ("Autoriserte frivillige som takker ja til oppdraget", max(auth - team, 0.0) * accept,
         "antakelse om andel som takker ja"),
        ("Øvrige villige (uten autorisasjon eller ikke på kort varsel)", willing - auth,
         "brevet, punkt 1"),
        ("… av dem tilgjengelige på kort varsel og takker ja (medhjelpere)",
         (willing - auth) * float(p["short_notice_share"]) * accept,
         "brevets andel på kort varsel × antatt andel som takker ja"),
    ]
    return pd.DataFrame(rows, columns=["stage", "persons", "basis"])


def rule_funnel(p: Mapping[str, Any]) -> pd.DataFrame:
    """From the reserve outside health services to those rule (a) and (b) can order."""
    reserve = reserve_by_profession(p)[0].sum()
    left, never = float(p["rule_share_left_covered"]), float(p["rule_share_never_worked"])
    auth, fit = float(p["rule_share_authorised"]), float(p["rule_share_fit"])
    reach, qual = float(p["rule_share_reachable"]), float(p["rule_share_specially_qualified"])
    a_on, b_on = float(bool(p["rule_a_enacted"])), float(bool(p["rule_b_enacted"]))
    rows = [
        ("Helsepersonell utenfor helsetjenesten (i arbeid andre steder eller uten arbeid)",
         reserve, reserve),
        ("… har sluttet i tjeneste etter § 1-3 (a) / aldri arbeidet som helsepersonell i "
         "Norge (b)", reserve * left, reserve * never),
        ("… er autorisert", reserve * left * auth, reserve * never * auth),
        ("… er særskilt kvalifisert (bare b)", float("nan"), reserve * never * auth * qual),
        ("… er skikket til å tjenestegjøre", reserve * left * auth * fit,
         reserve * never * auth * qual * fit),
        ("… kan nås og være på plass i tide", reserve * left * auth * fit * reach,
         reserve * never * auth * qual * fit * reach),
        ("Kan beordres (hjemmelen er tatt i bruk)", reserve * left * auth * fit * reach * a_on,
         reserve * never * auth * qual * fit * reach * b_on),
    ]
    return pd.DataFrame(rows, columns=["stage", "rule_a", "rule_b"])
