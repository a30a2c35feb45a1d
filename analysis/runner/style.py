"""The one stylesheet of every page the runner writes (reports, index), inlined in each
page so that a page forwarded alone still looks the same."""

from pathlib import Path

STYLESHEET = (Path(__file__).parent / "report.css").read_text(encoding="utf-8")
