"""No published file names a folder of the machine that built it (nor so a user name)."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from analysis.paths import PROJECT_ROOT, public_path, public_text

# Absolute POSIX paths at least two folders deep, not in a URL or base64 data.
ABSOLUTE = re.compile(r"(?<![\w.:/+=~\\-])(?<!base64,)(?:/[\w.@+~-]+){2,}")


def _machine_folders(out: Path) -> set[str]:
    folders = {str(PROJECT_ROOT), str(out), str(out.resolve()), str(Path.home()),
               os.path.realpath(PROJECT_ROOT)}
    return {f for f in folders if len(f) > 1}


def _texts(path: Path):
    """The text of a published file; an Excel workbook (a zip) by its XML parts, since its
    compressed bytes match path-like patterns by chance."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            for member in book.namelist():
                # the package's own part names (/xl/worksheets/sheet1.xml) are not paths
                if member == "[Content_Types].xml" or member.endswith(".rels"):
                    continue
                yield book.read(member).decode("utf-8", errors="replace")
    else:
        yield path.read_bytes().decode("utf-8", errors="replace")


def test_no_published_file_holds_an_absolute_path(schedule_reports):
    scanned = 0
    for path in sorted(schedule_reports.rglob("*")):
        if not path.is_file() or path.name.startswith(".run.lock"):
            continue
        for text in _texts(path):
            for folder in _machine_folders(schedule_reports):
                assert folder not in text, (path, folder)
            hits = [m.group(0) for m in ABSOLUTE.finditer(text)]
            assert not hits, (path.relative_to(schedule_reports).as_posix(), hits[:3])
        scanned += 1
    kinds = {p.suffix for p in schedule_reports.rglob("*") if p.is_file()}
    assert {".html", ".csv", ".json", ".ipynb"} <= kinds and scanned > 30


def test_public_path_and_text():
    assert public_path(PROJECT_ROOT / "data" / "conscription" / "counties.csv") == \
        "data/conscription/counties.csv"
    assert public_path("/Users/kari.nordmann/Nedlastinger/demand.csv") == "demand.csv"
    assert public_text(f"cd {PROJECT_ROOT} && ls") == "cd . && ls"
    staged = Path("/tmp/run/.staging/nb--sc--1")
    assert public_text(f'output_dir = "{staged}"', {staged: "."}) == 'output_dir = "."'
    assert public_text("Datakilde: /Users/kari.nordmann/x/demand.csv (15 rader)") == \
        "Datakilde: demand.csv (15 rader)"
    assert public_text("demand_file,/Users/kari/x/d.csv,filsti") == "demand_file,d.csv,filsti"
    html = ('<a href="https://example.org/a/b">x</a></td>'
            '<img src="data:image/jpeg;base64,/9j/4AAQ/ab+/cd/ef">')
    assert public_text(html) == html


def test_a_data_file_outside_the_project_is_published_by_its_name_only(tmp_path, cli):
    """The analyst's own copy of a demand file, under a folder that names them."""
    own = tmp_path / "kari.nordmann" / "Nedlastinger"
    own.mkdir(parents=True)
    demand = own / "etterspørsel.csv"
    demand.write_bytes((PROJECT_ROOT / "data" / "conscription" / "demand_mild.csv")
                       .read_bytes())
    out = tmp_path / "out"
    result = cli("run", "conscription_scenarios/mild", "-p", "demand_file", str(demand),
                 "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith(".run.lock"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "kari.nordmann" not in text and str(tmp_path) not in text, path
    run = (out / "conscription_scenarios" / "mild" / "run.json").read_text(encoding="utf-8")
    assert "etterspørsel.csv" in run
