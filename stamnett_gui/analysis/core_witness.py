"""Self-contained certificates: the links a site's diversity rests on, all the way to the core.

The solver's certificates end at nearby sites (sinks), which is fast but makes
a site's answer depend on its sinks'. A *core witness* ends at core sites: if
a failure takes down none of its links, the site keeps at least its diversity,
whatever else happens. The N-2 sweep uses this to skip pairs that cannot
matter.
"""

from __future__ import annotations

from collections.abc import Iterable

from stamnett_gui.analysis.augmenting import Augmenter
from stamnett_gui.analysis.diversity import DiversityEngine
from stamnett_gui.analysis.evaluation import Workspace
from stamnett_gui.analysis.residual import CORE_LEVEL
from stamnett_gui.analysis.risk_search import RiskOracle
from stamnett_gui.analysis.site_values import State

_NONE: frozenset[int] = frozenset()


class CoreWitnesses:
    """Computes core witnesses for sites of an engine's states."""

    def __init__(self, engine: DiversityEngine) -> None:
        self.engine = engine
        self.residual = engine.residual
        self.core = sorted(engine.solver.core)
        oracle = engine.oracle
        self.risk = oracle if isinstance(oracle, RiskOracle) else None
        self.augmenter = Augmenter(self.residual)

    def of(self, state: State, sites: Iterable[int]) -> dict[int, frozenset[int]]:
        """Link indices of a witness for each site (empty: nothing can lower it).

        A witness holds ``state.value[site]`` routes (or, for the risk
        measure, the links of every route the search looked at).
        """
        res = self.residual
        cap0 = res.capacities(state.down_links)
        level = [-1] * res.n_nodes
        up_core = [c for c in self.core if c not in state.down_sites]
        for c in up_core:
            level[res.core_node(c)] = CORE_LEVEL
        work = Workspace(cap0, list(cap0), level, [-1] * res.n_nodes)
        out: dict[int, frozenset[int]] = {}
        for site in sites:
            value = state.value[site]
            if value <= 0 or (site in up_core and len(self.core) == 1):
                out[site] = _NONE
                continue
            node = res.core_node(site)
            saved = level[node]
            level[node] = -1  # a core site's routes go to the rest of the core
            try:
                out[site] = self._witness(work, site, value)
            finally:
                level[node] = saved
        return out

    def _witness(self, work: Workspace, site: int, value: int) -> frozenset[int]:
        if self.risk is not None:
            return self.risk.evaluate(work, site, value, 0).cert
        res = self.residual
        flow = self.augmenter.run(work.cap, work.cap0, res.source_node(site), work.level,
                                  work.rank, 1, 0, value)
        if flow.value < value:
            raise AssertionError(f"site {res.site_ids[site]!r} has fewer routes than its value")
        return frozenset(res.arc_link[a] for a in flow.arcs if res.arc_link[a] >= 0)
