"""Reading and writing files: networks, scenarios, basemaps, reports.

One subpackage per format family (:mod:`~stamnett_gui.io.geojson`,
:mod:`~stamnett_gui.io.graphml`, :mod:`~stamnett_gui.io.gml`, :mod:`~stamnett_gui.io.csv`);
beside them the pieces they share: choosing a reader (:mod:`~stamnett_gui.io.loading`) or
writer (:mod:`~stamnett_gui.io.saving`), assembling and checking a network
(:mod:`~stamnett_gui.io.assembly`, :mod:`~stamnett_gui.io.fields`,
:mod:`~stamnett_gui.io.coordinates`, :mod:`~stamnett_gui.io.site_index`), size limits,
text encodings, errors, atomic writes, scenario files, and the bundled resources and basemap.
"""
