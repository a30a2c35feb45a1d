"""Chart building blocks shared by the notebook families.

Colours are the Okabe–Ito palette, distinguishable with common colour-vision deficiencies;
axes use Norwegian number formats; axes get at most a handful of ticks, so labels never
collide.

Every figure is drawn :data:`FIGURE_WIDTH` inches wide with no text below
:data:`MIN_FONT_PT` (:func:`page_png` makes it so, whatever a family asked for), which
keeps its text readable wherever the page shows it (issue 21):

- on a 390 px phone the page's content is :data:`PHONE_CONTENT_PX` CSS px wide, so a
  figure inch is 366 / 5 = 73.2 CSS px and 12 pt text is 12 / 72 × 73.2 = 12.2 CSS px
  (at least :data:`MIN_PHONE_PX`);
- printed, the stylesheet gives a figure :data:`PRINT_WIDTH_MM` (``report.css``), so a
  figure inch is 100 / 127 of an inch on paper and 12 pt text prints at 12 × 100 / 127 =
  9.4 pt (at least :data:`MIN_PRINT_PT`);
- on a wide screen it is shown at its natural 500 CSS px, its PNG drawn at twice that
  (1 000 px) for sharp type on dense screens and paper.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.i18n import translator  # noqa: E402
from analysis.presentation.formatting import number, percent  # noqa: E402

_ = translator("common")

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
PHONE_CONTENT_PX = 366  # CSS px: a 390 px phone less the page's padding (0.75rem a side)
MIN_PHONE_PX = 12  # smallest text on a 390 px phone, CSS px
MIN_PRINT_PT = 9  # smallest text on paper, pt
MIN_FONT_PT = 12.0  # smallest text in a figure, pt of the figure's own inches
FIGURE_WIDTH = 5.0  # inches: 12 pt at 366 CSS px / 5 in is 12.2 CSS px (module docstring)
MAX_WIDTH = FIGURE_WIDTH  # the width the families ask for (every figure is drawn this wide)
CSS_PX_PER_INCH = 100  # a figure inch on a wide screen (the img's width attribute)
PNG_DPI = 2 * CSS_PX_PER_INCH  # PNG pixels per figure inch: twice what a wide screen shows
PRINT_WIDTH_MM = 100  # printed width of every figure (report.css): 12 pt prints at 9.4 pt
MAX_TICKS = 6
plt.rcParams.update({
    "font.size": 12, "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 12,
    "ytick.labelsize": 12, "legend.fontsize": 12, "figure.dpi": 100,
})
assert MIN_FONT_PT / 72 * PHONE_CONTENT_PX / FIGURE_WIDTH >= MIN_PHONE_PX
assert MIN_FONT_PT * PRINT_WIDTH_MM / (FIGURE_WIDTH * 25.4) >= MIN_PRINT_PT


def _million(x: float, _pos=None) -> str:
    return _("{amount} mill.").format(amount=number(x / 1e6, 1))


LABEL_WIDTH = 28  # characters per line of a category label; longer ones wrap


def wrap_labels(labels, width: int = LABEL_WIDTH) -> list[str]:
    """Category labels wrapped onto lines, so long ones do not squeeze the plot.

    >>> wrap_labels(["Kommunene i krise (refusjon via TISK-ordningen)"])
    ['Kommunene i krise (refusjon\\nvia TISK-ordningen)']
    """
    return ["\n".join(textwrap.wrap(str(t), width, break_long_words=False)) or str(t)
            for t in labels]


def rows_height(labels, per_row: float, extra: float, width: int = LABEL_WIDTH) -> float:
    """Figure height (inches) for one bar per label, with room for wrapped labels.

    Two neighbouring labels share the space between their bars, so the spacing grows only
    when a pair of neighbours together needs more lines than fit.

    >>> rows_height(["Kort", "Kort"], 0.45, 1.5)
    2.4
    """
    lines = [t.count("\n") + 1 for t in wrap_labels(labels, width)]
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


def count_axis(ax, axis: str = "y") -> None:
    """Format an axis as whole counts (persons), with Norwegian digit grouping."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(FuncFormatter(lambda x, _p=None: number(x)))


def new_figure(width: float = FIGURE_WIDTH, height: float = 4.2):
    """A figure with one axis, :data:`FIGURE_WIDTH` wide (a wider ``width`` is drawn at it,
    with the height asked for) and ``height`` inches tall."""
    fig, ax = plt.subplots(figsize=(min(width, FIGURE_WIDTH), height))
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


def tornado(labels: list[str], low: np.ndarray, high: np.ndarray, base: float, xlabel: str,
            counts: bool = False, label_width: int = LABEL_WIDTH, legend_band: bool = False):
    """A tornado chart: bars from the result at each parameter's low to its high value;
    the result is an amount in kroner, or with ``counts`` a number of persons.

    ``label_width`` wraps the labels wider (fewer lines, a lower chart); ``legend_band``
    puts the legend in an empty band below the last bar, left of the axis, where it covers
    no bar (a lower chart than a legend among the bars needs).
    """
    extra = 1.0 if legend_band else 1.5
    fig, ax = new_figure(MAX_WIDTH, rows_height(labels, 0.5, extra, label_width))
    y = np.arange(len(labels))[::-1]
    ax.barh(y, low - base, left=base, color=PALETTE[0], label=_("Lav verdi"))
    ax.barh(y, high - base, left=base, color=PALETTE[1], label=_("Høy verdi"))
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(y, wrap_labels(labels, label_width))
    ax.set_xlabel(xlabel)
    if counts:
        count_axis(ax, "x")
    else:
        nok_axis(ax, "x")
    if legend_band:
        ax.set_ylim(-1.7, len(labels) - 0.5)
        ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(-0.03, 0.0))
    else:
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
    ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(names))  # above the bars: fewer columns on a narrow figure
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


def _texts(fig) -> list:
    """The figure's visible texts that hold something (tick labels, labels, legend, notes)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _chars(inches: float, size: float) -> int:
    """About how many characters of ``size`` pt fit on ``inches``."""
    return max(12, int(inches * 72 / (0.58 * size)))


def _wrap(text, inches: float) -> None:
    """Wrap a text artist's words onto lines of at most ``inches``."""
    words = " ".join(text.get_text().split())
    if len(words) > _chars(inches, text.get_fontsize()):
        text.set_text("\n".join(textwrap.wrap(words, _chars(inches, text.get_fontsize()),
                                               break_long_words=False)))


def _overlap(labels) -> bool:
    boxes = [t.get_window_extent() for t in labels if t.get_visible() and t.get_text()]
    return any(a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))


def _fit_legend(fig, legend) -> None:
    """An axes' legend at most as wide as the figure: fewer columns, then wrapped entries."""
    ax, ncols, loc = legend.axes, legend._ncols, legend._loc
    anchor = legend._bbox_to_anchor  # in axes coordinates, as the family gave it
    anchor = anchor._bbox.bounds if anchor is not None else None
    if anchor is not None and anchor[1] < 0:  # below the axes, where a wrapped axis label
        anchor, loc = (0.5, 1.0), "lower center"  # would run into it: above them instead
    while True:
        # a legend lays out its columns once: draw it again, with fewer if too wide
        legend = ax.legend(
            handles=legend.legend_handles, labels=[t.get_text() for t in legend.get_texts()],
            loc=loc, bbox_to_anchor=anchor, ncols=ncols, frameon=legend.get_frame_on())
        fig.canvas.draw()
        if ncols == 1 or legend.get_window_extent().width <= 0.97 * fig.bbox.width:
            break
        ncols -= 1
    if legend.get_window_extent().width > 0.97 * fig.bbox.width:
        for text in legend.get_texts():
            _wrap(text, 0.8 * FIGURE_WIDTH)


def fit_for_page(fig) -> float:
    """Make ``fig`` :data:`FIGURE_WIDTH` wide with every text at least :data:`MIN_FONT_PT`,
    laid out to fit inside that width; return its smallest font size (pt).

    The one place that decides how large a chart's type is on the page: a family that
    draws a note at 9 pt gets it at 12, a figure asked 8 inches wide is drawn 5 wide; long
    category labels, axis labels and legend entries are wrapped, a legend too wide for the
    figure gets fewer columns, and an axis whose tick labels would collide gets fewer ticks.
    """
    fig.set_figwidth(FIGURE_WIDTH)
    for ax in fig.axes:
        for axis in ("x", "y"):
            ticks = getattr(ax, f"{axis}axis").get_ticklabels()
            if ticks and ticks[0].get_fontsize() < MIN_FONT_PT:
                ax.tick_params(axis=axis, which="both", labelsize=MIN_FONT_PT)
    fig.canvas.draw()
    for text in _texts(fig):
        if text.get_fontsize() < MIN_FONT_PT:
            text.set_fontsize(MIN_FONT_PT)
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        # labels a family wrapped itself (at a width of its own) are left as they are
        if (not any("\n" in t for t in labels)
                and any(len(t) > LABEL_WIDTH for t in labels)):
            ax.set_yticks(ax.get_yticks(), wrap_labels(labels))
        _wrap(ax.xaxis.label, 0.9 * FIGURE_WIDTH)
        _wrap(ax.yaxis.label, 0.9 * fig.get_figheight())
        _wrap(ax.title, 0.9 * FIGURE_WIDTH)
    fig.canvas.draw()
    for ax in fig.axes:
        if ax.get_legend() is not None:
            _fit_legend(fig, ax.get_legend())
    fig.set_layout_engine("constrained")
    fig.canvas.draw()
    for ax in fig.axes:  # an axis label no wider than its axes
        _wrap(ax.xaxis.label, max(ax.get_position().width * FIGURE_WIDTH, 2.0))
    fig.canvas.draw()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            locator = axis.get_major_locator()
            nbins = MAX_TICKS - 1
            while (isinstance(locator, MaxNLocator) and nbins > 2
                   and _overlap(axis.get_ticklabels())):
                nbins -= 1
                locator.set_params(nbins=nbins)
                fig.canvas.draw()
            step = 1  # fixed ticks along x (weeks, dates): every second label, then third
            while (axis is ax.xaxis and not isinstance(locator, MaxNLocator)
                   and step < len(axis.get_ticklabels())
                   and _overlap(axis.get_ticklabels())):
                step += 1
                for i, label in enumerate(axis.get_ticklabels()):
                    label.set_visible(i % step == 0)
    return min((t.get_fontsize() for t in _texts(fig)), default=MIN_FONT_PT)


def page_png(fig) -> tuple[bytes, float]:
    """``fig`` as the page shows it (:func:`fit_for_page`), a PNG :data:`PNG_DPI` per inch
    (:data:`FIGURE_WIDTH` × :data:`PNG_DPI` = 1 000 px wide), and its smallest font size."""
    smallest = fit_for_page(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PNG_DPI)
    return buf.getvalue(), smallest
