"""stamnett-gui: path-diversity planning for Norway's health network.

The planner's Python API, for scripts and notebooks (no Qt involved)::

    from stamnett_gui import load_network, FailureScenario, assess_diversity

    network = load_network("my-network.geojson")   # or load_default_network()
    storm = FailureScenario(failed_groups=frozenset({
        "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær"}))
    print(assess_diversity(network, storm, target=3, measure="risk"))

Names are imported on first use, so ``import stamnett_gui`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it.
_EXPORTS = {
    # networks and files
    "Network": "stamnett_gui.domain",
    "Site": "stamnett_gui.domain",
    "Link": "stamnett_gui.domain",
    "RiskGroup": "stamnett_gui.domain",
    "load_network": "stamnett_gui.io.loading",
    "load_default_network": "stamnett_gui.io.loading",
    "read_scenario": "stamnett_gui.io.scenario_file",
    "write_scenario": "stamnett_gui.io.scenario_file",
    # scenarios and reports
    "FailureScenario": "stamnett_gui.domain",
    "HazardArea": "stamnett_gui.domain",
    "DiversityReport": "stamnett_gui.domain",
    "SiteDiversity": "stamnett_gui.domain",
    "Measure": "stamnett_gui.domain",
    "Status": "stamnett_gui.domain",
    # diversity
    "assess_diversity": "stamnett_gui.analysis.diversity",
    "DiversityEngine": "stamnett_gui.analysis.diversity",
    # explanations
    "explain_site": "stamnett_gui.analysis.explain",
    "explain_pair": "stamnett_gui.analysis.explain",
    "Explanation": "stamnett_gui.domain.explanation",
    "Route": "stamnett_gui.domain.explanation",
    "Cut": "stamnett_gui.domain.explanation",
    # sweeps
    "iter_sweep": "stamnett_gui.analysis.sweep",
    "run_sweep": "stamnett_gui.analysis.sweep",
    "SweepResult": "stamnett_gui.domain.sweep",
    "FailureImpact": "stamnett_gui.domain.sweep",
    "sweep": "stamnett_gui.analysis.sweep",
    # regional failures, survival radii, between all points
    "regional_failures": "stamnett_gui.analysis.regional",
    "survival_radius": "stamnett_gui.analysis.survival",
    "all_pairs": "stamnett_gui.analysis.pairs",
    "RegionalResult": "stamnett_gui.domain.regional",
    "SurvivalResult": "stamnett_gui.domain.regional",
    "PairsResult": "stamnett_gui.domain.pairs",
    "Cancelled": "stamnett_gui.analysis.progress",
}

__all__ = [
    "Cancelled",
    "Cut",
    "DiversityEngine",
    "DiversityReport",
    "Explanation",
    "FailureImpact",
    "FailureScenario",
    "HazardArea",
    "Link",
    "Measure",
    "Network",
    "PairsResult",
    "RegionalResult",
    "RiskGroup",
    "Route",
    "Site",
    "SiteDiversity",
    "Status",
    "SurvivalResult",
    "SweepResult",
    "__version__",
    "all_pairs",
    "assess_diversity",
    "explain_pair",
    "explain_site",
    "iter_sweep",
    "load_default_network",
    "load_network",
    "read_scenario",
    "regional_failures",
    "run_sweep",
    "survival_radius",
    "sweep",
    "write_scenario",
]

if TYPE_CHECKING:  # the names as type checkers and editors should see them
    from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
    from stamnett_gui.analysis.explain import explain_pair, explain_site
    from stamnett_gui.analysis.pairs import all_pairs
    from stamnett_gui.analysis.progress import Cancelled
    from stamnett_gui.analysis.regional import regional_failures
    from stamnett_gui.analysis.survival import survival_radius
    from stamnett_gui.analysis.sweep import iter_sweep, run_sweep, sweep
    from stamnett_gui.domain import (
        DiversityReport,
        FailureScenario,
        HazardArea,
        Link,
        Measure,
        Network,
        RiskGroup,
        Site,
        SiteDiversity,
        Status,
    )
    from stamnett_gui.domain.explanation import Cut, Explanation, Route
    from stamnett_gui.domain.pairs import PairsResult
    from stamnett_gui.domain.regional import RegionalResult, SurvivalResult
    from stamnett_gui.domain.sweep import FailureImpact, SweepResult
    from stamnett_gui.io.loading import load_default_network, load_network
    from stamnett_gui.io.scenario_file import read_scenario, write_scenario


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stamnett_gui' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
