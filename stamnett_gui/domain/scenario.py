"""Failure scenarios: what is down now."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from stamnett_gui.domain.hazard import HazardArea, HazardAreaError
from stamnett_gui.domain.network import Network


class UnknownElementError(ValueError):
    """A scenario names a link, site or risk group the network does not have."""


def _ids(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        raise TypeError("give a collection of ids, not a single string")
    return frozenset(values)


@dataclass(frozen=True)
class FailureScenario:
    """The links, sites and risk groups that are down, and the hazard areas drawn.

    ``FailureScenario()`` is the intact network. A failed site takes its links
    down; a failed risk group takes down every link and site in it; an enabled
    hazard area takes down every link crossing it and every site inside it
    (geometry: :func:`stamnett_gui.analysis.hazards.resolve_scenario` turns the
    areas into failed ids; every analysis applies it on entry). Area names are
    unique within a scenario. Scenarios are values: they compare by content,
    hash, compose with ``|`` and are changed by making a new one.

    >>> s = FailureScenario(failed_links=frozenset({"L1"}))
    >>> (s | FailureScenario(failed_sites=frozenset({"bodo"}))).failed_sites
    frozenset({'bodo'})
    >>> s.toggle_link("L1") == FailureScenario()
    True
    """

    failed_links: frozenset[str] = frozenset()
    failed_sites: frozenset[str] = frozenset()
    failed_groups: frozenset[str] = frozenset()
    hazard_areas: tuple[HazardArea, ...] = ()

    def __post_init__(self) -> None:
        for name in ("failed_links", "failed_sites", "failed_groups"):
            object.__setattr__(self, name, _ids(getattr(self, name)))
        areas = tuple(self.hazard_areas)
        if not all(isinstance(a, HazardArea) for a in areas):
            raise TypeError("hazard_areas holds HazardArea values")
        names = [a.name for a in areas]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise HazardAreaError(f"two hazard areas are named {twice[0]!r}; names must differ")
        object.__setattr__(self, "hazard_areas", areas)

    @property
    def is_intact(self) -> bool:
        """True when nothing is failed and no hazard area is switched on."""
        return not (self.failed_links or self.failed_sites or self.failed_groups
                    or self.enabled_areas)

    @property
    def enabled_areas(self) -> tuple[HazardArea, ...]:
        """The hazard areas that are switched on, in order."""
        return tuple(a for a in self.hazard_areas if a.enabled)

    def __or__(self, other: FailureScenario) -> FailureScenario:
        """Everything either scenario fails; on an area name both have, the left one's area."""
        names = {a.name for a in self.hazard_areas}
        return FailureScenario(
            self.failed_links | other.failed_links,
            self.failed_sites | other.failed_sites,
            self.failed_groups | other.failed_groups,
            self.hazard_areas + tuple(a for a in other.hazard_areas if a.name not in names),
        )

    def toggle_link(self, link_id: str) -> FailureScenario:
        """Fail the link if it is up in this scenario's list, repair it if it is listed."""
        return replace(self, failed_links=self.failed_links ^ {link_id})

    def toggle_site(self, site_id: str) -> FailureScenario:
        """Fail or repair a site."""
        return replace(self, failed_sites=self.failed_sites ^ {site_id})

    def toggle_group(self, name: str) -> FailureScenario:
        """Fail or repair a risk group."""
        return replace(self, failed_groups=self.failed_groups ^ {name})

    def area(self, name: str) -> HazardArea:
        """The hazard area called ``name`` (``KeyError`` if there is none)."""
        for a in self.hazard_areas:
            if a.name == name:
                return a
        raise KeyError(name)

    def add_area(self, area: HazardArea) -> FailureScenario:
        """The scenario with ``area`` added last (:class:`HazardAreaError` if the name is taken)."""
        if any(a.name == area.name for a in self.hazard_areas):
            raise HazardAreaError(f"there is already a hazard area named {area.name!r}")
        return replace(self, hazard_areas=(*self.hazard_areas, area))

    def replace_area(self, name: str, area: HazardArea) -> FailureScenario:
        """The scenario with the area ``name`` replaced by ``area`` in the same place.

        ``area`` may carry a new name (a rename) if no other area has it.
        ``KeyError`` when there is no area ``name``.
        """
        self.area(name)
        if area.name != name and any(a.name == area.name for a in self.hazard_areas):
            raise HazardAreaError(f"there is already a hazard area named {area.name!r}")
        return replace(self, hazard_areas=tuple(area if a.name == name else a
                                                for a in self.hazard_areas))

    def remove_area(self, name: str) -> FailureScenario:
        """The scenario without the area ``name`` (``KeyError`` if there is none)."""
        self.area(name)
        return replace(self, hazard_areas=tuple(a for a in self.hazard_areas if a.name != name))

    def toggle_area(self, name: str) -> FailureScenario:
        """Switch the area ``name`` off if it is on, on if it is off."""
        return self.replace_area(name, self.area(name).toggled())

    def without_areas(self) -> FailureScenario:
        """The same failed ids with no hazard areas."""
        return replace(self, hazard_areas=())

    def down_sites(self, network: Network) -> frozenset[str]:
        """Every site that is down: failed itself or in a failed risk group."""
        down = set(self.failed_sites)
        for name in self.failed_groups:
            if name in network.risk_groups_by_name:
                down |= network.group_members(name)[1]
        return frozenset(down)

    def down_links(self, network: Network) -> frozenset[str]:
        """Every link that is down: failed, in a failed group, or ending at a down site."""
        down = set(self.failed_links)
        for name in self.failed_groups:
            if name in network.risk_groups_by_name:
                down |= network.group_members(name)[0]
        for site_id in self.down_sites(network):
            down.update(network.links_of(site_id))
        return frozenset(down)

    def unknown_elements(self, network: Network) -> list[str]:
        """Human-readable descriptions of every id this scenario names that ``network`` lacks."""
        problems = [f"unknown link {i!r}" for i in sorted(self.failed_links - network.links_by_id.keys())]
        problems += [f"unknown site {i!r}" for i in sorted(self.failed_sites - network.sites_by_id.keys())]
        problems += [
            f"unknown risk group {i!r}"
            for i in sorted(self.failed_groups - network.risk_groups_by_name.keys())
        ]
        return problems

    def check_against(self, network: Network) -> None:
        """Raise :class:`UnknownElementError` naming every id the network lacks."""
        problems = self.unknown_elements(network)
        if problems:
            raise UnknownElementError("; ".join(problems))

    def without_unknown(self, network: Network) -> FailureScenario:
        """The scenario less every id ``network`` lacks (see :meth:`unknown_elements`)."""
        return replace(
            self,
            failed_links=self.failed_links & network.links_by_id.keys(),
            failed_sites=self.failed_sites & network.sites_by_id.keys(),
            failed_groups=self.failed_groups & network.risk_groups_by_name.keys(),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with sorted id lists, and ``hazard_areas`` when there are any."""
        data: dict[str, Any] = {
            "failed_links": sorted(self.failed_links),
            "failed_sites": sorted(self.failed_sites),
            "failed_groups": sorted(self.failed_groups),
        }
        if self.hazard_areas:
            data["hazard_areas"] = [a.to_dict() for a in self.hazard_areas]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FailureScenario:
        """Build a scenario from :meth:`to_dict` output; raise ``ValueError`` on bad shape."""
        if not isinstance(data, Mapping):
            raise ValueError("a failure scenario must be a JSON object")
        unknown = set(data) - {"failed_links", "failed_sites", "failed_groups", "hazard_areas",
                               "name", "description"}
        if unknown:
            raise ValueError(f"unknown scenario field(s): {', '.join(sorted(unknown))}")
        lists: dict[str, frozenset[str]] = {}
        for key in ("failed_links", "failed_sites", "failed_groups"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{key} must be a list of strings")
            lists[key] = frozenset(value)
        areas = data.get("hazard_areas", [])
        if not isinstance(areas, list):
            raise ValueError("hazard_areas must be a list")
        return cls(**lists, hazard_areas=tuple(HazardArea.from_dict(a) for a in areas))

    def __str__(self) -> str:
        if self.is_intact and not self.hazard_areas:
            return "intact network"
        parts = []
        for label, ids in (("links", self.failed_links), ("sites", self.failed_sites),
                           ("risk groups", self.failed_groups)):
            if ids:
                parts.append(f"{label}: {', '.join(sorted(ids))}")
        if self.hazard_areas:
            parts.append("hazard areas: " + ", ".join(
                a.name + ("" if a.enabled else " (off)") for a in self.hazard_areas))
        return "failed " + "; ".join(parts)
