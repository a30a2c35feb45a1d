"""Tables, figures and text of the conscription report (bokmål, or nynorsk via the catalog).

Every function takes :class:`~analysis.conscription.pipeline.Results` and returns a
:class:`Table`, a :class:`Figure`, Markdown text, or a sentence that stands in for a table
or chart with nothing to show; :func:`analysis.presentation.show.show` (the one show of every
family) puts any of them on the page. No function
here reads a parameter or a file. Persons are shown as whole numbers (the model keeps
fractions: expected values), shares as Norwegian percentages.

The modules follow the report: :mod:`.text` (notices, key findings, explanations),
:mod:`.demand` (the municipalities in crisis and their need), :mod:`.supply` (the steps,
funnels and pools, the incentive), :mod:`.escalation` (the steps against the need, who is
ordered), :mod:`.allocation` (eligibility, priority, justification, coverage, rank
stability), :mod:`.uncertainty` (shares of draws, severity sweep, sensitivity); ``summary.json`` is
:func:`analysis.conscription.pipeline.summary`; :mod:`._common` holds what they share. The notebook
uses the functions re-exported here (``from analysis.conscription import presentation as
cs``).
"""

from analysis.conscription.presentation._common import STEP_COLOURS, persons
from analysis.conscription.presentation.allocation import (
    coverage_by_role_table,
    coverage_figure,
    coverage_table,
    justifications,
    missing_table,
    rank_stability_table,
    score_table,
    weights_table,
)
from analysis.conscription.presentation.conclusion import (
    about_persons,
    counterfactual_sentence,
    data_date,
    data_sources,
    isolation_text,
    own_data_title,
    summary_lines,
    value_labels,
)
from analysis.conscription.presentation.demand import (
    county_table,
    epidemiology_table,
    municipality_table,
    need_by_component_table,
    need_by_role_table,
    need_text,
)
from analysis.conscription.presentation.escalation import (
    escalation_figure,
    escalation_table,
    ordered_figure,
    ordered_table,
)
from analysis.conscription.presentation.supply import (
    incentive_table,
    local_funnel_table,
    rule_funnel_table,
    steps_table,
    supply_table,
    volunteer_funnel_table,
)
from analysis.conscription.presentation.text import (
    allocation_text,
    data_text,
    key_findings,
    notices,
    readings_text,
    sweep_text,
    threshold_text,
    uncertainty_text,
)
from analysis.conscription.presentation.uncertainty import (
    ordered_distribution_figure,
    probability_table,
    sensitivity,
    sweep_figure,
    sweep_table,
    uncertainty_table,
)

__all__ = [
    "STEP_COLOURS",
    "about_persons",
    "counterfactual_sentence",
    "data_date",
    "data_sources",
    "isolation_text",
    "own_data_title",
    "summary_lines",
    "value_labels",
    "allocation_text",
    "county_table",
    "coverage_by_role_table",
    "coverage_figure",
    "coverage_table",
    "data_text",
    "epidemiology_table",
    "escalation_figure",
    "escalation_table",
    "incentive_table",
    "justifications",
    "key_findings",
    "local_funnel_table",
    "missing_table",
    "municipality_table",
    "need_by_component_table",
    "need_by_role_table",
    "need_text",
    "notices",
    "ordered_distribution_figure",
    "ordered_figure",
    "ordered_table",
    "persons",
    "probability_table",
    "rank_stability_table",
    "readings_text",
    "rule_funnel_table",
    "score_table",
    "sensitivity",
    "steps_table",
    "supply_table",
    "sweep_figure",
    "sweep_table",
    "sweep_text",
    "threshold_text",
    "uncertainty_table",
    "uncertainty_text",
    "volunteer_funnel_table",
    "weights_table",
]
