"""Pure functions over domain values: diversity, paths, cuts, sweeps, geometry."""

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.analysis.pairs import all_pairs
from stamnett_gui.analysis.progress import Cancelled
from stamnett_gui.analysis.regional import regional_failures
from stamnett_gui.analysis.survival import survival_radius
from stamnett_gui.analysis.sweep import iter_sweep, run_sweep, sweep

__all__ = [
    "Cancelled",
    "DiversityEngine",
    "all_pairs",
    "assess_diversity",
    "explain_pair",
    "explain_site",
    "iter_sweep",
    "regional_failures",
    "run_sweep",
    "survival_radius",
    "sweep",
]
