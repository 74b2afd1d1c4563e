"""Residual graphs for counting disjoint paths with unit capacities.

A network becomes integer arrays once: sites are numbered in ``network.sites``
order, links in ``network.links`` order, and every link becomes arcs of
capacity one. Parallel links stay separate arcs, so they count separately (a
merged simple graph, or networkx's multigraph connectivity, would undercount).

Two layouts exist:

``edge``
    One flow node per site. Link ``e`` between ``a`` and ``b`` is the arc pair
    ``2e`` (a→b) and ``2e+1`` (b→a), each of capacity one and each the other's
    reverse: pushing a→b and later b→a cancels, as net flow on an undirected link.
``node``
    Every site is split into an *in* node ``2v`` and an *out* node ``2v+1``
    joined by an arc of capacity one, so at most one path passes through a
    site. Link ``e`` gives arcs ``4e`` (a_out→b_in) and ``4e+2`` (b_out→a_in),
    with reverses ``4e+1`` and ``4e+3`` of capacity zero.

Paths start at a site's *source node* and end at a *sink node*: in the edge
layout both are the site's node; in the node layout a path starts at the out
node, ends at a core site's in node (the core absorbs any number of paths),
or ends at another site's out node, reached through its capacity-one inner
arc (such a site absorbs one path).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from stamnett_gui.domain import Measure, Network

#: A sink level that every required level is below: an up core site.
CORE_LEVEL = 1 << 30


@dataclass(frozen=True, eq=False)
class Residual:
    """The arc arrays of one network in one layout (see the module docstring).

    Attributes
    ----------
    measure
        ``Measure.EDGE`` or ``Measure.NODE`` (the risk measure uses the edge layout).
    site_ids, link_ids
        Ids by index.
    ends
        ``(a, b)`` site indices of each link.
    head
        Head node of each arc; the tail of arc ``x`` is ``head[x ^ 1]``.
    base
        Capacity of each arc in the intact network.
    adj
        Arcs leaving each flow node.
    arc_link
        Link index of each arc, ``-1`` for a site's inner arc.

    """

    measure: Measure
    site_ids: tuple[str, ...]
    link_ids: tuple[str, ...]
    ends: tuple[tuple[int, int], ...]
    head: tuple[int, ...]
    base: tuple[int, ...]
    adj: tuple[tuple[int, ...], ...]
    arc_link: tuple[int, ...]

    @property
    def n_sites(self) -> int:
        """Number of sites."""
        return len(self.site_ids)

    @property
    def n_nodes(self) -> int:
        """Number of flow nodes."""
        return len(self.adj)

    def source_node(self, site: int) -> int:
        """The flow node where paths from ``site`` start."""
        return site if self.measure is Measure.EDGE else 2 * site + 1

    def member_node(self, site: int) -> int:
        """The flow node that marks ``site`` as a sink that is not a core site."""
        return site if self.measure is Measure.EDGE else 2 * site + 1

    def core_node(self, site: int) -> int:
        """The flow node that marks ``site`` as a core sink."""
        return site if self.measure is Measure.EDGE else 2 * site

    def site_of(self, node: int) -> int:
        """The site a flow node belongs to."""
        return node if self.measure is Measure.EDGE else node >> 1

    def link_arcs(self, link: int) -> tuple[int, ...]:
        """Every arc that belongs to ``link``."""
        if self.measure is Measure.EDGE:
            return (2 * link, 2 * link + 1)
        return (4 * link, 4 * link + 1, 4 * link + 2, 4 * link + 3)

    def capacities(self, down_links: frozenset[int]) -> list[int]:
        """Arc capacities with ``down_links`` removed (a fresh list)."""
        cap = list(self.base)
        for link in down_links:
            for arc in self.link_arcs(link):
                cap[arc] = 0
        return cap


def build_residual(network: Network, measure: Measure) -> Residual:
    """Number the sites and links of ``network`` and build the arcs for ``measure``.

    Self-loops carry no path and get capacity zero. A link naming a site the
    network does not have is a ``ValueError``.

    >>> from stamnett_gui.domain import Link, Network, Site
    >>> net = Network("n", (Site("a", "A", 0, 0), Site("b", "B", 1, 0)),
    ...               (Link("L1", "a", "b"), Link("L2", "a", "b")))
    >>> res = build_residual(net, Measure.EDGE)
    >>> res.adj
    ((0, 2), (1, 3))
    """
    index = {site.id: i for i, site in enumerate(network.sites)}
    ends: list[tuple[int, int]] = []
    for link in network.links:
        try:
            ends.append((index[link.a], index[link.b]))
        except KeyError as error:
            raise ValueError(f"link {link.id!r} ends at unknown site {error.args[0]!r}") from None
    n, m = len(network.sites), len(network.links)
    edge = measure is not Measure.NODE
    n_nodes = n if edge else 2 * n
    head: list[int] = []
    base: list[int] = []
    arc_link: list[int] = []
    adj: list[list[int]] = [[] for _ in range(n_nodes)]
    for e, (a, b) in enumerate(ends):
        loop = a == b
        if edge:
            head += [b, a]
            base += [0, 0] if loop else [1, 1]
            arc_link += [e, e]
            if not loop:
                adj[a].append(2 * e)
                adj[b].append(2 * e + 1)
        else:
            a_in, a_out, b_in, b_out = 2 * a, 2 * a + 1, 2 * b, 2 * b + 1
            head += [b_in, a_out, a_in, b_out]
            base += [0, 0, 0, 0] if loop else [1, 0, 1, 0]
            arc_link += [e, e, e, e]
            if not loop:
                arc = 4 * e
                adj[a_out].append(arc)
                adj[b_in].append(arc + 1)
                adj[b_out].append(arc + 2)
                adj[a_in].append(arc + 3)
    if not edge:
        for v in range(n):
            arc = 4 * m + 2 * v
            head += [2 * v + 1, 2 * v]
            base += [1, 0]
            arc_link += [-1, -1]
            adj[2 * v].append(arc)
            adj[2 * v + 1].append(arc + 1)
    return Residual(
        measure=Measure.EDGE if edge else Measure.NODE,
        site_ids=tuple(site.id for site in network.sites),
        link_ids=tuple(link.id for link in network.links),
        ends=tuple(ends),
        head=tuple(head),
        base=tuple(base),
        adj=tuple(tuple(arcs) for arcs in adj),
        arc_link=tuple(arc_link),
    )


def core_distance(residual: Residual, core: list[int]) -> list[int]:
    """Hops from the nearest core site, per site (``n_sites`` for a site that cannot reach one).

    >>> from stamnett_gui.domain import Link, Network, Site
    >>> net = Network("n", tuple(Site(i, i, 0, 0) for i in "abc"),
    ...               (Link("L1", "a", "b"), Link("L2", "b", "c")))
    >>> core_distance(build_residual(net, Measure.EDGE), [0])
    [0, 1, 2]
    """
    n = residual.n_sites
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in residual.ends:
        if a != b:
            neighbours[a].append(b)
            neighbours[b].append(a)
    dist = [n] * n
    for c in core:
        dist[c] = 0
    queue = deque(core)
    while queue:
        u = queue.popleft()
        for v in neighbours[u]:
            if dist[v] > dist[u] + 1:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def node_distance(residual: Residual, site_distance: list[int]) -> list[int]:
    """``site_distance`` spread over the flow nodes of ``residual``."""
    return [site_distance[residual.site_of(v)] for v in range(residual.n_nodes)]
