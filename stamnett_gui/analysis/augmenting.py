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

    def __init__(self, residual: Residual, toward: list[int] | None = None) -> None:
        self.residual = residual
        n = residual.n_nodes
        self._adj = residual.adj
        self._directed = toward is not None
        if toward is not None:  # expand the neighbour nearest the sinks first
            self._adj = tuple(tuple(sorted(arcs, key=lambda a: -toward[residual.head[a]]))
                              for arcs in residual.adj)
        self._seen = [0] * n
        self._parent = [0] * n
        self._stamp = 0
        # Arcs in a shallow dive (deeper dives cost more than they save).
        self._depth = 2

    def _dive(self, cap: list[int], src: int, level: list[int], rank: list[int], need: int,
              src_rank: int) -> list[int] | None:
        """A path of at most ``self._depth`` arcs from ``src`` to a sink, or ``None``."""
        head, adj = self.residual.head, self._adj
        path: list[int] = []
        on_path = {src}

        def down(u: int, left: int) -> bool:
            for arc in adj[u]:
                if cap[arc] > 0:
                    v = head[arc]
                    if v in on_path:
                        continue
                    if level[v] >= need and rank[v] < src_rank:
                        path.append(arc)
                        return True
                    if left > 1:
                        path.append(arc)
                        on_path.add(v)
                        if down(v, left - 1):
                            return True
                        path.pop()
                        on_path.discard(v)
            return False

        return path if down(src, self._depth) else None

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
        adj = self._adj
        directed = self._directed
        seen = self._seen
        parent = self._parent
        touched: list[int] = []
        ends: list[int] = []
        side: list[int] | None = None
        value = 0
        # Most routes end within two sites: take those by a shallow dive
        # first (augmenting paths in any order reach the same maximum).
        while value < limit:
            path = self._dive(cap, src, level, rank, need, src_rank)
            if path is None:
                break
            for arc in path:
                cap[arc] -= 1
                cap[arc ^ 1] += 1
            touched += path
            ends.append(head[path[-1]])
            value += 1
        while value < limit:
            self._stamp += 1
            stamp = self._stamp
            seen[src] = stamp
            queue = [src]
            found = -1
            if directed:  # depth first, nearest-to-the-sinks neighbour first
                stack = [src]
                while stack and found < 0:
                    u = stack.pop()
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
                                stack.append(v)
            else:  # breadth first: shortest paths
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
        pairs = {arc | 1 for arc in touched}  # both arcs of each touched pair
        flow_arcs = tuple(arc for odd in pairs for arc in (odd ^ 1, odd) if cap[arc] < cap0[arc])
        for odd in pairs:  # only now: restoring a pair earlier would hide its flow
            cap[odd] = cap0[odd]
            cap[odd ^ 1] = cap0[odd ^ 1]
        return Flow(value, flow_arcs, tuple(ends), side)


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
