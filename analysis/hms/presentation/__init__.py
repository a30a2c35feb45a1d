"""Tables, figures and text of the HMS-training survey report (Norwegian).

Every table built from respondents passes a :class:`Publisher`, which withholds cells
resting on fewer respondents than the report's threshold and counts them. Modules:

All text is written here in bokmål and translated through the ``hms`` catalog
(:func:`analysis.i18n.translator`) when it is built, so one run of the analysis serves both
report languages; labels kept in module constants are marked ``N_`` and translated where shown.

A table or figure that cannot be shown for the data at hand gives, in its place, one
Norwegian sentence saying why (the function raises :class:`Unavailable` inside and
:func:`~analysis.hms.presentation._common.or_reason` returns the sentence), so every export
the contract accepts gives a report; the notebook shows each item with the one show of
every family, :func:`analysis.presentation.show.show`. Every function is a pure function
of :class:`~analysis.hms.pipeline.SurveyResults` and a :class:`Publisher`
(:func:`publisher` makes one at the results' threshold); ``summary_figures`` counts the
withheld cells over :func:`published_tables` with its own tally, so it may be called
anywhere.

* ``text``: notices (synthetic data), the data paragraph, key findings, method note;
* ``response``: response rates, weights, design effects;
* ``indicators``: the key indicators with confidence intervals, by domain;
* ``differences``: Rao-Scott tests of differences between groups;
* ``likert``: the four statements as a table and diverging bars;
* ``model``: the logistic model's odds ratios (table and forest plot);
* ``comments``: the keyword coding and theme counts;
* ``providers``: the provider file and outcomes by provider type;
* ``regulation``: the providers' topics against the content § 3-18 requires;
* ``timing``: when the training came, and the enterprises the 2024 thresholds newly cover.
"""

from analysis.hms.presentation._common import Publisher, Unavailable, publisher
from analysis.hms.presentation.comments import coding_check_text, keyword_table, theme_table
from analysis.hms.presentation.differences import group_test_table
from analysis.hms.presentation.indicators import (
    INDICATOR_TABLES,
    indicator_figure,
    indicator_table,
)
from analysis.hms.presentation.likert import (
    applicability_by_role_figure,
    likert_figure,
    likert_table,
)
from analysis.hms.presentation.model import odds_ratio_figure, odds_ratio_table
from analysis.hms.presentation.providers import (
    no_provider_file,
    outcomes_table,
    overview_table,
    topic_table,
)
from analysis.hms.presentation.regulation import regulation_table
from analysis.hms.presentation.response import (
    design_effect_table,
    response_table,
    response_text,
    weights_table,
)
from analysis.hms.presentation.summary import published_tables, summary_figures
from analysis.hms.presentation.text import (
    data_date,
    data_sources,
    data_text,
    key_findings,
    method_text,
    notices,
    requirements_text,
    summary_lines,
    value_labels,
    value_words,
)
from analysis.hms.presentation.timing import timing_table

__all__ = [
    "INDICATOR_TABLES", "Publisher", "Unavailable", "applicability_by_role_figure",
    "coding_check_text", "data_date", "data_sources", "data_text", "design_effect_table",
    "group_test_table", "indicator_figure", "indicator_table", "key_findings",
    "keyword_table", "likert_figure", "likert_table", "method_text", "no_provider_file",
    "notices", "odds_ratio_figure", "odds_ratio_table", "outcomes_table", "overview_table",
    "published_tables", "publisher", "regulation_table", "requirements_text",
    "response_table", "response_text", "summary_figures", "summary_lines", "theme_table",
    "timing_table", "topic_table", "value_labels", "value_words", "weights_table",
]
