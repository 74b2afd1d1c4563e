"""Everything that imports Qt: the window, the map, the panels, the runner."""
