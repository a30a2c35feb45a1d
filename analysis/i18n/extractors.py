"""Babel extractors for the text that is not in Python code.

- Notebooks: each markdown cell is one message (its text, stripped), translated whole
  when the page is rendered.
- Parameter and scenario files: the Norwegian fields a report shows (titles, labels,
  units, rationales, how a value is derived). Quotes from letters are citations and are
  never translated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import yaml

#: Keys of parameter and scenario files whose text is shown in a report.
YAML_TEXT_KEYS = frozenset({"title", "label", "unit", "rationale", "how"})


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method: the markdown cells of a notebook."""
    nb = json.loads(fileobj.read().decode("utf-8"))
    for index, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        text = markdown_message("".join(cell.get("source", [])))
        if text:
            yield index, None, text, [f"markdown cell {index}"]


def markdown_message(source: str) -> str:
    """The message id of a markdown cell: its text without surrounding blank space."""
    return source.strip()


def _walk(node: Any, line: int) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (isinstance(key, yaml.ScalarNode) and key.value in YAML_TEXT_KEYS
                    and isinstance(value, yaml.ScalarNode) and value.value.strip()):
                yield value.start_mark.line + 1, value.value
            else:
                yield from _walk(value, line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, line)


def extract_yaml(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method: the shown Norwegian fields of a parameter or scenario file."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if root is not None:
        for lineno, text in _walk(root, 0):
            yield lineno, None, text, []
