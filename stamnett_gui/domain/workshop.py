"""A workshop: an ordered list of named scenarios, prepared on one network.

A facilitator prepares "Storm Vesterålen", "Dovrefjell landslide", "Oslo
data-centre fire" and steps between them in front of a room. Each step is a
:class:`NamedScenario`: a title, free-text notes, the failure scenario, the
measure and target to show it with, and the part of the map to show. The
network it was made on is named by a :class:`NetworkRef` (its name and
content hash), so that opening it on another network can say so.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field, replace

from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.network import Network
from stamnett_gui.domain.report import Measure
from stamnett_gui.domain.scenario import FailureScenario


@dataclass(frozen=True)
class MapView:
    """The part of the map shown: a lon/lat box (RFC 7946 ``bbox`` order).

    >>> MapView(5.0, 58.0, 31.0, 71.5).to_list()
    [5.0, 58.0, 31.0, 71.5]
    """

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        values = (self.west, self.south, self.east, self.north)
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                   for v in values):
            raise ValueError("a map view is four numbers: west, south, east, north")
        if not (-180 <= self.west < self.east <= 180 and -90 <= self.south < self.north <= 90):
            raise ValueError(
                "a map view needs west < east (within -180…180) and south < north (within -90…90)")
        for name in ("west", "south", "east", "north"):
            object.__setattr__(self, name, float(getattr(self, name)))

    def to_list(self) -> list[float]:
        """``[west, south, east, north]``."""
        return [self.west, self.south, self.east, self.north]


@dataclass(frozen=True)
class NetworkRef:
    """The network something was made on: its name and :func:`~.content_hash.network_hash`."""

    name: str
    hash: str

    @classmethod
    def of(cls, network: Network) -> NetworkRef:
        """The reference to ``network`` (remembered per network: every save and autosave asks)."""
        known = _refs.get(id(network))
        if known is not None and known[0]() is network:
            return known[1]
        ref = cls(network.name, network_hash(network))
        _refs[id(network)] = (weakref.ref(network), ref)
        while len(_refs) > 4:
            del _refs[next(iter(_refs))]
        return ref


# By id() and a weak reference, not by the network itself: hashing a Network hashes every site
# and link, the very work (tens of ms at 5,000 sites) this cache saves.
_refs: dict[int, tuple[weakref.ref[Network], NetworkRef]] = {}


@dataclass(frozen=True)
class NamedScenario:
    """One story of a workshop: what fails, and how to show it.

    Parameters
    ----------
    title
        Short name shown in lists and the window title.
    notes
        Free text for the facilitator (what happened, what to ask the room).
    scenario
        What is down, hazard areas included.
    measure, target
        How to count diversity; ``None`` means "not stated": keep what the
        window shows (older scenario files say neither).
    view
        The part of the map to show, or ``None`` to leave the map where it is.

    """

    title: str = ""
    notes: str = ""
    scenario: FailureScenario = field(default_factory=FailureScenario)
    measure: Measure | None = None
    target: int | None = None
    view: MapView | None = None

    def __post_init__(self) -> None:
        if self.target is not None and (isinstance(self.target, bool)
                                        or not isinstance(self.target, int)
                                        or not 1 <= self.target <= 10):
            raise ValueError(f"a target is a whole number from 1 to 10, not {self.target!r}")
        if self.measure is not None:
            object.__setattr__(self, "measure", Measure(self.measure))

    def with_scenario(self, scenario: FailureScenario) -> NamedScenario:
        """The same story with another failure scenario."""
        return replace(self, scenario=scenario)


@dataclass(frozen=True)
class Workshop:
    """An ordered list of named scenarios made on one network.

    Changed, like every domain value, by making a new one:

    >>> w = Workshop("Nord-Norge", (NamedScenario("Storm"),))
    >>> w = w.inserted(1, NamedScenario("Fire")).moved(1, 0)
    >>> [s.title for s in w.scenarios]
    ['Fire', 'Storm']
    """

    title: str = ""
    scenarios: tuple[NamedScenario, ...] = ()
    network: NetworkRef | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "scenarios", tuple(self.scenarios))

    def __len__(self) -> int:
        return len(self.scenarios)

    def replaced(self, index: int, named: NamedScenario) -> Workshop:
        """The workshop with step ``index`` replaced."""
        steps = list(self.scenarios)
        steps[index] = named
        return replace(self, scenarios=tuple(steps))

    def inserted(self, index: int, named: NamedScenario) -> Workshop:
        """The workshop with ``named`` inserted before step ``index`` (``len`` appends)."""
        steps = list(self.scenarios)
        steps.insert(index, named)
        return replace(self, scenarios=tuple(steps))

    def removed(self, index: int) -> Workshop:
        """The workshop without step ``index``."""
        steps = list(self.scenarios)
        del steps[index]
        return replace(self, scenarios=tuple(steps))

    def moved(self, index: int, to: int) -> Workshop:
        """The workshop with step ``index`` moved to position ``to``."""
        steps = list(self.scenarios)
        steps.insert(to, steps.pop(index))
        return replace(self, scenarios=tuple(steps))
