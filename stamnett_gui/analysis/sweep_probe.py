"""What one more failure changes, measured in place on a base state and undone afterwards.

A sweep asks the same question thousands of times: "with the base state's
failures in place, fail these few links and sites too: which sites change, and
to what?" :meth:`SiteSolver.derive` answers it by copying every per-site and
per-arc list into a new :class:`State`; on a 5,000-site network that copying,
not the flows, was most of a sweep's time. A :class:`Probe` keeps one
workspace set up for its base state, applies a failure to it, runs the same
update as ``derive`` (same order, same bounds, same certificates, so the same
values), and puts everything back, touching only what the failure touched.

Unlike ``derive`` it does not add the new certificates to the solver's
``users`` and ``dependants`` sets: they are undone with the probe, and within
one update a certificate recorded on the way is never looked up (a site only
leans on sites evaluated before it, and only sites after the one that
changed are revisited).
"""

from __future__ import annotations

import heapq

from stamnett_gui.analysis.evaluation import Evaluation, Workspace
from stamnett_gui.analysis.residual import CORE_LEVEL
from stamnett_gui.analysis.site_values import SiteSolver, State

_NO_LINKS: frozenset[int] = frozenset()
_ZERO = Evaluation(0, _NO_LINKS, (), None)


class Probe:
    """Answers "what changes if these fail too?" against one base state.

    Parameters
    ----------
    solver
        The engine's solver.
    base
        The state every probe starts from; it is left exactly as it was.

    Notes
    -----
    Not thread-safe: a probe borrows ``base``'s lists while it runs.
    """

    def __init__(self, solver: SiteSolver, base: State) -> None:
        self.solver = solver
        self.base = base
        res = solver.residual
        cap0 = res.capacities(base.down_links)
        level = [-1] * res.n_nodes
        for site in solver.order:
            level[res.member_node(site)] = base.value[site]
        self.up_core = [c for c in solver.core if c not in base.down_sites]
        for c in self.up_core:
            level[res.core_node(c)] = CORE_LEVEL
        self.work = Workspace(cap0, list(cap0), level, solver.rank)
        # derive() starts from scratch when at most one core site would be left up.
        self._fallback = len(solver.core) - len(base.down_sites & set(solver.core)) <= 1

    def changes(self, links: frozenset[int], sites: frozenset[int]) -> dict[int, int]:
        """New values of the sites that change when ``links`` and ``sites`` fail as well.

        ``links`` must include the links of ``sites`` (as a scenario key does);
        down sites get ``-1``. Equal to ``solver.derive(base, ...)``'s changes.
        """
        base, solver = self.base, self.solver
        new_sites = sites - base.down_sites
        new_links = links - base.down_links
        if not new_sites and not new_links:
            return {}
        up_core = [c for c in self.up_core if c not in new_sites]
        if len(up_core) <= 1 or self._fallback:
            state = solver.derive(base, base.down_links | new_links, base.down_sites | new_sites)
            return {s: state.value[s] for s in state.changed}
        return self._update(new_links, new_sites, up_core)

    def _update(self, new_links: frozenset[int], new_sites: frozenset[int],
                up_core: list[int]) -> dict[int, int]:
        solver, base, work = self.solver, self.base, self.work
        res, pos = solver.residual, solver.pos
        value, cert, sinks, level = base.value, base.cert, base.sinks, work.level
        saved_sites: dict[int, tuple[int, frozenset[int], tuple[int, ...]]] = {}
        saved_levels: dict[int, int] = {}
        saved_arcs: list[tuple[int, int]] = []

        def set_site(site: int, ev_value: int, ev_cert: frozenset[int],
                     ev_sinks: tuple[int, ...]) -> None:
            if site not in saved_sites:
                saved_sites[site] = (value[site], cert[site], sinks[site])
            value[site], cert[site], sinks[site] = ev_value, ev_cert, ev_sinks

        def set_level(node: int, new: int) -> None:
            if node not in saved_levels:
                saved_levels[node] = level[node]
            level[node] = new

        cap0, cap = work.cap0, work.cap
        try:
            for link in new_links:
                for arc in res.link_arcs(link):
                    if cap0[arc]:
                        saved_arcs.append((arc, cap0[arc]))
                        cap0[arc] = cap[arc] = 0
            changed: list[int] = []
            for site in new_sites:
                set_site(site, -1, _NO_LINKS, ())
                if pos[site] >= 0:
                    set_level(res.member_node(site), -1)
                else:  # a core site: no longer a sink
                    set_level(res.core_node(site), -1)
                changed.append(site)
            bound: dict[int, int] = {}
            for link in new_links:
                for site in solver.users[link]:
                    if value[site] > 0 and link in cert[site]:
                        bound[site] = value[site]
            for c in up_core:
                if c in bound:
                    del bound[c]
                    ev = solver._evaluate_core(work, c, len(up_core))
                    if ev.value != value[c]:
                        changed.append(c)
                    set_site(c, ev.value, ev.cert, sinks[c])
            heap = [(pos[s], s) for s in bound]
            heapq.heapify(heap)
            while heap:
                here, site = heapq.heappop(heap)
                ub = bound.pop(site)
                old = value[site]
                ev = solver.oracle.evaluate(work, site, ub, here) if ub > 0 else _ZERO
                set_site(site, ev.value, ev.cert, ev.sinks)
                set_level(res.member_node(site), ev.value)
                if ev.value == old:
                    continue
                changed.append(site)
                for u in solver.dependants[site]:
                    if pos[u] > here and value[u] > ev.value and site in sinks[u]:
                        _tighten(bound, heap, pos, u, value[u])
                for u in ev.side or ():
                    if pos[u] > here and value[u] > ev.value:
                        _tighten(bound, heap, pos, u, ev.value)
            return {s: value[s] for s in changed}
        finally:
            for site, (old_value, old_cert, old_sinks) in saved_sites.items():
                value[site], cert[site], sinks[site] = old_value, old_cert, old_sinks
            for node, old_level in saved_levels.items():
                level[node] = old_level
            for arc, capacity in saved_arcs:
                cap0[arc] = cap[arc] = capacity


def _tighten(bound: dict[int, int], heap: list[tuple[int, int]], pos: list[int],
             site: int, ub: int) -> None:
    if site in bound:
        bound[site] = min(bound[site], ub)
    else:
        bound[site] = ub
        heapq.heappush(heap, (pos[site], site))
