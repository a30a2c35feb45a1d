"""Reuse a family's analysis for the second language of one build job.

The runner builds the bokmål and the nynorsk page of a scenario in one job, in one kernel
(:func:`analysis.runner.execute.run_target`). The model's results do not depend on the
language, so the notebook's second run gets the first run's results instead of computing
them again. The families know nothing of this: their ``pipeline.analyse`` is a plain
function, and the notebook asks for it to be computed once per job::

    from analysis.runner.memo import analyse_once
    results = analyse_once(pipeline.analyse, report.params, report.pfile)

(:func:`per_job` is the same memo as a decorator, for a function of the runner's own.)

The memo is switched on only in a kernel the runner starts for one job (the environment
variable :data:`ENV` is set for that kernel alone); the kernel, and the memo with it, ends
with the job. In JupyterLab, in tests and in any other process the decorator does nothing:
every call computes.

Safety rules:

- The key is the call's arguments, with the parameters that only say where and in which
  language the page goes (:data:`NOT_KEYED`) left out of a parameters mapping.
- A call that looks up text in the current language (a translation or the locale, see
  :data:`analysis.i18n.lookups`) gives a result that depends on the language: it is
  reused only for the same language.
- The caller gets a deep copy, so a notebook that changes its results in place cannot
  change what the next language gets.
- Arguments that cannot be turned into a key are not memoised (the call computes).
"""

from __future__ import annotations

import copy
import copyreg
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from analysis import i18n

ENV = "ANALYSIS_JOB_MEMO"
#: Parameters that do not change a result: where the page goes and in which language.
NOT_KEYED = frozenset({"language", "scenario", "output_dir"})

_store: dict[tuple, tuple[Any, str | None]] = {}
stats = {"hits": 0, "misses": 0}
F = TypeVar("F", bound=Callable[..., Any])

# Results hold read-only mappings; let deepcopy copy them (as read-only mappings).
copyreg.pickle(MappingProxyType, lambda m: (MappingProxyType, (dict(m),)))


def enabled() -> bool:
    """Whether this process is a runner's job kernel with the memo switched on."""
    return os.environ.get(ENV) == "1"


def clear() -> None:
    """Forget every result (the runner's job kernel starts empty anyway)."""
    _store.clear()
    stats.update(hits=0, misses=0)


class _Unkeyable(Exception):
    pass


def _part(value: Any) -> Any:
    """A JSON-able, order-stable stand-in for one argument."""
    import pandas as pd
    from pydantic import BaseModel

    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {"__map__": sorted(((str(k), _part(v)) for k, v in value.items()
                                   if k not in NOT_KEYED), key=lambda kv: kv[0])}
    if isinstance(value, list | tuple):
        return [_part(v) for v in value]
    if isinstance(value, BaseModel):
        return {"__model__": type(value).__qualname__, "json": value.model_dump_json()}
    if isinstance(value, pd.DataFrame | pd.Series):
        digest = hashlib.sha256(pd.util.hash_pandas_object(value, index=True).to_numpy())
        names = list(map(str, value.columns)) if isinstance(value, pd.DataFrame) else []
        return {"__frame__": digest.hexdigest(), "columns": names,
                "dtypes": list(map(str, getattr(value, "dtypes", [])))}
    try:
        return {"__pickle__": hashlib.sha256(pickle.dumps(value)).hexdigest()}
    except Exception as exc:  # noqa: BLE001
        raise _Unkeyable from exc


def key(func: Callable, args: tuple, kwargs: dict) -> tuple:
    text = json.dumps([_part(list(args)), _part(kwargs)], sort_keys=True, default=str)
    return (func.__module__, func.__qualname__, hashlib.sha256(text.encode()).hexdigest())


def analyse_once(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``func(*args, **kwargs)``, computed once per runner job (see the module's
    docstring): a family's ``pipeline.analyse`` as the notebook calls it. Outside a job
    kernel it simply calls ``func``."""
    if not enabled():
        return func(*args, **kwargs)
    try:
        k = key(func, args, kwargs)
    except _Unkeyable:
        return func(*args, **kwargs)
    if k in _store:
        result, lang = _store[k]
        if lang is None or lang == i18n.language():
            stats["hits"] += 1
            return copy.deepcopy(result)
    stats["misses"] += 1
    before = i18n.lookups
    result = func(*args, **kwargs)
    # text looked up during the call: the result holds words of this language
    lang = i18n.language() if i18n.lookups != before else None
    try:
        _store[k] = (copy.deepcopy(result), lang)
    except Exception:  # noqa: BLE001 - a result that cannot be copied is not kept
        return result
    return result


def per_job(func: F) -> F:
    """``func`` memoised for the duration of one runner job, as a decorator."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return analyse_once(func, *args, **kwargs)

    wrapper.memoised = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
