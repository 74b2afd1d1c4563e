"""One modelled link as the link tables write it."""

from __future__ import annotations

from typing import NamedTuple

TELENOR, BROADNET = "Telenor", "Broadnet"
BANE_NOR = "Bane NOR (leased fibre)"
STATNETT = "Statnett fibre"


class LinkSpec(NamedTuple):
    """A link between two site ids, following a corridor.

    ``id`` is the link's id in the built file; it stays with the link when
    others are added or removed, so scenarios and workshops that name it keep
    working. ``via`` holds the route's intermediate points as ``(lat, lon)``;
    the route itself starts at site ``a`` and ends at site ``b``. An empty
    ``name`` is filled in from the site names (local links in a town).
    ``detour`` names why a route runs more than twice its straight line
    (empty when it does not).
    """

    id: str
    a: str
    b: str
    name: str
    operator: str
    groups: tuple[str, ...]
    via: tuple[tuple[float, float], ...]
    medium: str
    detour: str = ""


def link(id: str, a: str, b: str, name: str, operator: str, groups: list[str],
         via: list[tuple[float, float]], medium: str = "fibre", detour: str = "") -> LinkSpec:
    """A long-distance link in one or more risk groups."""
    return LinkSpec(id, a, b, name, operator, tuple(groups), tuple(via), medium, detour)


def sea_link(id: str, a: str, b: str, name: str, operator: str, groups: list[str],
             via: list[tuple[float, float]]) -> LinkSpec:
    """A link that is a sea cable for (most of) its length."""
    return link(id, a, b, name, operator, groups, via, medium="sea cable")


def power_link(id: str, a: str, b: str, name: str, operator: str, groups: list[str],
               via: list[tuple[float, float]]) -> LinkSpec:
    """A link on a power line's masts."""
    return link(id, a, b, name, operator, groups, via, medium="power-line fibre")


def local(id: str, a: str, b: str, operator: str,
          via: list[tuple[float, float]] | None = None) -> LinkSpec:
    """A short link inside a town, in no long-distance risk group."""
    return LinkSpec(id, a, b, "", operator, (), tuple(via or ()), "fibre")
