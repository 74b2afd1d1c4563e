"""Open a network file of any supported format."""

from __future__ import annotations

from pathlib import Path

from stamnett_gui.domain import Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.resources import DEFAULT_NETWORK, resource


def load_network(path: str | Path) -> Network:
    """Read a network file, choosing the reader by the file's content and suffix.

    Raises
    ------
    NetworkFileError
        When the file is missing, unreadable or not a valid network; the error
        names the file and every problem found.
    """
    from stamnett_gui.io import network_geojson

    path = Path(path)
    if not path.exists():
        raise NetworkFileError(path, "no such file")
    if path.is_dir():
        raise NetworkFileError(path, "this is a folder, not a network file")
    return network_geojson.read_network(path)


def load_default_network() -> Network:
    """The bundled network: Norway's hospitals with modelled links."""
    from stamnett_gui.io import network_geojson

    return network_geojson.parse_network(
        resource(DEFAULT_NETWORK).read_text(encoding="utf-8"), source=DEFAULT_NETWORK
    )
