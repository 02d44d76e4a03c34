"""Bytes to NFC text: BOMs, UTF-8, then detection (Vietnamese code pages included)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from pipeline.article import InputError
from pipeline.textnorm import nfc

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy code pages Vietnamese text is found in, tried after UTF-8 fails.
_VIETNAMESE_CODEPAGES = ("cp1258", "windows-1258")
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to NFC text or raise ``InputError`` naming ``source``.

    data (bytes): the raw file or response body.
    source (str): the path or URL, for the error message.
    declared (str | None): an encoding the container declares (HTTP header, meta tag).
    RETURNS (str): the text in NFC, with Windows line ends made ``\\n``.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            break
    if text is None and b"\x00" in data[:4096]:
        raise InputError(source, "binary data (NUL bytes), not text")
    if text is None and declared:
        text = _try(data, declared)
    if text is None:
        text = _try(data, "utf-8")
    if text is None:
        text = _legacy(data)
    if text is None:
        raise InputError(source, "undecodable bytes: not UTF-8, UTF-16 or a Vietnamese code page")
    if _looks_binary(text):
        raise InputError(source, "binary data, not text")
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _legacy(data: bytes) -> str | None:
    # cp1258 decodes almost any byte string, so it is tried only when its
    # result reads as Vietnamese; otherwise the detector's best guess wins.
    for encoding in _VIETNAMESE_CODEPAGES:
        text = _try(data, encoding)
        if text and sum(c in _VIETNAMESE_LETTERS for c in nfc(text)) >= 2:
            return text
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return controls > max(8, len(sample) // 100)
