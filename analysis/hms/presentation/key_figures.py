"""The HMS survey report's key figures, with label and unit (declared once: the
comparison and sweep pages and their workbooks use them; the indicators' labels are
those of the report's tables)."""

from __future__ import annotations

from analysis.hms.indicators import (
    SHARE_APPLICABLE,
    SHARE_LEADER_DOCUMENTED,
    SHARE_TRAINED,
    SHARE_VERNEOMBUD_40H,
)
from analysis.hms.presentation._common import INDICATOR_LABELS
from analysis.i18n import N_
from analysis.presentation.key_figures import KeyFigure

KEY_FIGURES = (
    KeyFigure("respondents", N_("Svar"), N_("personer"), "int"),
    KeyFigure("response_rate", N_("Svarprosent"), N_("andel"), "percent"),
    *(KeyFigure(key, INDICATOR_LABELS[key], N_("andel"), "percent")
      for key in (SHARE_TRAINED, SHARE_VERNEOMBUD_40H, SHARE_LEADER_DOCUMENTED,
                  SHARE_APPLICABLE)),
)
