"""Chart building blocks shared by the notebook families.

Colours are the Okabe–Ito palette, distinguishable with common colour-vision deficiencies;
axes use Norwegian number formats. Figures are at most 7 inches wide with large type, so
that they stay legible when a 390 px phone screen shrinks them to its width (the report
draws them at 2× for sharpness); axes get at most a handful of ticks, so labels never
collide.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.i18n import translator  # noqa: E402
from analysis.presentation.formatting import number, percent  # noqa: E402

_ = translator("common")

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
MAX_WIDTH = 7.0  # inches; wider figures are scaled down to this (and their height with it)
MAX_TICKS = 6
plt.rcParams.update({
    "font.size": 13, "axes.labelsize": 13, "axes.titlesize": 14, "xtick.labelsize": 12,
    "ytick.labelsize": 12, "legend.fontsize": 12, "figure.dpi": 100,
})


def _million(x: float, _pos=None) -> str:
    return _("{amount} mill.").format(amount=number(x / 1e6, 1))


LABEL_WIDTH = 34  # characters per line of a category label; longer ones wrap


def wrap_labels(labels, width: int = LABEL_WIDTH) -> list[str]:
    """Category labels wrapped onto lines, so long ones do not squeeze the plot.

    >>> wrap_labels(["Kommunene i krise (refusjon via TISK-ordningen)"])
    ['Kommunene i krise (refusjon via\\nTISK-ordningen)']
    """
    return ["\n".join(textwrap.wrap(str(t), width, break_long_words=False)) or str(t)
            for t in labels]


def rows_height(labels, per_row: float, extra: float) -> float:
    """Figure height (inches) for one bar per label, with room for wrapped labels.

    Two neighbouring labels share the space between their bars, so the spacing grows only
    when a pair of neighbours together needs more lines than fit.

    >>> rows_height(["Kort", "Kort"], 0.45, 1.5)
    2.4
    """
    lines = [t.count("\n") + 1 for t in wrap_labels(labels)]
    pairs = [(a + b) / 2 for a, b in zip(lines, lines[1:], strict=False)] or lines or [1]
    return round(max(per_row, 0.1 + 0.2 * max(pairs)) * len(labels) + extra, 2)


def _few_ticks(axis) -> None:
    axis.set_major_locator(MaxNLocator(nbins=MAX_TICKS - 1, steps=[1, 2, 2.5, 5, 10]))


def nok_axis(ax, axis: str = "x", millions: bool = True) -> None:
    """Format an axis as NOK (in millions when amounts are large)."""
    fmt = FuncFormatter(_million if millions else lambda x, _p=None: number(x))
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(fmt)
    _few_ticks(target)


def percent_axis(ax, axis: str = "y") -> None:
    fmt = FuncFormatter(lambda x, _p=None: percent(x, 0))
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(fmt)
    _few_ticks(target)


def new_figure(width: float = MAX_WIDTH, height: float = 4.2):
    """A figure with one axis; wider than :data:`MAX_WIDTH` is scaled down to it."""
    if width > MAX_WIDTH:
        width, height = MAX_WIDTH, height * MAX_WIDTH / width
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def hbar(labels: list[str], values: np.ndarray, colors: list[str], xlabel: str,
         millions: bool = True):
    """Horizontal bars, largest at the top."""
    fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.45, 1.5))
    y = np.arange(len(labels))[::-1]
    ax.barh(y, values, color=colors)
    ax.set_yticks(y, wrap_labels(labels))
    ax.set_xlabel(xlabel)
    nok_axis(ax, "x", millions)
    return fig, ax


def stacked_bars(frame: pd.DataFrame, xlabel: str, ylabel: str, millions: bool = True):
    """Stacked vertical bars: index on x, one colour per column."""
    fig, ax = new_figure()
    bottom = np.zeros(len(frame))
    for i, col in enumerate(frame.columns):
        ax.bar(frame.index.astype(str), frame[col].to_numpy(), bottom=bottom,
               color=PALETTE[i % len(PALETTE)], label=col)
        bottom += frame[col].to_numpy()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    nok_axis(ax, "y", millions)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
    return fig, ax


def tornado(labels: list[str], low: np.ndarray, high: np.ndarray, base: float, xlabel: str):
    """A tornado chart: bars from the result at each parameter's low to its high value."""
    fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.5, 1.5))
    y = np.arange(len(labels))[::-1]
    ax.barh(y, low - base, left=base, color=PALETTE[0], label=_("Lav verdi"))
    ax.barh(y, high - base, left=base, color=PALETTE[1], label=_("Høy verdi"))
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, wrap_labels(labels))
    ax.set_xlabel(xlabel)
    nok_axis(ax, "x")
    ax.legend(frameon=False, loc="lower right")
    return fig, ax


def distribution(draws: np.ndarray, quantiles: dict[str, float], xlabel: str):
    """Histogram of Monte Carlo draws with the quantiles marked."""
    fig, ax = new_figure()
    ax.hist(draws, bins=60, color=PALETTE[4], edgecolor="white", linewidth=0.3)
    for i, (name, q) in enumerate(quantiles.items()):
        ax.axvline(q, color=PALETTE[[5, 7, 5][i % 3]], linestyle=["--", "-", "--"][i % 3])
        ax.annotate(name, (q, ax.get_ylim()[1] * 0.95), ha="center",
                    bbox={"facecolor": "white", "edgecolor": "none"})
    ax.set_xlabel(xlabel)
    ax.set_ylabel(_("Antall trekninger"))
    nok_axis(ax, "x")
    return fig, ax


def point_ranges(labels: list[str], estimates: np.ndarray, low: np.ndarray, high: np.ndarray,
                 xlabel: str, ax=None, as_percent: bool = True):
    """Estimates with their confidence intervals as dots and lines, first label on top.

    Missing estimates (suppressed cells) are left out of the plot, not drawn as zero.
    """
    if ax is None:
        fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.4, 1.5))
    else:
        fig = ax.figure
    y = np.arange(len(labels))[::-1]
    shown = ~np.isnan(estimates)
    ax.hlines(y[shown], low[shown], high[shown], color=PALETTE[0], linewidth=2)
    ax.plot(estimates[shown], y[shown], "o", color=PALETTE[0])
    ax.set_yticks(y, wrap_labels(labels))
    ax.set_xlabel(xlabel)
    if as_percent:
        percent_axis(ax, "x")
    return fig, ax


def diverging_bars(labels: list[str], shares: pd.DataFrame, negative: list, neutral,
                   positive: list, names: dict, colours: list[str]):
    """Diverging stacked bars of answer shares: disagreement left of zero, agreement right.

    ``shares`` has one row per label and one column per answer; the neutral answer is
    split in half around zero, so that each bar's middle sits on the zero line. Missing
    (suppressed) shares are drawn as gaps.
    """
    fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.55, 2))
    y = np.arange(len(labels))[::-1]
    values = shares.fillna(0.0)
    half = values[neutral].to_numpy() / 2
    left = -half - values[negative].sum(axis=1).to_numpy()
    for answer, colour in zip([*negative, neutral, *positive], colours, strict=True):
        width = values[answer].to_numpy()
        ax.barh(y, width, left=left, color=colour, label=names[answer], edgecolor="white")
        left = left + width
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, wrap_labels(labels))
    # shares to the left of zero are drawn negative but read as positive percentages
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p=None: percent(abs(x), 0)))
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=len(names))
    return fig, ax


def forest(labels: list[str], ratios: np.ndarray, low: np.ndarray, high: np.ndarray,
           xlabel: str):
    """Odds ratios with confidence intervals on a log scale, a line at 1 (no difference)."""
    fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.38, 1.5))
    y = np.arange(len(labels))[::-1]
    shown = ~np.isnan(ratios)
    ax.axvline(1, color="black", linewidth=0.8)
    ax.hlines(y[shown], low[shown], high[shown], color=PALETTE[0], linewidth=2)
    ax.plot(ratios[shown], y[shown], "s", color=PALETTE[0])
    ax.set_xscale("log")
    lo, hi = np.nanmin(low[shown]), np.nanmax(high[shown])
    ticks = [t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20) if lo / 1.5 <= t <= hi * 1.5]
    ax.set_xticks(ticks, [number(t, 2 if t < 0.1 else 1 if t < 1 else 0) for t in ticks])
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _p=None: ""))
    ax.set_yticks(y, wrap_labels(labels))
    ax.set_xlabel(xlabel)
    return fig, ax
