"""Design-based estimation for complex surveys (reference: R's ``survey`` package).

``Design(df, weights=..., strata=..., cluster=..., fpc=...)`` gives weighted means,
totals and proportions (overall or by domain) with Taylor-linearised standard errors,
t confidence intervals on the design's degrees of freedom and design effects;
post-stratification and raking that carry into the variance; and design-based GLMs.
See ``docs/survey.md``.
"""

from analysis.survey.design import Design
from analysis.survey.htests import TestResult
from analysis.survey.regression import SurveyGLMResults

__all__ = ["Design", "SurveyGLMResults", "TestResult"]
