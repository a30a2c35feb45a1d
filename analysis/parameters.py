"""Parameter files: one value, one place, with its source.

Each notebook ``notebooks/<name>.ipynb`` has a parameter file
``data/parameters/<name>.yaml``. Every entry states its value, type, unit, description and
either a *source* (a letter and its section, a public statistic, or a value derived from
them), an *assumption* (with a plausible low and high value), or marks itself as a method
*setting* (a seed, a file path, a threshold). The loader is strict: a misplaced key is an
error, not something silently ignored.

Values given for a run (by a scenario or on the command line) are validated against the
file before anything is computed; a bad value fails with one sentence naming the parameter,
the value given and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from analysis.errors import ParameterError
from analysis.paths import PARAMETERS_DIR, public_path
from analysis.yamlfiles import line_of, load_file, load_text

ParamType = Literal["int", "float", "str", "bool", "list"]

# Every number is bounded before any arithmetic: one without a declared ``max`` (or
# ``min``) is held to this size, far beyond any count, amount or share of the models and
# far below where Decimal formatting, dates or integer conversion overflow.
NUMBER_LIMIT = 10**12
# A ``format: date`` text parameter: an ISO date in this range (a date past 9999 cannot
# be computed with; the models' dates lie between these).
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2099, 12, 31))

# Parameters every notebook takes from the runner, not from its parameter file.
RUN_PARAMETERS: dict[str, str] = {
    "scenario": "name of the scenario this run belongs to",
    "output_dir": "folder for tables, figures and summary.json; empty: write nothing",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LetterSource(_Strict):
    """A figure stated in one of the letters in ``shared/seeds``."""

    kind: Literal["letter"]
    document: str
    section: str
    quote: str | None = None
    note: str | None = None


class StatisticSource(_Strict):
    """A published statistic."""

    kind: Literal["statistic"]
    title: str
    publisher: str
    year: int
    url: str | None = None
    note: str | None = None


class LawSource(_Strict):
    """A rule laid down in an act or a regulation (lovdata's title and section)."""

    kind: Literal["law"]
    title: str
    section: str
    note: str | None = None


class DerivedSource(_Strict):
    """A value worked out from sourced figures; ``how`` shows the arithmetic."""

    kind: Literal["derived"]
    how: str
    document: str | None = None
    section: str | None = None
    title: str | None = None
    publisher: str | None = None
    year: int | None = None


Source = Annotated[LetterSource | StatisticSource | LawSource | DerivedSource,
                   Field(discriminator="kind")]


class Range(_Strict):
    """A plausible low and high value, with the reasoning behind them."""

    low: float
    high: float
    rationale: str

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if not self.low <= self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        return self


class ParameterSpec(_Strict):
    """One entry of a parameter file."""

    name: str
    type: ParamType
    value: Any
    unit: str
    description: str
    label: str = Field(description="Norwegian label shown in reports")
    source: Source | None = None
    assumption: Range | None = None
    uncertainty: Range | None = Field(
        default=None, description="range of a sourced value, used in uncertainty analysis"
    )
    setting: bool = False
    min: float | None = None
    max: float | None = None
    exclusive_min: bool = False
    choices: list[Any] | None = None
    format: Literal["date"] | None = Field(
        default=None, description="'date': a text parameter holding a date YYYY-MM-DD")

    @model_validator(mode="after")
    def _provenance(self) -> ParameterSpec:
        kinds = [self.source is not None, self.assumption is not None, self.setting]
        if sum(kinds) != 1:
            raise ValueError(
                "needs exactly one of 'source', 'assumption' or 'setting: true' "
                f"(has {sum(kinds)})"
            )
        if self.uncertainty is not None and self.source is None:
            raise ValueError("'uncertainty' belongs to a sourced value; use 'assumption'")
        check_value(self, self.value)
        for rng in (self.assumption, self.uncertainty):
            if rng is not None:
                for bound in (rng.low, rng.high):
                    check_value(self, int(bound) if self.type == "int" else bound)
                if not rng.low <= self.value <= rng.high:
                    raise ValueError(
                        f"default {self.value} lies outside its range {rng.low}–{rng.high}"
                    )
        return self

    @property
    def range(self) -> Range | None:
        """The uncertainty range, whether the value is an assumption or sourced."""
        return self.assumption or self.uncertainty

    @property
    def is_assumption(self) -> bool:
        return self.assumption is not None

    def allowed(self) -> str:
        """Describe in words what values this parameter accepts."""
        parts = [{"int": "a whole number", "float": "a number", "str": "text",
                  "bool": "true or false", "list": "a list"}[self.type]]
        if self.choices is not None:
            options = ", ".join(repr(c) for c in self.choices)
            parts = [f"a list of items from {options}" if self.type == "list"
                     else f"one of {options}"]
        if self.type == "list" and (self.min is not None or self.max is not None):
            parts = [parts[0] + " of numbers, each"]
        if self.min is not None:
            parts.append(f"{'above' if self.exclusive_min else 'at least'} {_num(self.min)}")
        if self.max is not None:
            parts.append(f"at most {_num(self.max)}")
        elif self.type in ("int", "float") and self.choices is None:
            parts.append(f"at most {_num(NUMBER_LIMIT)}")
        if self.min is None and self.type in ("int", "float") and self.choices is None:
            parts.append(f"at least {_num(-NUMBER_LIMIT)}")
        if self.format == "date":
            low, high = DATE_RANGE
            parts = [f"a date written YYYY-MM-DD from {low} to {high}"]
        return ", ".join(parts)

    def bounds(self) -> tuple[float, float]:
        """The smallest and largest number allowed: the declared ``min`` and ``max``, or
        :data:`NUMBER_LIMIT` where none is declared."""
        return (-NUMBER_LIMIT if self.min is None else self.min,
                NUMBER_LIMIT if self.max is None else self.max)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _given(value: Any) -> str:
    """A value as a message quotes it, a number of hundreds of digits shortened.

    >>> _given(10**300), _given(25), _given("x")
    ('1e+300', '25', "'x'")
    """
    text = repr(value)
    if len(text) > 40 and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{float(value):.3g}" if abs(value) < 1e308 else f"a number of {len(text)} digits"
    return text if len(text) <= 80 else text[:77] + "..."


def decimal_comma_hint(value: Any) -> str:
    """A hint for ``14,5`` written in Python, which is the pair ``(14, 5)``.

    >>> decimal_comma_hint((14, 5))
    '; 14,5 was read as two values: write the decimal point, 14.5'
    """
    if (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        return (f"; {value[0]},{value[1]} was read as two values: write the decimal point, "
                f"{value[0]}.{value[1]}")
    return ""


def check_value(spec: ParameterSpec, value: Any) -> Any:
    """Return ``value`` converted to the spec's type, or raise ``ValueError`` saying why."""
    t = spec.type
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "str": isinstance(value, str),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list),
    }[t]
    if not ok:
        raise ValueError(f"{value!r} is not {spec.allowed()}{decimal_comma_hint(value)}")
    if t == "float":
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
    if spec.choices is not None:
        items = value if t == "list" else [value]  # a list's choices constrain each item
        if any(item not in spec.choices for item in items):
            raise ValueError(f"{value!r} is not {spec.allowed()}")
    # A list's bounds constrain each item, and its numbers must be finite.
    numbers = value if t == "list" else [value]
    if t == "list" and (spec.min is not None or spec.max is not None):
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
            raise ValueError(f"{value!r} is not {spec.allowed()}")
    if spec.format == "date":
        _check_date(spec, value)
    low, high = spec.bounds()
    for v in numbers:
        if not isinstance(v, int | float) or isinstance(v, bool):
            continue
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"{value!r} is not {spec.allowed()}")
        if spec.min is not None and (v < spec.min or (spec.exclusive_min and v == spec.min)):
            raise ValueError(f"{value!r} is not {spec.allowed()}")
        if spec.max is not None and v > spec.max:
            raise ValueError(f"{value!r} is not {spec.allowed()}")
        if not low <= v <= high:
            raise ValueError(f"{value!r} is not {spec.allowed()}")
    return value


def _check_date(spec: ParameterSpec, value: str) -> None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not {spec.allowed()}") from None
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise ValueError(f"{value!r} is not {spec.allowed()}")


class ParameterFile(_Strict):
    """A notebook's parameter file."""

    notebook: str
    title: str
    parameters: dict[str, ParameterSpec]

    @property
    def defaults(self) -> dict[str, Any]:
        return {name: check_value(spec, spec.value) for name, spec in self.parameters.items()}

    def validate(self, values: dict[str, Any], *, where: str = "") -> dict[str, Any]:
        """Check ``values`` (a subset of the parameters) and return them typed.

        Raises ``ParameterError`` on the first unknown name or bad value, naming the
        parameter, the value given and what is allowed.
        """
        checked: dict[str, Any] = {}
        at = f" ({where})" if where else ""
        for name, value in values.items():
            if name in RUN_PARAMETERS:
                checked[name] = value
                continue
            spec = self.parameters.get(name)
            if spec is None:
                close = difflib.get_close_matches(name, self.parameters, n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                raise ParameterError(
                    f"Unknown parameter '{name}' for notebook '{self.notebook}'{at}.{hint} "
                    f"Allowed parameters: {', '.join(self.parameters)}."
                )
            try:
                checked[name] = check_value(spec, value)
            except ValueError:
                raise ParameterError(
                    f"Parameter '{name}' of notebook '{self.notebook}'{at} was given "
                    f"{_given(value)}; allowed is {spec.allowed()} ({spec.description}, "
                    f"{spec.unit})"
                    f"{decimal_comma_hint(value)}."
                ) from None
        return checked

    def resolve(self, *layers: tuple[str, dict[str, Any]]) -> dict[str, Any]:
        """Defaults overlaid by each ``(where, values)`` layer in turn, all validated."""
        values = dict(self.defaults)
        for where, layer in layers:
            values.update(self.validate(layer, where=where))
        return values


def parse_cli_value(spec: ParameterSpec | None, text: str) -> Any:
    """Turn a command-line string into a typed value, str kept as is.

    Read as a YAML 1.2 literal (:mod:`analysis.yamlfiles`): ``050`` is fifty, ``1e1`` is
    ten, ``[25, 50]`` a list; text that is not a literal stays text (and fails the type
    check of a number parameter with the value quoted).
    """
    if spec is not None and spec.type == "str":
        return text
    try:
        return load_text(text)
    except Exception:  # noqa: BLE001 - any YAML problem: the text itself is the value
        return text


def parse_cli_overrides(pairs: list[tuple[str, str]] | None) -> dict[str, str]:
    """``-p NAME VALUE`` pairs as a mapping; a name given twice or a runner's own
    parameter (``scenario``, ``output_dir``) is refused with one sentence."""
    out: dict[str, str] = {}
    for name, value in pairs or []:
        if name in RUN_PARAMETERS:
            how = ("name the scenario in the target, NOTEBOOK/SCENARIO" if name == "scenario"
                   else "use --out for the folder reports are published into")
            raise ParameterError(
                f"-p {name} is set by the runner, not on the command line; {how}.")
        if name in out:
            raise ParameterError(
                f"-p {name} is given twice ({out[name]!r} and {value!r}); give each "
                "parameter once.")
        out[name] = value
    return out


def parameter_file_path(notebook: str) -> Path:
    return PARAMETERS_DIR / f"{notebook}.yaml"


@cache
def load_parameter_file(notebook: str) -> ParameterFile:
    """Load and schema-check ``data/parameters/<notebook>.yaml``."""
    path = parameter_file_path(notebook)
    return parse_parameter_file(path)


def load_named_entries(path: Path, key: str, model: type[BaseModel], what: str) -> Any:
    """Load a YAML file whose ``key`` maps names to entries, into a pydantic ``model``.

    Each entry gets its mapping key as ``name``. Errors name the file and the entry.
    """
    shown = public_path(path)
    if not path.exists():
        raise ParameterError(f"{what} {shown} does not exist.")
    raw = load_file(path) or {}
    entries = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise ParameterError(f"{shown}: top-level key '{key}' must be a mapping.")
    for name, entry in entries.items():
        if isinstance(entry, dict):
            entry.setdefault("name", name)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        line = line_of(path, err["loc"])
        at = f", line {line}" if line else ""
        raise ParameterError(f"{shown}{at}: entry '{loc}' is invalid: {err['msg']}.") from None


def parse_parameter_file(path: Path) -> ParameterFile:
    """Parse a parameter file, raising ``ParameterError`` naming the file and entry."""
    return load_named_entries(path, "parameters", ParameterFile, "Parameter file")
