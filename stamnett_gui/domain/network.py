"""The network as immutable values: sites, links, risk groups.

Words follow the domain glossary: a *site* is a place on the map, a *link* one
transmission connection between two sites (parallel links are allowed and each
counts), a *risk group* a set of links and sites that one event takes down
together, and the *core* the set of sites that every other site must reach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any

#: The diversity that every site must have by NHN's promise.
DEFAULT_TARGET = 3

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class SiteKind(StrEnum):
    """What a site is."""

    HOSPITAL = "hospital"
    HUB = "hub"
    DATA_CENTRE = "datacentre"
    JUNCTION = "junction"


class CoordPrecision(StrEnum):
    """How exact a site's position is."""

    BUILDING = "building"  # on the building itself
    ADDRESS = "address"  # geocoded from the street address
    PLACE = "place"  # the place or neighbourhood only


@dataclass(frozen=True)
class Site:
    """A place on the map.

    Parameters
    ----------
    id
        Unique, stable identifier (used by links, scenarios and files).
    name
        Human-readable name.
    lon, lat
        WGS84 position in degrees.
    kind
        Hospital, hub, data centre or junction.
    health_trust, region, municipality
        Administrative facts shown to planners; empty when unknown.
    risk_groups
        Names of the risk groups the site itself belongs to.
    properties
        Any further attributes from the source file, kept for a lossless round trip.
    coord_precision
        How exact the position is (building, address or place); ``None`` when unknown.

    """

    id: str
    name: str
    lon: float
    lat: float
    kind: SiteKind = SiteKind.HOSPITAL
    health_trust: str = ""
    region: str = ""
    municipality: str = ""
    risk_groups: frozenset[str] = frozenset()
    properties: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False, hash=False)
    coord_precision: CoordPrecision | None = None

    @property
    def position(self) -> tuple[float, float]:
        """The site's ``(lon, lat)``."""
        return (self.lon, self.lat)


@dataclass(frozen=True)
class Link:
    """One transmission connection between two sites.

    Parameters
    ----------
    id
        Unique identifier.
    a, b
        Ids of the two end sites (order carries no meaning: links are undirected).
    route
        The geometry on the ground as ``(lon, lat)`` points, from ``a`` to ``b``.
        Empty means unknown (drawn straight).
    medium
        ``"fibre"``, ``"sea cable"``, ``"radio"``... free text.
    risk_groups
        Names of the risk groups the link runs in (a corridor, a duct, a sea-cable pair).
    name, operator
        Optional descriptive facts.
    properties
        Any further attributes from the source file.
    in_service
        The year the link came into service; ``None`` when unknown.

    """

    id: str
    a: str
    b: str
    route: tuple[tuple[float, float], ...] = ()
    medium: str = "fibre"
    risk_groups: frozenset[str] = frozenset()
    name: str = ""
    operator: str = ""
    properties: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False, hash=False)
    in_service: int | None = None

    @property
    def ends(self) -> tuple[str, str]:
        """The two end site ids."""
        return (self.a, self.b)

    def other_end(self, site_id: str) -> str:
        """The end that is not ``site_id``."""
        return self.b if site_id == self.a else self.a


class RiskKind(StrEnum):
    """What kind of shared risk a group stands for."""

    CORRIDOR = "corridor"
    SEA_CABLE = "sea cable"
    POWER_LINE = "power line"
    RAILWAY = "railway"
    ROAD = "road"
    DUCT = "duct"
    BRIDGE = "bridge"
    SITE = "site"
    OTHER = "other"


@dataclass(frozen=True)
class RiskGroup:
    """A named shared risk: every link and site that carries the name goes down with it."""

    name: str
    kind: RiskKind = RiskKind.OTHER
    description: str = ""


@dataclass(frozen=True)
class Network:
    """A whole network: sites, links, risk groups, core and target.

    Lookups (``site``, ``link``, ``links_of``, ``group_members``) are built once
    on first use; the value itself never changes.
    """

    name: str
    sites: tuple[Site, ...]
    links: tuple[Link, ...]
    core: frozenset[str] = frozenset()
    target: int = DEFAULT_TARGET
    modelled: bool = False
    description: str = ""
    risk_groups: tuple[RiskGroup, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False, hash=False)

    @cached_property
    def sites_by_id(self) -> Mapping[str, Site]:
        """Sites keyed by id."""
        return MappingProxyType({s.id: s for s in self.sites})

    @cached_property
    def links_by_id(self) -> Mapping[str, Link]:
        """Links keyed by id."""
        return MappingProxyType({lk.id: lk for lk in self.links})

    def site(self, site_id: str) -> Site:
        """The site with this id (``KeyError`` if there is none)."""
        return self.sites_by_id[site_id]

    def link(self, link_id: str) -> Link:
        """The link with this id (``KeyError`` if there is none)."""
        return self.links_by_id[link_id]

    @cached_property
    def _links_at(self) -> Mapping[str, tuple[str, ...]]:
        at: dict[str, list[str]] = {s.id: [] for s in self.sites}
        for lk in self.links:
            at.setdefault(lk.a, []).append(lk.id)
            if lk.b != lk.a:
                at.setdefault(lk.b, []).append(lk.id)
        return MappingProxyType({k: tuple(v) for k, v in at.items()})

    def links_of(self, site_id: str) -> tuple[str, ...]:
        """Ids of the links that end at ``site_id``."""
        return self._links_at.get(site_id, ())

    @cached_property
    def risk_groups_by_name(self) -> Mapping[str, RiskGroup]:
        """Every risk group named by the network, a link or a site.

        Groups that links or sites name but the network does not describe get a
        plain entry of kind ``other``.
        """
        groups = {g.name: g for g in self.risk_groups}
        named: list[frozenset[str]] = [lk.risk_groups for lk in self.links]
        named += [s.risk_groups for s in self.sites]
        for names in named:
            for name in sorted(names):
                groups.setdefault(name, RiskGroup(name))
        return MappingProxyType(groups)

    @cached_property
    def _members(self) -> Mapping[str, tuple[frozenset[str], frozenset[str]]]:
        links: dict[str, set[str]] = {name: set() for name in self.risk_groups_by_name}
        sites: dict[str, set[str]] = {name: set() for name in self.risk_groups_by_name}
        for lk in self.links:
            for name in lk.risk_groups:
                links[name].add(lk.id)
        for s in self.sites:
            for name in s.risk_groups:
                sites[name].add(s.id)
        return MappingProxyType(
            {n: (frozenset(links[n]), frozenset(sites[n])) for n in self.risk_groups_by_name}
        )

    def group_members(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """``(link ids, site ids)`` in the risk group ``name``."""
        return self._members[name]
