"""Who to credit for what is on the map: the basemap always, the network's sites when known."""

from __future__ import annotations

from collections.abc import Mapping

from stamnett_gui.domain.network import Network

#: The basemap's sources: Norway's outline and counties, and the neighbours, Svalbard and borders.
BASEMAP_CREDIT = "© Kartverket (CC BY 4.0) · Natural Earth"
#: The bundled network's hospital sites.
HOSPITALS_CREDIT = "hospitals: Eurostat GISCO / helsenorge.no"
TOPOLOGY_ZOO_CREDIT = "network: The Internet Topology Zoo"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def network_credit(network: Network) -> str:
    """The credit for the network's own data, or ``""`` when the file names no source.

    >>> from stamnett_gui.domain import Network
    >>> network_credit(Network("n", (), (), metadata={"Creator": "Topology Zoo Toolset"}))
    'network: The Internet Topology Zoo'
    >>> network_credit(Network("n", (), ()))
    ''
    """
    meta = network.metadata
    source = meta.get("source")
    described = " ".join(_text(v) for v in source.values()) if isinstance(source, Mapping) else _text(source)
    if "Eurostat" in described or "helsenorge" in described:
        return HOSPITALS_CREDIT
    if "Topology Zoo" in _text(meta.get("Creator")):
        return TOPOLOGY_ZOO_CREDIT
    credit = _text(meta.get("attribution")).strip()
    return f"network: {credit[:80]}" if credit else ""


def map_attribution(network: Network | None) -> str:
    """The attribution line under a map that shows ``network`` on the basemap.

    >>> from stamnett_gui.domain import Network
    >>> map_attribution(Network("n", (), ()))
    '© Kartverket (CC BY 4.0) · Natural Earth'
    """
    credit = network_credit(network) if network is not None else ""
    return f"{BASEMAP_CREDIT} · {credit}" if credit else BASEMAP_CREDIT
