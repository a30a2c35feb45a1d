"""Tables, figures and text of the response-team cost report (Norwegian).

Pure functions of :class:`analysis.response_team.pipeline.Results`, one module per
section of the report:

* ``text``: the capacity warning, key findings, what the report computes, the readings
  of the letter, the uncertainty method;
* ``budget``: line items, new money against money already requested and refunds;
* ``volume``: from the team to the placements priced, the team's ramp-up;
* ``months``: cost by calendar month and by budget year;
* ``units``: unit costs, the municipality's alternatives, items without a price;
* ``uncertainty``: headline percentiles, distribution, sensitivity;
"""

from analysis.response_team.presentation.budget import budget, cost_by_item_figure, line_items
from analysis.response_team.presentation.months import (
    monthly_figure,
    monthly_table,
    year_table,
)
from analysis.response_team.presentation.text import (
    about,
    capacity_warning,
    data_date,
    key_findings,
    notices,
    readings,
    summary_lines,
    uncertainty_text,
)
from analysis.response_team.presentation.uncertainty import (
    distribution_figure,
    headline_table,
    placements_table,
    tornado,
)
from analysis.response_team.presentation.units import (
    alternatives_table,
    unit_costs,
    unpriced_table,
)
from analysis.response_team.presentation.volume import members_figure, volume_table

__all__ = [
    "about", "alternatives_table", "budget", "capacity_warning", "cost_by_item_figure",
    "data_date",
    "distribution_figure", "headline_table", "key_findings", "line_items", "members_figure",
    "monthly_figure", "monthly_table", "notices", "placements_table",
    "readings", "summary_lines", "tornado", "uncertainty_text", "unit_costs",
    "unpriced_table", "volume_table", "year_table",
]
