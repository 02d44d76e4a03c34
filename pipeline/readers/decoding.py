"""Bytes to NFC text: BOMs, UTF-8, then detection (Vietnamese code pages included)."""

from __future__ import annotations

import codecs
import re

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
# UTF-16 without a BOM: at least this share of code units has a NUL high (or low) byte ...
UTF16_NUL_SHARE = 0.3
# ... and at most this share a NUL on the other side (binary data has them on both).
UTF16_STRAY_NUL_SHARE = 0.02


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
        encoding = _utf16_without_bom(data)
        text = _try(data, encoding) if encoding else None
        if text is None or _looks_binary(text):
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


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` reads as UTF-16 without a byte order mark, else None.

    Windows tools write UTF-16 often without a BOM. Its text has a NUL byte in most code units (ASCII,
    Latin-1 letters, Vietnamese combining marks) on one side only: the odd bytes for little-endian,
    the even ones for big-endian. Binary data has NULs on both sides.
    """
    sample = data[:4096]
    units = len(sample) // 2
    if len(data) % 2 or units < 2:
        return None
    even = sample[0:units * 2:2].count(0)
    odd = sample[1:units * 2:2].count(0)
    if odd >= units * UTF16_NUL_SHARE and even <= units * UTF16_STRAY_NUL_SHARE:
        return "utf-16-le"
    if even >= units * UTF16_NUL_SHARE and odd <= units * UTF16_STRAY_NUL_SHARE:
        return "utf-16-be"
    return None


def unicode_problem(value: object, field: str = "text") -> str | None:
    """Why ``value`` (a string, or the strings in a list or dict) is not valid Unicode, or None.

    JSON may carry lone surrogates (``"\\ud800"``), which no UTF-8 writer accepts: a text holding one
    is refused at the reader, before it reaches the pipeline.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"invalid Unicode in {field!r}: lone surrogate U+{ord(value[exc.start]):04X} "
                    f"at character {exc.start}")
        return None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = ((f"{field}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        problem = unicode_problem(key, field) if isinstance(key, str) else None
        problem = problem or unicode_problem(item, str(key))
        if problem:
            return problem
    return None


def article_unicode_problem(article) -> str | None:
    """Why an article's strings are not valid Unicode (a lone surrogate), or None."""
    for name in ("text", "title", "url", "source", "published", "author"):
        problem = unicode_problem(getattr(article, name), name)
        if problem:
            return problem
    return None


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
    from charset_normalizer import from_bytes   # the detector: only for bytes that are not UTF-8 (issue 12)

    best = from_bytes(data).best()
    return str(best) if best is not None else None


# Control characters other than the white space ones (\t \n \v \f \r): what binary data decodes to.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))   # (counted by the regex engine: once per input read)
    return controls > max(8, len(sample) // 100)
