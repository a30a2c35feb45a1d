"""The kernels that execute reports: one warm kernel per build process, watched.

Starting a kernel and importing pandas, matplotlib and statsmodels into it costs about as
much as building a small report, so a build process keeps its kernel between reports
(:func:`acquire` / :func:`release`). A report that follows another in the same kernel
starts with a reset cell (:data:`RESET_TAG`): the notebook's variables and the job memo
are emptied, the modules stay loaded. A kernel whose report failed is not reused.

Every execution is watched (:class:`Watch`): a kernel that dies (killed, out of memory)
is noticed within seconds by the notebook client, because the client is asynchronous (a
blocking client waits for the dead kernel's output forever); a kernel that runs past the
report's time limit, or grows past its memory limit, is killed by the watch, and the
report fails with one sentence saying which limit it met.
"""

from __future__ import annotations

import os
import threading
import time
from multiprocessing import util

import psutil
import zmq
from jupyter_client.manager import KernelManager
from traitlets import default

from analysis import published
from analysis.paths import PROJECT_ROOT
from analysis.runner import memo
from analysis.runner.outcome import Limits

KERNEL = "python3"

#: Tag of the reset cell put first when a kernel has run a notebook before; it is
#: removed from the executed notebook.
RESET_TAG = "analysis-kernel-reset"
#: Between languages of one report: the variables go, the job memo stays.
RESET_LANGUAGE = "%reset -f"
#: Between reports: the variables and the job memo go.
RESET_REPORT = ("%reset -f\nimport analysis.runner.memo as _analysis_memo\n"
                "_analysis_memo.clear()\ndel _analysis_memo")


class LocalKernelManager(KernelManager):
    """The kernel a report runs in, with an asynchronous client and, where it can, an
    encrypted loopback connection.

    nbclient polls an asynchronous client and the kernel's liveness side by side; with
    the default blocking client it waits for output of a dead kernel forever. ipykernel
    warns on every start that an unencrypted TCP connection could be read by others;
    with CurveZMQ (which the project's kernelspec declares) that noise goes away.
    """

    @default("client_class")
    def _async_client(self) -> str:
        return "jupyter_client.asynchronous.AsyncKernelClient"

    @default("transport_encryption")
    def _encrypt_when_possible(self) -> str:
        return "auto" if zmq.has("curve") else "disabled"


_warm: LocalKernelManager | None = None
_used = False  # whether the warm kernel has run a report
_finalizer_registered = False


def _start() -> LocalKernelManager:
    km = LocalKernelManager(kernel_name=KERNEL)
    km.start_kernel(cwd=str(PROJECT_ROOT),
                    env={**os.environ, memo.ENV: "1", published.RUNNER_ENV: "1"})
    return km


def acquire() -> tuple[LocalKernelManager, bool]:
    """This process's kernel, and whether it has run a report before (so the next run
    must start with :data:`RESET_REPORT`)."""
    global _warm, _used, _finalizer_registered
    if _warm is not None and not _warm.is_alive():
        shutdown()
    if _warm is None:
        _warm, _used = _start(), False
        if not _finalizer_registered:  # a pool's worker exits without running atexit
            util.Finalize(None, shutdown, exitpriority=10)
            _finalizer_registered = True
    return _warm, _used


def release(km: LocalKernelManager, *, healthy: bool, keep: bool = True) -> None:
    """Give the kernel back after a report: kept warm if the report went well and
    ``keep``, shut down otherwise."""
    global _used
    if km is _warm and healthy and keep and km.is_alive():
        _used = True
        return
    if km is _warm:
        shutdown()
    else:
        km.shutdown_kernel(now=True)


def shutdown() -> None:
    """Stop this process's warm kernel, if any."""
    global _warm, _used
    km, _warm, _used = _warm, None, False
    if km is not None:
        try:
            km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - already gone: nothing to stop
            pass


class LimitExceeded(Exception):
    """The watch killed a kernel: the message says which limit and what it was."""


class Watch:
    """Watches one kernel while a report executes; kills it at the time or memory limit.

    Use as a context manager around the execution; :attr:`exceeded` says afterwards
    which limit (if any) was met, and :meth:`check` raises it as :class:`LimitExceeded`.
    """

    INTERVAL = 0.5

    def __init__(self, km: KernelManager, limits: Limits):
        self.km, self.limits = km, limits
        self.exceeded = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _memory(self) -> int:
        try:
            pid = self.km.provisioner.process.pid  # type: ignore[union-attr]
            proc = psutil.Process(pid)
            return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except (AttributeError, psutil.Error):
            return 0

    def _run(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            elapsed = time.monotonic() - self._started
            if self.limits.seconds and elapsed > self.limits.seconds:
                self.exceeded = (f"it ran longer than the time limit of "
                                 f"{self.limits.seconds:g} seconds (--time-limit)")
            elif self.limits.memory_bytes and self._memory() > self.limits.memory_bytes:
                self.exceeded = (f"its kernel used more than the memory limit of "
                                 f"{self.limits.memory_bytes / 1024**3:g} GB (--memory-limit)")
            if self.exceeded:
                try:
                    self.km.shutdown_kernel(now=True)
                except Exception:  # noqa: BLE001 - dying anyway
                    pass
                return

    def check(self) -> None:
        if self.exceeded:
            raise LimitExceeded(f"The report was stopped: {self.exceeded}.")
