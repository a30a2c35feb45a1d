"""A lock that keeps two report runs from overlapping on the same reports folder.

It is an advisory ``flock`` on ``<reports>/.run.lock``: the operating system releases it
when the holding process ends, however it ends, so a crashed run never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime
from pathlib import Path

from analysis.errors import AnalysisError

LOCK_NAME = ".run.lock"


class RunInProgress(AnalysisError):
    """Another run holds the lock."""


class RunLock:
    """``with RunLock(reports):`` — raises :class:`RunInProgress` if another run holds it."""

    def __init__(self, reports: Path):
        self.path = reports / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 4096).decode("utf-8", "replace").strip()
            os.close(fd)
            try:
                info = json.loads(holder)
                who = f" (process {info['pid']}, started {info['started']})"
            except (ValueError, KeyError, TypeError):
                who = ""
            raise RunInProgress(
                f"Another report run is already using {self.path.parent}{who}; "
                "this run did nothing. Wait for it to finish, or use --out for another folder."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(),
                                 "started": datetime.now().isoformat(timespec="seconds")})
                 .encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
