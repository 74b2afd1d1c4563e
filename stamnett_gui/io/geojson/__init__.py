"""GeoJSON: the project's own network file, and any GeoJSON with points and lines.

- :mod:`~stamnett_gui.io.geojson.network` reads and writes the own format, with
  :mod:`~stamnett_gui.io.geojson.network_reader` and :mod:`~stamnett_gui.io.geojson.values`
  checking its documents and values;
- :mod:`~stamnett_gui.io.geojson.generic` reads any RFC 7946 GeoJSON (a GIS export),
  with :mod:`~stamnett_gui.io.geojson.features` turning its features into sites and links
  as :mod:`~stamnett_gui.io.geojson.mapping` says.
"""
