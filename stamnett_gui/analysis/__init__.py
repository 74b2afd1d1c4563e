"""Pure functions over domain values: diversity, paths, cuts, sweeps, geometry."""

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity
from stamnett_gui.analysis.explain import explain_pair, explain_site

__all__ = ["DiversityEngine", "assess_diversity", "explain_pair", "explain_site"]
