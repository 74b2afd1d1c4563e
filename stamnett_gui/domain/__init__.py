"""Immutable domain values: no I/O, no Qt, no graph library."""

from stamnett_gui.domain.hazard import HazardArea, HazardAreaError
from stamnett_gui.domain.network import (
    DEFAULT_TARGET,
    CoordPrecision,
    Link,
    Network,
    RiskGroup,
    RiskKind,
    Site,
    SiteKind,
)
from stamnett_gui.domain.report import (
    DiversityReport,
    Measure,
    SiteDiversity,
    Status,
    classify,
)
from stamnett_gui.domain.scenario import FailureScenario, UnknownElementError

__all__ = [
    "DEFAULT_TARGET",
    "CoordPrecision",
    "DiversityReport",
    "FailureScenario",
    "HazardArea",
    "HazardAreaError",
    "Link",
    "Measure",
    "Network",
    "RiskGroup",
    "RiskKind",
    "Site",
    "SiteDiversity",
    "SiteKind",
    "Status",
    "UnknownElementError",
    "classify",
]
