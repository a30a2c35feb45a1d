"""Faults of the machine in one sentence: a full disk while the workbook is saved (no
half-written zip, no errno), SIGTERM from a scheduler handled as Ctrl-C."""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
from pathlib import Path

import pytest

from analysis import cli
from analysis.runner import excel, execute
from analysis.runner.render import PageInfo


def _info() -> PageInfo:
    return PageInfo(title="T", scenario="s", scenario_title="S", date="07.12.2026 kl. 05:00",
                    commit="abc", sources=[], notices=[], owner="O", contact="c@d.no",
                    data_date="", version="0")


def test_a_full_disk_while_saving_the_workbook_is_one_sentence(tmp_path, monkeypatch,
                                                                capfd):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "tables.json").write_text(json.dumps([{
        "name": "t", "caption": "T", "columns": {"a": "A"}, "formats": {}}]),
        encoding="utf-8")
    real = Path.write_bytes

    def full(self, data):
        if self.suffix == ".xlsx":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)
    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OSError) as err:
        excel.write_workbook(tmp_path, _info())
    gc.collect()  # a half-written ZipFile would complain here, from its __del__
    assert "Exception ignored" not in capfd.readouterr().err
    assert execute._first_line(err.value) == \
        "could not write or read tables.xlsx: the disk is full"
    assert cli.os_error_sentence(err.value).startswith(
        "Could not write or read tables.xlsx: the disk is full; nothing more was done.")


def test_sigterm_is_handled_as_ctrl_c(monkeypatch, capsys):
    def terminated(_args):
        os.kill(os.getpid(), signal.SIGTERM)
        pytest.fail("SIGTERM did not stop the run")
    monkeypatch.setattr(cli, "_list", terminated)
    before = signal.getsignal(signal.SIGTERM)
    try:
        assert cli.main(["list"]) == 130
    finally:
        signal.signal(signal.SIGTERM, before)
    err = capsys.readouterr().err
    assert err == ("error: interrupted; reports already published are kept, the rest were "
                   "not built.\n")
