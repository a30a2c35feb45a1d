"""Reading a survey tool's export through a mapping file (YAML) into the data contract.

Survey tools export one row per person with the question texts as headers and answer
labels as text; several labels mean "no answer" ("Vet ikke", "Ikke relevant", blank); a
person can hold several HMS roles (one column per role, multi-select); partial completes
have their own status. A mapping file, versioned with the export it describes, says how
each of these becomes the contract of :mod:`analysis.hms.contract` (example:
``data/hms/mapping_example_tool.yaml``, whose comments document the format).

:func:`load_export` translates the cells and then checks them with the contract's own
rules (:func:`analysis.hms.contract.check_table`), so a translated export is held to
exactly the same rules as a contract-layout file. Errors are one sentence naming the
export, the column as the tool calls it, the lines and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import csvfiles
from analysis.errors import DataFileError
from analysis.hms import columns as c
from analysis.hms import contract
from analysis.yamlfiles import line_of, load_file

MAPPING_KEYS = ("name", "columns", "roles", "values")


def load_mapping(path_text: str | Path) -> dict[str, Any]:
    """Read and check a mapping file; one DataFileError sentence when it is malformed.

    Read by the project's strict YAML reader (:mod:`analysis.yamlfiles`): a label or
    column given twice, an alias that expands without bound or text that is not UTF-8 is
    refused with the file and line.
    """
    path = csvfiles.resolve_path(path_text)
    shown = csvfiles.shown(path_text)
    if not path.is_file():
        raise DataFileError(f"{shown}: the mapping file does not exist; give the YAML file "
                            "that maps the survey tool's export to the data contract.")
    mapping = load_file(path, DataFileError, shown)
    if not isinstance(mapping, dict) or not all(k in mapping for k in MAPPING_KEYS[1:]):
        raise DataFileError(f"{shown}: a mapping file needs the keys columns, roles and "
                            "values (see data/hms/mapping_example_tool.yaml).")

    def at(*loc: str | int) -> str:
        line = line_of(path, loc)
        return f"{shown}, line {line}" if line else shown

    roles = mapping["roles"]
    for loc, value, what in (
            (("columns",), mapping["columns"], "export column header: contract column"),
            (("roles",), roles, "selected and columns"),
            (("roles", "columns"), roles.get("columns") if isinstance(roles, dict) else None,
             "export column header: role"),
            (("values",), mapping["values"], "contract column: {export label: code}")):
        if not isinstance(value, dict):
            raise DataFileError(f"{at(*loc)}: '{'.'.join(loc)}' must be a mapping "
                                f"({what}, one per line), not {_kind(value)}.")
    for column, labels in mapping["values"].items():
        if not isinstance(labels, dict):
            raise DataFileError(f"{at('values', column)}: values of '{column}' must be a "
                                f"mapping (export label: code), not {_kind(labels)}.")
    known = set(contract.RESPONDENT_COLUMNS)
    first: dict[str, str] = {}
    for label, column in mapping["columns"].items():
        if column not in known or column == c.ROLE:
            raise DataFileError(
                f"{at('columns', label)}, columns: '{label}' maps to '{column}', which is "
                "not a column of the data contract (roles go under roles)."
            )
        if column in first:
            raise DataFileError(
                f"{at('columns', label)}, columns: '{label}' and '{first[column]}' both map "
                f"to '{column}'; map each contract column from one export column.")
        first[column] = label
    held: dict[str, str] = {}
    for label, role in roles["columns"].items():
        if role not in c.ROLES:
            raise DataFileError(f"{at('roles', 'columns', label)}, roles: '{role}' is not a "
                                f"role; allowed: {', '.join(c.ROLES)}.")
        if role in held:
            raise DataFileError(
                f"{at('roles', 'columns', label)}, roles: '{label}' and '{held[role]}' both "
                f"mark the role '{role}'; mark each role in one export column.")
        held[role] = label
    mapping["_shown"] = shown
    return mapping


def _kind(value: object) -> str:
    return {list: "a list", str: "text", type(None): "empty"}.get(type(value), "a value")


def _rows(path_text: str | Path
          ) -> tuple[str, list[str], list[tuple[int, list[str]]], str]:
    """The export's header, rows with their line numbers and decimal mark (comma with a
    decimal point, or semicolon with a decimal comma), read by the reader every CSV input
    shares (:func:`analysis.csvfiles.read_table`)."""
    shown = csvfiles.shown(path_text)
    if not csvfiles.resolve_path(path_text).is_file():
        raise DataFileError(f"{shown}: the export file does not exist.")
    header, rows, decimal = csvfiles.read_table(path_text)
    csvfiles.check_rows(rows, header, shown)
    return shown, header, rows, decimal


def load_export(export: str | Path, mapping_path: str | Path) -> pd.DataFrame:
    """A survey tool's export as the contract's respondent frame (one row per role held).

    Returns:
        What :func:`analysis.hms.contract.load_respondents` returns for a contract-layout
        file: one row per sampled person and role, the contract's columns and dtypes.

    Raises:
        DataFileError: the mapping is malformed; the export has a column the mapping does
            not know, lacks one it maps, has a label the mapping does not list (naming the
            label and the column), a row with no role; or the translated cells break the
            contract.
    """
    mapping = load_mapping(mapping_path)
    shown, header, rows, decimal = _rows(export)
    where = f"the mapping {mapping['_shown']}"
    columns: Mapping[str, str] = mapping["columns"]
    roles: Mapping[str, str] = mapping["roles"]["columns"]
    selected = {str(v) for v in mapping["roles"].get("selected", ["Valgt"])}
    for name in header:
        if name not in columns and name not in roles:
            raise DataFileError(f"{shown}, line 1 (header), column '{name}': not in {where}; "
                                "add it under columns or roles.")
    missing = [name for name in [*columns, *roles] if name not in header
               and not _optional(columns.get(name))]
    if missing:
        raise DataFileError(f"{shown}, line 1 (header), column '{missing[0]}': the column is "
                            f"missing; {where} expects it.")
    values = {col: {str(k): "" if v is None else str(v) for k, v in labels.items()}
              for col, labels in mapping["values"].items()}
    at = {name: i for i, name in enumerate(header)}
    out_rows, lines = [], []
    for line, row in rows:
        cells = {}
        for name, column in columns.items():
            if name not in at:
                continue
            text = row[at[name]].strip()
            if column in values and text != "":
                if text not in values[column]:
                    allowed = ", ".join(repr(k) for k in values[column])
                    raise DataFileError(
                        f"{shown}, column '{name}', line {line}: the label {text!r} is not in "
                        f"{where}; allowed: {allowed}, or blank.")
                text = values[column][text]
            cells[column] = text
        held = [role for name, role in roles.items()
                if name in at and row[at[name]].strip() in selected]
        if not held:
            raise DataFileError(f"{shown}, line {line}: no role is marked; each person holds "
                                f"at least one of the role columns ({', '.join(roles)}).")
        for role in held:
            person = cells.get(c.RESPONDENT_ID, "")
            out_rows.append({**cells, c.ROLE: role,
                             c.RESPONDENT_ID: person if len(held) == 1 else f"{person}-{role}"})
            lines.append(line)
    order = [col for col in contract.RESPONDENT_COLUMNS
             if col == c.ROLE or col in columns.values() and any(
                 columns_name in at for columns_name, target in columns.items()
                 if target == col)]
    frame = pd.DataFrame(out_rows, columns=order).fillna("").astype(str)
    raw = csvfiles.RawTable(shown, frame.reset_index(drop=True), lines, decimal)
    return contract.with_response_status(contract.check_table(raw))


def _optional(column: str | None) -> bool:
    """Whether the contract column a mapped export column fills may be left out."""
    fields = {f.name: f for f in contract.RESPONDENT_FIELDS}
    return column is not None and column in fields and fields[column].optional
