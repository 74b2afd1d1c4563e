"""Failure scenarios: what is down now."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stamnett_gui.domain.network import Network


class UnknownElementError(ValueError):
    """A scenario names a link, site or risk group the network does not have."""


def _ids(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        raise TypeError("give a collection of ids, not a single string")
    return frozenset(values)


@dataclass(frozen=True)
class FailureScenario:
    """The links, sites and risk groups that are down.

    ``FailureScenario()`` is the intact network. A failed site takes its links
    down; a failed risk group takes down every link and site in it. Scenarios
    are values: they compare by content, hash, compose with ``|`` and are
    changed by making a new one.

    >>> s = FailureScenario(failed_links=frozenset({"L1"}))
    >>> (s | FailureScenario(failed_sites=frozenset({"bodo"}))).failed_sites
    frozenset({'bodo'})
    >>> s.toggle_link("L1") == FailureScenario()
    True
    """

    failed_links: frozenset[str] = frozenset()
    failed_sites: frozenset[str] = frozenset()
    failed_groups: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("failed_links", "failed_sites", "failed_groups"):
            object.__setattr__(self, name, _ids(getattr(self, name)))

    @property
    def is_intact(self) -> bool:
        """True when nothing is failed."""
        return not (self.failed_links or self.failed_sites or self.failed_groups)

    def __or__(self, other: FailureScenario) -> FailureScenario:
        return FailureScenario(
            self.failed_links | other.failed_links,
            self.failed_sites | other.failed_sites,
            self.failed_groups | other.failed_groups,
        )

    def toggle_link(self, link_id: str) -> FailureScenario:
        """Fail the link if it is up in this scenario's list, repair it if it is listed."""
        return FailureScenario(self.failed_links ^ {link_id}, self.failed_sites, self.failed_groups)

    def toggle_site(self, site_id: str) -> FailureScenario:
        """Fail or repair a site."""
        return FailureScenario(self.failed_links, self.failed_sites ^ {site_id}, self.failed_groups)

    def toggle_group(self, name: str) -> FailureScenario:
        """Fail or repair a risk group."""
        return FailureScenario(self.failed_links, self.failed_sites, self.failed_groups ^ {name})

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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with sorted id lists."""
        return {
            "failed_links": sorted(self.failed_links),
            "failed_sites": sorted(self.failed_sites),
            "failed_groups": sorted(self.failed_groups),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FailureScenario:
        """Build a scenario from :meth:`to_dict` output; raise ``ValueError`` on bad shape."""
        if not isinstance(data, Mapping):
            raise ValueError("a failure scenario must be a JSON object")
        unknown = set(data) - {"failed_links", "failed_sites", "failed_groups", "name", "description"}
        if unknown:
            raise ValueError(f"unknown scenario field(s): {', '.join(sorted(unknown))}")
        lists: dict[str, frozenset[str]] = {}
        for key in ("failed_links", "failed_sites", "failed_groups"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{key} must be a list of strings")
            lists[key] = frozenset(value)
        return cls(**lists)

    def __str__(self) -> str:
        if self.is_intact:
            return "intact network"
        parts = []
        for label, ids in (("links", self.failed_links), ("sites", self.failed_sites),
                           ("risk groups", self.failed_groups)):
            if ids:
                parts.append(f"{label}: {', '.join(sorted(ids))}")
        return "failed " + "; ".join(parts)
