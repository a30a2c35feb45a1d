"""Errors that carry one clear, actionable message for the person running a report.

Every message names what was wrong, where, and what is allowed, in one sentence, so that
an analyst (or a scheduler's log reader) can act on it without reading a traceback.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class for errors the user can fix by changing input, not code."""


class ParameterError(AnalysisError, ValueError):
    """A parameter is unknown, of the wrong type, or outside what is allowed."""


class DataFileError(AnalysisError, ValueError):
    """An input data file is missing, malformed or breaks its data contract."""


class TargetError(AnalysisError, LookupError):
    """A notebook or scenario named on the command line does not exist."""


class OutputError(AnalysisError):
    """The reports folder cannot be used (a file, not writable, locked, full)."""
