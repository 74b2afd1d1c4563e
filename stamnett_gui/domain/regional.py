"""Results of regional failures: what a disk of some radius takes down, and each site's survival radius."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain.report import Measure
from stamnett_gui.domain.scenario import FailureScenario
from stamnett_gui.domain.sweep import some_names

_NO_NAMES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Disk:
    """A disk on the map: its centre ``(lon, lat)`` and radius in km.

    ``to_dict()`` is the shape of a hazard circle in a scenario file, so a disk
    can be pasted into one.

    >>> Disk((16.5, 68.5), 25).to_dict()
    {'center': [16.5, 68.5], 'radius_km': 25}
    """

    center: tuple[float, float]
    radius_km: float

    def to_dict(self) -> dict[str, Any]:
        """``{"center": [lon, lat], "radius_km": R}``."""
        return {"center": [self.center[0], self.center[1]], "radius_km": self.radius_km}

    def __str__(self) -> str:
        return f"{self.radius_km:g} km around ({self.center[0]:.4f}, {self.center[1]:.4f})"


@dataclass(frozen=True)
class RegionalFailure:
    """One distinct set of links and sites that a disk can take down, and what that does.

    Attributes
    ----------
    disk
        A disk that takes down exactly these links and sites (its centre lies
        well inside the place where every such disk may stand).
    links, sites
        What the disk takes down (on top of the scenario), in network order.
    failed, lost, below_target, isolated
        As for a :class:`~stamnett_gui.domain.sweep.FailureImpact`: sites down
        (the ``sites`` that were up), sites with less diversity, sites that met
        the target and no longer do, sites left with no route.

    """

    disk: Disk
    links: tuple[str, ...]
    sites: tuple[str, ...]
    failed: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    below_target: tuple[str, ...] = ()
    isolated: tuple[str, ...] = ()

    @property
    def severity(self) -> tuple[int, int, int]:
        """Sites below target, isolated, lost: larger is worse."""
        return (len(self.below_target), len(self.isolated), len(self.lost))

    def scenario(self) -> FailureScenario:
        """The failure as a scenario of ids (without the analysis' own scenario)."""
        return FailureScenario(failed_links=frozenset(self.links),
                               failed_sites=frozenset(self.sites))

    def describe(self, names: Mapping[str, str] = _NO_NAMES, *, shown: int = 3) -> str:
        """One line: where the disk stands and what it does."""
        def some(ids: tuple[str, ...]) -> str:
            return some_names(ids, names, shown)

        n = len(self.below_target)
        text = (f"{self.disk}: {len(self.links)} links, {len(self.sites)} sites down; "
                f"{n} site{'' if n == 1 else 's'} below target{some(self.below_target)}, "
                f"{len(self.isolated)} isolated{some(self.isolated)}")
        return text

    def to_dict(self) -> dict[str, Any]:
        """The disk in a scenario file's hazard-circle shape, with the counts and ids."""
        return {
            **self.disk.to_dict(),
            "below_target": len(self.below_target),
            "isolated": len(self.isolated),
            "lost": len(self.lost),
            "sites_below_target": list(self.below_target),
            "sites_isolated": list(self.isolated),
            "links_down": list(self.links),
            "sites_down": list(self.sites),
        }


@dataclass(frozen=True)
class RegionalResult:
    """Every distinct failure a disk of one radius can cause, worst first.

    Attributes
    ----------
    radius_km, measure, target, scenario
        The question asked.
    failures
        One per distinct set of links and sites, most severe first (then
        fewer elements down, then the ids), every set a disk can hit.
    faces
        Number of places (faces of the arrangement) the sets came from.
    straight_links
        Links without route geometry, taken as straight lines between their sites.

    """

    radius_km: float
    measure: Measure
    target: int
    scenario: FailureScenario
    failures: tuple[RegionalFailure, ...]
    faces: int
    straight_links: int = 0
    names: Mapping[str, str] = field(default_factory=lambda: _NO_NAMES, compare=False, hash=False)

    @property
    def critical(self) -> tuple[RegionalFailure, ...]:
        """The failures that push at least one site below target, worst first."""
        return tuple(f for f in self.failures if f.below_target)

    def notes(self) -> list[str]:
        """What the reader should know about the input."""
        if not self.straight_links:
            return []
        n = self.straight_links
        return [f"{n} link{'' if n == 1 else 's'} without route geometry: straight lines between "
                "their sites were used"]

    def headline(self) -> str:
        """One line: what was asked and what was found."""
        return (f"Regional failures of {self.radius_km:g} km ({self.measure.value} measure, "
                f"target {self.target}): {len(self.failures):,} distinct failures, "
                f"{len(self.critical):,} push a site below target")

    def format(self, top: int = 20) -> str:
        """The headline, notes and the ``top`` worst places."""
        lines = [self.headline(), *(f"note: {n}" for n in self.notes())]
        lines += [f"  {f.describe(self.names)}" for f in self.failures[:top]]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, worst first."""
        return {
            "radius_km": self.radius_km,
            "measure": self.measure.value,
            "target": self.target,
            "scenario": self.scenario.to_dict(),
            "distinct_failures": len(self.failures),
            "critical": len(self.critical),
            "straight_links": self.straight_links,
            "notes": self.notes(),
            "worst": [f.to_dict() for f in self.failures],
        }


@dataclass(frozen=True)
class SiteSurvival:
    """A site's survival radius: the smallest disk (to 1 km) that, not covering it, pushes it below target.

    Attributes
    ----------
    site_id, name
        The site.
    radius_km
        Whole km; ``None`` when no disk up to the search's limit does it, or
        the question does not apply (see ``note``).
    disk
        A disk of that radius that leaves the site standing and pushes it below target.
    note
        Why there is no radius: already below target, down, or no position.
    applies
        False when the question does not apply (down, already below target, no
        position); True for a radius, and for a site no disk up to the limit pushes
        below target.

    """

    site_id: str
    name: str
    radius_km: int | None
    disk: Disk | None = None
    note: str = ""
    applies: bool = True

    def to_dict(self) -> dict[str, Any]:
        """``id``, ``survival_radius_km`` and the worst disk as a hazard circle."""
        return {"id": self.site_id, "name": self.name, "survival_radius_km": self.radius_km,
                "disk": None if self.disk is None else self.disk.to_dict(), "note": self.note}


@dataclass(frozen=True)
class SurvivalResult:
    """Every site's survival radius."""

    measure: Measure
    target: int
    scenario: FailureScenario
    sites: tuple[SiteSurvival, ...]
    max_radius_km: int
    radii_examined: tuple[int, ...] = ()
    straight_links: int = 0

    def __getitem__(self, site_id: str) -> SiteSurvival:
        for s in self.sites:
            if s.site_id == site_id:
                return s
        raise KeyError(site_id)

    def headline(self) -> str:
        """One line."""
        known = [s.radius_km for s in self.sites if s.radius_km is not None]
        small = sum(1 for r in known if r <= 5)
        return (f"Survival radius ({self.measure.value} measure, target {self.target}): "
                f"{len(known)} of {len(self.sites)} sites can be pushed below target by a disk "
                f"that leaves them standing, {small} of them by one of 5 km or less")

    def format(self) -> str:
        """A table, smallest radius first."""
        lines = [self.headline()]
        if self.straight_links:
            lines.append(f"note: {self.straight_links} links without route geometry: straight "
                         "lines between their sites were used")
        ordered = sorted(self.sites, key=lambda s: (s.radius_km is None, s.radius_km or 0))
        width = max([len(s.name) for s in self.sites] + [4])
        for s in ordered:
            radius = "-" if s.radius_km is None else f"{s.radius_km} km"
            where = f"  disk {s.disk}" if s.disk else ""
            note = f"  ({s.note})" if s.note else ""
            lines.append(f"  {s.name:<{width}}  {radius:>8}{where}{note}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, sites in network order."""
        return {"measure": self.measure.value, "target": self.target,
                "scenario": self.scenario.to_dict(), "max_radius_km": self.max_radius_km,
                "straight_links": self.straight_links,
                "sites": [s.to_dict() for s in self.sites]}
