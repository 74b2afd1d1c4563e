"""One site's value against a sink set: the step the site solver repeats.

An *evaluation* answers "does this site have at least ``ub`` independent routes
to the sinks, and if not, how many?" and returns a certificate: the links the
answer rests on and the sinks it reached. If none of those links fails and
every sink keeps a value at least the site's, the answer still holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol

from stamnett_gui.analysis.augmenting import Augmenter
from stamnett_gui.analysis.residual import Residual


@dataclass(eq=False)
class Workspace:
    """Arrays one scenario's computation works in.

    Attributes
    ----------
    cap0
        Arc capacities of the scenario (down links at zero).
    cap
        Working capacities; equal to ``cap0`` between flows.
    level
        Per flow node: the value a sink node carries (``CORE_LEVEL`` for an up
        core site, a site's value once known, ``-1`` otherwise).
    rank
        Per flow node: the processing position of the node's site (``-1`` for
        core sites). A site only uses sinks that come before it.

    """

    cap0: list[int]
    cap: list[int]
    level: list[int]
    rank: list[int]


class Evaluation(NamedTuple):
    """The answer for one site.

    Attributes
    ----------
    value
        ``min(true value, ub)``.
    cert
        Link indices the answer rests on.
    sinks
        Indices of the non-core sites used as sinks.
    side
        When ``value < ub``: site indices cut off from the sinks together with
        this site by a cut of ``value`` elements (each has at most ``value``).
        ``None`` otherwise.

    """

    value: int
    cert: frozenset[int]
    sinks: tuple[int, ...]
    side: list[int] | None


class Oracle(Protocol):
    """Evaluates one site against the sinks described by a workspace."""

    def evaluate(self, work: Workspace, site: int, ub: int, src_rank: int) -> Evaluation:
        """The site's value capped at ``ub``, using sinks of rank below ``src_rank``."""
        ...


class FlowOracle:
    """Edge and node measures: a capped max-flow to the sinks."""

    def __init__(self, residual: Residual, toward: list[int] | None = None) -> None:
        self.residual = residual
        self.augmenter = Augmenter(residual, toward)

    def evaluate(self, work: Workspace, site: int, ub: int, src_rank: int) -> Evaluation:
        """Count up to ``ub`` disjoint paths from ``site`` to the sinks."""
        res = self.residual
        if res.n_nodes != res.n_sites:
            value, arcs, ends, side = self.augmenter.count_split(
                work.cap, work.cap0, 2 * site + 1, work.level, work.rank, ub, src_rank, ub)
            arc_link, rank = res.arc_link, work.rank
            return Evaluation(
                value,
                frozenset([arc_link[a] for a in arcs]),
                tuple({v >> 1 for v in ends if rank[v] >= 0}),
                None if side is None else [v >> 1 for v in side if v & 1],
            )
        flow = self.augmenter.run(
            work.cap, work.cap0, res.source_node(site), work.level, work.rank, ub, src_rank, ub
        )
        arc_link = res.arc_link
        cert = frozenset(arc_link[a] for a in flow.arcs if arc_link[a] >= 0)
        rank = work.rank
        sinks = tuple({res.site_of(v) for v in flow.ends if rank[v] >= 0})
        side = flow.side
        if side is not None and res.n_nodes != res.n_sites:
            side = [v >> 1 for v in side if v & 1]  # node layout: a site is cut off with its out node
        return Evaluation(flow.value, cert, sinks, side)
