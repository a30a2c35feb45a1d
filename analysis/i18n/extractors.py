"""Babel extractors: the report text of the code, the notebooks and the parameter files.

- Python: Babel's own extractor, also for the methods of a translator (``_.n(...)``,
  ``_.p(...)``, which Babel alone does not see) and for ``NP_(context, text)`` constants.
- Notebooks: each paragraph of a markdown cell is one message (a heading is a paragraph
  of its own), so a changed word re-opens one paragraph for the translator, not a whole
  cell; :func:`translate_markdown_text` translates a cell the same way when the page is
  rendered. The notebooks' cells themselves stay as they are.
- Parameter and scenario files: the Norwegian fields a report shows (titles, labels,
  units, rationales, how a value is derived). Quotes from letters are citations and are
  never translated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any

import yaml
from babel.messages.extract import extract_python as _babel_python

#: Keys of parameter and scenario files whose text is shown in a report.
YAML_TEXT_KEYS = frozenset({"title", "label", "unit", "rationale", "how"})
#: ``_.n(`` / ``_.p(`` written as the plain names Babel's keywords know (same length).
_METHOD_CALL = re.compile(rb"\b_\.([np])\(")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_ATX_HEADING = re.compile(r"^#{1,6}\s")


def extract_python(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for Python: Babel's, seeing ``_.n(`` and ``_.p(`` too."""
    source = _METHOD_CALL.sub(lambda m: b"_" + m.group(1) + b" (", fileobj.read())
    yield from _babel_python(BytesIO(source), keywords, comment_tags, options)


def markdown_paragraphs(source: str) -> list[str]:
    """The messages of a markdown cell: its paragraphs (text between blank lines), each
    stripped, with a heading line split from the text under it.

    >>> markdown_paragraphs("## Om beregningen\\n\\nFørste,\\nsom fortsetter.\\n\\n\\nAndre.")
    ['## Om beregningen', 'Første,\\nsom fortsetter.', 'Andre.']
    >>> markdown_paragraphs("## Tittel\\nTekst rett under")
    ['## Tittel', 'Tekst rett under']
    """
    paragraphs = []
    for block in _BLANK_LINES.split(source.strip()):
        block = block.strip()
        first, _, rest = block.partition("\n")
        if rest and _ATX_HEADING.match(first):
            paragraphs += [first.strip(), rest.strip()]
        elif block:
            paragraphs.append(block)
    return paragraphs


def translate_markdown_text(source: str, translate: Callable[[str], str]) -> str:
    """A markdown cell in the current language: each paragraph translated on its own,
    the paragraphs separated by one blank line."""
    return "\n\n".join(translate(p) for p in markdown_paragraphs(source))


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method: the paragraphs of a notebook's markdown cells."""
    nb = json.loads(fileobj.read().decode("utf-8"))
    for index, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        paragraphs = markdown_paragraphs("".join(cell.get("source", [])))
        for number, text in enumerate(paragraphs, start=1):
            yield index, None, text, [f"markdown cell {index}, paragraph {number}"]


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
