"""Key figures: the few numbers of a report that readers compare, with label and unit.

Each family declares its key figures once, in ``analysis/<family>/presentation/
key_figures.py`` as ``KEY_FIGURES``: the ``summary.json`` key, a Norwegian (bokmål) label
and unit marked for the family's catalog, and how to format the number. The comparison
page (``python -m analysis compare``), the sweep page (``python -m analysis sweep``) and
their workbooks all read them from here, so a figure is named the same way everywhere.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from analysis.i18n import domain_of, translator
from analysis.presentation.formatting import FORMATTERS, MISSING, format_value


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of a family's ``summary.json``."""

    key: str  # the summary.json key
    label: str  # Norwegian bokmål, marked with N_ in the family's catalog domain
    unit: str  # Norwegian unit ("kr", "personer", "andel"), also through the catalog
    kind: str = "auto"  # a kind of analysis.presentation.formatting.FORMATTERS

    def __post_init__(self) -> None:
        if self.kind not in FORMATTERS:
            raise ValueError(f"key figure {self.key}: unknown format kind {self.kind!r}")


def key_figures(notebook: str) -> tuple[KeyFigure, ...]:
    """The key figures the family of ``notebook`` declares (none for an unknown family)."""
    domain = domain_of(notebook)
    try:
        module = importlib.import_module(f"analysis.{domain}.presentation.key_figures")
    except ModuleNotFoundError:
        return ()
    return tuple(module.KEY_FIGURES)


def labelled(notebook: str) -> list[tuple[KeyFigure, str, str]]:
    """Each key figure of ``notebook`` with its label and unit in the current language."""
    tr = translator(domain_of(notebook))
    return [(f, tr(f.label), tr(f.unit)) for f in key_figures(notebook)]


def shown(figure: KeyFigure, value: Any) -> str:
    """A key figure's value as the page shows it (a dash when the report has none)."""
    if value is None or isinstance(value, list | dict):
        return MISSING
    if isinstance(value, bool):
        value = int(value)
    return format_value(value, figure.kind)
