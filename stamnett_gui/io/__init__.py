"""Reading and writing files: networks, scenarios, basemaps, reports."""
