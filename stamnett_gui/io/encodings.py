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


#: Bytes looked at to tell text from binary data.
_SNIFF_BYTES = 8192
#: C0 control characters that text files do not hold (tab, line feed, vertical tab, form
#: feed and carriage return are text; so is the escape character of Excel's odd exports).
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27))


def text_problem(data: bytes) -> str | None:
    r"""Why ``data`` cannot be a network file's text (empty, or binary), or None.

    Binary data is told by a NUL byte or many control characters near the start
    (unless a byte-order mark says UTF-16 or UTF-32, whose text holds NULs); the
    message never shows the bytes themselves.

    >>> text_problem(b"  \r\n"), text_problem(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")[:22]
    ('the file is empty', 'the file is not text: ')
    >>> text_problem("id;navn\nA;Tromsø".encode("cp1252")) is None
    True
    """
    head = data[:_SNIFF_BYTES]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            rest = head[len(bom):].decode(encoding.replace("-sig", ""), errors="ignore")
            return "the file is empty" if len(data) <= _SNIFF_BYTES and not rest.strip() else None
    if not data or data.isspace():
        return "the file is empty"
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if b"\x00" in head or controls > max(2, len(head) // 100):
        return ("the file is not text: it holds binary data (an image, an archive or a "
                "program?); a network file is text: GeoJSON, GraphML, GML or CSV")
    return None
