"""Turning a file's bytes into text the way real files are encoded.

UTF-8 with or without a byte-order mark, UTF-16 with a mark (Excel's "Unicode
text"), and Windows-1252 as Excel writes CSV on a Norwegian Windows.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str]:
    r"""Decode ``data``; return ``(text, encoding)``.

    A byte-order mark decides; otherwise UTF-8 if the bytes are valid UTF-8,
    else Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined).
    Never raises: every byte sequence decodes to some text.

    >>> decode_text("Tromsø".encode("cp1252"))
    ('Tromsø', 'cp1252')
    >>> decode_text(b"\xef\xbb\xbfid;navn")
    ('id;navn', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break  # a broken file that merely starts like a mark: fall through
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
