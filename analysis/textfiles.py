"""Reading a text file the project was given: UTF-8, or one sentence saying where not.

An export saved by Excel or an older survey tool is often Latin-1 or Windows-1252; read as
UTF-8 it fails at its first ``æ``, ``ø`` or ``å``. :func:`read_utf8` names the file, the
line of the first such byte and what to do, instead of a ``UnicodeDecodeError``.
"""

from __future__ import annotations

from pathlib import Path


def read_utf8(path: Path, shown: str, error: type[Exception], bom: bool = True) -> str:
    """The text of ``path`` (a UTF-8 byte-order mark dropped when ``bom``); text that is
    not UTF-8 raises ``error`` with one sentence naming ``shown`` and the line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{shown}, line {line}: the file is not UTF-8 text (byte "
                    f"0x{data[exc.start]:02x}, perhaps Latin-1 or Windows-1252); save it "
                    "as UTF-8.") from None
