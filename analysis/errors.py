"""Errors that carry one clear, actionable message for the person running a report.

Every message names what was wrong, where, and what is allowed, in one sentence, so that
an analyst (or a scheduler's log reader) can act on it without reading a traceback.
"""

from __future__ import annotations

import errno
import os


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


def os_problem(exc: OSError) -> str:
    """What a fault of the machine (disk full, no permission, ...) was, in words, with the
    file's name (never its folders).

    >>> os_problem(OSError(errno.ENOSPC, "No space left on device", "/Users/kari/x.xlsx"))
    'could not write or read x.xlsx: the disk is full'
    """
    where = f" {os.path.basename(str(exc.filename))}" if exc.filename else " a file"
    what = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission was denied",
            errno.EROFS: "the file system is read-only", errno.EDQUOT: "the disk quota is used up",
            }.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"could not write or read{where}: {what}"
