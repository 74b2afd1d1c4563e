"""Save a network in any format that can hold it: own GeoJSON, GraphML, or a CSV pair."""

from __future__ import annotations

from pathlib import Path

from stamnett_gui.domain import Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.loading import NetworkFormat

_WRITTEN = {
    ".geojson": NetworkFormat.STAMNETT, ".json": NetworkFormat.STAMNETT,
    ".graphml": NetworkFormat.GRAPHML, ".xml": NetworkFormat.GRAPHML, ".csv": NetworkFormat.CSV,
}


def output_format(path: str | Path, format: NetworkFormat | str | None = None) -> NetworkFormat:
    """The format to write ``path`` in: ``format`` if given, else by the suffix.

    Raises
    ------
    NetworkFileError
        For a suffix or format that cannot be written (GML is read only).

    """
    path = Path(path)
    if format is not None:
        chosen = NetworkFormat(format)
        chosen = NetworkFormat.STAMNETT if chosen is NetworkFormat.GEOJSON else chosen
    else:
        chosen = _WRITTEN.get(path.suffix.casefold(), NetworkFormat.GML)
        if path.suffix.casefold() not in _WRITTEN and path.suffix.casefold() != ".gml":
            raise NetworkFileError(
                path, f"cannot tell which format to write from the suffix {path.suffix or 'none'!r}; "
                "use .geojson, .graphml or .csv"
            )
    if chosen is NetworkFormat.GML:
        raise NetworkFileError(path, "GML is read, not written: save as GraphML (.graphml), which "
                               "holds every field, or as GeoJSON (.geojson)")
    return chosen


def save_network(
    network: Network, path: str | Path, *, format: NetworkFormat | str | None = None
) -> tuple[Path, ...]:
    """Write ``network`` to ``path``; return the files written (two for a CSV pair).

    The project's GeoJSON (``.geojson``) keeps every field, with coordinates
    rounded to 6 decimals (about 0.1 m); GraphML (``.graphml``) holds every field
    with every digit; the CSV pair (``.csv``: ``<name>-sites.csv`` and
    ``<name>-links.csv``, see :func:`stamnett_gui.io.csv.reader.pair_paths`) holds
    sites, links and the core but not the network's name, target or risk-group
    descriptions. Every file is written whole or not at all, a CSV pair as a whole
    (both new or both old). Ask :func:`files_replaced_besides` first whether a
    file the caller did not name would be replaced.

    Raises
    ------
    NetworkFileError
        When the format cannot be written, the network cannot be written in it, or
        the file cannot be written.

    """
    from stamnett_gui.io.csv import writer as csv_writer
    from stamnett_gui.io.geojson import network as network_geojson
    from stamnett_gui.io.graphml import writer as graphml_writer

    path = Path(path)
    chosen = output_format(path, format)
    if chosen is NetworkFormat.CSV:
        return csv_writer.write_csv_pair(network, path)
    if chosen is NetworkFormat.GRAPHML:
        graphml_writer.write_graphml(network, path)
        return (path,)
    try:
        network_geojson.write_network(network, path)
    except OSError as error:
        raise NetworkFileError(path, f"cannot write the file ({error.strerror or error})") from None
    return (path,)


def files_replaced_besides(
    path: str | Path, format: NetworkFormat | str | None = None
) -> tuple[Path, ...]:
    """Existing files that saving to ``path`` would replace although ``path`` does not name them.

    Saving a CSV pair to ``net-sites.csv`` writes ``net-links.csv`` too: when that
    file is there already (perhaps the other half of someone else's pair), the
    caller should say so, or ask, before saving. Other formats write only ``path``.

    Raises
    ------
    NetworkFileError
        As :func:`output_format`.

    """
    from stamnett_gui.io.csv.reader import pair_paths

    path = Path(path)
    if output_format(path, format) is not NetworkFormat.CSV:
        return ()
    return tuple(p for p in pair_paths(path) if p != path and (p.exists() or p.is_symlink()))
