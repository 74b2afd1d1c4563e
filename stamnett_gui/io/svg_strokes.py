"""SVG that every reader draws alike: stroke widths without ``vector-effect``.

Qt's SVG generator writes a pen whose width is in screen pixels (a *cosmetic* pen: the
map's links, the site markers' outlines) as ``vector-effect="non-scaling-stroke"`` inside
a group that carries the map's transform, whose scale may be a thousandth (map metres to
pixels) or ten (a unit marker shape to its size). Readers that ignore ``vector-effect``
(librsvg, and with it GNOME's viewers and many converters) draw those strokes a thousand
times too thin or ten times too thick. Dividing the width and dashes by the group's scale
and dropping the attribute draws the same everywhere.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_VECTOR_EFFECT = "vector-effect"
_MATRIX = re.compile(r"matrix\(\s*([^)]*)\)")


def _scale(transform: str) -> float:
    """The linear scale of ``matrix(a,b,c,d,e,f)`` (the square root of its determinant's size)."""
    match = _MATRIX.fullmatch(transform.strip())
    if not match:
        return 1.0
    try:
        a, b, c, d = (float(v) for v in re.split(r"[\s,]+", match[1].strip())[:4])
    except ValueError:
        return 1.0
    scale = math.sqrt(abs(a * d - b * c))
    return scale if scale > 0 else 1.0


def _scaled(value: str, factor: float) -> str:
    numbers = [float(v) for v in re.split(r"[\s,]+", value.strip()) if v]
    return ",".join(f"{n * factor:.6g}" for n in numbers)


def portable_strokes(data: bytes) -> bytes:
    """``data`` (an SVG from Qt's generator) with every non-scaling stroke made an ordinary one.

    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><g stroke-width="2" '
    ...        b'transform="matrix(0.5,0,0,0.5,0,0)"><path vector-effect="non-scaling-stroke" '
    ...        b'd="M0,0 L10,0"/></g></svg>')
    >>> out = portable_strokes(svg).decode()
    >>> 'stroke-width="4"' in out, "vector-effect" in out
    (True, False)
    """
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(data)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        children = [c for c in group if c.get(_VECTOR_EFFECT) == "non-scaling-stroke"]
        if not children:
            continue
        factor = 1.0 / _scale(group.get("transform", ""))
        for child in children:
            del child.attrib[_VECTOR_EFFECT]
        if factor == 1.0:
            continue
        if "stroke-width" in group.attrib:
            group.set("stroke-width", _scaled(group.get("stroke-width", "1"), factor))
        else:  # the SVG default width is 1 (in the group's units)
            group.set("stroke-width", f"{factor:.6g}")
        if "stroke-dasharray" in group.attrib:
            group.set("stroke-dasharray", _scaled(group.get("stroke-dasharray", ""), factor))
        if "stroke-dashoffset" in group.attrib:
            group.set("stroke-dashoffset", _scaled(group.get("stroke-dashoffset", "0"), factor))
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body
