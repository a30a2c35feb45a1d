"""Progress of a batch: a live status line on a terminal, plain log lines elsewhere.

On a terminal the line shows reports done of total, the ones running and the time so
far, refreshed every second. Under cron, systemd or CI (no terminal) each start and end
is one timestamped line, which reads well in a log file.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime
from typing import TextIO

from analysis.runner.outcome import OSLO, Outcome


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.total = total
        self.done = 0
        self.failed = 0
        self.running: list[str] = []
        self.t0 = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------
    def __enter__(self) -> Progress:
        if self.live:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._ticker:
            self._ticker.join()
            self._clear()

    # -- events ---------------------------------------------------------------------
    def started(self, target: str) -> None:
        with self._lock:
            if target not in self.running:
                self.running.append(target)
            if not self.live:
                self._log(f"start {target} ({self.done + len(self.running)}/{self.total})")

    def finished(self, outcome: Outcome) -> None:
        with self._lock:
            if outcome.target in self.running:
                self.running.remove(outcome.target)
            self.done += 1
            self.failed += not outcome.ok
            status = "ok" if outcome.ok else f"FAILED: {outcome.error}"
            line = (f"[{self.done}/{self.total}] {outcome.target} {status} "
                    f"({outcome.seconds:.1f} s)")
            if self.live:
                self._clear()
                print(line, file=self.stream, flush=True)
                self._status()
            else:
                self._log(line)

    def skipped(self, target: str, reason: str) -> None:
        with self._lock:
            line = f"skip {target}: {reason}"
            if self.live:
                self._clear()
                print(line, file=self.stream, flush=True)
            else:
                self._log(line)

    # -- output ---------------------------------------------------------------------
    def _elapsed(self) -> str:
        s = int(time.monotonic() - self.t0)
        return f"{s // 60:02d}:{s % 60:02d}"

    def _log(self, text: str) -> None:
        stamp = datetime.now(OSLO).isoformat(timespec="seconds")
        print(f"{stamp} {text}", file=self.stream, flush=True)

    def _status(self) -> None:
        running = ", ".join(self.running) or "–"
        line = f"{self.done}/{self.total} done · running: {running} · {self._elapsed()}"
        self.stream.write("\r\x1b[2K" + line[:200])
        self.stream.flush()

    def _clear(self) -> None:
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            with self._lock:
                self._status()
