"""Sweeps: every single failure (N-1) or pair of failures (N-2) of links, sites or risk groups.

Each failure is measured in place on the sweep's base state and undone
(:class:`~stamnett_gui.analysis.sweep_probe.Probe`), so a failure that
touches few sites' routes costs little. Results stream from
:func:`iter_sweep` as they are found; :func:`run_sweep` (or :func:`sweep`)
collects and ranks.

N-2 reports the pairs that *matter*: some site that stays up ends lower than
under either failure alone. A pair ``{x, y}`` can only matter at a site ``s``
if ``y`` takes down a link of a core witness of ``s`` with ``x`` failed (else
those routes survive and ``s`` keeps its value under ``x``), and the same
with ``x`` and ``y`` swapped. Witnesses only change for the sites whose
witness the first failure touched, so the candidate pairs come from a few
routes per site instead of every pair; the tests check that the result
equals a blind loop over all pairs.

With ``workers`` above one, or an ``executor``, the failures are cut into
consecutive pieces that run as plain function calls on a process pool or a
Dask cluster (see :mod:`~stamnett_gui.analysis.executors`); the result is
the same, in the same order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

from stamnett_gui.analysis.core_witness import CoreWitnesses
from stamnett_gui.analysis.diversity import DiversityEngine, ScenarioKey, apply_hazard_areas
from stamnett_gui.analysis.executors import (
    cached,
    check_workers,
    chunked,
    dumps_job,
    forget,
    local_executor,
    run_pieces,
    share,
)
from stamnett_gui.analysis.progress import CancelCheck, ProgressCallback, Steps
from stamnett_gui.analysis.site_values import State
from stamnett_gui.analysis.sweep_probe import Probe
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.sweep import ElementKind, FailureImpact, SweepResult


def parse_kind(of: ElementKind | str) -> ElementKind:
    """``"links"``, ``"sites"`` or ``"groups"`` (singular accepted) as an :class:`ElementKind`."""
    text = str(of.value if isinstance(of, ElementKind) else of).lower()
    for kind in ElementKind:
        if text in (kind.value, kind.plural):
            return kind
    raise ValueError(f"cannot sweep {of!r}: choose links, sites or groups")


@dataclass(frozen=True)
class SweepJob:
    """Everything a worker needs to rebuild a sweep: plain domain values."""

    network: Network
    kind: ElementKind
    measure: Measure
    target: int
    scenario: FailureScenario


class _Sweep:
    """One sweep's engine, base state and elements, with the failure of any of them as a key."""

    def __init__(self, engine: DiversityEngine, kind: ElementKind, scenario: FailureScenario) -> None:
        self.engine, self.kind, self.scenario = engine, kind, scenario
        net = engine.network
        self.base_key = engine.key(scenario)
        self.base = engine.state(self.base_key)
        self.site_ids = engine.residual.site_ids
        site_index = {sid: i for i, sid in enumerate(self.site_ids)}
        link_index = {lid: i for i, lid in enumerate(engine.residual.link_ids)}

        def site_links(sites: frozenset[str]) -> set[int]:
            return {link_index[lk] for s in sites for lk in net.links_of(s)}

        self.parts: list[ScenarioKey] = []  # per element: what it takes down (indices)
        if kind is ElementKind.LINK:
            down = apply_hazard_areas(net, scenario).down_links(net)
            self.elements = [lk.id for lk in net.links if lk.id not in down]
            self.parts = [ScenarioKey(frozenset({link_index[x]}), frozenset())
                          for x in self.elements]
        elif kind is ElementKind.SITE:
            down = apply_hazard_areas(net, scenario).down_sites(net)
            self.elements = [s.id for s in net.sites if s.id not in down]
            self.parts = [ScenarioKey(frozenset(site_links(frozenset({x}))),
                                      frozenset({site_index[x]})) for x in self.elements]
        else:
            self.elements = sorted(set(net.risk_groups_by_name) - scenario.failed_groups)
            for name in self.elements:
                links, sites = net.group_members(name)
                self.parts.append(ScenarioKey(
                    frozenset({link_index[lk] for lk in links} | site_links(sites)),
                    frozenset(site_index[s] for s in sites)))
        self.site_links = [frozenset(link_index[lk] for lk in net.links_of(s.id)) for s in net.sites]
        self.probe = Probe(engine.solver, self.base)
        self._changes: dict[int, dict[int, int]] = {}

    def key(self, *indices: int) -> ScenarioKey:
        """The base key with the elements at ``indices`` down too."""
        links, sites = set(self.base_key.links), set(self.base_key.sites)
        for i in indices:
            links |= self.parts[i].links
            sites |= self.parts[i].sites
        return ScenarioKey(frozenset(links), frozenset(sites))

    def changes(self, i: int) -> dict[int, int]:
        """Site -> new value, for the sites that failing element ``i`` changes (remembered)."""
        found = self._changes.get(i)
        if found is None:
            found = self.probe.changes(self.parts[i].links, self.parts[i].sites)
            self._changes[i] = found
        return found

    def impact(self, elements: tuple[str, ...], value: Callable[[int], int],
               maybe: set[int]) -> FailureImpact:
        """Compare ``value`` with the sweep's base at the sites in ``maybe`` (all others equal)."""
        base, target = self.base.value, self.engine.target
        failed, lost, below, isolated = [], [], [], []
        for s in sorted(maybe):
            old, new = base[s], value(s)
            if new < 0:
                if old >= 0:
                    failed.append(self.site_ids[s])
                continue
            if new < old:
                lost.append(self.site_ids[s])
                if old >= target > new:
                    below.append(self.site_ids[s])
                if new == 0:
                    isolated.append(self.site_ids[s])
        return FailureImpact(self.kind, elements, tuple(failed), tuple(lost), tuple(below),
                             tuple(isolated))

    def failure(self, links: Sequence[int], sites: Sequence[int]) -> FailureImpact:
        """The impact of failing these links and sites (and the sites' links) together."""
        down = set(links)
        for s in sites:
            down |= self.site_links[s]
        new = self.probe.changes(frozenset(down), frozenset(sites))
        base = self.base.value
        return self.impact((), lambda s: new.get(s, base[s]), set(new))

    def single(self, i: int) -> FailureImpact:
        """The impact of element ``i`` alone."""
        new = self.probe.changes(self.parts[i].links, self.parts[i].sites)
        base = self.base.value
        return self.impact((self.elements[i],), lambda s: new.get(s, base[s]), set(new))

    def pairs_with(self, i: int, later: Sequence[int]) -> list[FailureImpact]:
        """The pairs ``(i, j)``, ``j`` in ``later``, that do more than either failure alone."""
        if not later:
            return []
        state_x = self.engine.state(self.key(i), self.base)
        probe_x = Probe(self.engine.solver, state_x)
        base, vx, x = self.base.value, self.changes(i), self.elements[i]
        out = []
        for j in later:
            vy = self.changes(j)
            part = self.parts[j]
            new = probe_x.changes(part.links, part.sites)

            def value(s: int, new: dict[int, int] = new) -> int:
                return new.get(s, state_x.value[s])

            if any(0 <= value(s) < vx.get(s, base[s]) and value(s) < vy.get(s, base[s])
                   for s in new):
                out.append(self.impact((x, self.elements[j]), value, set(new) | vx.keys()))
        return out

    def candidates(self) -> list[list[int]]:
        """For each element, the later elements it may form a pair that matters with."""
        engine, n = self.engine, len(self.elements)
        by_link: dict[int, list[int]] = {}
        for i, part in enumerate(self.parts):
            for link in part.links - self.base_key.links:
                by_link.setdefault(link, []).append(i)

        def touching(witness: frozenset[int]) -> frozenset[int]:
            return frozenset(i for link in witness for i in by_link.get(link, ()))

        witnesses = CoreWitnesses(engine)
        up = [s for s, v in enumerate(self.base.value) if v > 0]
        base_touch = {s: touching(w) for s, w in witnesses.of(self.base, up).items()}
        sites_of: list[list[int]] = [[] for _ in range(n)]  # sites whose witness i touches
        for s, elements in base_touch.items():
            for i in elements:
                sites_of[i].append(s)
        moved: list[dict[int, frozenset[int]]] = []  # element -> site -> touching, with it down
        for i in range(n):
            state: State = engine.state(self.key(i), self.base)
            moved.append({s: touching(w) for s, w in witnesses.of(state, sites_of[i]).items()})
        out: list[set[int]] = [set() for _ in range(n)]
        for s, xs in base_touch.items():
            for y in xs:
                for x in moved[y][s]:
                    if x != y and (x not in xs or y in moved[x][s]):
                        out[min(x, y)].add(max(x, y))
        return [sorted(c) for c in out]


def _build(job: SweepJob) -> _Sweep:
    return _Sweep(DiversityEngine(job.network, job.target, job.measure), job.kind, job.scenario)


def sweep_singles_piece(token: str, blob: bytes, start: int, stop: int) -> list[FailureImpact]:
    """Worker side: the single failures of elements ``start`` to ``stop`` of the sweep ``blob``."""
    lock, sw = cached(token, blob, _build)
    with lock:
        return [sw.single(i) for i in range(start, stop)]


def sweep_pairs_piece(token: str, blob: bytes,
                      rows: Sequence[tuple[int, Sequence[int]]]) -> list[FailureImpact]:
    """Worker side: the pairs that matter among ``(i, later elements)`` rows."""
    lock, sw = cached(token, blob, _build)
    with lock:
        return [impact for i, later in rows for impact in sw.pairs_with(i, later)]


def iter_sweep(network: Network, *, order: int = 1, of: ElementKind | str = ElementKind.LINK,
               measure: Measure | str = Measure.EDGE, target: int | None = None,
               scenario: FailureScenario | None = None,
               progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
               prune: bool = True, executor: Executor | None = None,
               workers: int | None = 1) -> Iterator[FailureImpact]:
    """Stream the impact of every failure, in the network's order of elements.

    Parameters
    ----------
    network
        The network.
    order
        1: each element alone (every element is reported). 2: each pair
        (only the pairs that matter are reported; see the module docstring).
    of
        ``"links"``, ``"sites"`` or ``"groups"``.
    measure, target
        As for :func:`~stamnett_gui.analysis.diversity.assess_diversity`.
    scenario
        What is down already (default: nothing); elements it already fails
        are left out, and impacts are measured against it.
    progress
        Called as ``progress(done, total)`` after each step (after each piece
        when the work runs on an executor).
    cancelled
        Checked before each step; when it returns True the sweep raises
        :class:`~stamnett_gui.analysis.progress.Cancelled` (pieces not yet
        started are cancelled; a process pool the sweep made is shut down).
    prune
        N-2 only: skip the pairs proven not to matter (``False`` checks every
        pair; the answer is the same, only slower).
    executor
        Run the pieces on this :class:`concurrent.futures.Executor` (a Dask
        ``Client.get_executor()``, say); the caller keeps and closes it.
    workers
        Without ``executor``: 1 (default) works in this process; more starts
        a process pool of that many workers for this sweep; ``None`` one per core
        when the sweep is large enough to gain from it.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> sites = (Site("hub", "Hub", 0, 0), Site("h", "Hospital", 0, 0))
    >>> net = Network("n", sites, (Link("L1", "hub", "h"), Link("L2", "hub", "h")),
    ...               core=frozenset({"hub"}))
    >>> [str(i) for i in iter_sweep(net, target=2)]
    ['link L1: 1 site below target (h), 0 isolated, 1 lost diversity', \
'link L2: 1 site below target (h), 0 isolated, 1 lost diversity']
    >>> [i.isolated for i in iter_sweep(net, order=2, target=2)]
    [('h',)]

    """
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")
    check_workers(workers)
    engine = DiversityEngine(network, target, measure)
    job = SweepJob(network, parse_kind(of), engine.measure, engine.target,
                   scenario or FailureScenario())
    sweep = _Sweep(engine, job.kind, job.scenario)
    return _stream(sweep, job, order, progress, cancelled, prune, executor, workers, {})


def _stream(sw: _Sweep, job: SweepJob, order: int, progress: ProgressCallback | None,
            cancelled: CancelCheck | None, prune: bool, executor: Executor | None,
            workers: int | None, tally: dict[str, int]) -> Iterator[FailureImpact]:
    n = len(sw.elements)
    steps = Steps(n if order == 1 else 2 * n, progress, cancelled)
    rows: list[tuple[int, Sequence[int]]] = []
    if order == 2:
        for i in range(n):  # the single failures first: the pairs compare with them
            steps.check()
            sw.changes(i)
            steps.advance()
        candidates = sw.candidates() if prune else [list(range(i + 1, n)) for i in range(n)]
        rows = list(enumerate(candidates))
        tally["examined"] = sum(len(c) for c in candidates)
    else:
        tally["examined"] = n
    if executor is None and check_workers(workers, n if order == 1 else 5 * n) == 1:
        for i in range(n):
            steps.check()
            yield from ([sw.single(i)] if order == 1 else sw.pairs_with(*rows[i]))
            steps.advance()
        return
    n_workers = check_workers(workers)
    own = executor is None
    token, blob = uuid.uuid4().hex, dumps_job(job)
    if own:
        share(token, sw)  # forked workers start with this sweep built
    # This process is one of the workers: a pool of one fewer, fed a few pieces ahead.
    pool = local_executor(n_workers - 1) if executor is None else executor
    try:
        # An executor of unknown size (a cluster) gets pieces enough for eight workers.
        ranges = chunked(range(n), n_workers if own else 8)
        pieces: list[tuple[object, ...]]
        if order == 1:
            pieces = [(token, blob, r.start, r.stop) for r in ranges]  # type: ignore[attr-defined]
            fn: Callable[..., list[FailureImpact]] = sweep_singles_piece
        else:
            pieces = [(token, blob, [rows[i] for i in r]) for r in ranges]
            fn = sweep_pairs_piece

        def done(k: int) -> None:
            for _ in ranges[k]:
                steps.advance()

        for impacts in run_pieces(pool, fn, pieces, cancelled=cancelled, done=done, local=own,
                                  ahead=2 * (n_workers - 1) if own else 0):
            yield from impacts
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
            forget(token)


def run_sweep(network: Network, *, order: int = 1, of: ElementKind | str = ElementKind.LINK,
              measure: Measure | str = Measure.EDGE, target: int | None = None,
              scenario: FailureScenario | None = None,
              progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
              prune: bool = True, executor: Executor | None = None,
              workers: int | None = 1) -> SweepResult:
    """Run a whole sweep (see :func:`iter_sweep`) and return the ranked result."""
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")
    check_workers(workers)
    engine = DiversityEngine(network, target, measure)
    job = SweepJob(network, parse_kind(of), engine.measure, engine.target,
                   scenario or FailureScenario())
    sw = _Sweep(engine, job.kind, job.scenario)
    tally: dict[str, int] = {}
    impacts = tuple(_stream(sw, job, order, progress, cancelled, prune, executor, workers,
                            tally))
    n = len(sw.elements)
    return SweepResult(
        order, sw.kind, engine.measure, engine.target, job.scenario, impacts,
        total=n if order == 1 else n * (n - 1) // 2, examined=tally["examined"],
        names={s.id: s.name for s in network.sites},
    )


#: The sweep under its short name, for the Python API: ``sweep(network, order=1, of="links")``.
sweep = run_sweep
