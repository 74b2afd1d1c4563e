"""Diversity results as immutable values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain.scenario import FailureScenario


class Measure(StrEnum):
    """How independent routes are counted."""

    EDGE = "edge"  #: paths that share no link
    NODE = "node"  #: paths that share no link and no intermediate site
    RISK = "risk"  #: smallest number of risk groups whose failure isolates the site


class Status(StrEnum):
    """A site's standing against the target."""

    COMPLIANT = "compliant"
    DEGRADED = "degraded"
    ISOLATED = "isolated"
    FAILED = "failed"


def classify(diversity: int, target: int, *, failed: bool = False) -> Status:
    """The status of a site with ``diversity`` against ``target``.

    >>> classify(3, 3), classify(2, 3), classify(0, 3)
    (<Status.COMPLIANT: 'compliant'>, <Status.DEGRADED: 'degraded'>, <Status.ISOLATED: 'isolated'>)
    """
    if failed:
        return Status.FAILED
    if diversity >= target:
        return Status.COMPLIANT
    return Status.DEGRADED if diversity > 0 else Status.ISOLATED


@dataclass(frozen=True)
class SiteDiversity:
    """One site's diversity now and in the intact network (both capped)."""

    site_id: str
    name: str
    diversity: int
    baseline: int
    status: Status

    @property
    def lost(self) -> bool:
        """True when the site has less diversity than in the intact network."""
        return self.diversity < self.baseline

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.site_id,
            "name": self.name,
            "diversity": self.diversity,
            "baseline": self.baseline,
            "status": self.status.value,
            "lost": self.lost,
        }


@dataclass(frozen=True)
class DiversityReport:
    """Every site's diversity under one scenario, one measure and one target.

    Values are capped at ``cap`` (= target + 1): with target 3, 4 means "four or more".
    """

    measure: Measure
    target: int
    scenario: FailureScenario
    sites: tuple[SiteDiversity, ...]

    @property
    def cap(self) -> int:
        """The largest value reported; it means "this many or more"."""
        return self.target + 1

    @cached_property
    def by_id(self) -> Mapping[str, SiteDiversity]:
        """Per-site results keyed by site id."""
        return MappingProxyType({s.site_id: s for s in self.sites})

    def __getitem__(self, site_id: str) -> SiteDiversity:
        return self.by_id[site_id]

    @cached_property
    def counts(self) -> Mapping[str, int]:
        """How many sites have each status, and how many lost diversity."""
        counts = {status.value: 0 for status in Status}
        for s in self.sites:
            counts[s.status.value] += 1
        counts["lost"] = sum(1 for s in self.sites if s.lost)
        return MappingProxyType(counts)

    @property
    def lost(self) -> tuple[SiteDiversity, ...]:
        """Sites that lost diversity against the intact network."""
        return tuple(s for s in self.sites if s.lost)

    @property
    def all_compliant(self) -> bool:
        """True when every site meets the target."""
        return all(s.status is Status.COMPLIANT for s in self.sites)

    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        c = self.counts
        return (
            f"{c['lost']} sites lost diversity · {c['compliant']} compliant · "
            f"{c['degraded']} degraded · {c['isolated']} isolated · {c['failed']} failed "
            f"({self.measure.value} measure, target {self.target})"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``target``, ``cap``, ``measure``, ``summary``, ``sites``."""
        return {
            "target": self.target,
            "cap": self.cap,
            "measure": self.measure.value,
            "scenario": self.scenario.to_dict(),
            "summary": dict(self.counts),
            "sites": [s.to_dict() for s in self.sites],
        }

    def __str__(self) -> str:
        width = max((len(s.name) for s in self.sites), default=4)
        lines = [self.summary()]
        for s in self.sites:
            value = f"{s.diversity}+" if s.diversity >= self.cap else str(s.diversity)
            base = f"{s.baseline}+" if s.baseline >= self.cap else str(s.baseline)
            mark = "  LOST" if s.lost else ""
            lines.append(f"  {s.name:<{width}}  {value:>3} (intact {base:>2})  {s.status.value}{mark}")
        return "\n".join(lines)
