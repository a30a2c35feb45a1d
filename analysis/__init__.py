"""Parameterised policy-analysis notebooks for Norwegian health and labour administration.

The package holds all logic; notebooks under ``notebooks/`` call it and present results.
"""

__version__ = "0.1.0"
