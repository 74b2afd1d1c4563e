"""Capped unit-capacity max-flow by shortest augmenting paths, and path decomposition.

A flow stops after ``limit`` paths: the diversity is reported capped, so
looking further is wasted work. When it stops short, the flow nodes the
last search reached are the source side of a minimum cut.
"""

from __future__ import annotations

from typing import NamedTuple

from stamnett_gui.analysis.residual import Residual


class Flow(NamedTuple):
    """What one capped flow found.

    Attributes
    ----------
    value
        Number of paths (at most the limit).
    arcs
        The arcs carrying one unit of flow, no order.
    ends
        The sink node where each path ends, one entry per path.
    side
        When ``value`` is below the limit: the flow nodes reachable from the
        source in the final residual graph (the source side of a minimum cut).
        ``None`` when the limit was reached.

    """

    value: int
    arcs: tuple[int, ...]
    ends: tuple[int, ...]
    side: list[int] | None


class Augmenter:
    """Runs capped flows on one :class:`Residual`, reusing its scratch arrays.

    Sinks are given per call by two arrays over flow nodes: node ``v`` is a
    sink when ``level[v] >= need`` and ``rank[v] < src_rank``. ``cap`` is the
    working capacity list; every call leaves it equal to ``cap0`` again.
    """

    def __init__(self, residual: Residual) -> None:
        self.residual = residual
        n = residual.n_nodes
        self._seen = [0] * n
        self._parent = [0] * n
        self._stamp = 0

    def run(
        self,
        cap: list[int],
        cap0: list[int],
        src: int,
        level: list[int],
        rank: list[int],
        need: int,
        src_rank: int,
        limit: int,
    ) -> Flow:
        """Push up to ``limit`` unit paths from ``src`` to the sinks."""
        head = self.residual.head
        adj = self.residual.adj
        seen = self._seen
        parent = self._parent
        touched: list[int] = []
        ends: list[int] = []
        side: list[int] | None = None
        value = 0
        while value < limit:
            self._stamp += 1
            stamp = self._stamp
            seen[src] = stamp
            queue = [src]
            found = -1
            for u in queue:  # the list grows while it is read: a FIFO queue
                for arc in adj[u]:
                    if cap[arc] > 0:
                        v = head[arc]
                        if seen[v] != stamp:
                            seen[v] = stamp
                            parent[v] = arc
                            if level[v] >= need and rank[v] < src_rank:
                                found = v
                                break
                            queue.append(v)
                if found >= 0:
                    break
            if found < 0:
                side = queue
                break
            v = found
            while v != src:
                arc = parent[v]
                cap[arc] -= 1
                cap[arc ^ 1] += 1
                touched.append(arc)
                v = head[arc ^ 1]
            ends.append(found)
            value += 1
        flow_arcs: list[int] = []
        for arc in set(touched):
            if cap[arc] < cap0[arc]:
                flow_arcs.append(arc)
            cap[arc] = cap0[arc]
            cap[arc ^ 1] = cap0[arc ^ 1]
        return Flow(value, tuple(flow_arcs), tuple(ends), side)


def decompose(residual: Residual, src: int, arcs: tuple[int, ...]) -> list[list[int]]:
    """Split a flow from ``src`` into simple paths, each a list of arcs in order.

    Cycles in the flow (possible after augmenting paths cancel each other) are
    dropped, so every returned path visits each flow node at most once.
    """
    head = residual.head
    out: dict[int, list[int]] = {}
    for arc in sorted(arcs):
        out.setdefault(head[arc ^ 1], []).append(arc)
    paths: list[list[int]] = []
    while out.get(src):
        path: list[int] = []
        where: dict[int, int] = {src: 0}
        node = src
        while out.get(node):
            arc = out[node].pop()
            node = head[arc]
            if node in where:  # a cycle: cut it out of the path
                cut = where[node]
                for dropped in path[cut:]:
                    del where[head[dropped]]
                del path[cut:]
                where[node] = cut
            else:
                path.append(arc)
                where[node] = len(path)
        paths.append(path)
    return paths
