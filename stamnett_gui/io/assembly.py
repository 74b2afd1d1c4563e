"""Building a network from a file's parts, and the result every import returns.

Each reader turns its format's records into :class:`~stamnett_gui.domain.Site`
and :class:`~stamnett_gui.domain.Link` values and hands them to a
:class:`NetworkAssembly`, which settles what every format shares: duplicate ids
(renamed, and said so), link ends named by site name instead of id, links to
sites the file does not have (left out, and said so), the size limit. Nothing
is returned until the whole file has been read, so a file that fails halfway
gives an error and no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain import DEFAULT_TARGET, Link, Network, RiskGroup, Site
from stamnett_gui.io.errors import Finding, Severity
from stamnett_gui.io.fields import lift_link_fields, lift_site_fields
from stamnett_gui.io.limits import ImportLimits


@dataclass(frozen=True)
class ImportResult:
    """A network read from a file, with what the reader found or changed on the way.

    Attributes
    ----------
    network
        The network as read (after the changes the findings describe).
    findings
        Problems in the file and what the reader did about each (renamed a
        duplicate, placed a site, left out a link). Validation of the network
        itself (:func:`stamnett_gui.analysis.validation.validate_network`) comes on top.
    format
        The format the file was read as (a :class:`~stamnett_gui.io.loading.NetworkFormat` value).

    """

    network: Network
    findings: tuple[Finding, ...] = ()
    format: str = ""

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity warning."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)


@dataclass
class _Placed:
    site: Site
    where: str


@dataclass
class NetworkAssembly:
    """Collects a file's sites, links and findings; :meth:`finish` makes the network.

    Parameters
    ----------
    source
        The file, for messages.
    limits
        Size limits; :meth:`add_site` and :meth:`add_link` enforce ``max_features``.

    """

    source: str | Path
    limits: ImportLimits = field(default_factory=ImportLimits)
    findings: list[Finding] = field(default_factory=list)
    core: set[str] = field(default_factory=set)
    _sites: dict[str, _Placed] = field(default_factory=dict)
    _links: dict[str, tuple[Link, str]] = field(default_factory=dict)

    @property
    def site_count(self) -> int:
        """Sites added so far."""
        return len(self._sites)

    def sites(self) -> list[Site]:
        """The sites added so far, in file order."""
        return [placed.site for placed in self._sites.values()]

    def warn(self, where: str, message: str) -> None:
        """Record a warning: the file loads, but something is doubtful or was changed."""
        self.findings.append(Finding(where, message, Severity.WARNING))

    def error(self, where: str, message: str) -> None:
        """Record an error: part of the file cannot be used as it is."""
        self.findings.append(Finding(where, message, Severity.ERROR))

    def _count(self) -> None:
        self.limits.check_count(self.source, len(self._sites) + len(self._links) + 1)

    def add_site(self, site: Site, where: str) -> str | None:
        """Add ``site``; return the id it got, or ``None`` if it repeated an earlier site.

        A site whose id is already taken is left out when it is identical to the
        earlier one, and otherwise renamed ``<id>-2`` (or ``-3``...).
        """
        self._count()
        site, problem = lift_site_fields(site)
        if problem:
            self.warn(where, problem)
        earlier = self._sites.get(site.id)
        if earlier is not None:
            if earlier.site == site:
                self.warn(where, f"repeats site {site.id!r} from {earlier.where}; left out")
                return None
            new_id = _free_id(site.id, self._sites)
            self.warn(
                where,
                f"site id {site.id!r} is already used by {earlier.where}; this site was "
                f"renamed {new_id!r} (links that name {site.id!r} end at the first one)",
            )
            site = replace(site, id=new_id)
        self._sites[site.id] = _Placed(site, where)
        return site.id

    def add_link(self, link: Link, where: str) -> str:
        """Add ``link``; return the id it got (renamed ``<id>-2``... when the id is taken)."""
        self._count()
        link, problem = lift_link_fields(link)
        if problem:
            self.warn(where, problem)
        if link.id in self._links:
            new_id = _free_id(link.id, self._links)
            self.warn(
                where,
                f"link id {link.id!r} is already used by {self._links[link.id][1]}; "
                f"this link was renamed {new_id!r}",
            )
            link = replace(link, id=new_id)
        self._links[link.id] = (link, where)
        return link.id

    def finish(
        self,
        name: str,
        *,
        description: str = "",
        target: int = DEFAULT_TARGET,
        modelled: bool = False,
        risk_groups: Iterable[RiskGroup] = (),
        metadata: Mapping[str, Any] | None = None,
        format: str = "",
        match_names: bool = True,
    ) -> ImportResult:
        """The network and its findings.

        With ``match_names``, link ends that are not site ids but the unique name
        of a site are taken as that site (one finding says how many). Links whose
        ends cannot be found are left out with an error finding; unknown core
        sites are left out of the core with a warning.
        """
        by_name = _unique_names(self.sites()) if match_names else {}
        links: list[Link] = []
        by_name_count = 0
        for link, where in self._links.values():
            ends = []
            for end in (link.a, link.b):
                if end in self._sites:
                    ends.append(end)
                elif end in by_name:
                    ends.append(by_name[end])
                    by_name_count += 1
                elif end.casefold() in by_name:
                    ends.append(by_name[end.casefold()])
                    by_name_count += 1
                else:
                    self.error(
                        where,
                        f"link {link.id!r} ends at {end!r}, which is no site "
                        + ("id or site name " if match_names else "")
                        + "in the file; the link was left out (correct the end or add the site)",
                    )
            if len(ends) == 2:
                links.append(replace(link, a=ends[0], b=ends[1]) if ends != [link.a, link.b] else link)
        if by_name_count:
            self.warn(
                "links",
                f"{by_name_count} link end(s) name a site by its name rather than its id; "
                "they were matched to the site of that name",
            )
        for site_id in sorted(self.core - self._sites.keys()):
            self.warn("core", f"core site {site_id!r} is not in the file; left out of the core")
        network = Network(
            name=name,
            sites=tuple(self.sites()),
            links=tuple(links),
            core=frozenset(self.core & self._sites.keys()),
            target=target,
            modelled=modelled,
            description=description,
            risk_groups=tuple(risk_groups),
            metadata=MappingProxyType(dict(metadata or {})),
        )
        return ImportResult(network, tuple(self.findings), format)


def _free_id(base: str, taken: Mapping[str, object]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _unique_names(sites: list[Site]) -> dict[str, str]:
    """Site name (exact, and case-folded) to id, for names that only one site has."""
    seen: dict[str, list[str]] = {}
    for site in sites:
        for key in {site.name, site.name.casefold()}:
            seen.setdefault(key, []).append(site.id)
    return {name: ids[0] for name, ids in seen.items() if len(set(ids)) == 1 and name}
