"""GraphML as raw records: keys, graph, nodes, edges and hyperedges with typed data.

A streaming pass with expat (through :mod:`stamnett_gui.io.graphml.xml_safety`: no DTD,
no entities), keeping the line of every element for messages. yEd's node labels
(``<y:NodeLabel>``) are kept so yEd drawings open with their names; every other
foreign element is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from stamnett_gui.io.errors import Finding, NetworkFileError, Severity
from stamnett_gui.io.graphml.xml_safety import UnsafeXMLError, describe_expat_error, safe_parser
from stamnett_gui.io.limits import ImportLimits

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_YED_NS = "http://www.yworks.com/xml/graphml"
_NUMERIC = {"int": int, "long": int, "float": float, "double": float}


@dataclass
class GraphMLKey:
    """A ``<key>``: which attribute it declares, for what, of which type."""

    id: str
    domain: str
    name: str
    type: str
    default: str | None = None


@dataclass
class GraphMLElement:
    """A ``<graph>``, ``<node>``, ``<edge>`` or ``<hyperedge>`` with its raw data texts."""

    kind: str
    attrs: dict[str, str]
    line: int
    texts: dict[str, str] = field(default_factory=dict)
    endpoints: list[str] = field(default_factory=list)
    yed_label: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``node 'n3' (line 40)``: the words a planner can find in the file."""
        ident = self.attrs.get("id")
        if self.kind == "edge" and ident is None:
            ident = f"{self.attrs.get('source')}-{self.attrs.get('target')}"
        return f"{self.kind} {ident!r} (line {self.line})" if ident else f"{self.kind} (line {self.line})"


@dataclass
class GraphMLDocument:
    """Every record of a GraphML file, data converted to the declared types."""

    keys: dict[str, GraphMLKey] = field(default_factory=dict)
    graphs: list[GraphMLElement] = field(default_factory=list)
    nodes: list[GraphMLElement] = field(default_factory=list)
    edges: list[GraphMLElement] = field(default_factory=list)
    hyperedges: list[GraphMLElement] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    graphics_keys: set[str] = field(default_factory=set)


class _Scanner:
    def __init__(self, source: str | Path, limits: ImportLimits) -> None:
        self.source = source
        self.limits = limits
        self.doc = GraphMLDocument()
        self.open: list[GraphMLElement] = []
        self.tags: list[str] = []
        self.key: GraphMLKey | None = None
        self.capture: str | None = None  # "data:<key>", "default" or "label"
        self.text: list[str] = []
        self.count = 0
        self.parser = safe_parser()

    def fail(self, message: str) -> NetworkFileError:
        return NetworkFileError(self.source, [Finding(f"line {self.parser.CurrentLineNumber}", message)])

    def start(self, name: str, attrs: dict[str, str]) -> None:
        uri, _, local = name.rpartition(" ")
        self.tags.append(local if uri in ("", GRAPHML_NS) else "")
        if len(self.tags) == 1 and local != "graphml":
            raise self.fail(f"this XML is not GraphML: its root element is <{local}>, not <graphml>")
        if uri == _YED_NS and local == "NodeLabel" and self.open and self.open[-1].kind == "node":
            self.capture, self.text = "label", []
        if uri not in ("", GRAPHML_NS):
            return
        line = self.parser.CurrentLineNumber
        if local == "key":
            if "id" not in attrs:
                raise self.fail("a <key> has no id")
            if "attr.name" not in attrs and "yfiles.type" in attrs:
                self.doc.graphics_keys.add(attrs["id"])  # yEd's drawings, not attributes
                return
            self.key = GraphMLKey(
                attrs["id"], attrs.get("for", "all"), attrs.get("attr.name", attrs["id"]),
                attrs.get("attr.type", "string"),
            )
            self.doc.keys[self.key.id] = self.key
        elif local == "default" and self.key is not None:
            self.capture, self.text = "default", []
        elif local in ("graph", "node", "edge", "hyperedge"):
            element = GraphMLElement(local, dict(attrs), line)
            getattr(self.doc, f"{local}s").append(element)
            self.open.append(element)
            if local != "graph":
                self.count += 1
                if self.count % 1024 == 0:
                    self.limits.check_count(self.source, self.count)
        elif local == "endpoint" and self.open and self.open[-1].kind == "hyperedge":
            if "node" not in attrs:
                raise self.fail("an <endpoint> has no node")
            self.open[-1].endpoints.append(attrs["node"])
        elif local == "data" and self.open:
            if "key" not in attrs:
                raise self.fail("a <data> element has no key")
            self.capture, self.text = f"data:{attrs['key']}", []

    def chars(self, data: str) -> None:
        if self.capture is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        local = self.tags.pop()
        if self.capture == "label" and name.endswith(" NodeLabel"):
            if self.open[-1].yed_label is None:
                self.open[-1].yed_label = "".join(self.text).strip()
            self.capture = None
        elif local == "default" and self.capture == "default" and self.key is not None:
            self.key.default = "".join(self.text)
            self.capture = None
        elif local == "key":
            self.key = None
        elif local == "data" and self.capture and self.capture.startswith("data:"):
            self.open[-1].texts[self.capture[5:]] = "".join(self.text)
            self.capture = None
        elif local in ("graph", "node", "edge", "hyperedge"):
            self.open.pop()

    def run(self, data: bytes | str) -> GraphMLDocument:
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        try:
            self.parser.Parse(data, True)
        except UnsafeXMLError as error:
            raise self.fail(str(error)) from None
        except expat.ExpatError as error:
            line, message = describe_expat_error(error)
            raise NetworkFileError(self.source, [Finding(f"line {line}", message)]) from None
        except RecursionError:
            raise self.fail("the XML is nested too deeply to be a network file") from None
        except (LookupError, UnicodeError) as error:
            raise self.fail(f"the XML's text cannot be decoded ({error}); save it as UTF-8") from None
        self.limits.check_count(self.source, self.count)
        _convert_values(self.doc)
        return self.doc


def scan_graphml(data: bytes | str, source: str | Path, limits: ImportLimits) -> GraphMLDocument:
    """Parse GraphML ``data`` into raw records.

    Raises
    ------
    NetworkFileError
        On broken or unsafe XML, a root that is not ``<graphml>``, or a file over the limits.

    """
    if isinstance(data, str):
        data = data.encode("utf-8")
        # The text is already decoded: an encoding declaration would mislead expat.
        if data.startswith(b"<?xml"):
            data = data[data.find(b"?>") + 2 :] if b"?>" in data[:200] else data
    return _Scanner(source, limits).run(data)


def _convert(text: str, type_name: str) -> Any:
    if type_name == "boolean":
        word = text.strip().casefold()
        if word in ("true", "1"):
            return True
        if word in ("false", "0"):
            return False
        raise ValueError(f"{text!r} is not true or false")
    convert = _NUMERIC.get(type_name)
    if convert is None:
        return text
    try:
        return convert(text.strip())
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a number of type {type_name}") from None


def _convert_values(doc: GraphMLDocument) -> None:
    """Fill each element's ``values`` by attribute name: declared defaults, then its data."""
    for kind in ("graph", "node", "edge", "hyperedge"):
        keys = [k for k in doc.keys.values() if k.domain in (kind, "all")]
        defaults: dict[str, Any] = {}
        for key in keys:
            if key.default is not None:
                try:
                    defaults[key.name] = _convert(key.default, key.type)
                except ValueError as error:
                    doc.findings.append(Finding(f"key {key.id!r}", f"default {error}", Severity.WARNING))
        for element in getattr(doc, f"{kind}s"):
            element.values = dict(defaults)
            for key_id, text in element.texts.items():
                declared = doc.keys.get(key_id)
                if declared is None and key_id in doc.graphics_keys:
                    continue
                if declared is None:
                    doc.findings.append(Finding(
                        element.where, f"has data for the undeclared key {key_id!r}; ignored",
                        Severity.WARNING,
                    ))
                    continue
                try:
                    element.values[declared.name] = _convert(text, declared.type)
                except ValueError as error:
                    doc.findings.append(Finding(
                        element.where, f"attribute {declared.name!r}: {error}; ignored",
                        Severity.WARNING,
                    ))
