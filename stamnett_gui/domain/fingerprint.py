"""A network's content hash: which network a scenario, a workshop or an export was made on.

The hash covers what a failure scenario's meaning depends on: every site's id,
position and risk groups, every link's id, end sites, route and risk groups.
Names, descriptions, the core, the target and file-only properties are left
out (renaming a hospital does not change what failing it does), and so is the
order of sites and links in the file. Coordinates are rounded to 1e-7 degrees
(about 1 cm) so that the same network read from GeoJSON, GraphML or CSV hashes
alike.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from stamnett_gui.domain.network import Network

#: The prefix names the algorithm, so a later change of algorithm is seen as such.
HASH_PREFIX = "sha256:"


def _coordinate(value: float) -> float | None:
    return round(value, 7) if math.isfinite(value) else None


def _content(network: Network) -> dict[str, Any]:
    sites = sorted(
        [s.id, _coordinate(s.lon), _coordinate(s.lat), sorted(s.risk_groups)] for s in network.sites
    )
    links = sorted(
        [lk.id, *sorted((lk.a, lk.b)),
         [[_coordinate(x), _coordinate(y)] for x, y in lk.route], sorted(lk.risk_groups)]
        for lk in network.links
    )
    return {"sites": sites, "links": links}


def network_hash(network: Network) -> str:
    """A stable content hash of the network's sites and links, independent of their order.

    Examples
    --------
    >>> from stamnett_gui.domain import Link, Network, Site
    >>> a, b = Site("a", "A", 10.0, 60.0), Site("b", "B", 11.0, 60.0)
    >>> one = Network("one", (a, b), (Link("L1", "a", "b"),))
    >>> two = Network("renamed", (b, a), (Link("L1", "b", "a"),))
    >>> network_hash(one) == network_hash(two), network_hash(one)[:7]
    (True, 'sha256:')

    """
    text = json.dumps(_content(network), ensure_ascii=False, separators=(",", ":"))
    return HASH_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()
