"""An XML parser that reads data only: no DTD, no entities, no external resources.

GraphML never needs a document type declaration, so any ``<!DOCTYPE`` is
refused before an entity can be declared: that shuts out both external
entities (reading local files or URLs) and entity-expansion bombs, without a
further dependency. Python's expat (2.4 and later) also limits expansion
itself; refusing the declaration is the belt to those braces.
"""

from __future__ import annotations

from pyexpat import ParserCreate, XMLParserType
from xml.parsers import expat


class UnsafeXMLError(ValueError):
    """The XML declares a DTD or entities, which a data file has no need of."""


def _refuse_doctype(name: str, *_: object) -> None:
    raise UnsafeXMLError(
        f"the file declares a document type ({name!r}); GraphML has no need of one, and for "
        "safety files with <!DOCTYPE> or <!ENTITY> declarations are not read"
    )


def _refuse_entity(name: str, *_: object) -> None:
    raise UnsafeXMLError(
        f"the file declares the entity {name!r}; for safety entity declarations are not read"
    )


def _refuse_external(*_: object) -> int:
    raise UnsafeXMLError("the file refers to an external resource; for safety it is not read")


def safe_parser() -> XMLParserType:
    """A namespace-aware expat parser (``"uri local"`` names) that refuses DTDs and entities."""
    parser = ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.buffer_text = True
    return parser


def describe_expat_error(error: expat.ExpatError) -> tuple[int, str]:
    """``(line, message)`` for a syntax error, worded for a person."""
    text = expat.ErrorString(error.code) if error.code else str(error)
    return error.lineno, f"the XML is broken at column {error.offset + 1}: {text}"
