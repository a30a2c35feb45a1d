"""A lock that keeps two report runs from overlapping on the same reports folder.

It is a :mod:`filelock` lock on ``<reports>/.run.lock`` (``flock`` on Linux and macOS,
``msvcrt`` locking on Windows): the operating system releases it when the holding process
ends, however it ends, so a crashed run never leaves a stale lock. Who holds it (process
and start time in Oslo time, as the logs) is written next to it in ``.run.lock.json``.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from filelock import FileLock, Timeout

from analysis import published
from analysis.errors import AnalysisError, OutputError

LOCK_NAME = published.LOCK_NAME
HOLDER_NAME = ".run.lock.json"
OSLO = ZoneInfo("Europe/Oslo")


class RunInProgress(AnalysisError):
    """Another run holds the lock."""


class RunLock:
    """``with RunLock(reports):`` — raises :class:`RunInProgress` if another run holds it."""

    def __init__(self, reports: Path):
        self.path = reports / LOCK_NAME
        self.holder = reports / HOLDER_NAME
        self._lock: FileLock | None = None

    def __enter__(self) -> RunLock:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = FileLock(self.path, timeout=0)
            lock.acquire()
        except Timeout:
            raise RunInProgress(
                f"Another report run is already using {folder}{self._who()}; this run did "
                "nothing. Wait for it to finish, or use --out for another folder."
            ) from None
        except FileExistsError:
            raise OutputError(f"The reports folder {folder} is a file (or lies below one); "
                              "name a folder with --out.") from None
        except OSError as exc:
            raise OutputError(
                f"The reports folder {folder} cannot be used ({exc.strerror or exc}); "
                "choose another folder with --out or fix its permissions.") from None
        self._lock = lock
        try:
            self.holder.write_text(json.dumps(
                {"pid": os.getpid(),
                 "started": datetime.now(OSLO).isoformat(timespec="seconds")}),
                encoding="utf-8")
        except OSError:
            pass  # the lock holds without the note of who holds it
        return self

    def _who(self) -> str:
        try:
            info = json.loads(self.holder.read_text(encoding="utf-8"))
            started = datetime.fromisoformat(info["started"]).astimezone(OSLO)
            return (f" (process {info['pid']}, started {started:%d.%m.%Y %H:%M:%S} "
                    "Oslo time)")
        except (OSError, ValueError, KeyError, TypeError):
            return ""

    def __exit__(self, *exc) -> None:
        if self._lock is not None:
            try:
                self.holder.unlink(missing_ok=True)
            except OSError:
                pass
            self._lock.release()
            self._lock = None
