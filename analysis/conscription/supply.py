"""Personnel each escalation step can supply, by profession.

Pools, in the letter's order (:mod:`.steps`; Helsedirektoratet to HOD 19.11.2020, ref.
20/42562-29, with the letters of 19.08.2020, ref. 20/27924-5, and 04.01.2021, ref.
21/227-1):

1. local and regional measures. The municipality's own redeployment, neighbours and own
   temp agreements reduce its need before anything here (:mod:`.demand`); on top of that
   the letter of 04.01.2021 lists resources for tasks that need no authorisation: other
   industries (security guards and others) as helpers under helsepersonelloven § 5, NAV's
   candidates, volunteer organisations (Røde Kors, Norsk Folkehjelp, Sanitetskvinnene)
   and Sivilforsvaret. Their sizes are assumptions (per 10 000 inhabitants of the
   municipalities in crisis, Sivilforsvaret as a number); they fill only tasks without
   authorisation.
2. the national response team: ``team_size`` members, with the reserve's profession mix.
3. the register nasjonalthelsepersonell.no: of the 923 willing to work in another part of
   the country, 474 are authorised or licensed and available at short notice. The team is
   recruited from the 474 (section 1), so it is taken out first; of the rest a share
   accepts the assignment. The other 449 are counted as helpers without authorisation, at
   the register's share available at short notice. Students with a student licence
   (2 171) work under supervision; a share of them is available, for tasks without
   authorisation.
4. temp agencies through Helse Vest's framework agreements: few temps (an assumption),
   doctors and nurses.
5. economic incentives: a one-off grant brings in a share of the authorised reserve of
   health personnel outside health services (section 4); an assumption with a range.
6. rule (a) and 7. rule (b): the rest of that reserve (34 843 employed elsewhere, more
   than 43 000 not working) through a funnel of assumption shares: left employment in
   covered services (a) or never worked as health personnel in Norway and specially
   qualified (b); authorised; fit to serve; reachable in time. Conscription reaches
   authorised personnel only, so these pools hold no one without authorisation.

Works on scalars or on Monte Carlo draws (arrays of length ``n``); :func:`pools` returns
shape ``(n, 7 steps, 4 roles)`` in the canonical order of :data:`.steps.KEYS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.conscription.professions import DOCTOR, NURSE, OTHER, ROLES, UNAUTHORISED
from analysis.conscription.steps import KEYS
from analysis.errors import ParameterError
from analysis.i18n import N_


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


LOCAL_RESOURCES: tuple[tuple[str, str, str], ...] = (
    ("other_industries_per_10000",
     N_("Andre bransjer som medhjelpere (f.eks. vektertjeneste)"), "per 10 000"),
    ("nav_candidates_per_10000", N_("Kandidater formidlet av NAV"), "per 10 000"),
    ("volunteer_org_per_10000",
     N_("Frivillige organisasjoner (Røde Kors, Norsk Folkehjelp, Sanitetskvinnene)"),
     "per 10 000"),
    ("civil_defence_persons", N_("Sivilforsvaret (i en overgangsfase)"), "persons"),
)


def local_resources(p: Mapping[str, Any], population: float) -> dict[str, np.ndarray]:
    """Persons for tasks without authorisation from each local or regional resource,
    each shape ``(n,)``, for municipalities in crisis with ``population`` inhabitants.

    >>> p = {"other_industries_per_10000": 1, "nav_candidates_per_10000": 3,
    ...      "volunteer_org_per_10000": 2, "civil_defence_persons": 50}
    >>> {k: float(v[0]) for k, v in local_resources(p, 100_000).items()}["nav_candidates_per_10000"]
    30.0
    """
    out = {}
    for key, _label, kind in LOCAL_RESOURCES:
        x = _arr(p[key])
        out[key] = x * population / 10_000 if kind == "per 10 000" else x
    return out


def incentive_share(p: Mapping[str, Any]) -> np.ndarray:
    return _arr(p["incentive_share"])


def pools(p: Mapping[str, Any], population: float) -> np.ndarray:
    """Persons each step can supply, by role: shape ``(n, 7 steps, 4 roles)``, steps in
    the canonical order :data:`.steps.KEYS`; ``population``: inhabitants of the
    municipalities in crisis (for the local resources)."""
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
    students = _arr(p["student_licences"]) * _arr(p["student_available_share"])
    temps = _arr(p["temp_agency_persons"])
    temp_doctors = _arr(p["temp_agency_doctor_share"])
    reserve = reserve_by_profession(p)
    grant = incentive_share(p)
    incentive = reserve * _arr(p["rule_share_authorised"])[:, None] * grant[:, None]
    left_for_rules = reserve * (1.0 - grant)[:, None]
    share_a, share_b = rule_funnels(p)
    local = sum(local_resources(p, population).values())

    parts = [volunteers_authorised, volunteers_helpers, temps, temp_doctors, team,
             share_a, share_b, mix[:, 0], reserve[:, 0], local, students, grant]
    n = max(len(x) for x in parts)
    out = np.zeros((n, len(KEYS), len(ROLES)))
    at = {k: i for i, k in enumerate(KEYS)}
    out[:, at["lokalt og regionalt"], UNAUTHORISED] = local
    out[:, at["innsatsteam"], :UNAUTHORISED] = team[:, None] * mix
    out[:, at["registeret"], :UNAUTHORISED] = volunteers_authorised[:, None] * mix
    out[:, at["registeret"], UNAUTHORISED] = volunteers_helpers + students
    out[:, at["vikarbyrå"], DOCTOR] = temps * temp_doctors
    out[:, at["vikarbyrå"], NURSE] = temps * (1.0 - temp_doctors)
    out[:, at["insentiver"], :UNAUTHORISED] = incentive
    out[:, at["bokstav a"], :UNAUTHORISED] = left_for_rules * share_a[:, None]
    out[:, at["bokstav b"], :UNAUTHORISED] = left_for_rules * share_b[:, None]
    assert OTHER == 2  # the slices above rely on the role order
    return out


def local_funnel(p: Mapping[str, Any], population: float) -> pd.DataFrame:
    """The local and regional resources for tasks without authorisation (persons)."""
    values = local_resources(p, population)
    return pd.DataFrame([(label, float(values[key][0]))
                         for key, label, _kind in LOCAL_RESOURCES],
                        columns=["stage", "persons"])


def volunteer_funnel(p: Mapping[str, Any]) -> pd.DataFrame:
    """The register's funnel from all registered to volunteers counted as supply."""
    team = float(p["team_size"])
    auth = float(p["volunteers_authorised_available"])
    willing = float(p["volunteers_willing_to_travel"])
    accept = float(p["volunteer_acceptance_share"])
    rows = [
        (N_("Registrert i nasjonalthelsepersonell.no"), float(p["register_volunteers"]),
         N_("brevet til HOD, punkt 1")),
        (N_("Villige til oppdrag i en annen landsdel"), willing, N_("brevet til HOD, punkt 1")),
        (N_("… av dem autorisert/lisens og tilgjengelige på kort varsel"), auth,
         N_("brevet til HOD, punkt 1")),
        (N_("… minus innsatsteamet, som rekrutteres fra denne gruppen"), max(auth - team, 0.0),
         N_("brevet til HOD, punkt 1")),
        (N_("Autoriserte frivillige som takker ja til oppdraget"), max(auth - team, 0.0) * accept,
         N_("antakelse om andel som takker ja")),
        (N_("Øvrige villige (uten autorisasjon eller ikke på kort varsel)"), willing - auth,
         N_("brevet til HOD, punkt 1")),
        (N_("… av dem tilgjengelige på kort varsel og takker ja (medhjelpere)"),
         (willing - auth) * float(p["short_notice_share"]) * accept,
         N_("brevets andel på kort varsel × antatt andel som takker ja")),
        (N_("Studenter med studentlisens (arbeider under veiledning og tilsyn)"),
         float(p["student_licences"]), N_("brevet til HOD, punkt 1 og vedlegget om studentlisens")),
        (N_("… av dem tilgjengelige for oppgaver uten krav til autorisasjon"),
         float(p["student_licences"]) * float(p["student_available_share"]),
         N_("antakelse om andel tilgjengelige")),
    ]
    return pd.DataFrame(rows, columns=["stage", "persons", "basis"])


def rule_funnel(p: Mapping[str, Any]) -> pd.DataFrame:
    """From the reserve outside health services to those rule (a) and (b) can order."""
    reserve = reserve_by_profession(p)[0].sum()
    left, never = float(p["rule_share_left_covered"]), float(p["rule_share_never_worked"])
    auth, fit = float(p["rule_share_authorised"]), float(p["rule_share_fit"])
    reach, qual = float(p["rule_share_reachable"]), float(p["rule_share_specially_qualified"])
    a_on, b_on = float(bool(p["rule_a_enacted"])), float(bool(p["rule_b_enacted"]))
    reserve = reserve * (1.0 - float(p["incentive_share"]))
    rows = [
        (N_("Helsepersonell utenfor helsetjenesten som ikke allerede er hentet inn med "
         "engangstilskudd"), reserve, reserve),
        (N_("… har sluttet i tjeneste etter § 1-3 (a) / aldri arbeidet som helsepersonell i "
         "Norge (b)"), reserve * left, reserve * never),
        (N_("… er autorisert"), reserve * left * auth, reserve * never * auth),
        (N_("… er særskilt kvalifisert (bare b)"), float("nan"), reserve * never * auth * qual),
        (N_("… er skikket til å tjenestegjøre"), reserve * left * auth * fit,
         reserve * never * auth * qual * fit),
        (N_("… kan nås og være på plass i tide"), reserve * left * auth * fit * reach,
         reserve * never * auth * qual * fit * reach),
        (N_("Kan beordres (hjemmelen er tatt i bruk)"), reserve * left * auth * fit * reach * a_on,
         reserve * never * auth * qual * fit * reach * b_on),
    ]
    return pd.DataFrame(rows, columns=["stage", "bokstav a", "bokstav b"])
