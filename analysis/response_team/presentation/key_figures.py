"""The response-team report's key figures, with label and unit (declared once: the
report's headline labels, the comparison and sweep pages and their workbooks use them)."""

from __future__ import annotations

from analysis.i18n import N_
from analysis.presentation.key_figures import KeyFigure

KEY_FIGURES = (
    KeyFigure("new_money_nok", N_("Nye midler til Helsedirektoratet"), N_("kr"), "nok"),
    KeyFigure("additional_nok", N_("Merkostnad for det offentlige"), N_("kr"), "nok1000"),
    KeyFigure("directorate_nok", N_("Helsedirektoratet i alt (med registeret)"), N_("kr"),
              "nok1000"),
    KeyFigure("municipality_nok", N_("Kommunenes kostnader (TISK-refusjon)"), N_("kr"),
              "nok1000"),
    KeyFigure("total_nok", N_("Samlet kostnad for det offentlige"), N_("kr"), "nok1000"),
    KeyFigure("total_p10_nok", N_("Samlet kostnad, lavt anslag (10. persentil)"), N_("kr"),
              "nok1000"),
    KeyFigure("total_p90_nok", N_("Samlet kostnad, høyt anslag (90. persentil)"), N_("kr"),
              "nok1000"),
    KeyFigure("placements", N_("Formidlinger teamet gjør"), N_("formidlinger"), "int"),
    KeyFigure("placements_capacity", N_("Formidlinger teamet har kapasitet til"),
              N_("formidlinger"), "int"),
    KeyFigure("unmet_placements", N_("Formidlinger teamet ikke rekker"), N_("formidlinger"),
              "int"),
)
