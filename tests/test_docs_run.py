"""The Python examples of the developer docs run as written.

Every ```python block of a page runs, in order, in one namespace (a later block may use
what an earlier one defined, as a reader following the page would), from the project
folder. A block that raises fails the test with the page and block number.
"""

from __future__ import annotations

import os
import re

import pytest

from analysis.paths import PROJECT_ROOT

PAGES = ["docs/library.md"]


def blocks(page: str) -> list[str]:
    text = (PROJECT_ROOT / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


def test_the_block_finder_finds_blocks():
    assert len(blocks("docs/library.md")) >= 6


@pytest.mark.parametrize("page", PAGES)
def test_every_example_runs_as_written(page, monkeypatch, capsys):
    monkeypatch.chdir(PROJECT_ROOT)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(blocks(page), start=1):
        exec(compile(block, f"{page}, block {i}", "exec"), namespace)  # noqa: S102
    out = capsys.readouterr().out
    assert out.strip(), "the examples print what they compute"
    if page == "docs/library.md":  # what the page's comments promise
        assert "50 12" in out and "1620000.0 70.0" in out
    assert os.getcwd() == str(PROJECT_ROOT)
