"""Diversity between every pair of sites: the weakest pairs and how many fall short of the target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain.scenario import FailureScenario

_NO_NAMES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class PairDiversity:
    """Link-disjoint routes between two sites (every link counts, parallel links too)."""

    a: str
    b: str
    routes: int

    def to_dict(self) -> dict[str, Any]:
        """``{"a": id, "b": id, "routes": n}``."""
        return {"a": self.a, "b": self.b, "routes": self.routes}


@dataclass(frozen=True)
class PairsResult:
    """Every pair's count, held as a flow-equivalent tree, with the weakest pairs listed.

    Attributes
    ----------
    target, scenario
        The question asked (the edge measure: routes that share no link).
    sites
        The sites that are up, in network order.
    tree
        ``(site, parent, routes)`` per site but the first: the value of any pair
        is the smallest ``routes`` on the tree path between them.
    pairs, below_target
        Number of pairs of sites that are up, and of those with fewer routes than the target.
    weakest
        The pairs below target, fewest routes first (at most the number asked for).

    """

    target: int
    scenario: FailureScenario
    sites: tuple[str, ...]
    tree: tuple[tuple[str, str, int], ...]
    pairs: int
    below_target: int
    weakest: tuple[PairDiversity, ...]
    names: Mapping[str, str] = field(default_factory=lambda: _NO_NAMES, compare=False, hash=False)

    def routes(self, a: str, b: str) -> int:
        """Link-disjoint routes between sites ``a`` and ``b`` (``KeyError`` if one is not up)."""
        for site in (a, b):
            if site not in self.sites:
                raise KeyError(site)
        if a == b:
            raise ValueError("give two different sites")
        adjacent: dict[str, list[tuple[str, int]]] = {}
        for site, parent, value in self.tree:
            adjacent.setdefault(site, []).append((parent, value))
            adjacent.setdefault(parent, []).append((site, value))
        stack, seen = [(a, -1)], {a}
        while stack:
            here, least = stack.pop()
            if here == b:
                return least
            for there, value in adjacent.get(here, ()):
                if there not in seen:
                    seen.add(there)
                    stack.append((there, value if least < 0 else min(least, value)))
        return 0

    def headline(self) -> str:
        """One line."""
        return (f"Between all points (edge measure, target {self.target}): {self.below_target:,} of "
                f"{self.pairs:,} pairs of sites have fewer than {self.target} independent routes")

    def format(self, top: int = 20) -> str:
        """The headline and the ``top`` weakest pairs."""
        lines = [self.headline()]
        for p in self.weakest[:top]:
            lines.append(f"  {self.names.get(p.a, p.a)} – {self.names.get(p.b, p.b)}: "
                         f"{p.routes} route{'' if p.routes == 1 else 's'}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"measure": "edge", "target": self.target, "scenario": self.scenario.to_dict(),
                "pairs": self.pairs, "below_target": self.below_target,
                "weakest": [p.to_dict() for p in self.weakest]}
