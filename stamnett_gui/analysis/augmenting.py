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
        head = residual.head
        split = residual.n_nodes != residual.n_sites
        self._adj = residual.adj
        self._directed = toward is not None
        if toward is not None:  # expand the neighbour nearest the sinks first
            key = [-toward[h] for h in head].__getitem__
            # In the node layout only out nodes (odd) choose where to go next.
            self._adj = tuple(tuple(sorted(arcs, key=key)) if v & 1 or not split else arcs
                              for v, arcs in enumerate(residual.adj))
        self._seen = [0] * n
        self._parent = [0] * n
        self._stamp = 0
        # Node layout: the inner arc of in node ``v`` is arc ``inner + v``.
        self._inner_offset = 4 * len(residual.link_ids) if split else -1

    def _dive(self, cap: list[int], src: int, level: list[int], rank: list[int], need: int,
              src_rank: int) -> list[int] | None:
        """A path to a sink at most two sites away, or ``None`` (no search state needed)."""
        head, adj, inner = self.residual.head, self._adj, self._inner_offset
        if inner >= 0:
            return self._dive_split(cap, src, level, rank, need, src_rank)
        for a1 in adj[src]:
            if cap[a1] > 0:
                v = head[a1]
                if level[v] >= need and rank[v] < src_rank:
                    return [a1]
                for a2 in adj[v]:
                    if cap[a2] > 0:
                        t = head[a2]
                        if t != src and level[t] >= need and rank[t] < src_rank:
                            return [a1, a2]
        return None

    def _dive_split(self, cap: list[int], src: int, level: list[int], rank: list[int],
                    need: int, src_rank: int) -> list[int] | None:
        """:meth:`_dive` in the node layout: through idle sites only, by their inner arcs."""
        head, adj, inner = self.residual.head, self._adj, self._inner_offset
        for a1 in adj[src]:
            if cap[a1] > 0:
                w = head[a1]
                if level[w] >= need and rank[w] < src_rank:
                    return [a1]  # a core site
                i1 = inner + w
                if w & 1 or cap[i1] <= 0 or w + 1 == src:
                    continue
                w_out = w + 1
                if level[w_out] >= need and rank[w_out] < src_rank:
                    return [a1, i1]
                for a2 in adj[w_out]:
                    if cap[a2] > 0:
                        x = head[a2]
                        if x & 1 or x + 1 == src:
                            continue
                        if level[x] >= need and rank[x] < src_rank:
                            return [a1, i1, a2]
                        i2 = inner + x
                        if cap[i2] > 0 and level[x + 1] >= need and rank[x + 1] < src_rank:
                            return [a1, i1, a2, i2]
        return None

    def _breadth_first(self, cap: list[int], src: int, level: list[int], rank: list[int],
                       need: int, src_rank: int, stamp: int) -> tuple[int, list[int]]:
        """Shortest augmenting path: ``(sink, _)``, or ``(-1, every node reached)``."""
        head, adj, seen, parent = self.residual.head, self._adj, self._seen, self._parent
        seen[src] = stamp
        queue = [src]
        for u in queue:  # the list grows while it is read: a FIFO queue
            for arc in adj[u]:
                if cap[arc] > 0:
                    v = head[arc]
                    if seen[v] != stamp:
                        seen[v] = stamp
                        parent[v] = arc
                        if level[v] >= need and rank[v] < src_rank:
                            return v, queue
                        queue.append(v)
        return -1, queue

    def _depth_first(self, cap: list[int], src: int, level: list[int], rank: list[int],
                     need: int, src_rank: int, stamp: int) -> tuple[int, list[int]]:
        """Depth first, the neighbour nearest the core first (adjacency is sorted so).

        The nodes reached are only listed when no sink is found, by a second,
        breadth-first search (that is rare, and the list is then small).
        """
        head, adj, seen, parent = self.residual.head, self._adj, self._seen, self._parent
        seen[src] = stamp
        stack = [src]
        while stack:
            for arc in adj[stack.pop()]:
                if cap[arc] > 0:
                    v = head[arc]
                    if seen[v] != stamp:
                        seen[v] = stamp
                        parent[v] = arc
                        if level[v] >= need and rank[v] < src_rank:
                            return v, stack
                        stack.append(v)
        self._stamp += 1
        return self._breadth_first(cap, src, level, rank, need, src_rank, self._stamp)

    def _depth_first_split(self, cap: list[int], src: int, level: list[int], rank: list[int],
                           need: int, src_rank: int, stamp: int) -> tuple[int, list[int]]:
        """:meth:`_depth_first` for the node layout, stepping through idle sites at once.

        A site no path passes through yet has nothing to offer at its in node
        but its inner arc (its other arcs there only undo flow), so the search
        goes straight on to its out node.
        """
        head, adj, seen, parent = self.residual.head, self._adj, self._seen, self._parent
        inner = self._inner_offset
        seen[src] = stamp
        stack = [src]
        while stack:
            for arc in adj[stack.pop()]:
                if cap[arc] > 0:
                    v = head[arc]
                    if seen[v] != stamp:
                        seen[v] = stamp
                        parent[v] = arc
                        if level[v] >= need and rank[v] < src_rank:
                            return v, stack
                        if not v & 1 and cap[inner + v] > 0:  # an idle site's in node
                            w = v + 1
                            if seen[w] != stamp:
                                seen[w] = stamp
                                parent[w] = inner + v
                                if level[w] >= need and rank[w] < src_rank:
                                    return w, stack
                                stack.append(w)
                        else:
                            stack.append(v)
        self._stamp += 1
        return self._breadth_first(cap, src, level, rank, need, src_rank, self._stamp)

    def count_split(self, cap: list[int], cap0: list[int], src: int, level: list[int],
                    rank: list[int], need: int, src_rank: int,
                    limit: int) -> tuple[int, list[int], list[int], list[int] | None]:
        """:meth:`run` for the node layout, lean: ``(value, flow arcs, ends, side)``.

        The flow arcs are the arcs of links (not the sites' inner arcs) that
        carry flow. The value is :meth:`run`'s (every order of augmenting
        paths reaches the same maximum), and so is ``side`` (the source side
        of the smallest minimum cut does not depend on the flow).

        A site no path passes through (an *idle* site) has nothing at its in
        node but its inner arc, so the searches go from a link straight to
        its out node and leave the in node unmarked; the path's inner arc is
        put back when the path is applied.
        """
        head, adj, inner = self.residual.head, self._adj, self._inner_offset
        seen, parent = self._seen, self._parent
        touched: list[int] = []
        ends: list[int] = []
        value = 0
        src_in = src - 1
        # Routes through no site (into a core site) or into a sink next door.
        for a1 in adj[src]:
            if cap[a1] > 0:
                w = head[a1]
                if level[w] >= need and rank[w] < src_rank:
                    cap[a1] -= 1
                    cap[a1 ^ 1] += 1
                    touched.append(a1)
                    ends.append(w)
                    value += 1
                    if value >= limit:
                        break
                elif not w & 1 and w != src_in and cap[inner + w] > 0:
                    x = w + 1
                    if level[x] >= need and rank[x] < src_rank:
                        i1 = inner + w
                        cap[a1] -= 1
                        cap[a1 ^ 1] += 1
                        cap[i1] -= 1
                        cap[i1 ^ 1] += 1
                        touched.append(a1)
                        touched.append(i1)
                        ends.append(x)
                        value += 1
                        if value >= limit:
                            break
        # Routes through one idle site next door.
        if value < limit:
            for a1 in adj[src]:
                if cap[a1] <= 0:
                    continue
                w = head[a1]
                if w & 1 or w == src_in or cap[inner + w] <= 0:
                    continue
                for a2 in adj[w + 1]:
                    if cap[a2] <= 0:
                        continue
                    x = head[a2]
                    if x == src_in:  # back into the source site
                        continue
                    if level[x] >= need and rank[x] < src_rank:
                        end = x
                        path: tuple[int, ...] = (a1, inner + w, a2)
                    elif cap[inner + x] > 0 and level[x + 1] >= need and rank[x + 1] < src_rank:
                        end = x + 1
                        path = (a1, inner + w, a2, inner + x)
                    else:
                        continue
                    for arc in path:
                        cap[arc] -= 1
                        cap[arc ^ 1] += 1
                        touched.append(arc)
                    ends.append(end)
                    value += 1
                    break
                if value >= limit:
                    break
        side: list[int] | None = None
        while value < limit:
            # Depth first, the neighbour nearest the core first (adjacency is sorted so).
            self._stamp += 1
            stamp = self._stamp
            seen[src] = stamp
            stack = [src]
            push, pop = stack.append, stack.pop
            found = -1
            while stack:
                for arc in adj[pop()]:
                    if cap[arc] > 0:
                        v = head[arc]
                        if v & 1:  # an out node, by undoing flow
                            if seen[v] != stamp:
                                seen[v] = stamp
                                parent[v] = arc
                                if level[v] >= need and rank[v] < src_rank:
                                    found = v
                                    break
                                push(v)
                        elif level[v] >= need and rank[v] < src_rank:  # a core site
                            parent[v] = arc
                            found = v
                            break
                        elif cap[inner + v] > 0:  # an idle site: on to its out node
                            w = v + 1
                            if seen[w] != stamp:
                                seen[w] = stamp
                                parent[w] = arc
                                if level[w] >= need and rank[w] < src_rank:
                                    found = w
                                    break
                                push(w)
                        elif seen[v] != stamp:  # a busy site's in node
                            seen[v] = stamp
                            parent[v] = arc
                            push(v)
                if found >= 0:
                    break
            if found < 0:
                self._stamp += 1
                side = self._breadth_first(cap, src, level, rank, need, src_rank,
                                           self._stamp)[1]
                break
            v = found
            while v != src:
                arc = parent[v]
                u = head[arc]
                if u != v:  # entered an idle site: its inner arc too
                    cap[inner + u] -= 1
                    cap[inner + u + 1] += 1
                    touched.append(inner + u)
                cap[arc] -= 1
                cap[arc ^ 1] += 1
                touched.append(arc)
                v = head[arc ^ 1]
            ends.append(found)
            value += 1
        flow: list[int] = []
        for arc in touched:
            even = arc & ~1
            if even < inner and cap[even] < cap0[even]:
                flow.append(even)
        for arc in touched:  # only now: restoring a pair earlier would hide its flow
            even = arc & ~1
            cap[even] = cap0[even]
            cap[even + 1] = cap0[even + 1]
        return value, flow, ends, side

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
        if not self._directed:
            search = self._breadth_first
        elif self._inner_offset < 0:
            search = self._depth_first
        else:
            search = self._depth_first_split
        while value < limit:
            self._stamp += 1
            found, queue = search(cap, src, level, rank, need, src_rank, self._stamp)
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
