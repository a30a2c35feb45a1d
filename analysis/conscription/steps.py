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

LETTER = "Helsedirektoratets brev til HOD 19.11.2020 (ref. 20/42562-29)"
LETTER_TISK = "Helsedirektoratets brev til kommunene 19.08.2020 (ref. 20/27924-5)"
LETTER_MEASURES = "Helsedirektoratets brev til fylkesmennene 04.01.2021 (ref. 21/227-1)"


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # Norwegian, for tables
    short: str  # Norwegian, for chart axes
    conscription: bool  # persons are ordered: authorised tasks only
    who: str  # Norwegian: who comes at this step
    source: str  # Norwegian: the public reference and section
    quote: str  # the letter's sentence this step follows


STEPS: tuple[Step, ...] = (
    Step("lokalt og regionalt", "Lokale og regionale tiltak", "Lokalt/regionalt", False,
         "kommunens egne ansatte, nabokommuner, og lokale og regionale ressurser til "
         "oppgaver uten krav til autorisasjon",
         f"{LETTER}, punkt 3 «Kommunens bemanningsevne» og punkt 1 (rutinen); "
         f"{LETTER_MEASURES}",
         "Enhver bemanningskrise ved lokale utbrudd bør først forsøkes løst ved "
         "omdisponering av personell lokalt."),
    Step("innsatsteam", "Nasjonalt innsatsteam", "Innsatsteam", False,
         "frivillig helsepersonell, kvalitetssikret og opplært",
         f"{LETTER}, punkt 3 «Kommunens bemanningsevne»",
         "Hvis heller ikke det er tilstrekkelig, kan kommunen søke om bistand fra "
         "nasjonalt innsatsteam."),
    Step("registeret", "Frivillige fra nasjonalthelsepersonell.no", "Registeret", False,
         "frivillige fra registeret og studenter med lisens",
         f"{LETTER}, punkt 1, rutinens nivå 2",
         "Rekruttering fra nasjonalthelsepersonell.no"),
    Step("vikarbyrå", "Vikarer gjennom Helse Vests rammeavtaler", "Vikarbyrå", False,
         "vikarer (leger og sykepleiere)",
         f"{LETTER}, punkt 1, rutinens nivå 3",
         "Helse Vest forvalter rammeavtalene for bemanning for RHFene, og tar en aktiv "
         "rolle i formidling av personell også til kommunene"),
    Step("insentiver", "Økonomiske insentiver (engangstilskudd)", "Insentiver", False,
         "autorisert helsepersonell utenfor helsetjenesten, mot tilskudd",
         f"{LETTER}, punkt 4 «Økonomiske incitament og beordring»",
         "Dette kan f.eks. gjøres ved å gi et engangstilskudd til personell som binder "
         "seg for et oppdrag av en viss periode, alternativt ved at det kompenseres fra "
         "den arbeidsgiver som mottar personellet."),
    Step("bokstav a", "Beordring etter bokstav a", "Bokstav a", True,
         "beordret autorisert helsepersonell, bare til oppgaver som krever autorisasjon",
         f"{LETTER}, punkt 4 «Økonomiske incitament og beordring»",
         "Dersom dette ikke er tilstrekkelig, eller vurderes som en for treg løsning, kan "
         "man ta i bruk beordring av helsepersonell."),
    Step("bokstav b", "Beordring etter bokstav b", "Bokstav b", True,
         "beordret autorisert helsepersonell, bare til oppgaver som krever autorisasjon",
         f"{LETTER}, punkt 4 «Økonomiske incitament og beordring»",
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
    """Norwegian labels, numbered from 1, in the given order.

    >>> labels(DEFAULT_ORDER)[1]
    '2. Nasjonalt innsatsteam'
    """
    return [f"{i}. {BY_KEY[k].label}" for i, k in enumerate(order, start=1)]
