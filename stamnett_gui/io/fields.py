"""The site and link fields every tabular reader knows, by name and by value.

CSV headings, GraphML attribute names and GeoJSON property names are matched
against the same lists of common English and Norwegian names, compared after
:func:`normalise_name` (case, accents and punctuation ignored). Values are read
the way spreadsheets write them: decimal commas, ``ja``/``nei``, ``;`` lists.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from stamnett_gui.domain import Link, Site, SiteKind
from stamnett_gui.domain.network import CoordPrecision

#: Accepted names of each site field, most specific first (already normalised).
SITE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "site_id", "siteid", "sted_id", "stedid", "node_id", "nodeid", "kode", "code"),
    "name": ("name", "navn", "site_name", "stedsnavn", "sted", "site", "label", "node"),
    "lat": ("lat", "latitude", "breddegrad", "bredde", "lat_wgs84"),
    "lon": ("lon", "lng", "long", "longitude", "lengdegrad", "lengde", "lon_wgs84"),
    "x": ("x", "east", "easting", "ost", "ostkoordinat", "ost_koordinat"),
    "y": ("y", "north", "northing", "nord", "nordkoordinat", "nord_koordinat"),
    "kind": ("kind", "site_kind", "stedstype", "node_kind"),
    "health_trust": ("health_trust", "helseforetak", "hf", "trust"),
    "region": ("region", "helseregion", "health_region", "rhf"),
    "municipality": ("municipality", "kommune", "kommunenavn"),
    "risk_groups": ("risk_groups", "risk_group", "risikogrupper", "risikogruppe", "srlg"),
    "core": ("core", "kjerne", "is_core", "kjernenode", "core_site", "kjernested"),
}

#: Accepted names of each link field.
LINK_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "link_id", "linkid", "lenke_id", "lenkeid", "circuit_id", "circuit", "samband"),
    "from": ("from", "fra", "a", "site_a", "from_site", "fra_sted", "source", "end_a", "ende_a"),
    "to": ("to", "til", "b", "site_b", "to_site", "til_sted", "target", "end_b", "ende_b"),
    "name": ("name", "navn", "link_name", "lenkenavn"),
    "medium": ("medium", "media", "overforing"),
    "operator": ("operator", "leverandor", "supplier", "carrier", "provider", "eier", "owner"),
    "risk_groups": SITE_FIELDS["risk_groups"],
    "route": ("route", "trase", "trasse", "geometry", "wkt", "geom"),
}

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})

_KINDS: Mapping[str, SiteKind] = {
    **{word: SiteKind.HOSPITAL for word in ("hospital", "sykehus", "sjukehus", "sykehuset")},
    **{word: SiteKind.HUB for word in ("hub", "knutepunkt", "kjernenode", "core")},
    **{
        word: SiteKind.DATA_CENTRE
        for word in ("datacentre", "datacenter", "data_centre", "data_center", "datasenter", "dc")
    },
    **{
        word: SiteKind.JUNCTION
        for word in (
            "junction", "kryss", "skjot", "koplingspunkt", "koblingspunkt", "sentral",
            "exchange", "landing", "kabellanding", "ilandforing", "pop",
        )
    },
}

_TRUE = frozenset({"true", "yes", "ja", "j", "y", "1", "x", "sann", "t"})
_FALSE = frozenset({"false", "no", "nei", "n", "0", "", "usann", "f"})
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_LINESTRING = re.compile(r"\s*LINESTRING\s*(?:Z|M|ZM)?\s*\((?P<points>[^()]*)\)\s*", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """A heading or attribute name folded for matching.

    >>> normalise_name("  Lengde-grad "), normalise_name("Øst koordinat"), normalise_name("Trasé")
    ('lengde_grad', 'ost_koordinat', 'trase')
    """
    folded = name.strip().casefold().translate(_FOLD)
    folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "_", folded).strip("_")


def match_fields(names: Iterable[str], fields: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Which of ``names`` holds each field: ``{field: name as given}``.

    Each name serves at most one field; a field takes the name matching its
    earliest alias. ``lengde_grad`` matches ``lengdegrad`` (underscores are
    ignored in the comparison).

    >>> match_fields(["Navn", "Breddegrad", "Lengdegrad"], SITE_FIELDS)
    {'name': 'Navn', 'lat': 'Breddegrad', 'lon': 'Lengdegrad'}
    """
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalise_name(name).replace("_", ""), name)
    found: dict[str, str] = {}
    used: set[str] = set()
    for field, aliases in fields.items():
        for alias in aliases:
            given = by_key.get(alias.replace("_", ""))
            if given is not None and given not in used:
                found[field] = given
                used.add(given)
                break
    return found


def parse_number(value: Any) -> float | None:
    """A number from a cell: ``None`` when empty; ``ValueError`` when not a finite number.

    Accepts decimal commas, a Unicode minus, spaces as thousands separators and a
    trailing degree sign.

    >>> parse_number("59,91273"), parse_number("−8.5°"), parse_number(" "), parse_number(12)
    (59.91273, -8.5, None, 12.0)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(f"{value!r} is too large") from None
    elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        number = float(value)  # the common case, without the clean-up below
    else:
        text = str(value).strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
        text = text.rstrip("°")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?", text):
            raise ValueError(f"{value!r} is not a number")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def parse_bool(value: Any) -> bool | None:
    """``True``/``False`` from yes/no words in English or Norwegian; ``None`` if neither.

    >>> parse_bool("Ja"), parse_bool("nei"), parse_bool(1), parse_bool("kanskje")
    (True, False, True, None)
    """
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    word = str(value).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def parse_kind(value: Any) -> SiteKind | None:
    """The site kind a word names (``"sykehus"``, ``"datasenter"``...), or ``None``."""
    if not isinstance(value, str):
        return None
    key = normalise_name(value)
    return _KINDS.get(key) or _KINDS.get(key.replace("_", ""))


def parse_risk_groups(value: Any) -> frozenset[str]:
    """Risk-group names from a JSON list, a list, or text separated by ``;`` or ``|``.

    >>> sorted(parse_risk_groups("Trench A; Bridge X|"))
    ['Bridge X', 'Trench A']
    >>> sorted(parse_risk_groups('["a;b", "c"]'))
    ['a;b', 'c']
    """
    if value is None:
        return frozenset()
    if isinstance(value, list | tuple):
        items: list[Any] = list(value)
    else:
        text = str(value).strip()
        if text.startswith("["):
            try:
                loaded = json.loads(text)
            except (ValueError, RecursionError):
                raise ValueError(f"{text[:60]!r} is not a JSON list of risk-group names") from None
            if not isinstance(loaded, list):
                raise ValueError(f"{text[:60]!r} is not a JSON list of risk-group names")
            items = loaded
        else:
            return frozenset(p.strip() for p in re.split(r"[;|]", text) if p.strip())
    if not all(isinstance(item, str) for item in items):
        raise ValueError("risk-group names must be text")
    return frozenset(item for item in items if item)


def format_risk_groups(groups: frozenset[str]) -> str:
    """Risk-group names for one cell: ``a; b`` when that reads back the same, else JSON."""
    names = sorted(groups)
    plain = all(n and n == n.strip() and not re.search(r"[;|]", n) for n in names)
    if plain and not (names and names[0].startswith("[")):
        return "; ".join(names)
    return json.dumps(names, ensure_ascii=False)


def parse_route(value: Any) -> tuple[tuple[float, float], ...]:
    """A route from WKT ``LINESTRING (lon lat, ...)``, a JSON ``[[lon, lat], ...]`` or a list.

    Empty text gives an empty route (unknown, drawn straight).

    >>> parse_route("LINESTRING (10.7 59.9, 5.3 60.4)")
    ((10.7, 59.9), (5.3, 60.4))
    """
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ()
        match = _LINESTRING.fullmatch(text)
        if match:
            points: list[Any] = [p.split() for p in match["points"].split(",") if p.strip()]
        elif text.startswith("["):
            try:
                points = json.loads(text)
            except (ValueError, RecursionError):
                raise ValueError("the route is neither WKT LINESTRING nor JSON coordinates") from None
        else:
            raise ValueError("the route is neither WKT LINESTRING nor JSON coordinates")
    else:
        points = value
    if not isinstance(points, list | tuple):
        raise ValueError("the route must be a list of [lon, lat] points")
    route: list[tuple[float, float]] = []
    for point in points:
        if not isinstance(point, list | tuple) or len(point) < 2:
            raise ValueError("every route point must have a longitude and a latitude")
        lon, lat = parse_number(point[0]), parse_number(point[1])
        if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("route points must be longitude -180..180, latitude -90..90")
        route.append((lon, lat))
    if len(route) == 1:
        raise ValueError("a route needs at least two points")
    return tuple(route)


def format_route_wkt(route: tuple[tuple[float, float], ...]) -> str:
    """A route as WKT with every digit kept (``repr`` of each float); empty for no route."""
    if not route:
        return ""
    return "LINESTRING (" + ", ".join(f"{lon!r} {lat!r}" for lon, lat in route) + ")"


#: The years a link's ``in_service`` may name (as in the project's GeoJSON).
IN_SERVICE_YEARS = range(1850, 2101)


def site_columns(site: Site) -> Mapping[str, Any]:
    """A site's properties with its ``coord_precision``, as a table or GraphML carries them."""
    if site.coord_precision is None:
        return site.properties
    return {**site.properties, "coord_precision": site.coord_precision.value}


def link_columns(link: Link) -> Mapping[str, Any]:
    """A link's properties with its ``in_service`` year, as a table or GraphML carries them."""
    if link.in_service is None:
        return link.properties
    return {**link.properties, "in_service": link.in_service}


def lift_site_fields(site: Site) -> tuple[Site, str | None]:
    """``site`` with a ``coord_precision`` property made its field, and why not when it cannot be.

    >>> site, problem = lift_site_fields(Site("h", "H", 10, 60, properties={"coord_precision": "Place"}))
    >>> site.coord_precision, dict(site.properties), problem
    (<CoordPrecision.PLACE: 'place'>, {}, None)
    """
    if "coord_precision" not in site.properties:
        return site, None
    value = site.properties["coord_precision"]
    text = str(value).strip().lower()
    if text not in {p.value for p in CoordPrecision}:
        return site, (f"coord_precision {value!r} is not building, address or place; kept as "
                      "a property")
    rest = {k: v for k, v in site.properties.items() if k != "coord_precision"}
    return replace(site, coord_precision=CoordPrecision(text), properties=rest), None


def lift_link_fields(link: Link) -> tuple[Link, str | None]:
    """``link`` with an ``in_service`` property made its year, and why not when it cannot be.

    >>> link, problem = lift_link_fields(Link("L1", "a", "b", properties={"in_service": "2019"}))
    >>> link.in_service, dict(link.properties), problem
    (2019, {}, None)
    """
    if "in_service" not in link.properties:
        return link, None
    value = link.properties["in_service"]
    text = str(value).strip()
    year = int(text) if not isinstance(value, bool) and text.isdigit() else None
    if year not in IN_SERVICE_YEARS:
        return link, (f"in_service {value!r} is not a year from {IN_SERVICE_YEARS.start} to "
                      f"{IN_SERVICE_YEARS.stop - 1}; kept as a property")
    rest = {k: v for k, v in link.properties.items() if k != "in_service"}
    return replace(link, in_service=year, properties=rest), None
