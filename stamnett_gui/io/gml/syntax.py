"""The Graph Modelling Language (GML) as text: ``key value`` pairs and ``[ ... ]`` lists.

A small tokenizer and parser with no recursion (nesting is limited) and line
numbers for every record, so a broken file gets a message naming its line. It
counts ``node [`` and ``edge [`` lists as it reads and stops at the limit on
sites and links, so a huge file is refused before it fills the memory.
Strings may hold HTML character references (``&amp;``, ``&#248;``), as the
Topology Zoo and networkx write them; they are decoded.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from stamnett_gui.io.errors import Finding, NetworkFileError
from stamnett_gui.io.limits import ImportLimits

#: Deepest ``[ ... ]`` nesting accepted (a graph file needs three).
MAX_DEPTH = 64

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<newline>\n)
  | (?P<comment>\#[^\n]*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<word>[+-]?[A-Za-z_][A-Za-z0-9_]*)
  | (?P<string>"[^"]*")
  | (?P<open>\[)
  | (?P<close>\])
    """,
    re.VERBOSE,
)

#: The lists that become sites and links, counted against the limit.
_ELEMENTS = frozenset({"node", "edge"})
# Strings and comments are matched first so that a "node [" inside them is not counted.
_ELEMENT_START = re.compile(r'"[^"]*"|#[^\n]*|(?<![A-Za-z0-9_])((?:node|edge)\s*\[)')

GmlValue: TypeAlias = "int | float | str | list[GmlRecord]"


@dataclass(frozen=True, slots=True)  # slots: a million nodes are millions of records
class GmlRecord:
    """One ``key value`` pair and the line it starts on."""

    key: str
    value: GmlValue
    line: int


def _fail(source: str | Path, line: int, message: str) -> NetworkFileError:
    return NetworkFileError(source, [Finding(f"line {line}", message)])


def _number(text: str) -> int | float:
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text) if len(text) < 300 else float(text)
    return float(text)


def parse_gml(text: str, source: str | Path, limits: ImportLimits | None = None) -> list[GmlRecord]:
    """The top-level records of a GML text.

    Raises
    ------
    NetworkFileError
        On anything that is not GML: the message names the line; or as soon as
        the ``node`` and ``edge`` lists read are more than ``limits.max_features``.

    """
    limits = limits or ImportLimits()
    elements = 0
    stack: list[list[GmlRecord]] = [[]]
    opened: list[tuple[str, int]] = []
    key: tuple[str, int] | None = None
    line = 1
    pos = 0
    end = len(text)
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None:
            if text[pos] == '"':
                raise _fail(source, line, "a string that starts here is never closed with '\"'")
            shown = text[pos : pos + 20].split("\n")[0]
            raise _fail(source, line, f"unexpected text {shown!r}; GML has only key value pairs")
        pos = match.end()
        kind = match.lastgroup
        token = match.group()
        if kind == "newline":
            line += 1
            continue
        if kind in ("space", "comment"):
            continue
        if key is None:
            if kind == "close":
                if not opened:
                    raise _fail(source, line, "']' closes a list that was never opened")
                records = stack.pop()
                parent_key, parent_line = opened.pop()
                stack[-1].append(GmlRecord(parent_key, records, parent_line))
                continue
            if kind != "word" or token[0] in "+-":
                raise _fail(source, line, f"expected a key (a word), found {token[:20]!r}")
            key = (token, line)
            continue
        value: GmlValue
        if kind == "number":
            value = _number(token)
        elif kind == "string":
            value = html.unescape(token[1:-1])
            line += token.count("\n")
        elif kind == "word" and token.lstrip("+-").upper() in ("INF", "NAN"):
            value = -math.inf if token.startswith("-") else float(token.lstrip("+-"))
        elif kind == "open":
            if len(opened) >= MAX_DEPTH:
                raise _fail(source, line, f"lists are nested more than {MAX_DEPTH} deep")
            if key[0] in _ELEMENTS:
                elements += 1
                if elements > limits.max_features:
                    limits.check_count(source, elements)
            opened.append(key)
            stack.append([])
            key = None
            continue
        else:
            raise _fail(source, line, f"the key {key[0]!r} has no value (found {token[:20]!r})")
        stack[-1].append(GmlRecord(key[0], value, key[1]))
        key = None
    if key is not None:
        raise _fail(source, key[1], f"the file ends before the key {key[0]!r} has a value")
    if opened:
        key_name, opened_line = opened[-1]
        raise _fail(source, opened_line, f"the list '{key_name} [' is never closed with ']'")
    return stack[0]


def count_elements(text: str) -> int:
    r"""How many ``node [`` and ``edge [`` lists ``text`` holds, found in one fast pass.

    Counts every such list, nested or not, so it is an upper bound on the sites
    and links :func:`parse_gml` reads: refusing an oversized file with it takes a
    second where parsing would take minutes.

    >>> count_elements('graph [ node [ id 1 label "node [" ] # edge [\n edge [ source 1 ] ]')
    2
    """
    return sum(1 for found in _ELEMENT_START.findall(text) if found)
