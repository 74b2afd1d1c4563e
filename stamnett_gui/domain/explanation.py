"""Why a site has the diversity it has: its routes and its weakest cut, as values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain.report import Measure, Status
from stamnett_gui.domain.scenario import FailureScenario

_NO_NAMES: Mapping[str, str] = MappingProxyType({})

_COUNTED_BY = {
    Measure.EDGE: "routes that share no link",
    Measure.NODE: "routes that share no link and no site on the way",
    Measure.RISK: "the fewest risk groups (each link its own) whose loss cuts it off",
}


@dataclass(frozen=True)
class Route:
    """One route: the sites it passes from start to end, and the links between them.

    >>> Route(("bodo", "fauske"), ("L12",)).hops
    1
    """

    sites: tuple[str, ...]
    links: tuple[str, ...]

    @property
    def hops(self) -> int:
        """Number of links on the route."""
        return len(self.links)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"sites": list(self.sites), "links": list(self.links)}


@dataclass(frozen=True)
class Cut:
    """A set of links, sites and risk groups whose loss together cuts a site off.

    >>> cut = Cut(links=("L12",), groups=("Nordlandsbanen corridor",))
    >>> cut.size, cut.scenario().failed_groups
    (2, frozenset({'Nordlandsbanen corridor'}))
    """

    links: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Number of elements (each link, site and risk group counts one)."""
        return len(self.links) + len(self.sites) + len(self.groups)

    def scenario(self) -> FailureScenario:
        """The failure of everything in the cut."""
        return FailureScenario(frozenset(self.links), frozenset(self.sites), frozenset(self.groups))

    def describe(self, names: Mapping[str, str] = _NO_NAMES) -> str:
        """``"link L12 and risk group 'Nordlandsbanen corridor'"`` (sites by name)."""
        parts = []
        for kind, ids in (("link", self.links), ("site", self.sites), ("risk group", self.groups)):
            if not ids:
                continue
            shown = [f"'{i}'" if kind == "risk group" else names.get(i, i) for i in ids]
            parts.append(f"{kind}{'s' if len(ids) > 1 else ''} {_join(shown)}")
        return _join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"links": list(self.links), "sites": list(self.sites), "groups": list(self.groups)}


@dataclass(frozen=True)
class Explanation:
    """The routes of a site to the core (or to another site) and a smallest cut.

    Attributes
    ----------
    measure, target, scenario
        What was asked.
    source
        The site explained.
    destination
        The other site for a pair; ``None`` for the core.
    diversity
        As in the report: capped at ``target + 1``.
    status
        Compliant, degraded, isolated or failed, against the target.
    routes
        Disjoint routes in the measure's sense (for the risk measure: routes
        that share no link). All of them, not capped.
    cut
        A smallest cut in the measure's elements: links (edge), links and sites
        (node), risk groups and links (risk). Its size is the uncapped diversity.
    names
        Site names by id, for printing.

    """

    measure: Measure
    target: int
    scenario: FailureScenario
    source: str
    destination: str | None
    diversity: int
    status: Status
    routes: tuple[Route, ...] = ()
    cut: Cut = Cut()
    names: Mapping[str, str] = field(default_factory=lambda: _NO_NAMES, compare=False, hash=False)
    note: str = ""

    @property
    def cap(self) -> int:
        """The largest diversity reported; it means "this many or more"."""
        return self.target + 1

    def _name(self, site_id: str | None) -> str:
        if site_id is None:
            return "the core"
        return self.names.get(site_id, site_id)

    def headline(self) -> str:
        """One sentence in planner words."""
        who = self._name(self.source)
        if self.destination is not None:
            who = f"{who} – {self._name(self.destination)}"
        if self.note:
            return f"{who}: {self.note}"
        if self.status is Status.FAILED:
            return f"{who}: down in this scenario."
        where = "between them" if self.destination is not None else "to the core"
        if self.diversity == 0:
            return f"{who}: no route {where} is left (target {self.target})."
        count = f"{self.diversity} or more" if self.diversity >= self.cap else str(self.diversity)
        routes = "route" if self.diversity == 1 else "routes"
        text = f"{who}: {count} independent {routes} {where} (target {self.target})."
        if self.cut.size:
            what = "cut them apart" if self.destination is not None else "isolate it"
            alone = "alone" if self.cut.size == 1 else "together"
            text += f" Losing {self.cut.describe(self.names)} {alone} would {what}."
        return text

    def __str__(self) -> str:
        lines = [self.headline(), f"  counted as {_COUNTED_BY[self.measure]}"]
        for i, route in enumerate(self.routes, 1):
            path = " – ".join(self._name(s) for s in route.sites)
            lines.append(f"  route {i}: {path}  [{', '.join(route.links)}]")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "site": self.source,
            "to": self.destination,
            "measure": self.measure.value,
            "target": self.target,
            "cap": self.cap,
            "diversity": self.diversity,
            "status": self.status.value,
            "routes": [r.to_dict() for r in self.routes],
            "cut": self.cut.to_dict(),
            "summary": self.headline(),
        }


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
