"""Which properties of a GeoJSON file hold what: the choice the mapping dialog and the options make.

Kept apart from :mod:`stamnett_gui.io.geojson.generic` (which reads a file with a
mapping) and :mod:`stamnett_gui.io.geojson.features` (which turns features into
sites and links), so that both can name it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stamnett_gui.io.fields import LINK_FIELDS, SITE_FIELDS, match_fields

#: Default distance within which a line's end is matched to a site, in metres.
DEFAULT_TOLERANCE_M = 250.0


@dataclass(frozen=True)
class GeoJSONMapping:
    """Which properties of a GeoJSON file hold what.

    A field of ``None`` means the file has no such property: a site's id is then
    the feature's ``id`` member (or a made-up ``site-<n>``), its name its id, a
    link's ends the sites nearest its line's ends (within ``tolerance_m``), and no
    site is marked core.

    Attributes
    ----------
    site_id, site_name
        Properties of Point features holding the site id and name.
    link_id, link_from, link_to
        Properties of LineString features holding the link id and its end site ids
        (or unique site names).
    core
        Property of Point features that is true (``true``, ``yes``, ``ja``, ``1``) for core sites.
    tolerance_m
        Largest distance in metres from a line's end to the site it is matched to.

    """

    site_id: str | None = None
    site_name: str | None = None
    link_id: str | None = None
    link_from: str | None = None
    link_to: str | None = None
    core: str | None = None
    tolerance_m: float = DEFAULT_TOLERANCE_M


@dataclass(frozen=True)
class GeoJSONProperties:
    """What a GeoJSON file holds, for a mapping dialog to offer.

    Attributes
    ----------
    site_properties, link_properties
        Property names of Point and of LineString features, most common first.
    site_count, link_count
        How many Point and LineString features there are.
    skipped
        Counts of features of other geometry types (``{"Polygon": 3}``).

    """

    site_properties: tuple[str, ...]
    link_properties: tuple[str, ...]
    site_count: int
    link_count: int
    skipped: Mapping[str, int]


def suggest_geojson_mapping(properties: GeoJSONProperties) -> GeoJSONMapping:
    """A mapping from common property names (``id``, ``navn``, ``from``/``til``, ``core``...).

    >>> props = GeoJSONProperties(("navn", "kjerne"), ("fra", "til"), 2, 1, {})
    >>> suggest_geojson_mapping(props)
    GeoJSONMapping(site_id=None, site_name='navn', link_id=None, link_from='fra', link_to='til', \
core='kjerne', tolerance_m=250.0)
    """
    site = match_fields(properties.site_properties,
                        {k: SITE_FIELDS[k] for k in ("id", "name", "core")})
    link = match_fields(properties.link_properties,
                        {k: LINK_FIELDS[k] for k in ("id", "from", "to")})
    return GeoJSONMapping(
        site_id=site.get("id"), site_name=site.get("name"), link_id=link.get("id"),
        link_from=link.get("from"), link_to=link.get("to"), core=site.get("core"),
    )
