"""Results of sweeping every single failure (N-1) or pair of failures (N-2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from stamnett_gui.domain.report import Measure
from stamnett_gui.domain.scenario import FailureScenario

_NO_NAMES: Mapping[str, str] = MappingProxyType({})


def some_names(ids: tuple[str, ...], names: Mapping[str, str] = _NO_NAMES, shown: int = 3) -> str:
    """`` (A; B; C; +4)``: the first ``shown`` names of ``ids`` and how many more, or ``""``.

    >>> some_names(("a", "b", "c", "d"), {"a": "Alta"}, shown=2)
    ' (Alta; b; +2)'
    """
    if not ids:
        return ""
    listed = "; ".join(names.get(i, i) for i in ids[:shown])
    more = f"; +{len(ids) - shown}" if len(ids) > shown else ""
    return f" ({listed}{more})"


class ElementKind(StrEnum):
    """What a sweep fails: links, sites or risk groups."""

    LINK = "link"
    SITE = "site"
    GROUP = "group"

    @property
    def plural(self) -> str:
        """``"links"``, ``"sites"`` or ``"groups"``."""
        return f"{self.value}s"


@dataclass(frozen=True)
class FailureImpact:
    """What one failure (one element, or a pair) does on top of the sweep's scenario.

    Site ids are in the network's site order. Sites the failure itself takes
    down are listed in ``failed`` only.

    Attributes
    ----------
    kind
        What was failed.
    elements
        The ids failed: one for N-1, two for N-2.
    failed
        Sites down because of this failure.
    lost
        Sites with less diversity than before the failure.
    below_target
        Sites that met the target before and no longer do.
    isolated
        Sites that had a route before and have none now.

    Examples
    --------
    >>> impact = FailureImpact(ElementKind.LINK, ("L12",), lost=("bodo",),
    ...                        below_target=("bodo",))
    >>> str(impact)
    'link L12: 1 site below target (bodo), 0 isolated, 1 lost diversity'

    """

    kind: ElementKind
    elements: tuple[str, ...]
    failed: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    below_target: tuple[str, ...] = ()
    isolated: tuple[str, ...] = ()

    def scenario(self) -> FailureScenario:
        """The failure as a scenario (without the sweep's own scenario)."""
        ids = frozenset(self.elements)
        if self.kind is ElementKind.LINK:
            return FailureScenario(failed_links=ids)
        if self.kind is ElementKind.SITE:
            return FailureScenario(failed_sites=ids)
        return FailureScenario(failed_groups=ids)

    @property
    def severity(self) -> tuple[int, int, int]:
        """Sites below target, isolated, lost: larger is worse."""
        return (len(self.below_target), len(self.isolated), len(self.lost))

    def label(self) -> str:
        """``"link L12"`` or ``"links L12 + L40"``."""
        word = self.kind.value if len(self.elements) == 1 else self.kind.plural
        return f"{word} {' + '.join(self.elements)}"

    def describe(self, names: Mapping[str, str] = _NO_NAMES, *, shown: int = 3) -> str:
        """One line; at most ``shown`` site names per list."""
        def some(ids: tuple[str, ...]) -> str:
            return some_names(ids, names, shown)

        n = len(self.below_target)
        text = (f"{self.label()}: {n} site{'' if n == 1 else 's'} below target"
                f"{some(self.below_target)}, {len(self.isolated)} isolated"
                f"{some(self.isolated)}, {len(self.lost)} lost diversity")
        if self.failed:
            text += f", {len(self.failed)} down"
        return text

    def __str__(self) -> str:
        return self.describe()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "kind": self.kind.value,
            "elements": list(self.elements),
            "below_target": list(self.below_target),
            "isolated": list(self.isolated),
            "lost": list(self.lost),
            "failed": list(self.failed),
        }


def rank_impacts(impacts: tuple[FailureImpact, ...] | list[FailureImpact]
                 ) -> tuple[FailureImpact, ...]:
    """Most critical first: most sites pushed below target, then most isolated, then most lost.

    Ties keep the sweep's order (the sort is stable).
    """
    return tuple(sorted(impacts, key=lambda i: tuple(-x for x in i.severity)))


@dataclass(frozen=True)
class SweepResult:
    """A finished sweep: every impact found, in sweep order, and how much was examined.

    Attributes
    ----------
    order
        1 (single failures) or 2 (pairs).
    kind
        What was failed.
    measure, target, scenario
        The analysis settings; the scenario is what was already down.
    impacts
        N-1: one per element. N-2: the pairs that do more than either of their
        two single failures (some site ends lower than under each alone).
    total
        Number of failures in the sweep (elements, or pairs of elements).
    examined
        Number of failures actually assessed (N-2 skips pairs it proves harmless).
    names
        Site names by id, for printing.

    """

    order: int
    kind: ElementKind
    measure: Measure
    target: int
    scenario: FailureScenario
    impacts: tuple[FailureImpact, ...]
    total: int
    examined: int
    names: Mapping[str, str] = field(default_factory=lambda: _NO_NAMES, compare=False,
                                     hash=False)

    @property
    def ranking(self) -> tuple[FailureImpact, ...]:
        """The impacts, most critical first (see :func:`rank_impacts`)."""
        return rank_impacts(self.impacts)

    @property
    def critical(self) -> tuple[FailureImpact, ...]:
        """Failures that push at least one site below the target, most critical first."""
        return tuple(i for i in self.ranking if i.below_target)

    def headline(self) -> str:
        """One line: what was swept and what was found."""
        what = (f"N-{self.order} sweep of {self.kind.plural} "
                f"({self.measure.value} measure, target {self.target})")
        if self.order == 1:
            return f"{what}: {len(self.critical):,} of {self.total:,} push a site below target"
        return (f"{what}: {len(self.impacts):,} pairs do more than either failure alone, "
                f"{len(self.critical):,} of them push a site below target "
                f"({self.examined:,} of {self.total:,} pairs assessed)")

    def format(self, top: int = 20) -> str:
        """The headline and the ``top`` most critical failures."""
        lines = [self.headline()]
        lines += [f"  {i.describe(self.names)}" for i in self.ranking[:top]]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, ranked."""
        return {
            "order": self.order,
            "of": self.kind.plural,
            "measure": self.measure.value,
            "target": self.target,
            "scenario": self.scenario.to_dict(),
            "total": self.total,
            "examined": self.examined,
            "critical": len(self.critical),
            "ranking": [i.to_dict() for i in self.ranking],
        }
