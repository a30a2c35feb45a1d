"""One YAML reader for every file and command-line value the project reads.

PyYAML's ``safe_load`` follows YAML 1.1, whose surprises publish wrong figures silently:
``050`` is octal (40), ``1e1`` is text, ``no`` / ``off`` are false, ``1:20`` is 80, and a key
given twice keeps the last value without a word. :class:`StrictLoader` reads scalars by
the YAML 1.2 core schema instead (``050`` is 50, ``1e1`` is 10.0, only ``true`` / ``false``
are booleans), refuses a repeated key and bounds what aliases may expand to
(:data:`MAX_VALUES`). :func:`load_file` turns every problem into one
:class:`~analysis.errors.ParameterError` sentence naming the file and line.

>>> load_text("a: 050\\nb: 1e1\\nc: no\\nd: 0o17")
{'a': 50, 'b': 10.0, 'c': 'no', 'd': 15}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from analysis.errors import ParameterError
from analysis.paths import public_path
from analysis.textfiles import read_utf8

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars and no repeated mapping keys."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
StrictLoader.add_implicit_resolver(  # before floats: "50" is an int
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text[:2] in ("0o", "0x"):
        return int(text, 0)
    return int(text, 10)  # "050" is fifty, never octal


def _mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            first = seen[key].start_mark.line + 1
            raise ConstructorError(
                None, None,
                f"the key '{key}' appears twice (first on line {first}); give each key once",
                key_node.start_mark)
        seen[key] = key_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


# An alias (``*name``) repeats a value without copying it; nested aliases repeat it
# exponentially ("billion laughs"), and the code that walks the values then runs out of
# memory. A document may expand to at most this many values.
MAX_VALUES = 100_000


def _expanded(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values ``node`` stands for with every alias written out; raises at the
    smallest part of the document that passes :data:`MAX_VALUES`."""
    key = id(node)
    if key in memo:
        return memo[key]
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded(k, memo) + _expanded(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded(v, memo) for v in node.value)
    else:
        size = 1
    if size > MAX_VALUES:
        raise ConstructorError(
            None, None, f"its aliases (*name) expand to more than {MAX_VALUES:,} values "
            "(a value repeated within repeats); write the values out or repeat less",
            node.start_mark)
    memo[key] = size
    return size


def _document(loader: StrictLoader, node: yaml.Node) -> Any:
    _expanded(node, {})
    return yaml.SafeLoader.construct_document(loader, node)


StrictLoader.add_constructor(_INT, _int)
StrictLoader.construct_mapping = _mapping  # type: ignore[method-assign]
StrictLoader.construct_document = _document  # type: ignore[method-assign]


def load_text(text: str) -> Any:
    """Parse YAML text with :class:`StrictLoader` (errors are ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - a SafeLoader subclass


def describe_error(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line and a one-line description of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and "appears twice" not in problem:
        problem = f"{problem} ({context})"
    return line, problem


def load_file(path: Path, error: type[Exception] = ParameterError,
              shown: str | None = None) -> Any:
    """Read a YAML file; a syntax error, a repeated key, an alias bomb or text that is
    not UTF-8 names the file (as ``shown``, else :func:`public_path`) and line, raised
    as ``error``."""
    shown = shown or public_path(path)
    text = read_utf8(path, shown, error)
    try:
        return load_text(text)
    except yaml.YAMLError as exc:
        line, problem = describe_error(exc)
        where = f", line {line}" if line else ""
        raise error(f"{shown}{where}: {problem}.") from None


def line_of(path: Path, loc: tuple | list) -> int | None:
    """The 1-based line of the deepest entry of ``loc`` (keys and list positions) found
    in the YAML file ``path``; None if the file cannot be read."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
