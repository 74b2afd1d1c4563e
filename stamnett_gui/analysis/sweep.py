"""Sweeps: every single failure (N-1) or pair of failures (N-2) of links, sites or risk groups.

Each failure is assessed incrementally from the sweep's scenario, so a
failure that touches few sites' routes costs little. Results stream from
:func:`iter_sweep` as they are found; :func:`run_sweep` collects and ranks.

N-2 reports the pairs that *matter*: some site that stays up ends lower than
under either failure alone. A pair ``{x, y}`` can only matter at a site ``s``
if ``y`` takes down a link of a core witness of ``s`` with ``x`` failed (else
those routes survive and ``s`` keeps its value under ``x``), and the same
with ``x`` and ``y`` swapped. Witnesses only change for the sites whose
witness the first failure touched, so the candidate pairs come from a few
routes per site instead of every pair; the tests check that the result
equals a blind loop over all pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from stamnett_gui.analysis.core_witness import CoreWitnesses
from stamnett_gui.analysis.diversity import DiversityEngine, ScenarioKey
from stamnett_gui.analysis.progress import CancelCheck, ProgressCallback, Steps
from stamnett_gui.analysis.site_values import State
from stamnett_gui.domain import FailureScenario, Measure, Network
from stamnett_gui.domain.sweep import ElementKind, FailureImpact, SweepResult


def parse_kind(of: ElementKind | str) -> ElementKind:
    """``"links"``, ``"sites"`` or ``"groups"`` (singular accepted) as an :class:`ElementKind`."""
    text = str(of.value if isinstance(of, ElementKind) else of).lower()
    for kind in ElementKind:
        if text in (kind.value, kind.plural):
            return kind
    raise ValueError(f"cannot sweep {of!r}: choose links, sites or groups")


@dataclass
class _Sweep:
    engine: DiversityEngine
    kind: ElementKind
    scenario: FailureScenario
    elements: list[str] = field(default_factory=list)
    examined: int = 0

    def __post_init__(self) -> None:
        net, base = self.engine.network, self.scenario
        self.base_key = self.engine.key(base)
        self.base = self.engine.state(self.base_key)
        if self.kind is ElementKind.LINK:
            down = base.down_links(net)
            self.elements = [lk.id for lk in net.links if lk.id not in down]
        elif self.kind is ElementKind.SITE:
            down = base.down_sites(net)
            self.elements = [s.id for s in net.sites if s.id not in down]
        else:
            self.elements = sorted(set(net.risk_groups_by_name) - base.failed_groups)
        self.site_ids = self.engine.residual.site_ids

    def key(self, *elements: str) -> ScenarioKey:
        ids = frozenset(elements)
        one = {
            ElementKind.LINK: FailureScenario(failed_links=ids),
            ElementKind.SITE: FailureScenario(failed_sites=ids),
            ElementKind.GROUP: FailureScenario(failed_groups=ids),
        }[self.kind]
        return self.engine.key(self.scenario | one)

    def impact(self, elements: tuple[str, ...], state: State, key: ScenarioKey,
               maybe: set[int]) -> FailureImpact:
        """Compare ``state`` with the sweep's base at the sites in ``maybe`` (all others equal)."""
        base, target = self.base.value, self.engine.target
        failed, lost, below, isolated = [], [], [], []
        for s in sorted(maybe):
            old, new = base[s], state.value[s]
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

    def singles(self, steps: Steps) -> Iterator[FailureImpact]:
        for x in self.elements:
            steps.check()
            key = self.key(x)
            state = self.engine.state(key, self.base)
            self.examined += 1
            yield self.impact((x,), state, key, set(state.changed))
            steps.advance()

    def pairs(self, steps: Steps, prune: bool) -> Iterator[FailureImpact]:
        engine, n = self.engine, len(self.elements)
        keys: list[ScenarioKey] = []
        changed: list[dict[int, int]] = []  # per element: site -> value, where it differs
        for x in self.elements:
            steps.check()
            key = self.key(x)
            state = engine.state(key, self.base)
            keys.append(key)
            changed.append({s: state.value[s] for s in state.changed})
            steps.advance()
        candidates = self._candidates(keys) if prune else None
        base = self.base.value
        for i, x in enumerate(self.elements):
            steps.check()
            later = range(i + 1, n) if candidates is None else sorted(candidates[i])
            state_x = engine.state(keys[i], self.base) if later else None
            for j in later:
                assert state_x is not None
                key = ScenarioKey(keys[i].links | keys[j].links, keys[i].sites | keys[j].sites)
                state = engine.state(key, state_x)
                self.examined += 1
                vx, vy = changed[i], changed[j]
                if any(0 <= state.value[s] < vx.get(s, base[s])
                       and state.value[s] < vy.get(s, base[s]) for s in state.changed):
                    maybe = set(state.changed) | vx.keys()
                    yield self.impact((x, self.elements[j]), state, key, maybe)
            steps.advance()

    def _candidates(self, keys: list[ScenarioKey]) -> list[set[int]]:
        """For each element, the later elements it may form a pair that matters with."""
        engine, n = self.engine, len(self.elements)
        links_of = [k.links - self.base_key.links for k in keys]
        by_link: dict[int, list[int]] = {}
        for i, links in enumerate(links_of):
            for link in links:
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
            state = engine.state(keys[i], self.base)
            moved.append({s: touching(w) for s, w in witnesses.of(state, sites_of[i]).items()})
        out: list[set[int]] = [set() for _ in range(n)]
        for s, xs in base_touch.items():
            for y in xs:
                for x in moved[y][s]:
                    if x != y and (x not in xs or y in moved[x][s]):
                        out[min(x, y)].add(max(x, y))
        return out


def iter_sweep(network: Network, *, order: int = 1, of: ElementKind | str = ElementKind.LINK,
               measure: Measure | str = Measure.EDGE, target: int | None = None,
               scenario: FailureScenario | None = None,
               progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
               prune: bool = True) -> Iterator[FailureImpact]:
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
        Called as ``progress(done, total)`` after each step.
    cancelled
        Checked before each step; when it returns True the sweep raises
        :class:`~stamnett_gui.analysis.progress.Cancelled`.
    prune
        N-2 only: skip the pairs proven not to matter (``False`` checks every
        pair; the answer is the same, only slower).

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
    engine = DiversityEngine(network, target, measure)
    return _stream(_Sweep(engine, parse_kind(of), scenario or FailureScenario()), order,
                   progress, cancelled, prune)


def _stream(sweep: _Sweep, order: int, progress: ProgressCallback | None,
            cancelled: CancelCheck | None, prune: bool) -> Iterator[FailureImpact]:
    n = len(sweep.elements)
    if order == 1:
        yield from sweep.singles(Steps(n, progress, cancelled))
    elif order == 2:
        yield from sweep.pairs(Steps(2 * n, progress, cancelled), prune)
    else:
        raise ValueError(f"order must be 1 or 2, not {order!r}")


def run_sweep(network: Network, *, order: int = 1, of: ElementKind | str = ElementKind.LINK,
              measure: Measure | str = Measure.EDGE, target: int | None = None,
              scenario: FailureScenario | None = None,
              progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
              prune: bool = True) -> SweepResult:
    """Run a whole sweep (see :func:`iter_sweep`) and return the ranked result."""
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")
    engine = DiversityEngine(network, target, measure)
    base = scenario or FailureScenario()
    sweep = _Sweep(engine, parse_kind(of), base)
    impacts = tuple(_stream(sweep, order, progress, cancelled, prune))
    n = len(sweep.elements)
    return SweepResult(
        order, sweep.kind, engine.measure, engine.target, base, impacts,
        total=n if order == 1 else n * (n - 1) // 2, examined=sweep.examined,
        names={s.id: s.name for s in network.sites},
    )
