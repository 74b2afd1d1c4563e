"""Writing a network as the two CSV tables :mod:`stamnett_gui.io.csv.reader` reads back."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stamnett_gui.domain import Network
from stamnett_gui.io.atomic_files import write_all_atomically
from stamnett_gui.io.csv.reader import pair_paths
from stamnett_gui.io.fields import (
    LINK_FIELDS,
    SITE_FIELDS,
    format_risk_groups,
    format_route_wkt,
    link_columns,
    normalise_name,
    site_columns,
)

SITE_COLUMNS = ("id", "name", "lat", "lon", "kind", "health_trust", "region", "municipality",
                "core", "risk_groups")
LINK_COLUMNS = ("id", "from", "to", "name", "medium", "operator", "risk_groups", "route")


def _extra_columns(items: list[Mapping[str, Any]], fields: Mapping[str, tuple[str, ...]]) -> list[str]:
    reserved = {normalise_name(alias) for aliases in fields.values() for alias in aliases}
    names = dict.fromkeys(k for props in items for k in props)
    return [k for k in names if k and normalise_name(k) not in reserved]


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return json.dumps(value, ensure_ascii=False, default=str)


def _csv_text(headings: list[str], rows: list[list[str]]) -> str:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return stream.getvalue()


def network_to_csv(network: Network) -> tuple[str, str]:
    """``(sites text, links text)``: the two CSV tables :func:`read_csv_pair` reads back.

    Comma-separated, ``.`` decimals with every digit, ``yes``/``no`` for core,
    risk groups as ``a; b``, routes as WKT; properties as further columns.
    """
    site_props = [site_columns(s) for s in network.sites]
    link_props = [link_columns(lk) for lk in network.links]
    site_extra = _extra_columns(site_props, SITE_FIELDS)
    link_extra = _extra_columns(link_props, LINK_FIELDS)
    sites = [
        [s.id, s.name, _cell(s.lat), _cell(s.lon), s.kind.value, s.health_trust, s.region,
         s.municipality, "yes" if s.id in network.core else "no",
         format_risk_groups(s.risk_groups)]
        + [_cell(p[k]) if k in p else "" for k in site_extra]
        for s, p in zip(network.sites, site_props, strict=True)
    ]
    links = [
        [lk.id, lk.a, lk.b, lk.name, lk.medium, lk.operator, format_risk_groups(lk.risk_groups),
         format_route_wkt(lk.route)]
        + [_cell(p[k]) if k in p else "" for k in link_extra]
        for lk, p in zip(network.links, link_props, strict=True)
    ]
    return (_csv_text([*SITE_COLUMNS, *site_extra], sites),
            _csv_text([*LINK_COLUMNS, *link_extra], links))


def write_csv_pair(network: Network, path: str | Path) -> tuple[Path, Path]:
    """Write the sites and links tables named after ``path`` (see :func:`pair_paths`).

    The files are UTF-8 with a byte-order mark, so that Excel shows æ, ø and å.
    They are written together (:func:`~stamnett_gui.io.atomic_files.write_all_atomically`):
    afterwards both are the new tables, or, when writing failed, both are what
    they were. Returns ``(sites file, links file)``.

    Raises
    ------
    NetworkFileError
        When a file cannot be written.

    """
    sites_path, links_path = pair_paths(path)
    sites_text, links_text = network_to_csv(network)
    write_all_atomically([(sites_path, sites_text.encode("utf-8-sig")),
                          (links_path, links_text.encode("utf-8-sig"))])
    return sites_path, links_path
