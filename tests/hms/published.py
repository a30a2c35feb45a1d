"""Helpers for the small-export tests: cut exports, run the notebook, scan what it publishes.

``run_in_process`` executes the notebook's own code cells (no kernel, no papermill) with
the parameters papermill would inject, so that many exports can be checked quickly; the
full runner is used for a few cases only (``tests/hms/test_small_exports.py``).

``scan`` reads every published file (tables as CSV, ``summary.json``, and the page and
the executed notebook when present) and returns the problems found: a number shown for a
row or cell resting on fewer respondents than the threshold, or a share outside 0-1.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt

from analysis.paths import PROJECT_ROOT

NB = "hms_training_survey"
SOURCE = PROJECT_ROOT / "data/hms/respondents_synthetic.csv"
LIKERT = ("likert_relevance", "likert_quality", "likert_applicability", "likert_confidence")

# Tables built from respondents, and the columns holding how many respondents a row (or a
# cell) rests on (as in test_hms_end_to_end.py).
RESPONDENT_COUNTS = {
    "andel_opplaert": ["n"], "andel_verneombud_40_timer": ["n"],
    "andel_ledere_dokumentert": ["n"], "andel_passer_risikoene": ["n"],
    "andel_ledere_bare_selvstudium": ["n"], "andel_verneombud_kortere_etter_avtale": ["n"],
    "andel_verneombud_betalt_arbeidstid": ["n"],
    "andel_verneombud_verken_timer_eller_avtale": ["n"], "andel_ledere_bare_nettkurs": ["n"],
    "tidspunkt_og_nye_virksomheter": ["n"],
    "kunnskapstest": ["n"], "hovedindikatorer_figur": ["n"], "designeffekter": ["n"],
    "modell_oddsratioer": ["n"], "utfall_per_tilbydertype": ["n"], "vekter": ["n"],
    "svarprosent": ["responded"], "forskjeller_mellom_grupper": ["n_smallest"],
    "vurderinger": ["n", *(f"count_{a}" for a in (1, 2, 3, 4, 5, 9))],
    "kommentartema": ["leader", "employer_tasks", "verneombud", "amu_member", "total"],
}
NOT_ABOUT_RESPONDENTS = {"kilder_og_forutsetninger", "kommentartema_nokkelord", "tilbydere",
                         "tilbydere_temaer", "vurderinger_figur", "passer_risikoene_rolle_figur",
                         "modell_figur", "tilbydere_innhold_3_18"}
SHARE_TABLES = {"andel_opplaert", "andel_verneombud_40_timer", "andel_ledere_dokumentert",
                "andel_passer_risikoene", "hovedindikatorer_figur",
                "andel_ledere_bare_selvstudium", "andel_verneombud_kortere_etter_avtale",
                "andel_verneombud_betalt_arbeidstid", "andel_verneombud_verken_timer_eller_avtale",
                "andel_ledere_bare_nettkurs"}
SHARE_INDICATORS = ("share_trained", "share_verneombud_40h", "share_leader_documented_3_5",
                    "share_applicable", "share_leader_self_study_only",
                    "share_verneombud_shortened_by_agreement", "share_verneombud_paid_time",
                    "share_verneombud_amu_neither_40h_nor_agreed", "share_leader_elearning_only")
NUMBER = re.compile(r"-?\d+(\.\d+)?(e-?\d+)?")
FRAME_COLUMNS = ("enterprises_sampled", "enterprises_responded", "enterprise_response_rate",
                 "weighted_enterprise_response_rate")
"""Columns of the response table that describe the sample of enterprises (the register),
not respondents: a withheld row keeps them."""


# ------------------------------------------------------------------------- exports
def read_rows(path: Path = SOURCE) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def cut(name: str, folder: Path) -> Path:
    """One of the small exports of the issue, cut from the synthetic file."""
    columns, rows = read_rows()
    if name == "first_30":
        chosen = rows[:30]
    elif name == "one_role":
        chosen = [r for r in rows if r["role"] == "leader"]
    elif name == "one_stratum":
        chosen = [r for r in rows if r["stratum"] == rows[0]["stratum"]]
    elif name == "one_row":
        chosen = [next(r for r in rows if r["response_status"] == "respondent")]
    elif name == "likert_all_9":
        chosen = [{**r, **{c: "9" for c in LIKERT}} if r["response_status"] == "respondent"
                  else r for r in rows]
    else:
        raise KeyError(name)
    return write_rows(folder / f"{name}.csv", columns, chosen)


# ------------------------------------------------------------------------- running
def _code_cells() -> list[str]:
    nb = json.loads((PROJECT_ROOT / "notebooks" / f"{NB}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def run_in_process(out: Path, **params: object) -> Path:
    """Run the notebook's code cells with ``params`` (as papermill injects them) into
    ``out`` (tables and summary.json); return ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    cells = _code_cells()
    namespace: dict[str, object] = {"__name__": "__hms_test__"}
    exec(cells[0], namespace)  # noqa: S102 - the parameters cell, then papermill's values
    namespace.update({"scenario": "interaktiv", "output_dir": str(out), **params})
    for cell in cells[1:]:
        exec(cell, namespace)  # noqa: S102 - the notebook's own code
    plt.close("all")
    return out


# ------------------------------------------------------------------------- scanning
def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(cell: str | None) -> float | None:
    return float(cell) if cell and NUMBER.fullmatch(cell) else None


def _share_columns(name: str, row: dict[str, str]) -> list[str]:
    """The columns of a row that hold a share (0-1)."""
    cols = [c for c in row if c.startswith("share_") and c != "share_40h"
            or c in ("response_rate", "weighted_response_rate", "share_40h")]
    if name in (*SHARE_TABLES, "tidspunkt_og_nye_virksomheter") or (
            name in ("utfall_per_tilbydertype", "designeffekter")
                                and row.get("indicator") in SHARE_INDICATORS):
        cols += [c for c in ("estimate", "ci_low", "ci_high") if c in row]
    return cols


def scan(folder: Path, threshold: int) -> list[str]:
    """Every problem in the report published in ``folder`` (empty when none)."""
    problems: list[str] = []
    tables = folder / "tables"
    names = {p.stem for p in tables.glob("*.csv")}
    unknown = names - set(RESPONDENT_COUNTS) - NOT_ABOUT_RESPONDENTS
    problems += [f"{n}: table not classified for the scan" for n in sorted(unknown)]
    overall: dict[str, dict[str, str]] = {}
    for name in sorted(names):
        for i, row in enumerate(_rows(tables / f"{name}.csv")):
            where = f"{name}.csv row {i + 1}"
            for col in _share_columns(name, row):
                v = _number(row.get(col))
                if v is not None and not 0 <= v <= 1:
                    problems.append(f"{where}: {col} = {v} is outside 0-1")
            counts = RESPONDENT_COUNTS.get(name, [])
            for col in counts:
                v = _number(row[col])
                if v is not None and 0 < v < threshold:
                    problems.append(f"{where}: {col} = {v:g} is below {threshold}")
            if len(counts) == 1 and row[counts[0]] == ":":
                shown = [k for k, v in row.items() if k not in (*FRAME_COLUMNS, "answer")
                         and _number(v) is not None]
                if shown:
                    problems.append(f"{where}: withheld row shows {', '.join(shown)}")
            if name in SHARE_TABLES - {"hovedindikatorer_figur"} and row["group"] == "all":
                overall[row["indicator"]] = row
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for indicator in SHARE_INDICATORS:
        value = summary.get(indicator)
        if value is None:
            continue
        if not 0 <= value <= 1:
            problems.append(f"summary.json: {indicator} = {value} is outside 0-1")
        row = overall.get(indicator)
        if row is None or _number(row["n"]) is None or _number(row["estimate"]) != value:
            problems.append(f"summary.json: {indicator} is not the published overall row")
    if summary.get("respondents") is not None and summary["respondents"] < threshold:
        problems.append("summary.json: respondents below the threshold")
    for page in ("index.html", f"{NB}.ipynb"):
        path = folder / page
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if "Traceback" in text or '"ename"' in text:
                problems.append(f"{page}: an error is shown")
            for m in re.finditer(r"(-?\d[\d\u00a0 ]*(?:,\d+)?)(?:\u00a0| )%", text):
                v = float(m.group(1).replace("\u00a0", "").replace(" ", "").replace(",", "."))
                if not 0 <= v <= 100:
                    problems.append(f"{page}: {m.group(0)!r} is outside 0-100 %")
    return problems
