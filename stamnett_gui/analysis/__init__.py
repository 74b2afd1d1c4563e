"""Pure functions over domain values: diversity, paths, cuts, sweeps, geometry."""

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.analysis.explain import explain_pair, explain_site
from stamnett_gui.analysis.progress import Cancelled
from stamnett_gui.analysis.sweep import iter_sweep, run_sweep

__all__ = [
    "Cancelled",
    "DiversityEngine",
    "assess_diversity",
    "explain_pair",
    "explain_site",
    "iter_sweep",
    "run_sweep",
]
