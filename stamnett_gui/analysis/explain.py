"""Explanations: the routes a site has and the smallest cut that would isolate it.

Unlike the report, an explanation looks at one site (or one pair) and goes all
the way: every disjoint route to the core, found by shortest augmenting paths,
and a minimum cut read off the last search (the sites it could still reach).
"""

from __future__ import annotations

from dataclasses import dataclass

from stamnett_gui.analysis.augmenting import Augmenter, decompose
from stamnett_gui.analysis.diversity import apply_hazard_areas, check_target, parse_measure
from stamnett_gui.analysis.evaluation import Workspace
from stamnett_gui.analysis.residual import CORE_LEVEL, Residual, build_residual
from stamnett_gui.analysis.risk_search import RiskOracle
from stamnett_gui.domain import FailureScenario, Measure, Network, classify
from stamnett_gui.domain.explanation import Cut, Explanation, Route


@dataclass(frozen=True)
class _Setting:
    network: Network
    scenario: FailureScenario
    measure: Measure
    target: int
    residual: Residual
    down_links: frozenset[int]
    down_sites: frozenset[int]


def _setting(network: Network, scenario: FailureScenario | None, measure: Measure | str,
             target: int | None, site_ids: tuple[str, ...]) -> _Setting:
    scenario = FailureScenario() if scenario is None else scenario
    down = apply_hazard_areas(network, scenario)
    down.check_against(network)
    for site_id in site_ids:
        if site_id not in network.sites_by_id:
            raise ValueError(f"unknown site {site_id!r}")
    m = parse_measure(measure)
    res = build_residual(network, m)
    site_index = {s: i for i, s in enumerate(res.site_ids)}
    link_index = {lk: i for i, lk in enumerate(res.link_ids)}
    return _Setting(
        network, scenario, m, check_target(network.target if target is None else target), res,
        frozenset(link_index[lk] for lk in down.down_links(network)),
        frozenset(site_index[s] for s in down.down_sites(network)),
    )


def explain_site(network: Network, scenario: FailureScenario | None, site_id: str,
                 measure: Measure | str = Measure.EDGE,
                 target: int | None = None) -> Explanation:
    """The routes from a site to the core and a smallest cut that would isolate it.

    Parameters
    ----------
    network, scenario
        The network and what is down (``None``: the intact network).
    site_id
        The site to explain. A core site is explained against the rest of the core.
    measure
        ``"edge"``, ``"node"`` or ``"risk"``.
    target
        Required diversity (default: the network's); the diversity is capped at
        ``target + 1`` as in the report, the routes and the cut are not.

    Returns
    -------
    Explanation
        ``explanation.cut.size`` is the uncapped diversity: losing the cut
        isolates the site, and nothing smaller does.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> sites = (Site("hub", "Hub", 0, 0), Site("m", "Mid", 0, 0), Site("h", "Bodø", 0, 0))
    >>> links = (Link("L1", "hub", "m"), Link("L2", "hub", "m"), Link("L3", "m", "h"),
    ...          Link("L4", "m", "h"))
    >>> net = Network("n", sites, links, core=frozenset({"hub"}))
    >>> print(explain_site(net, None, "h", "node").headline())
    Bodø: 1 independent route to the core (target 3). Losing site Mid alone would isolate it.

    """
    st = _setting(network, scenario, measure, target, (site_id,))
    res = st.residual
    s = res.site_ids.index(site_id)
    core = {res.site_ids.index(c) for c in network.core} - st.down_sites
    sinks = core - {s}
    if s in st.down_sites:
        return _failed(st, site_id, None)
    if not sinks:
        whole = s in core and len(network.core) == 1
        note = ("the only core site: it is the whole core." if whole
                else "no other core site is up to reach." if s in core
                else "no core site is up, so there is no core to reach.")
        value = st.target + 1 if whole else 0
        return Explanation(st.measure, st.target, st.scenario, site_id, None, value,
                           classify(value, st.target), names=_names(st, [site_id]), note=note)
    return _explain(st, s, sinks, None)


def explain_pair(network: Network, scenario: FailureScenario | None, site_a: str, site_b: str,
                 measure: Measure | str = Measure.EDGE,
                 target: int | None = None) -> Explanation:
    """The routes between two sites and a smallest cut that would separate them.

    The core plays no part: routes may pass any site, core sites included.
    With the node measure, each link straight between the two counts as a
    route of its own (it has no site on the way).

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> sites = (Site("bodo", "Bodø", 0, 0), Site("tromso", "Tromsø", 0, 0))
    >>> links = (Link("L1", "bodo", "tromso"), Link("L2", "bodo", "tromso"))
    >>> pair = explain_pair(Network("n", sites, links), None, "bodo", "tromso")
    >>> pair.diversity, [r.links for r in pair.routes]
    (2, [('L1',), ('L2',)])

    """
    if site_a == site_b:
        raise ValueError(f"a pair needs two different sites, not {site_a!r} twice")
    st = _setting(network, scenario, measure, target, (site_a, site_b))
    res = st.residual
    a, b = res.site_ids.index(site_a), res.site_ids.index(site_b)
    if a in st.down_sites or b in st.down_sites:
        return _failed(st, site_a, site_b)
    return _explain(st, a, {b}, site_b)


def _failed(st: _Setting, site: str, other: str | None) -> Explanation:
    return Explanation(st.measure, st.target, st.scenario, site, other, 0,
                       classify(0, st.target, failed=True),
                       names=_names(st, [site] + ([other] if other else [])))


def _names(st: _Setting, site_ids: list[str]) -> dict[str, str]:
    by_id = st.network.sites_by_id
    return {s: by_id[s].name for s in site_ids}


def _explain(st: _Setting, s: int, sinks: set[int], destination: str | None) -> Explanation:
    res = st.residual
    cap0 = res.capacities(st.down_links)
    level = [-1] * res.n_nodes
    for t in sinks:
        level[res.core_node(t)] = CORE_LEVEL
    work = Workspace(cap0, list(cap0), level, [-1] * res.n_nodes)
    src = res.source_node(s)
    flow = Augmenter(res).run(work.cap, cap0, src, level, work.rank, 1, 0, len(res.head))
    routes = tuple(sorted((_route(res, src, path) for path in decompose(res, src, flow.arcs)),
                          key=lambda r: (r.hops, r.links)))
    side = set(flow.side or ())
    if st.measure is Measure.RISK:
        cut = _risk_cut(st, work, s, flow.value, side)
    elif st.measure is Measure.NODE:
        cut = _node_cut(res, cap0, side, keep={s} | sinks)
    else:
        cut = Cut(links=_links_leaving(res, cap0, side))
    value = cut.size
    shown = min(value, st.target + 1)
    on_routes = [site for route in routes for site in route.sites] + list(cut.sites)
    ends = [res.site_ids[s]] + ([destination] if destination else [])
    return Explanation(st.measure, st.target, st.scenario, res.site_ids[s], destination, shown,
                       classify(shown, st.target), routes, cut,
                       names=_names(st, sorted(set(on_routes + ends))))


def _route(res: Residual, src: int, path: list[int]) -> Route:
    sites = [res.site_of(src)]
    for arc in path:
        site = res.site_of(res.head[arc])
        if site != sites[-1]:
            sites.append(site)
    links = tuple(res.link_ids[res.arc_link[a]] for a in path if res.arc_link[a] >= 0)
    return Route(tuple(res.site_ids[i] for i in sites), links)


def _links_leaving(res: Residual, cap0: list[int], side: set[int]) -> tuple[str, ...]:
    links = {res.arc_link[a] for u in side for a in res.adj[u]
             if cap0[a] > 0 and res.arc_link[a] >= 0 and res.head[a] not in side}
    return tuple(res.link_ids[i] for i in sorted(links))


def _node_cut(res: Residual, cap0: list[int], side: set[int], keep: set[int]) -> Cut:
    """Sites whose in node is reached but out node is not, and links leaving the side.

    A cut link into a site that may be lost is named as that site instead
    (losing the site loses the link too): planners think in sites here.
    """
    sites = {v >> 1 for v in side if not v & 1 and v + 1 not in side}
    links: set[int] = set()
    for u in side:
        if u & 1:
            for a in res.adj[u]:
                head = res.head[a]
                if cap0[a] > 0 and res.arc_link[a] >= 0 and head not in side:
                    far = head >> 1
                    if far in keep:
                        links.add(res.arc_link[a])
                    else:
                        sites.add(far)
    return Cut(links=tuple(res.link_ids[i] for i in sorted(links)),
               sites=tuple(res.site_ids[i] for i in sorted(sites)))


def _risk_cut(st: _Setting, work: Workspace, s: int, link_value: int, side: set[int]) -> Cut:
    """The fewest groups: searched below the link-cut size, else the link cut itself."""
    net, res = st.network, st.residual
    names = sorted(net.risk_groups_by_name)
    index = {lk: i for i, lk in enumerate(res.link_ids)}
    groups = []
    for name in names:
        link_ids, site_ids = net.group_members(name)
        members = {index[lk] for lk in link_ids}
        for sid in site_ids:
            members.update(index[lk] for lk in net.links_of(sid))
        groups.append(frozenset(members))
    value, found = RiskOracle(res, groups).smallest_cut(work, s, link_value)
    if found is not None and value < link_value:
        return Cut(links=tuple(res.link_ids[i] for i in found.links),
                   groups=tuple(names[g] for g in found.groups))
    return Cut(links=_links_leaving(res, work.cap0, side))
