"""Two scenarios side by side: which sites lost or regained diversity between them.

A workshop asks "what does the landslide add to the storm?": the answer is
every site whose diversity differs between the two reports, worse or better,
with both values. Both reports must count the same way (measure and target)
on the same network.
"""

from __future__ import annotations

from dataclasses import dataclass

from stamnett_gui.domain import DiversityReport, SiteDiversity, Status


@dataclass(frozen=True)
class SiteChange:
    """One site's diversity in the scenario compared against (``before``) and now (``after``)."""

    site_id: str
    name: str
    before: int
    after: int
    before_status: Status
    after_status: Status

    @property
    def worse(self) -> bool:
        """True when the site has less diversity now (a failed site counts as less)."""
        return _rank(self.after, self.after_status) < _rank(self.before, self.before_status)


def _rank(value: int, status: Status) -> int:
    return -1 if status is Status.FAILED else value


@dataclass(frozen=True)
class ScenarioComparison:
    """Every site whose diversity differs between two reports, worst change first.

    Attributes
    ----------
    before, after
        The report compared against and the current one.
    changes
        The sites that differ, sorted by how much they lost (then by name).

    """

    before: DiversityReport
    after: DiversityReport
    changes: tuple[SiteChange, ...]

    @property
    def worse(self) -> tuple[SiteChange, ...]:
        """The sites that lost diversity (or failed) between ``before`` and ``after``."""
        return tuple(c for c in self.changes if c.worse)

    @property
    def better(self) -> tuple[SiteChange, ...]:
        """The sites that regained diversity (or came back up)."""
        return tuple(c for c in self.changes if not c.worse)


def _change(a: SiteDiversity, b: SiteDiversity) -> SiteChange:
    return SiteChange(b.site_id, b.name, a.diversity, b.diversity, a.status, b.status)


def compare_reports(before: DiversityReport, after: DiversityReport) -> ScenarioComparison:
    """The sites whose diversity or failed state differs between ``before`` and ``after``.

    Raises
    ------
    ValueError
        When the two reports count differently (measure or target) and so cannot be compared.

    Examples
    --------
    >>> from stamnett_gui.analysis import assess_diversity
    >>> from stamnett_gui.domain import FailureScenario, Link, Network, Site
    >>> sites = (Site("hub", "Hub", 10, 60), Site("a", "A", 11, 61), Site("b", "B", 12, 61))
    >>> links = (Link("L1", "hub", "a"), Link("L2", "hub", "a"), Link("L3", "a", "b"),
    ...          Link("L4", "hub", "b"))
    >>> net = Network("n", sites, links, core=frozenset({"hub"}))
    >>> storm = assess_diversity(net, FailureScenario(failed_links=frozenset({"L1"})), target=2)
    >>> fire = assess_diversity(net, FailureScenario(failed_links=frozenset({"L4"})), target=2)
    >>> [(c.site_id, c.before, c.after, c.worse) for c in compare_reports(storm, fire).changes]
    [('b', 2, 1, True)]
    >>> [(c.site_id, c.before, c.after, c.worse) for c in compare_reports(fire, storm).changes]
    [('b', 1, 2, False)]

    """
    if (before.measure, before.target) != (after.measure, after.target):
        raise ValueError("the two reports count differently (measure or target); compare like with like")
    old = before.by_id
    changes = []
    for entry in after.sites:
        was = old.get(entry.site_id)
        if was is not None and (was.diversity, was.status) != (entry.diversity, entry.status):
            changes.append(_change(was, entry))
    changes.sort(key=lambda c: (_rank(c.after, c.after_status) - _rank(c.before, c.before_status),
                                c.name.casefold()))
    return ScenarioComparison(before, after, tuple(changes))
