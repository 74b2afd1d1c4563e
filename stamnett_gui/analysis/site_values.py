"""Every site's capped diversity, by growing the sink set, and incremental updates.

The idea (for any of the three measures, all of them "the fewest elements
whose loss cuts the site off"): write ``d(v)`` for a site's value. If every
site in a set ``T`` has ``d >= j`` and ``T`` contains the core, then

* ``d(s) >= j`` exactly when no fewer than ``j`` elements cut ``s`` off from
  ``T`` (a cut of fewer than ``j`` elements cannot cut any member of ``T`` off
  from the core, so cutting ``s`` off from the core cuts it off from ``T``);
* and when fewer than ``j`` elements do cut ``s`` off from ``T``, the smallest
  such number *is* ``d(s)``.

So sites are taken in breadth-first order from the core and each one is
evaluated against the sites already known (those with a value ``>= j`` are
sinks): the routes only have to reach a nearby known site, not the core. When
an evaluation falls short with value ``f``, every site on the cut-off side of
its cut has ``d <= f``: a tighter bound for those still to come.

Incremental: a site's answer rests on a certificate (links and sinks). After
more links go down, only sites whose certificate lost a link, or that used a
sink whose value fell below theirs, are evaluated again, in the same order.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from stamnett_gui.analysis.evaluation import Evaluation, Oracle, Workspace
from stamnett_gui.analysis.residual import CORE_LEVEL, Residual, core_distance

_NO_LINKS: frozenset[int] = frozenset()


@dataclass(eq=False)
class State:
    """Every site's value under one set of down links and sites.

    Attributes
    ----------
    down_links, down_sites
        Indices of what is down (a down site's links are in ``down_links``).
    value
        Per site: the capped value, ``-1`` for a down site.
    cert, sinks
        Per site: the certificate of its value (see :mod:`evaluation`).
    changed
        Sites whose value differs from the state this one was derived from
        (every site for a state computed from scratch).

    """

    down_links: frozenset[int]
    down_sites: frozenset[int]
    value: list[int]
    cert: list[frozenset[int]]
    sinks: list[tuple[int, ...]]
    changed: tuple[int, ...] = field(default=())


class SiteSolver:
    """Computes :class:`State` values for one network, measure and cap."""

    def __init__(self, residual: Residual, core: list[int], oracle: Oracle, cap: int) -> None:
        self.residual = residual
        self.core = sorted(set(core))
        self.oracle = oracle
        self.cap = cap
        dist = core_distance(residual, self.core)
        self.order = sorted((s for s in range(residual.n_sites) if dist[s] > 0),
                            key=dist.__getitem__)
        n = residual.n_sites
        self.pos = [-1] * n
        for i, site in enumerate(self.order):
            self.pos[site] = i
        self.rank = [-1] * residual.n_nodes
        for site in self.order:
            for node in {residual.member_node(site), residual.source_node(site)}:
                self.rank[node] = self.pos[site]
        # Which sites' certificates use a link, and which sites used a site as a
        # sink. Supersets: shared by every state and only ever added to; each
        # hit is checked against the state's own certificate.
        self.users: list[set[int]] = [set() for _ in residual.link_ids]
        self.dependants: list[set[int]] = [set() for _ in range(n)]

    def _workspace(self, down_links: frozenset[int]) -> Workspace:
        cap0 = self.residual.capacities(down_links)
        return Workspace(cap0, list(cap0), [-1] * self.residual.n_nodes, self.rank)

    def _record(self, site: int, ev: Evaluation) -> None:
        for link in ev.cert:
            self.users[link].add(site)
        for sink in ev.sinks:
            self.dependants[sink].add(site)

    def _evaluate_core(self, work: Workspace, site: int, up_core: int) -> Evaluation:
        if up_core == 1:  # no rest of the core is up
            whole = len(self.core) == 1  # a one-site core is the whole core
            return Evaluation(self.cap if whole else 0, _NO_LINKS, (), None if whole else [])
        node = self.residual.core_node(site)
        saved = work.level[node]
        work.level[node] = -1
        try:
            return self.oracle.evaluate(work, site, self.cap, 0)
        finally:
            work.level[node] = saved

    def solve(self, down_links: frozenset[int], down_sites: frozenset[int]) -> State:
        """Every site's value from scratch."""
        res, n = self.residual, self.residual.n_sites
        value = [0] * n
        cert = [_NO_LINKS] * n
        sinks: list[tuple[int, ...]] = [()] * n
        for site in down_sites:
            value[site] = -1
        state = State(down_links, down_sites, value, cert, sinks, tuple(range(n)))
        up_core = [c for c in self.core if c not in down_sites]
        if not up_core:  # nothing to reach: every up site is isolated
            return state
        work = self._workspace(down_links)
        for c in up_core:
            work.level[res.core_node(c)] = CORE_LEVEL
        for c in up_core:
            ev = self._evaluate_core(work, c, len(up_core))
            value[c], cert[c] = ev.value, ev.cert
            self._record(c, ev)
        ub = [self.cap] * n
        pos = self.pos
        for site in self.order:
            if value[site] < 0 or ub[site] == 0:
                continue
            ev = self.oracle.evaluate(work, site, ub[site], pos[site])
            value[site], cert[site], sinks[site] = ev.value, ev.cert, ev.sinks
            work.level[res.member_node(site)] = ev.value
            self._record(site, ev)
            if ev.side is not None:
                here = pos[site]
                for u in ev.side:
                    if pos[u] > here and ub[u] > ev.value:
                        ub[u] = ev.value
        return state

    def derive(self, base: State, down_links: frozenset[int], down_sites: frozenset[int]) -> State:
        """The state with more links and sites down than ``base``, updated incrementally.

        ``base.down_links`` and ``base.down_sites`` must be subsets of the new ones.
        """
        if down_links == base.down_links and down_sites == base.down_sites:
            return State(down_links, down_sites, base.value, base.cert, base.sinks, ())
        up_core = [c for c in self.core if c not in down_sites]
        if len(up_core) <= 1 or len(self.core) - len(base.down_sites & set(self.core)) <= 1:
            state = self.solve(down_links, down_sites)
            state.changed = tuple(s for s in range(len(state.value))
                                  if state.value[s] != base.value[s])
            return state
        res = self.residual
        value, cert, sinks = list(base.value), list(base.cert), list(base.sinks)
        work = self._workspace(down_links)
        level, pos = work.level, self.pos
        for site in self.order:
            level[res.member_node(site)] = value[site]
        for c in up_core:
            level[res.core_node(c)] = CORE_LEVEL
        changed: list[int] = []
        for site in down_sites - base.down_sites:
            value[site], cert[site], sinks[site] = -1, _NO_LINKS, ()
            if pos[site] >= 0:
                level[res.member_node(site)] = -1
            changed.append(site)
        lost = down_links - base.down_links
        bound: dict[int, int] = {}
        for link in lost:
            for site in self.users[link]:
                if value[site] > 0 and link in cert[site]:
                    bound[site] = value[site]
        for c in up_core:
            if c in bound:
                del bound[c]
                ev = self._evaluate_core(work, c, len(up_core))
                if ev.value != value[c]:
                    changed.append(c)
                value[c], cert[c] = ev.value, ev.cert
                self._record(c, ev)
        heap = [(pos[s], s) for s in bound]
        heapq.heapify(heap)
        while heap:
            here, site = heapq.heappop(heap)
            ub = bound.pop(site)
            old = value[site]
            ev = self.oracle.evaluate(work, site, ub, here) if ub > 0 else _ZERO
            value[site], cert[site], sinks[site] = ev.value, ev.cert, ev.sinks
            level[res.member_node(site)] = ev.value
            self._record(site, ev)
            if ev.value == old:
                continue
            changed.append(site)
            for u in self.dependants[site]:
                if pos[u] > here and value[u] > ev.value and site in sinks[u]:
                    _tighten(bound, heap, pos, u, value[u])
            for u in ev.side or ():
                if pos[u] > here and value[u] > ev.value:
                    _tighten(bound, heap, pos, u, ev.value)
        return State(down_links, down_sites, value, cert, sinks, tuple(changed))


_ZERO = Evaluation(0, _NO_LINKS, (), None)


def _tighten(bound: dict[int, int], heap: list[tuple[int, int]], pos: list[int],
             site: int, ub: int) -> None:
    if site in bound:
        bound[site] = min(bound[site], ub)
    else:
        bound[site] = ub
        heapq.heappush(heap, (pos[site], site))
