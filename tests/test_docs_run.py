"""The Python examples of the developer docs run as written.

Every ```python block of a page runs, in order, in one namespace (a later block may use
what an earlier one defined, as a reader following the page would), from the project
folder. A block that raises fails the test with the page and block number. Only a block
whose first line is ``# needs: DATA`` (data the project does not ship) is skipped.
"""

from __future__ import annotations

import os
import re

import pytest

from analysis.paths import PROJECT_ROOT

PAGES = ["docs/library.md", "docs/survey.md"]
NEEDS = "# needs:"  # a block whose data the project does not ship says so on its first line


def blocks(page: str) -> list[str]:
    text = (PROJECT_ROOT / page).read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


def test_the_block_finder_finds_blocks():
    assert len(blocks("docs/library.md")) >= 6
    assert sum(not b.startswith(NEEDS) for b in blocks("docs/survey.md")) >= 18


@pytest.mark.parametrize("page", PAGES)
def test_every_example_runs_as_written(page, monkeypatch, capsys):
    monkeypatch.chdir(PROJECT_ROOT)
    namespace: dict = {"__name__": "__docs__"}
    for i, block in enumerate(blocks(page), start=1):
        if block.startswith(NEEDS):
            continue
        exec(compile(block, f"{page}, block {i}", "exec"), namespace)  # noqa: S102
    out = capsys.readouterr().out
    if page == "docs/library.md":
        assert out.strip(), "the examples print what they compute"
    if page == "docs/library.md":  # what the page's comments promise
        assert "50 12" in out and "1620000.0 70.0" in out
    if page == "docs/survey.md":  # a figure the page gives with R's value
        jk1 = namespace["jk1"].mean("api00")
        assert round(float(jk1["estimate"].iloc[0]), 2) == 644.17
        assert round(float(jk1["se"].iloc[0]), 3) == 26.329
    assert os.getcwd() == str(PROJECT_ROOT)
