"""Progress output: plain log lines without a terminal, a live status line with one."""

from __future__ import annotations

import io

from analysis.runner.outcome import Outcome
from analysis.runner.progress import Progress


def outcome(target: str, ok: bool = True) -> Outcome:
    return Outcome(target, *target.split("/"), "ok" if ok else "failed", "2026-01-01", 1.5,
                   error="" if ok else "ValueError: boom")


def test_plain_log_lines_when_not_on_a_terminal():
    out = io.StringIO()
    with Progress(2, stream=out, live=False) as p:
        p.started("a/x")
        p.finished(outcome("a/x"))
        p.skipped("b/y", "unchanged")
        p.started("a/z")
        p.finished(outcome("a/z", ok=False))
    lines = out.getvalue().splitlines()
    assert len(lines) == 5 and "\r" not in out.getvalue()
    assert lines[0].endswith("start a/x (1/2)")
    assert lines[1].endswith("[1/2] a/x ok (1.5 s)")
    assert lines[2].endswith("skip b/y: unchanged")
    assert lines[4].endswith("[2/2] a/z FAILED: ValueError: boom (1.5 s)")
    assert lines[0][:4].isdigit()  # time-stamped


def test_live_status_line_shows_done_running_and_time():
    out = io.StringIO()
    with Progress(3, stream=out, live=True) as p:
        p.started("a/x")
        p.started("a/y")
        p.finished(outcome("a/x"))
    text = out.getvalue()
    assert "[1/3] a/x ok" in text
    assert "1/3 done · running: a/y · 00:0" in text
    assert "\r\x1b[2K" in text  # the status line is redrawn in place
