"""A synthetic export in a survey tool's layout, made from the contract-layout file.

The layout is the one ``data/hms/mapping_example_tool.yaml`` describes: one row per
person, question texts as headers, answer labels as text, one column per role. It is made
from the contract-layout respondent file so that reading it back through the mapping
(:func:`analysis.hms.mapping.load_export`) gives the same rows, and so the same
estimates, with three differences a real export has:

* **several roles per person**: non-responding role-holders of one enterprise who could
  be one person (the top leader who also sits in the AMU, the verneombud who is also the
  AMU's employee member, forskrift om organisering, ledelse og medvirkning § 3-7) are
  written as one person with two roles marked. Only non-respondents are merged, since
  their answers are blank and the same; read back, each role is a row again, with
  ``-<role>`` added to the person's id.
* **several "no answer" labels**: a question skipped because the person has no training
  is "Ikke relevant"; any other blank stays blank; Likert 9 is "Vet ikke".
* **partial completes**: a respondent with an item left blank (not by skip logic) is
  "Delvis fullført".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.hms import columns as c
from analysis.hms.synthetic.export import _cell

MERGED_PAIRS = (("leader", "amu_member"), ("verneombud", "amu_member"))
"""Roles that one person can hold together, merged among non-respondents."""

_SKIPPED_IF_UNTRAINED = (c.LAST_TRAINING_YEAR, c.MONTHS_TO_TRAINING, c.PROVIDER_TYPE,
                         c.TRAINING_FORMAT,
                         c.LIKERT_RELEVANCE, c.LIKERT_QUALITY, c.LIKERT_APPLICABILITY,
                         c.SELF_STUDY_ONLY, c.PAID_WORKING_TIME)
_ITEMS = (*c.TRAINING_ITEMS, c.LAST_TRAINING_YEAR, c.MONTHS_TO_TRAINING, c.TRAINING_HOURS,
          c.PROVIDER_TYPE,
          c.TRAINING_FORMAT, c.DOCUMENTED, *c.RULE_ITEMS, *c.LIKERT_ITEMS, c.QUIZ_SCORE, c.COMMENT)


def _people(frame: pd.DataFrame) -> list[tuple[int, list[str]]]:
    """(row of the person's answers, roles held): merged pairs of non-respondents."""
    taken: set[int] = set()
    out = []
    nonresp = frame[frame[c.RESPONSE_STATUS] == "nonrespondent"]
    partner: dict[int, tuple[int, str]] = {}
    for _, group in nonresp.groupby(c.CLUSTER, sort=False):
        by_role: dict[str, list[int]] = {}
        for i, role in zip(group.index, group[c.ROLE], strict=True):
            by_role.setdefault(role, []).append(i)
        for first, second in MERGED_PAIRS:
            while by_role.get(first) and by_role.get(second):
                a, b = by_role[first].pop(0), by_role[second].pop(0)
                partner[a] = (b, second)
                taken.add(b)
    for i, role in zip(frame.index, frame[c.ROLE], strict=True):
        if i in taken:
            continue
        roles = [role] + ([partner[i][1]] if i in partner else [])
        out.append((i, roles))
    return out


def _inverse(labels: Mapping[str, Any]) -> dict[str, str]:
    """Contract code -> the first export label that maps to it."""
    out: dict[str, str] = {}
    for label, code in labels.items():
        if code not in (None, ""):  # a blank stays blank; "no answer" labels are chosen apart
            out.setdefault(str(code), str(label))
    return out


def tool_export_text(frame: pd.DataFrame, mapping: Mapping[str, Any]) -> str:
    """The contract-layout ``frame`` as CSV text in the mapping's export layout."""
    columns: Mapping[str, str] = mapping["columns"]
    roles: Mapping[str, str] = mapping["roles"]["columns"]
    mark = str(mapping["roles"].get("selected", ["Valgt"])[0])
    inverse = {col: _inverse(labels) for col, labels in mapping["values"].items()}
    status_label = {"respondent": "Fullført", "nonrespondent": "Ikke svart"}
    trained = frame[list(c.TRAINING_ITEMS)].fillna(False).astype(bool).any(axis=1)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, *roles])
    for i, held in _people(frame):
        row = frame.loc[i]
        respondent = row[c.RESPONSE_STATUS] == "respondent"
        partial = False
        cells = []
        for column in columns.values():
            code = _cell(row[column]) if column in frame.columns else ""
            if column == c.RESPONSE_STATUS:
                cells.append(None)  # filled in below, once partial completes are known
                continue
            label = inverse[column].get(code, code) if column in inverse else code
            if respondent and code == "" and column in _ITEMS and column != c.COMMENT:
                if column in _SKIPPED_IF_UNTRAINED and not trained[i]:
                    label = "Ikke relevant" if column in inverse else ""  # skip logic
                elif column not in (c.SHORTENED_BY_AGREEMENT, c.PAID_WORKING_TIME):
                    partial = True  # (the rule questions are asked of some roles only)
            cells.append(label)
        status = ("Delvis fullført" if partial else "Fullført") if respondent else \
            status_label["nonrespondent"]
        cells = [status if v is None else v for v in cells]
        cells += [mark if role in held else "" for role in roles.values()]
        writer.writerow(cells)
    return buffer.getvalue()
