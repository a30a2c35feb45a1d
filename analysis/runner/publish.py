"""Where a run's files go, and how they replace the published report without losing it.

A run writes into a fresh staging folder. Only a complete, successful run is swapped into
``<reports>/<notebook>/<scenario>/``; the earlier report is moved aside first and removed
only once the new one is in place. A failed run's executed notebook and error go to
``<reports>/failed/<notebook>/<scenario>/`` and the published report stays untouched.

One job builds every language of a scenario into one staging folder (bokmål at its top,
nynorsk in ``nn/``, :func:`language_dir`), so all languages are swapped in together, by the
same single rename: a reader never finds a bokmål page and a nynorsk page from different
builds side by side. A language not built by the job is not carried over from the
earlier report (``docs/languages.md``, "Rebuilding one language").

Before anything is swapped in, :func:`scrub` makes every path of this machine in the
run's files public (:func:`analysis.paths.public_text`). A run killed at any step leaves
a state :func:`repair` (called by every batch under the run lock) puts right: a staging
folder is removed, an earlier report moved aside but not replaced is moved back, one
already replaced is removed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import uuid
from pathlib import Path

from analysis import published
from analysis.paths import public_text
from analysis.runner.targets import check_name, inside

STAGING = published.STAGING
FAILED = "failed"
TEXT_SUFFIXES = {".html", ".csv", ".json", ".ipynb", ".txt", ".md", ".svg", ".tsv"}
_BACKUP = re.compile(r"^\.(?P<name>.+)\.previous-[0-9a-f]+$")


def published_dir(reports: Path, notebook: str, scenario: str) -> Path:
    return inside(reports, reports, notebook, scenario)


def language_dir(folder: Path, language: str) -> Path:
    """Where one language's page goes inside a scenario's folder: bokmål at the top,
    every other language in a subfolder named by its code (``nn/``)."""
    from analysis.i18n import DEFAULT_LANGUAGE

    return folder if language == DEFAULT_LANGUAGE else folder / language


def language_href(source: str, target: str) -> str:
    """The relative link from one language's page to another's in the same folder.

    >>> language_href("nb", "nn"), language_href("nn", "nb")
    ('nn/index.html', '../index.html')
    """
    from analysis.i18n import DEFAULT_LANGUAGE

    up = "" if source == DEFAULT_LANGUAGE else "../"
    down = "" if target == DEFAULT_LANGUAGE else f"{target}/"
    return f"{up}{down}index.html"


def failed_dir(reports: Path, notebook: str, scenario: str) -> Path:
    return inside(reports, reports / FAILED, notebook, scenario)


def new_staging_dir(reports: Path, notebook: str, scenario: str) -> Path:
    check_name(notebook, "notebook")
    check_name(scenario, "scenario")
    path = inside(reports, reports / STAGING,
                  f"{notebook}--{scenario}--{uuid.uuid4().hex[:12]}")
    path.mkdir(parents=True)
    return path


def scrub(folder: Path, reports: Path) -> None:
    """Make every machine path in the text files below ``folder`` public: the folder
    itself becomes ``.``, the reports folder its name, the project ``.``, other absolute
    paths their file name."""
    roots = {folder: ".", reports: reports.name}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        public = public_text(text, roots)
        if public != text:
            path.write_text(public, encoding="utf-8")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``);
    False where the system or its file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _load_renameat2():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                   ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_renameat2 = _load_renameat2() if sys.platform.startswith("linux") else None


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging``; if anything fails, the old ``final`` comes back.

    Where the system can, the two folders are exchanged in one atomic step and the old
    report (now at ``staging``) removed afterwards: ``final`` exists, whole, at every
    moment, so the index never links a missing folder. Elsewhere three steps, each one
    rename or removal: the old report moved aside (``.NAME.previous-ID``), the new one
    moved in, the old one removed. :func:`repair` completes or undoes a swap cut short
    between them (a leftover staging folder is removed).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.is_dir() and not final.is_symlink() and _exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)
        return
    backup = None
    if final.exists():
        backup = final.with_name(f".{final.name}.previous-{uuid.uuid4().hex[:8]}")
        os.replace(final, backup)
    try:
        os.replace(staging, final)
    except BaseException:
        if backup is not None:
            os.replace(backup, final)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def repair(reports: Path) -> list[str]:
    """Put right what a run killed part-way left behind; return what was done.

    Call only under the run lock: then no staging folder belongs to a live run.
    """
    done: list[str] = []
    staging = reports / STAGING
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
        done.append(f"removed the unfinished runs in {STAGING}/")
    for backup in sorted([*reports.glob("*/.*.previous-*"),
                          *reports.glob(f"{FAILED}/*/.*.previous-*")]):
        m = _BACKUP.match(backup.name)
        if not m or not backup.is_dir():
            continue
        final = backup.with_name(m["name"])
        rel = final.relative_to(reports).as_posix()
        if final.exists():
            shutil.rmtree(backup, ignore_errors=True)
            done.append(f"removed the replaced copy of {rel}")
        else:
            os.replace(backup, final)
            done.append(f"restored {rel}, which a stopped run had moved aside")
    return done


def publish(staging: Path, reports: Path, notebook: str, scenario: str) -> Path:
    """Publish a successful run; an older failure record of the same target is cleared."""
    final = published_dir(reports, notebook, scenario)
    scrub(staging, reports)
    swap_into_place(staging, final)
    shutil.rmtree(failed_dir(reports, notebook, scenario), ignore_errors=True)
    return final


def keep_failure(staging: Path, reports: Path, notebook: str, scenario: str) -> Path:
    """Keep a failed run's files (its executed notebook is the run's log)."""
    final = failed_dir(reports, notebook, scenario)
    scrub(staging, reports)
    swap_into_place(staging, final)
    return final
