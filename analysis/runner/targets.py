"""The one place that decides where a run may write: inside the reports folder, nowhere else.

Every folder the runner creates, replaces or removes (a staging folder, a published
report, a failure record) is named here from the reports folder and two names, a
notebook's and a scenario's. The names must be identifiers (:data:`NAME_RULE`), and the
folder, with ``..`` and symbolic links resolved, must lie inside the resolved reports
folder; anything else is refused with one sentence before a file is touched.

>>> inside(Path("/srv/reports"), Path("/srv/reports"), "nb", "base")
PosixPath('/srv/reports/nb/base')
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.errors import OutputError, TargetError

NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
NAME_RULE = "letters (a–z, A–Z), digits, _ and - only, not starting with -"


def is_name(text: object) -> bool:
    """Whether ``text`` may name a notebook's or a scenario's folder.

    >>> [is_name(s) for s in ("base", "høy-2", "../x", "/tmp/x", "<b>x</b> #?", "-x")]
    [True, False, False, False, False, False]
    """
    return isinstance(text, str) and bool(NAME.match(text))


def check_name(text: str, what: str) -> str:
    """``text`` if it is a name, else one sentence saying what is allowed."""
    if not is_name(text):
        raise TargetError(f"The {what} name {text!r} cannot name a folder; use {NAME_RULE}.")
    return text


def inside(reports: Path, base: Path, *names: str) -> Path:
    """``base / names...``, checked: every name an identifier, and the folder (``..``
    and links resolved) inside the resolved ``reports`` folder."""
    for name in names:
        check_name(name, "folder")
    path = base.joinpath(*names)
    root = reports.resolve()
    real = path.resolve()
    if real != root and root not in real.parents:
        raise OutputError(f"Refused to write {path}: it lies outside the reports folder "
                          f"{root} once links are followed; nothing was written.")
    return path


def reports_folder(folder: Path) -> Path:
    """The reports folder as given (``--out`` or the default), made absolute and with
    symbolic links resolved; a link is said on the terminal, so a link to an unexpected
    place (``/etc``) does not go unnoticed."""
    given = folder.absolute()
    real = given.resolve()
    if real != given:
        print(f"--out {given} resolves to {real} (through a symbolic link or ..); "
              f"publishing into {real}.", flush=True)
    return real
