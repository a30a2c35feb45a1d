"""The conscription report's key figures, with label and unit (declared once: the
comparison and sweep pages and their workbooks use them)."""

from __future__ import annotations

from analysis.i18n import N_
from analysis.presentation.key_figures import KeyFigure

KEY_FIGURES = (
    KeyFigure("demand_persons", N_("Behov for personell utenfra"), N_("personer"), "number1"),
    KeyFigure("conscripted_rule_a_persons", N_("Pålagt arbeid etter bokstav a"),
              N_("personer"), "number1"),
    KeyFigure("conscripted_rule_b_persons", N_("Pålagt arbeid etter bokstav b"),
              N_("personer"), "number1"),
    KeyFigure("unmet_persons", N_("Udekket behov"), N_("personer"), "number1"),
    KeyFigure("step_needed", N_("Siste trinn som trengs"), N_("trinn nr."), "int"),
    KeyFigure("p_rule_a_needed", N_("Andel trekninger der bokstav a trengs"), N_("andel"),
              "percent"),
    KeyFigure("p_rule_b_needed", N_("Andel trekninger der bokstav b trengs"), N_("andel"),
              "percent"),
    KeyFigure("demand_p10_persons", N_("Behov, lavt anslag (10. persentil)"), N_("personer"),
              "number1"),
    KeyFigure("demand_p90_persons", N_("Behov, høyt anslag (90. persentil)"), N_("personer"),
              "number1"),
)
