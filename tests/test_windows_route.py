"""The Windows route's code paths that can be tested on any machine: the browser for PDF
export is found where Chrome and Edge install themselves, and product code makes no
POSIX-only call (docs/windows.md)."""

from __future__ import annotations

import re

from analysis.paths import PROJECT_ROOT
from analysis.runner import browser


def _no_browser_on_path(monkeypatch):
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv(browser.BROWSER_ENV, raising=False)
    for root in browser.WINDOWS_ROOTS:
        monkeypatch.delenv(root, raising=False)
    monkeypatch.setattr(browser, "MAC_APPS", ())


def test_edge_is_found_under_program_files(tmp_path, monkeypatch):
    _no_browser_on_path(monkeypatch)
    assert browser.find_chromium() is None
    edge = tmp_path / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    edge.parent.mkdir(parents=True)
    edge.write_bytes(b"")
    monkeypatch.setenv("ProgramFiles(x86)", str(tmp_path))
    assert browser.find_chromium() == str(edge)


def test_chrome_of_one_user_is_found_under_local_app_data(tmp_path, monkeypatch):
    _no_browser_on_path(monkeypatch)
    chrome = tmp_path / "Google" / "Chrome" / "Application" / "chrome.exe"
    chrome.parent.mkdir(parents=True)
    chrome.write_bytes(b"")
    monkeypatch.setenv("LocalAppData", str(tmp_path))
    assert browser.find_chromium() == str(chrome)


def test_a_browser_named_in_the_environment_wins(tmp_path, monkeypatch):
    _no_browser_on_path(monkeypatch)
    mine = tmp_path / "mine.exe"
    mine.write_bytes(b"")
    monkeypatch.setenv(browser.BROWSER_ENV, str(mine))
    assert browser.find_chromium() == str(mine)
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "missing.exe"))
    assert browser.find_chromium() is None


POSIX_ONLY = re.compile(r"\b(import (fcntl|pwd|grp|termios|resource)|os\.(fork|getuid|geteuid|"
                        r"killpg|setsid|getpgid|chown)\b|signal\.SIG(KILL|HUP|USR1|CHLD)\b)")


def test_product_code_makes_no_posix_only_call():
    found = [f"{p.relative_to(PROJECT_ROOT)}: {m.group(0)}"
             for p in sorted((PROJECT_ROOT / "analysis").rglob("*.py"))
             for m in POSIX_ONLY.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_posix_check_can_fail():
    assert POSIX_ONLY.search("import fcntl") and POSIX_ONLY.search("os.fork()")
