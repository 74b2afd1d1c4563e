"""Pure functions over domain values: diversity, paths, cuts, sweeps, geometry."""
