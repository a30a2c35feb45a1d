"""Items the letter names without a price: listed in the report, not added to any total.

The texts are bokmål, marked for translation (``N_``) and translated where shown; the
quotes from the letter inside them stay as the letter wrote them.
"""

from __future__ import annotations

import pandas as pd

from analysis.i18n import N_

UNPRICED = (
    (N_("Nettbaserte kurs i smittesporing som fylkesmenn utvikler med utdanningsinstitusjoner"),
     N_("Fylkesmennene har bedt direktoratet om dekning; «vi har foreløpig ikke hatt noe "
        "budsjett for dette»."),
     N_("Finansieringsbehov, siste avsnitt")),
    (N_("Opplæring av frivillige"),
     "«Det kan også vurderes å sette av midler til å drive opplæring av frivillige.»",  # quote
     N_("Finansieringsbehov, siste avsnitt")),
    (N_("Lokal opplæring i kommunen som tar imot personell"),
     N_("«noe lokal opplæring må påregnes»; kostnaden bæres av kommunen og er ikke anslått."),
     N_("Punkt 2")),
    (N_("Kurs laget sammen med FHI og nettkurs"),
     N_("Direktoratet samarbeider med FHI om kurs og vil bruke nettkurs som allerede "
        "finnes; stipendet dekker medlemmenes tid, ikke kursutviklingen."),
     N_("Punkt 2 og Finansieringsbehov")),
    (N_("Kvalitetssikring av flere enn om lag 400 kandidater"),
     N_("«det kan bli aktuelt å gjennomgå flere»; prisen per kandidat er kjent, antallet "
        "ikke. Tatt med i usikkerhetsanalysen, ikke i anslaget."),
     N_("Finansieringsbehov – Kvalitetssikring og formidling")),
)


def unpriced_items() -> pd.DataFrame:
    """The items named without a price, with what the letter says and where."""
    return pd.DataFrame(UNPRICED, columns=["item", "letter_says", "section"])
