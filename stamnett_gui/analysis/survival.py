"""Survival radius: per site, the smallest disk that leaves it standing yet pushes it below target.

For a radius ``R``, the regional failures of ``R`` (:mod:`.regional`) list
every set of links and sites a disk can take down; a site ``s`` *falls* at
``R`` when one of those sets leaves ``s`` standing and pushes it below
target. Falling is monotone in ``R``: a disk of ``R`` that does it sits
inside a disk of ``R + d`` moved ``d`` away from ``s``, which leaves ``s``
standing too and takes down at least as much. So each site's radius is
found by doubling ``R`` until it falls, then bisecting to the whole km.
Sites in the same bracket share their radii, so the arrangements computed
are few. At each radius only the maximal sets are assessed (no other set
holds their links with the same sites down): a subset can do no more harm.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor

from stamnett_gui.analysis.progress import CancelCheck, ProgressCallback
from stamnett_gui.analysis.regional import (
    Evaluator,
    HitSet,
    check_radius,
    hit_sets,
    map_shapes,
    to_lonlat,
)
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.regional import Disk, SiteSurvival, SurvivalResult

#: Verdict at one radius: per site index that falls, the witness centre (map metres).
Falls = dict[int, tuple[float, float]]


def maximal_sets(sets: Sequence[HitSet]) -> list[int]:
    """Indices of the sets no other set contains with the same sites down, in order.

    Failing more links never raises a site's diversity, so a set whose links are a
    strict subset of another's, with the same sites down, pushes no standing site
    below target that the larger one does not (nor isolates or lowers one), and
    ranks no worse: only the maximal sets need assessing.

    >>> maximal_sets([((1,), ()), ((1, 2), ()), ((2, 3), ()), ((), (0,)), ((1, 2, 3), (0,)), ((), (5,))])
    [1, 2, 4, 5]
    """
    holding: dict[tuple[tuple[int, ...], int], set[int]] = {}  # (sites, link): sets holding it
    for k, (links, sites) in enumerate(sets):
        for link in links:
            holding.setdefault((sites, link), set()).add(k)
    with_links = {sites for sites, _ in holding}
    keep = []
    for k, (links, sites) in enumerate(sets):
        if not links:  # only sites down: any set with the same sites and a link holds it
            if sites not in with_links:
                keep.append(k)
            continue
        lists = sorted((holding[sites, link] for link in links), key=len)
        common = set(lists[0])
        for more in lists[1:]:
            common &= more
            if len(common) == 1:
                break
        if len(common) == 1:  # only itself holds all its links
            keep.append(k)
    return keep


def _falls_at(evaluator: Evaluator, shapes_args: tuple[frozenset[int], frozenset[int]],
              radius_km: int, pending: set[int], cancelled: CancelCheck | None) -> Falls:
    sw = evaluator.sweep
    shapes = map_shapes(sw.engine.network, *shapes_args)
    found = hit_sets(shapes, radius_km * 1000.0)
    kept = maximal_sets(found.sets)
    impacts = evaluator.evaluate([found.sets[k] for k in kept], cancelled)
    index = {sid: i for i, sid in enumerate(sw.site_ids)}
    best: dict[int, tuple[tuple[int, int, int], int]] = {}
    for k, impact in zip(kept, impacts, strict=True):
        rank = (-len(impact.below_target), -len(impact.isolated), -len(impact.lost))
        for sid in impact.below_target:  # never the sites the disk takes down
            s = index[sid]
            if s in pending and (s not in best or (rank, k) < best[s]):
                best[s] = (rank, k)
    return {s: found.witness[k] for s, (_, k) in best.items()}


def survival_radius(network: Network, *, scenario: FailureScenario | None = None,
                    measure: Measure | str = Measure.EDGE, target: int | None = None,
                    max_radius_km: int | None = None,
                    progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
                    executor: Executor | None = None, workers: int | None = 1) -> SurvivalResult:
    """Every site's survival radius, to the whole km, with a disk that shows it.

    Parameters
    ----------
    network, scenario, measure, target
        As for :func:`~stamnett_gui.analysis.regional.regional_failures`.
    max_radius_km
        Search no further (default: the network's extent corner to corner).
    progress
        ``progress(done, total)`` after each radius examined (the total is an estimate).
    cancelled, executor, workers
        As for :func:`~stamnett_gui.analysis.sweep.iter_sweep`.

    Returns
    -------
    SurvivalResult
        Per site: the radius (``None`` when no disk up to the limit does it, or
        the site is down, without a position, or already below target; the
        note says which) and a disk of that radius that leaves the site standing
        and pushes it below target.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Site
    >>> sites = (Site("hub", "Hub", 10.0, 60.0), Site("h", "Hospital", 10.0, 61.0))
    >>> net = Network("n", sites, (Link("L1", "hub", "h"), Link("L2", "hub", "h",
    ...               route=((10.0, 60.0), (11.0, 60.5), (10.0, 61.0)))), core=frozenset({"hub"}))
    >>> survival_radius(net, target=2)["h"].radius_km
    1

    """
    with Evaluator(network, measure=measure, target=target, scenario=scenario,
                   executor=executor, workers=workers) as evaluator:
        sw = evaluator.sweep
        args = (sw.base_key.links, sw.base_key.sites)
        shapes = map_shapes(network, *args)
        limit = max_radius_km if max_radius_km is not None else max(1, math.ceil(shapes.span_km))
        check_radius(limit, max(shapes.span_km, float(limit)))
        notes: dict[int, str] = {}
        placed = set(shapes.sites)
        target_k = sw.engine.target
        for s, value in enumerate(sw.base.value):
            if value < 0:
                notes[s] = "down in the scenario"
            elif s not in placed:
                notes[s] = "no position on the map"
            elif value < target_k:
                notes[s] = "already below target"
        pending = {s for s in range(len(sw.site_ids)) if s not in notes}
        cache: dict[int, Falls] = {}
        estimate = 2 * max(1, math.ceil(math.log2(limit))) + 1
        step = [0]

        def falls(radius: int, who: set[int]) -> Falls:
            if radius not in cache:
                cache[radius] = _falls_at(evaluator, args, radius, set(pending), cancelled)
                step[0] += 1
                if progress is not None:
                    progress(step[0], max(estimate, step[0]))
            return {s: w for s, w in cache[radius].items() if s in who}

        found = _search(falls, pending, limit)
    radii: dict[int, int] = {}
    witness: dict[int, tuple[float, float]] = {}
    for s, (radius, centre) in found.items():
        radii[s], witness[s] = radius, centre
    centres = dict(zip(witness, to_lonlat(list(witness.values())), strict=True))
    out = []
    for s, site in enumerate(network.sites):
        if s in radii:
            out.append(SiteSurvival(site.id, site.name, radii[s], Disk(centres[s], radii[s])))
        else:
            out.append(SiteSurvival(site.id, site.name, None, None,
                                    notes.get(s, f"no disk up to {limit:,} km does it"),
                                    applies=s not in notes))
    return SurvivalResult(sw.engine.measure, target_k, sw.scenario, tuple(out), limit,
                          tuple(sorted(cache)), shapes.straight_links)


def _search(falls: Callable[[int, set[int]], Falls], pending: set[int],
            limit: int) -> dict[int, tuple[int, tuple[float, float]]]:
    """Doubling then bisection, per site, with every radius examined once for all sites."""
    found: dict[int, tuple[int, tuple[float, float]]] = {}
    low: dict[int, int] = {}  # the largest radius known not to work
    left = set(pending)
    radius = 1
    while left:
        hits = falls(radius, left)
        for s, centre in hits.items():
            found[s] = (radius, centre)
            low[s] = radius // 2 if radius > 1 else 0
        left -= hits.keys()
        if radius >= limit:
            break
        radius = min(2 * radius, limit)
    # Bisect (low, found] for every site, grouping the sites that ask the same radius.
    while True:
        asks: dict[int, set[int]] = {}
        for s, (high, _) in found.items():
            if high - low[s] > 1:
                asks.setdefault((low[s] + high) // 2, set()).add(s)
        if not asks:
            return found
        for mid, who in sorted(asks.items()):
            hits = falls(mid, who)
            for s in who:
                if s in hits:
                    found[s] = (mid, hits[s])
                else:
                    low[s] = mid
