"""The risk measure: the fewest risk groups whose failure cuts a site off, found exactly.

Every link is its own group, so for a set ``Q`` of named groups the cheapest
way to finish the job is a minimum link cut of what is left:

    risk(s) = min over Q of  |Q| + links(s, sinks | network without Q)

The search is a branch and bound over ``Q``:

* With a flow ``F`` of ``c`` link-disjoint paths in the network without ``Q``,
  an extension ``Q'`` of ``Q`` that does better must touch more paths of ``F``
  than it has groups (each untouched path still needs one loss of its own), so
  one of its groups touches two paths of ``F`` or more. Only such *wide*
  groups are branched on; in branch ``i`` the groups of branches ``1..i-1``
  are left out, so no set is visited twice.
* Isolating the site means hitting every path of ``F``; the smallest number of
  groups (single links included) that hits all of them is a lower bound, and a
  branch stops when the bound cannot beat the best found.

A named group with a single link is the same as that link and is not branched
on; groups that take down the same links are searched once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stamnett_gui.analysis.augmenting import Augmenter, decompose
from stamnett_gui.analysis.evaluation import Evaluation, Workspace
from stamnett_gui.analysis.residual import Residual


@dataclass(frozen=True)
class GroupCut:
    """A smallest cut for the risk measure: named groups plus single links."""

    groups: tuple[int, ...]
    links: tuple[int, ...]

    @property
    def size(self) -> int:
        """Number of groups, counting each single link as one."""
        return len(self.groups) + len(self.links)


class RiskOracle:
    """Evaluates sites for the risk measure on an edge-layout residual graph.

    Parameters
    ----------
    residual
        Edge layout of the network.
    group_links
        For each named risk group, the link indices it takes down (its own
        links and the links of its sites).
    toward
        Per flow node, the distance to the core (searches head that way first).

    """

    def __init__(self, residual: Residual, group_links: Sequence[frozenset[int]],
                 toward: list[int] | None = None) -> None:
        self.residual = residual
        self.augmenter = Augmenter(residual, toward)
        # One representative per distinct link set with two links or more.
        representative: dict[frozenset[int], int] = {}
        for g, members in enumerate(group_links):
            if len(members) >= 2:
                representative.setdefault(members, g)
        self.group_links: dict[int, tuple[int, ...]] = {
            g: tuple(sorted(members)) for members, g in representative.items()
        }
        self.link_groups: list[list[int]] = [[] for _ in residual.link_ids]
        for g, arcs_links in sorted(self.group_links.items()):
            for link in arcs_links:
                self.link_groups[link].append(g)

    def evaluate(self, work: Workspace, site: int, ub: int, src_rank: int) -> Evaluation:
        """The site's risk value capped at ``ub`` against the workspace's sinks."""
        search = _Search(self, work, site, ub, src_rank, want_cut=False)
        return search.run()

    def smallest_cut(self, work: Workspace, site: int, limit: int) -> tuple[int, GroupCut | None]:
        """The value capped at ``limit``, and a cut of that size when it is below ``limit``."""
        search = _Search(self, work, site, limit, 0, want_cut=True)
        ev = search.run()
        return ev.value, search.best_cut


class _Search:
    def __init__(self, oracle: RiskOracle, work: Workspace, site: int, ub: int, src_rank: int,
                 *, want_cut: bool) -> None:
        self.oracle = oracle
        self.work = work
        self.src = oracle.residual.source_node(site)
        self.ub = ub
        self.src_rank = src_rank
        self.want_cut = want_cut
        self.best = ub
        self.best_side: list[int] | None = None
        self.best_cut: GroupCut | None = None
        self.removed: list[int] = []
        self.cert: set[int] = set()
        self.sinks: set[int] = set()

    def run(self) -> Evaluation:
        if self.ub > 0:
            self._visit(0, frozenset())
        return Evaluation(self.best, frozenset(self.cert), tuple(sorted(self.sinks)),
                          self.best_side)

    def _visit(self, depth: int, excluded: frozenset[int]) -> None:
        budget = self.best - depth
        res, work = self.oracle.residual, self.work
        flow = self.oracle.augmenter.run(work.cap, work.cap0, self.src, work.level, work.rank,
                                         self.ub, self.src_rank, budget)
        arc_link = res.arc_link
        links = [arc_link[a] for a in flow.arcs]
        self.cert.update(links)
        self.sinks.update(v for v in flow.ends if work.rank[v] >= 0)
        if flow.side is not None:  # fewer paths than the budget: a better cut
            self.best = depth + flow.value
            self.best_side = flow.side
            if self.want_cut:
                self.best_cut = GroupCut(tuple(self.removed), self._cut_links(flow.side))
        if depth + 1 >= self.best or not links:
            return
        link_groups = self.oracle.link_groups
        paths = [[arc_link[a] for a in path] for path in decompose(res, self.src, flow.arcs)]
        wide = _wide_groups(paths, link_groups, excluded)
        if not wide or depth + _cover_bound(len(paths), wide) >= self.best:
            return
        candidates = sorted(wide)
        skip = set(excluded)
        for g in candidates:
            if depth + 1 >= self.best:
                break
            downed = self._remove(g)
            try:
                self.removed.append(g)
                self._visit(depth + 1, frozenset(skip))
            finally:
                self.removed.pop()
                self._restore(downed)
            skip.add(g)

    def _remove(self, group: int) -> list[tuple[int, int]]:
        res, work = self.oracle.residual, self.work
        downed: list[tuple[int, int]] = []
        for link in self.oracle.group_links[group]:
            for arc in res.link_arcs(link):
                if work.cap0[arc]:
                    downed.append((arc, work.cap0[arc]))
                    work.cap0[arc] = work.cap[arc] = 0
        return downed

    def _restore(self, downed: list[tuple[int, int]]) -> None:
        work = self.work
        for arc, cap in downed:
            work.cap0[arc] = work.cap[arc] = cap

    def _cut_links(self, side: list[int]) -> tuple[int, ...]:
        res, cap0 = self.oracle.residual, self.work.cap0
        inside = set(side)
        return tuple(sorted({res.arc_link[a] for u in side for a in res.adj[u]
                             if cap0[a] > 0 and res.head[a] not in inside}))


def _wide_groups(paths: list[list[int]], link_groups: list[list[int]],
                 excluded: frozenset[int]) -> dict[int, int]:
    """Groups that touch two paths or more, with the paths they touch as a bit mask."""
    masks: dict[int, int] = {}
    for i, path in enumerate(paths):
        bit = 1 << i
        for link in path:
            for g in link_groups[link]:
                masks[g] = masks.get(g, 0) | bit
    return {g: m for g, m in masks.items() if m & (m - 1) and g not in excluded}


def _cover_bound(n_paths: int, wide: dict[int, int]) -> int:
    """The fewest groups (single links included) that touch all ``n_paths`` paths."""
    choices = set(wide.values()) | {1 << i for i in range(n_paths)}
    full = (1 << n_paths) - 1
    reached = {0}
    steps = 0
    while full not in reached:
        reached = {m | c for m in reached for c in choices}
        steps += 1
    return steps
