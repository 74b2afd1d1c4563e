"""Pure functions over domain values: diversity, paths, cuts, sweeps, geometry."""

from stamnett_gui.analysis.diversity import DiversityEngine, assess_diversity

__all__ = ["DiversityEngine", "assess_diversity"]
