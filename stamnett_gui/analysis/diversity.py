"""Path diversity of every site: the one-call function and the engine behind it.

:func:`assess_diversity` answers for one scenario. :class:`DiversityEngine`
keeps its work between calls, which is what the window does on every click:
it remembers a few recent scenarios and derives a new one from the closest
remembered scenario that has nothing up that the new one has down, so failing
one more link re-examines only the sites whose routes used it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

from stamnett_gui.analysis.evaluation import FlowOracle, Oracle
from stamnett_gui.analysis.residual import Residual, build_residual, core_distance, node_distance
from stamnett_gui.analysis.risk_search import RiskOracle
from stamnett_gui.analysis.site_values import SiteSolver, State
from stamnett_gui.domain import (
    DiversityReport,
    FailureScenario,
    Measure,
    Network,
    SiteDiversity,
    classify,
)

#: Highest target the engine accepts (the risk search grows quickly with it).
MAX_TARGET = 10

_REMEMBERED = 8


def parse_measure(measure: Measure | str) -> Measure:
    """``"edge"``, ``"node"`` or ``"risk"`` as a :class:`Measure`; ``ValueError`` otherwise.

    >>> parse_measure("node")
    <Measure.NODE: 'node'>
    """
    try:
        return Measure(measure)
    except ValueError:
        choices = ", ".join(m.value for m in Measure)
        raise ValueError(f"unknown measure {measure!r}: choose one of {choices}") from None


def check_target(target: int) -> int:
    """``target`` if it is a whole number from 1 to :data:`MAX_TARGET`; ``ValueError`` otherwise."""
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_TARGET:
        raise ValueError(f"target must be a whole number from 1 to {MAX_TARGET}, not {target!r}")
    return target


def apply_hazard_areas(network: Network, scenario: FailureScenario) -> FailureScenario:
    """``scenario`` with its hazard areas turned into failed ids.

    :func:`stamnett_gui.analysis.hazards.resolve_scenario`, loaded only when the
    scenario has areas: shapely and pyproj take a quarter of a second to import,
    which a command-line run without areas should not pay.
    """
    if not scenario.hazard_areas:
        return scenario
    from stamnett_gui.analysis.hazards import resolve_scenario

    return resolve_scenario(network, scenario)


class ScenarioKey(NamedTuple):
    """What a scenario takes down, as link and site indices."""

    links: frozenset[int]
    sites: frozenset[int]


class DiversityEngine:
    """Diversity for one network, target and measure, reused across scenarios.

    Parameters
    ----------
    network
        The network; its ``core`` must name sites of the network.
    target
        Required diversity, 1 to 10; ``None`` takes the network's own target.
    measure
        ``"edge"``, ``"node"`` or ``"risk"``.

    Notes
    -----
    Building the engine computes the intact network (``baseline``). The
    engine keeps working state between calls: use it from one thread at a
    time (the window's one-worker runner does).

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> sites = tuple(Site(i, i.title(), 0, 0) for i in ("hub", "a", "b"))
    >>> links = (Link("L1", "hub", "a"), Link("L2", "hub", "a"), Link("L3", "a", "b"))
    >>> engine = DiversityEngine(Network("n", sites, links, core=frozenset({"hub"})), target=2)
    >>> [s.diversity for s in engine.assess().sites]
    [3, 2, 1]
    >>> engine.assess(FailureScenario(failed_links=frozenset({"L1"})))["a"].status.value
    'degraded'

    """

    def __init__(self, network: Network, target: int | None = None,
                 measure: Measure | str = Measure.EDGE) -> None:
        self.network = network
        self.target = check_target(network.target if target is None else target)
        self.measure = parse_measure(measure)
        self.cap = self.target + 1
        self.residual: Residual = build_residual(network, self.measure)
        self._site_index = {sid: i for i, sid in enumerate(self.residual.site_ids)}
        self._link_index = {lid: i for i, lid in enumerate(self.residual.link_ids)}
        unknown = sorted(network.core - self._site_index.keys())
        if unknown:
            raise ValueError(f"core site {unknown[0]!r} is not a site of the network")
        core = [self._site_index[c] for c in network.core]
        toward = node_distance(self.residual, core_distance(self.residual, core))
        oracle: Oracle
        if self.measure is Measure.RISK:
            oracle = RiskOracle(self.residual, self.group_links(), toward)
        else:
            oracle = FlowOracle(self.residual, toward)
        self.oracle = oracle
        self.solver = SiteSolver(self.residual, core, oracle, self.cap)
        self._intact = self.solver.solve(frozenset(), frozenset())
        self._recent: OrderedDict[ScenarioKey, State] = OrderedDict()
        self._entries: list[dict[int, SiteDiversity]] = [{} for _ in network.sites]
        self.baseline = self._report(FailureScenario(), self._intact)

    def group_links(self) -> list[frozenset[int]]:
        """Link indices each named risk group takes down, in sorted name order."""
        net, index = self.network, self._link_index
        groups = []
        for name in sorted(net.risk_groups_by_name):
            link_ids, site_ids = net.group_members(name)
            links = {index[lk] for lk in link_ids}
            for sid in site_ids:
                links.update(index[lk] for lk in net.links_of(sid))
            groups.append(frozenset(links))
        return groups

    def key(self, scenario: FailureScenario) -> ScenarioKey:
        """The down links and sites of ``scenario``, hazard areas included, as indices.

        Unknown ids raise :class:`~stamnett_gui.domain.UnknownElementError`.
        """
        scenario = apply_hazard_areas(self.network, scenario)
        scenario.check_against(self.network)
        return ScenarioKey(
            frozenset(self._link_index[lk] for lk in scenario.down_links(self.network)),
            frozenset(self._site_index[s] for s in scenario.down_sites(self.network)),
        )

    @property
    def intact(self) -> State:
        """Per-site values of the intact network."""
        return self._intact

    def state(self, key: ScenarioKey, base: State | None = None) -> State:
        """Per-site values with ``key`` down, derived from ``base`` or the best remembered state.

        ``base`` must have nothing down that ``key`` has up. The result's
        ``changed`` lists the sites whose value differs from the base used.
        """
        if base is None:
            base = self._closest(key)
        return self.solver.derive(base, key.links, key.sites)

    def assess(self, scenario: FailureScenario | None = None) -> DiversityReport:
        """Every site's diversity under ``scenario`` (default: the intact network)."""
        scenario = FailureScenario() if scenario is None else scenario
        key = self.key(scenario)
        state = self._recent.get(key)
        if state is None:
            state = self.state(key)
            self._recent[key] = state
            while len(self._recent) > _REMEMBERED:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(key)
        return self._report(scenario, state)

    def _closest(self, key: ScenarioKey) -> State:
        best = self._intact
        for k, state in self._recent.items():
            if (k.links <= key.links and k.sites <= key.sites
                    and len(k.links) > len(best.down_links)):
                best = state
        return best

    def _report(self, scenario: FailureScenario, state: State) -> DiversityReport:
        return DiversityReport(self.measure, self.target, scenario, self.site_values(state))

    def site_values(self, state: State) -> tuple[SiteDiversity, ...]:
        """The report entries of a state, in the network's site order."""
        entries, sites, intact = self._entries, self.network.sites, self._intact.value
        out = []
        for i, value in enumerate(state.value):
            entry = entries[i].get(value)
            if entry is None:
                site = sites[i]
                entry = SiteDiversity(site.id, site.name, max(value, 0), intact[i],
                                      classify(value, self.target, failed=value < 0))
                entries[i][value] = entry
            out.append(entry)
        return tuple(out)


def assess_diversity(network: Network, scenario: FailureScenario | None = None,
                     target: int | None = None,
                     measure: Measure | str = Measure.EDGE) -> DiversityReport:
    """Every site's path diversity under a failure scenario.

    Parameters
    ----------
    network
        The network (its ``core`` names the sites every other site must reach).
    scenario
        What is down; default the intact network. Unknown ids raise
        :class:`~stamnett_gui.domain.UnknownElementError`.
    target
        Required diversity, 1 to 10; default the network's target (3 unless
        the file says otherwise). Values are capped at ``target + 1``.
    measure
        ``"edge"`` (paths share no link), ``"node"`` (nor an intermediate site)
        or ``"risk"`` (the fewest risk groups, each link its own group, whose
        failure cuts the site off).

    Returns
    -------
    DiversityReport
        Per site: diversity now, in the intact network (``baseline``), status.

    Notes
    -----
    A core site counts routes to the rest of the core. A core of one site is
    the whole core and gets the cap; when the other core sites are all down,
    the one left has no rest of the core to reach and is isolated. When no
    core site is up, every site that is up is isolated.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> sites = (Site("hub", "Hub", 0, 0), Site("h", "Hospital", 1, 0))
    >>> net = Network("n", sites, (Link("L1", "hub", "h"), Link("L2", "hub", "h")),
    ...               core=frozenset({"hub"}))
    >>> report = assess_diversity(net, FailureScenario(failed_links=frozenset({"L2"})))
    >>> report["h"].diversity, report["h"].baseline, report["h"].lost
    (1, 2, True)

    """
    return DiversityEngine(network, target, measure).assess(scenario)
