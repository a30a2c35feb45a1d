"""The one way every notebook puts its items on the page.

A family's presentation function returns a :class:`~analysis.presentation.report.Table`, a
:class:`~analysis.presentation.report.Figure`, Markdown prose, a sentence that stands in
for a table or chart with nothing to show, None (nothing to show and nothing to say), or
a list of these; ``show(report, item, ...)`` shows each in turn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from analysis.presentation.report import Figure, Table

Item = Table | Figure | str | None


def show(report: Any, *items: Item | Iterable[Item]) -> None:
    """Show tables and figures through ``report``; a string is shown as prose."""
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            report.text(item)
        elif isinstance(item, Table | Figure):
            report.show(item)
        else:
            show(report, *item)
