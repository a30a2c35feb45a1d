"""Plain-Norwegian explanations of the technical terms reports use.

The renderer adds an «Ordforklaringer» part to a report's appendix with every term whose
pattern occurs in the page, so a reader never meets P10, KI or designeffekt unexplained.
A family adds a term here, once, rather than explaining it in its own text.
"""

from __future__ import annotations

import re

from analysis.i18n import N_, translator

_ = translator("common")

# (term as shown, pattern that finds it in the page text, explanation); term and explanation
# are translated when shown, the pattern finds the term in bokmål and nynorsk text.
TERMS: list[tuple[str, str, str]] = [
    (N_("P10, P50 og P90"), r"\bP(10|50|90)\b",
     N_("Persentiler fra usikkerhetsberegningen. P50 er midtverdien: halvparten av de "
        "beregnede utfallene ligger under, halvparten over. P10 er verdien som 10 prosent av "
        "utfallene ligger under, og P90 verdien som 90 prosent ligger under. Fire av fem "
        "utfall ligger mellom P10 og P90.")),
    (N_("Simulering"), r"\bsimuler|\btrekning",
     N_("Modellen regnes ut mange ganger, hver gang med verdier trukket tilfeldig innenfor "
        "usikkerhetsintervallene. Spredningen i resultatene viser hvor usikkert tallet er. "
        "Trekningene starter fra et fast utgangspunkt, så samme forutsetninger gir samme "
        "resultat hver gang.")),
    (N_("Konfidensintervall (KI)"), r"\bKI\b|konfidensintervall",
     N_("Et intervall som viser usikkerheten i et tall beregnet fra et utvalg. Et 95 prosent "
        "konfidensintervall er regnet slik at det i 95 av 100 tenkte gjentakelser av "
        "undersøkelsen ville omfatte den sanne verdien. Et bredt intervall betyr et usikkert "
        "tall.")),
    (N_("Oddsratio"), r"oddsratio",
     N_("Forholdet mellom oddsen for et utfall i én gruppe og oddsen i en "
        "sammenligningsgruppe. 1 betyr ingen forskjell, over 1 at utfallet er vanligere enn i "
        "sammenligningsgruppen, under 1 at det er sjeldnere.")),
    (N_("Designeffekt"), r"designeffekt",
     N_("Hvor mye større usikkerheten blir på grunn av vekter og måten utvalget er trukket på, "
        "sammenlignet med et enkelt tilfeldig utvalg av samme størrelse. En designeffekt på 2 "
        "betyr at utvalget gir like sikre tall som et enkelt tilfeldig utvalg med halvparten "
        "så mange svar.")),
    (N_("Kalibrering"), r"kalibr",
     N_("Justering av vektene slik at vektede summer stemmer med kjente totaler, for eksempel "
        "antall virksomheter i et register etter stratum, størrelse og sektor. Det retter "
        "opp skjevheter når noen grupper har svart mer enn andre.")),
    (N_("Vekt"), r"\bvekt(ene|er|et|ing|a)?\b",
     N_("Hvor mange personer i befolkningen ett svar står for. Vektene gjør at tallene gjelder "
        "for alle med rollen, ikke bare for dem som svarte.")),
]


def glossary_for(text: str) -> list[tuple[str, str]]:
    """The (term, explanation) pairs whose pattern occurs in ``text``, in a fixed order.

    >>> [t for t, _ in glossary_for("P50 er 3 mill. kr; 95 % KI 2–4")]
    ['P10, P50 og P90', 'Konfidensintervall (KI)']
    >>> glossary_for("Ingen fagord her.")
    []
    """
    return [(_(term), _(meaning)) for term, pattern, meaning in TERMS
            if re.search(pattern, text, flags=re.I)]
