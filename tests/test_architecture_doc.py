"""docs/architecture.md names the modules of analysis/ as they are: every module path it
names exists, and every module of analysis/ is named in it (issue 25: the map is redrawn
when the code moves)."""

from __future__ import annotations

import re

from analysis.paths import PROJECT_ROOT as ROOT

DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "analysis"


def _exists(name: str) -> bool:
    """A path as the document writes it: from the project root, from analysis/, or a bare
    file name somewhere under analysis/ (the module tree lists a package's files by name)."""
    if (ROOT / name).exists() or (PACKAGE / name).exists():
        return True
    return "/" not in name and any(PACKAGE.rglob(name))


def test_every_module_path_named_exists():
    named = set(re.findall(r"[\w/]+\.(?:py|ipynb|css)\b", DOC))
    assert named, "the document names no module"
    missing = sorted(n for n in named if not _exists(n))
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_is_named():
    words = set(re.findall(r"\w+", DOC))
    unnamed = sorted(
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if p.stem != "__init__" and p.stem not in words and p.parent.name != "synthetic"
    )
    assert not unnamed, f"modules of analysis/ that docs/architecture.md does not name: {unnamed}"
