"""A network's content hash: which sites and links a result was computed on, in a few characters.

A risk report quotes the hash next to the network's name, so that a reader (or a
workshop file) can tell whether two results were computed on the same network even
when the files were renamed, re-saved or converted to another format.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from stamnett_gui.domain.network import Link, Network, Site

#: Coordinates are hashed at 6 decimals (about 0.1 m), the precision the project's own
#: GeoJSON keeps, so that saving and re-opening a network does not change its hash.
_DECIMALS = 6

#: How many hexadecimal digits :func:`short_hash` shows.
SHORT_LENGTH = 12


def _number(value: float) -> float | str:
    # NaN and infinities have no JSON form; a text stands for them.
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    return round(float(value), _DECIMALS) + 0.0  # + 0.0 folds -0.0 into 0.0


def _site(site: Site) -> list[Any]:
    return [site.id, site.name, site.kind.value, _number(site.lon), _number(site.lat),
            sorted(site.risk_groups)]


def _link(link: Link) -> list[Any]:
    return [link.id, link.a, link.b, sorted(link.risk_groups),
            [[_number(x), _number(y)] for x, y in link.route]]


def network_hash(network: Network) -> str:
    """The SHA-256 of the network's sites and links, as 64 hexadecimal digits.

    What counts: each site's id, name, kind, position and risk groups; each link's
    id, ends, risk groups and route. The order of sites and links in the file, the
    network's name, description, metadata, core and target do not.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> a, b = Site("a", "Bodø", 14.4, 67.28), Site("b", "Tromsø", 18.95, 69.65)
    >>> one = Network("one", (a, b), (Link("L1", "a", "b"),))
    >>> two = Network("renamed", (b, a), (Link("L1", "a", "b"),), core=frozenset({"a"}))
    >>> network_hash(one) == network_hash(two)
    True
    >>> network_hash(one) == network_hash(Network("one", (a, b), (Link("L2", "a", "b"),)))
    False

    """
    content = {
        "sites": sorted((_site(s) for s in network.sites), key=lambda row: str(row[0])),
        "links": sorted((_link(lk) for lk in network.links), key=lambda row: str(row[0])),
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_hash(network: Network) -> str:
    """The first :data:`SHORT_LENGTH` digits of :func:`network_hash`, for captions and covers."""
    return network_hash(network)[:SHORT_LENGTH]
