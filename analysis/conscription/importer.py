"""Build a conscription demand file from the MSIS cases of chosen ISO weeks.

    python -m analysis import-outbreak --week 2020-46 [--weeks 2] --out FILE
        [--threshold 150] [--min-cases 10]

For each of the 356 municipalities (2020–2023 structure) the importer takes the 14-day
incidence of the MSIS cases over the chosen ISO weeks (``--weeks`` weeks ending with
``--week``; :mod:`analysis.municipalities.incidence`, from the register's population on
1 January 2020).

**Which municipalities are in crisis.** A municipality goes into the demand file when
its 14-day incidence is at least ``--threshold`` per 100 000 (default 150) and it had at
least ``--min-cases`` cases in the weeks (default 10):

- 150 per 100 000 over 14 days is the level above which an area is "red" regardless of
  test positivity in the EU's common risk levels of autumn 2020 (Council
  Recommendation (EU) 2020/1475 of 13 October 2020, point 10 (c); FHI and the
  Norwegian government used the same 14-day notification rates for their travel
  advice). No public source gives a municipal staffing crisis directly: the threshold
  stands in for "an outbreak large enough to strain the municipality's health service".
- at least 10 cases (a project assumption): in a municipality of 2 000 inhabitants three
  cases already exceed 150 per 100 000, which is no outbreak needing outside staff.

Population and centrality come from the register; the five fields no public source has
per municipality (infected admitted to municipal institutions, outbreaks in
institutions, staff in isolation or quarantine, share with unknown route, exhausted temp
agreements) are left empty: "not known".
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import csvfiles
from analysis.errors import AnalysisError, ParameterError

if TYPE_CHECKING:
    import pandas as pd

# pandas, the register and the contract are imported in the functions that use them: the
# command line builds this module's parser for every command, and a refused command line
# must answer in well under a second.

CRISIS_THRESHOLD = 150.0
MIN_CASES = 10


def in_crisis(inc: pd.DataFrame, threshold: float = CRISIS_THRESHOLD,
              min_cases: int = MIN_CASES) -> pd.Series:
    """The crisis rule (module docstring), as a boolean per municipality."""
    return (inc["infected_per_100k"] >= threshold) & (inc["cases"] >= min_cases)


def demand_frame(week: str, weeks: int = 2, threshold: float = CRISIS_THRESHOLD,
                 min_cases: int = MIN_CASES) -> pd.DataFrame:
    """The demand file's rows: municipalities in crisis, the unknown fields empty."""
    import pandas as pd

    from analysis.conscription import inputs
    from analysis.municipalities import msis
    from analysis.municipalities.incidence import incidence

    if not math.isfinite(threshold) or threshold < 0:  # "nan" passes every comparison
        got = "nan (not a number)" if math.isnan(threshold) else f"{threshold:g}"
        raise ParameterError(f"--threshold must be a number of 0 or more per 100 000; "
                             f"got {got}.")
    if min_cases < 0:
        raise ParameterError(f"--min-cases must be 0 or more; got {min_cases}.")
    inc = incidence(msis.iso_weeks(week, weeks))
    chosen = inc[in_crisis(inc, threshold, min_cases)]
    out = pd.DataFrame({
        "municipality_number": chosen["municipality_number"],
        "municipality_name": chosen["municipality_name"],
        "population": chosen["population_2020"],
        "centrality": chosen["centrality"],
        "infected_per_100k": chosen["infected_per_100k"].round(1),
    })
    for column in inputs.MAY_BE_UNKNOWN:
        out[column] = pd.NA
    return out[list(inputs.DEMAND_COLUMNS)].reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> str:
    return csvfiles.csv_text(frame, float_format="%.1f")


def run(args: argparse.Namespace) -> int:
    from analysis.conscription import inputs  # the written file must meet the contract
    from analysis.municipalities import msis
    from analysis.municipalities.incidence import national_incidence, national_incidence_daily

    weeks = msis.iso_weeks(args.week, args.weeks)
    frame = demand_frame(args.week, args.weeks, args.threshold, args.min_cases)
    if frame.empty:
        raise ParameterError(
            f"No municipality reached {args.threshold:g} per 100 000 with at least "
            f"{args.min_cases} cases in ISO weeks {weeks[0]}–{weeks[-1]}; nothing written.")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(frame), encoding="utf-8")
    inputs.load_demand(str(out.resolve()))
    print(f"{len(frame)} of 356 municipalities in crisis (14-day incidence at least "
          f"{args.threshold:g} per 100 000 and at least {args.min_cases} cases) in ISO "
          f"weeks {weeks[0]}–{weeks[-1]}; national 14-day incidence "
          f"{national_incidence(weeks):.1f} per 100 000 (national daily series: "
          f"{national_incidence_daily(weeks):.1f}). Written: {out}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``import-outbreak`` on the project's command line; returns its parser."""
    p = sub.add_parser("import-outbreak",
                       help="build a demand file for the conscription notebook from the "
                       "MSIS cases of chosen ISO weeks")
    p.add_argument("--week", required=True, help="last ISO week, e.g. 2020-46")
    p.add_argument("--weeks", type=int, default=2,
                   help="number of weeks ending with --week (default 2: 14 days)")
    p.add_argument("--out", required=True, help="CSV file to write")
    p.add_argument("--threshold", type=float, default=CRISIS_THRESHOLD,
                   help="14-day incidence per 100 000 from which a municipality is in "
                   "crisis (default 150: Council Recommendation (EU) 2020/1475, 10 (c))")
    p.add_argument("--min-cases", type=int, default=MIN_CASES,
                   help="fewest cases in the weeks for a municipality to be in crisis "
                   "(default 10, an assumption)")
    p.set_defaults(func=run)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.conscription.importer")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import-outbreak", *(argv or [])])
    try:
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}")
        return 2


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
