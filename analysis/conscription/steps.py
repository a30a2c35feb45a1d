"""The escalation steps: what each one is, where the letter says so, and their order.

The default order is the letter's (Helsedirektoratet to HOD, 19.11.2020, ref.
20/42562-29): section 3 ("Kommunens bemanningsevne") puts local and regional measures
first and the national response team next; the routine in section 1 then names the
register nasjonalthelsepersonell.no and Helse Vest's agency agreements; section 4 puts
economic incentives before conscription and conscription under rule (a) before rule (b).
The parameter ``escalation_order`` holds the order (its provenance lists every step's
sentence); any other order is a named scenario option. Conscription (rule a, rule b) is
always last, (a) before (b), and local measures always first: :func:`check_order`.

>>> [s.key for s in STEPS][:3]
['lokalt og regionalt', 'innsatsteam', 'registeret']
>>> check_order(DEFAULT_ORDER) == DEFAULT_ORDER
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.errors import ParameterError
from analysis.i18n import N_, translator

_ = translator("conscription")

@dataclass(frozen=True)
class Step:
    """One escalation step. ``label``, ``short``, ``who`` and ``source`` are bokmål marked
    with ``N_`` (translate where shown: ``_(step.label)``); ``quote`` is the letter's own
    sentence, a citation that is never translated."""

    key: str
    label: str  # Norwegian, for tables
    short: str  # Norwegian, for chart axes
    conscription: bool  # persons are ordered: authorised tasks only
    who: str  # Norwegian: who comes at this step
    source: str  # Norwegian: the public reference and section
    quote: str  # the letter's sentence this step follows (a citation: not translated)


STEPS: tuple[Step, ...] = (
    Step("lokalt og regionalt", N_("Lokale og regionale tiltak"), N_("Lokalt/regionalt"),
         False,
         N_("kommunens egne ansatte, nabokommuner, og lokale og regionale ressurser til "
            "oppgaver uten krav til autorisasjon"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 3 "
            "«Kommunens bemanningsevne» og punkt 1 (rutinen); Helsedirektoratets brev til "
            "fylkesmennene 04.01.2021 (ref. 21/227-1)"),
         "Enhver bemanningskrise ved lokale utbrudd bør først forsøkes løst ved "
         "omdisponering av personell lokalt."),
    Step("innsatsteam", N_("Nasjonalt innsatsteam"), N_("Innsatsteam"), False,
         N_("frivillig helsepersonell, kvalitetssikret og opplært"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 3 "
            "«Kommunens bemanningsevne»"),
         "Hvis heller ikke det er tilstrekkelig, kan kommunen søke om bistand fra "
         "nasjonalt innsatsteam."),
    Step("registeret", N_("Frivillige fra nasjonalthelsepersonell.no"), N_("Registeret"),
         False,
         N_("frivillige fra registeret og studenter med lisens"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 1, "
            "rutinens nivå 2"),
         "Rekruttering fra nasjonalthelsepersonell.no"),
    Step("vikarbyrå", N_("Vikarer gjennom Helse Vests rammeavtaler"), N_("Vikarbyrå"), False,
         N_("vikarer (leger og sykepleiere)"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 1, "
            "rutinens nivå 3"),
         "Helse Vest forvalter rammeavtalene for bemanning for RHFene, og tar en aktiv "
         "rolle i formidling av personell også til kommunene"),
    Step("insentiver", N_("Økonomiske insentiver (engangstilskudd)"), N_("Insentiver"), False,
         N_("autorisert helsepersonell utenfor helsetjenesten, mot tilskudd"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 4 "
            "«Økonomiske incitament og beordring»"),
         "Dette kan f.eks. gjøres ved å gi et engangstilskudd til personell som binder "
         "seg for et oppdrag av en viss periode, alternativt ved at det kompenseres fra "
         "den arbeidsgiver som mottar personellet."),
    Step("bokstav a", N_("Beordring etter bokstav a"), N_("Bokstav a"), True,
         N_("beordret autorisert helsepersonell, bare til oppgaver som krever autorisasjon"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 4 "
            "«Økonomiske incitament og beordring»"),
         "Dersom dette ikke er tilstrekkelig, eller vurderes som en for treg løsning, kan "
         "man ta i bruk beordring av helsepersonell."),
    Step("bokstav b", N_("Beordring etter bokstav b"), N_("Bokstav b"), True,
         N_("beordret autorisert helsepersonell, bare til oppgaver som krever autorisasjon"),
         N_("Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29), punkt 4 "
            "«Økonomiske incitament og beordring»"),
         "Hvis det viser seg å oppstå ytterligere behov for beordring, kan "
         "beordringshjemmelen også utvides til å omfatte særlig kvalifisert personell som "
         "har autorisasjon, men som ikke har tjenestegjort i Norge (bokstav b)."),
)
BY_KEY: dict[str, Step] = {s.key: s for s in STEPS}
KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)
DEFAULT_ORDER: tuple[str, ...] = KEYS
VOLUNTARY: tuple[str, ...] = tuple(s.key for s in STEPS if not s.conscription)


def check_order(order: Sequence[str]) -> tuple[str, ...]:
    """The escalation order as a tuple, or a :class:`ParameterError` saying what is wrong.

    Every step appears once; local and regional measures come first (the letter: "først");
    rule (a) and then rule (b) come last (conscription only when the voluntary steps
    fall short).

    >>> check_order(["lokalt og regionalt", "registeret", "vikarbyrå", "innsatsteam",
    ...              "insentiver", "bokstav a", "bokstav b"])[1]
    'registeret'
    """
    order = tuple(str(x) for x in order)
    if sorted(order) != sorted(KEYS):
        raise ParameterError(
            f"escalation_order must list each of the steps {', '.join(KEYS)} exactly once; "
            f"got {', '.join(order) or 'nothing'}.")
    if order[0] != "lokalt og regionalt" or order[-2:] != ("bokstav a", "bokstav b"):
        raise ParameterError(
            "escalation_order must start with «lokalt og regionalt» and end with «bokstav a», "
            "«bokstav b» "
            "(conscription only after every voluntary step, rule a before rule b); got "
            f"{', '.join(order)}.")
    return order


def labels(order: Sequence[str]) -> list[str]:
    """Norwegian labels, numbered from 1, in the given order (in the report language).

    >>> labels(DEFAULT_ORDER)[1]
    '2. Nasjonalt innsatsteam'
    """
    return [f"{i}. {_(BY_KEY[k].label)}" for i, k in enumerate(order, start=1)]
