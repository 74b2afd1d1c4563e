"""The network as it stood in a given year of its build-out.

A network file may give each link the year it came into service
(``Link.in_service``). The build-out timeline shows, year by year, which sites
were on the network then and how many independent routes each had: the
diversity of :func:`network_in_service` for that year.

A link without a year cannot be placed in time; it is counted as in service in
every year (the timeline says how many such links there are), so a file with a
few undated links still tells its story rather than none.

>>> from stamnett_gui.domain import Link, Network, Site
>>> net = Network("n", (Site("a", "A", 10, 60), Site("b", "B", 11, 60), Site("c", "C", 12, 60)),
...               (Link("L1", "a", "b", in_service=2015), Link("L2", "b", "c", in_service=2017)),
...               core=frozenset({"a"}))
>>> service_years(net)
[2015, 2017]
>>> [s.id for s in network_in_service(net, 2016).sites]
['a', 'b']
>>> [lk.id for lk in network_in_service(net, 2017).links]
['L1', 'L2']
"""

from __future__ import annotations

from dataclasses import replace

from stamnett_gui.domain import Network


def service_years(network: Network) -> list[int]:
    """The years in which links came into service, in order; empty when no link has a year.

    Parameters
    ----------
    network
        Any network.

    Returns
    -------
    list of int
        Each distinct ``in_service`` year once, earliest first.
    """
    return sorted({lk.in_service for lk in network.links if lk.in_service is not None})


def undated_links(network: Network) -> int:
    """How many links have no ``in_service`` year (shown in every year of the timeline)."""
    return sum(1 for lk in network.links if lk.in_service is None)


def network_in_service(network: Network, year: int) -> Network:
    """The network as it stood at the end of ``year``.

    Parameters
    ----------
    network
        The whole network.
    year
        Links that came into service in this year or before are kept, and
        links without a year (see the module's note).

    Returns
    -------
    Network
        The kept links, the sites they end at and every core site (in the
        original order), with the same name, core, target and risk-group
        descriptions. ``network`` itself when every link is kept.
    """
    links = tuple(lk for lk in network.links if lk.in_service is None or lk.in_service <= year)
    if len(links) == len(network.links):
        return network
    ends = {site for lk in links for site in lk.ends} | network.core
    sites = tuple(s for s in network.sites if s.id in ends)
    return replace(network, sites=sites, links=links)
