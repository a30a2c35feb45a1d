"""Items the letter names without a price: listed in the report, not added to any total."""

from __future__ import annotations

import pandas as pd

UNPRICED = (
    ("Nettbaserte kurs i smittesporing som fylkesmenn utvikler med utdanningsinstitusjoner",
     "Fylkesmennene har bedt direktoratet om dekning; «vi har foreløpig ikke hatt noe "
     "budsjett for dette».",
     "Finansieringsbehov, siste avsnitt"),
    ("Opplæring av frivillige",
     "«Det kan også vurderes å sette av midler til å drive opplæring av frivillige.»",
     "Finansieringsbehov, siste avsnitt"),
    ("Lokal opplæring i kommunen som tar imot personell",
     "«noe lokal opplæring må påregnes»; kostnaden bæres av kommunen og er ikke anslått.",
     "Punkt 2"),
    ("Kurs laget sammen med FHI og nettkurs",
     "Direktoratet samarbeider med FHI om kurs og vil bruke nettkurs som allerede "
     "finnes; stipendet dekker medlemmenes tid, ikke kursutviklingen.",
     "Punkt 2 og Finansieringsbehov"),
    ("Kvalitetssikring av flere enn om lag 400 kandidater",
     "«det kan bli aktuelt å gjennomgå flere»; prisen per kandidat er kjent, antallet "
     "ikke. Tatt med i usikkerhetsanalysen, ikke i anslaget.",
     "Finansieringsbehov – Kvalitetssikring og formidling"),
)


def unpriced_items() -> pd.DataFrame:
    """The items named without a price, with what the letter says and where."""
    return pd.DataFrame(UNPRICED, columns=["item", "letter_says", "section"])
