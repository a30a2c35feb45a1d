"""Comparing municipality names as people write them.

Names are compared after folding case, accents (``Kárášjohka`` = ``Karasjohka``),
hyphens and spacing (``Østre-Toten`` = ``Østre Toten``), and without a county given in
brackets (``Våler (Østfold)`` = ``Våler``). A municipality with parallel names in
Norwegian, Sami or Kven (``Kárášjohka - Karasjok``) is also known by each of them.

>>> normalise(" Østre-Toten ")
'østre toten'
>>> normalise("Våler (Østfold)")
'valer'
>>> sorted(aliases("Kárášjohka - Karasjok"))
['karasjohka', 'karasjohka karasjok', 'karasjok']

«herad», which some municipalities write after their name where others write nothing
(FHI: «Voss herad», SSB: «Voss»), is not part of the name:

>>> normalise("Voss herad") == normalise("Voss") == "voss"
True
"""

from __future__ import annotations

import re
import unicodedata


def normalise(name: str) -> str:
    """A name folded for comparison: lower case, no accents or brackets, single spaces."""
    text = re.sub(r"\(.*?\)", " ", str(name)).replace("\xa0", " ").lower()
    folded = []
    for ch in unicodedata.normalize("NFC", text):  # æ and ø do not decompose: kept
        base = unicodedata.normalize("NFKD", ch)
        folded.append("".join(c for c in base if not unicodedata.combining(c)))
    text = " ".join("".join(folded).replace("-", " ").split())
    return text.removesuffix(" herad")


def aliases(*names: str) -> set[str]:
    """Every folded form a municipality is known by: each full name and each of its
    parallel names (separated by `` - `` in SSB's spelling)."""
    out: set[str] = set()
    for name in names:
        if not name:
            continue
        out.add(normalise(name))
        for part in re.split(r"\s+-\s+", re.sub(r"\(.*?\)", " ", name).strip()):
            if part.strip():
                out.add(normalise(part))
    out.discard("")
    return out
