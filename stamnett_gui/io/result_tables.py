"""Results as tables: every site's diversity, and what is failed, as CSV or JSON text.

The same text goes to a terminal, a file written from the command line and a file
written from the window. CSV is Excel-friendly on request: a byte-order mark so that
Excel reads UTF-8 (``Førde``, not ``FÃ¸rde``), and ``;`` between the fields, which is
what Excel expects where the decimal separator is a comma (Norway).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stamnett_gui.domain import DiversityReport, FailureScenario, Network
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.regional import SurvivalResult
from stamnett_gui.io.atomic_files import write_atomically

#: The separators a CSV table may use, by the name a user gives them.
DELIMITERS: Mapping[str, str] = {",": ",", ";": ";", "tab": "\t"}

#: A byte-order mark: Excel reads a CSV file as UTF-8 only when it starts with one.
BOM = "\ufeff"

#: Columns of the per-site table. ``diversity`` is the value now and ``baseline`` the
#: intact network's, both capped at ``target + 1`` (with target 3, 4 means "four or more").
SITE_COLUMNS = ("id", "name", "diversity", "baseline", "status", "lost", "health_trust", "region")

#: The column a survival radius (whole km) adds, when it has been computed.
SURVIVAL_COLUMN = "survival_radius_km"

#: Columns of the failure list: one row per failed link, site or risk group.
FAILURE_COLUMNS = ("kind", "id", "name", "description", "links_down")


def _delimiter(delimiter: str) -> str:
    if delimiter in DELIMITERS.values():
        return delimiter
    if delimiter in DELIMITERS:
        return DELIMITERS[delimiter]
    raise ValueError(f"a CSV delimiter is one of {', '.join(repr(d) for d in DELIMITERS)}, "
                     f"not {delimiter!r}")


def csv_text(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], *, delimiter: str = ",",
             bom: bool = False) -> str:
    """``rows`` under a header of ``columns``; booleans as ``yes``/``no``.

    >>> print(csv_text(("id", "lost"), [{"id": "bodo", "lost": True}], delimiter=";"), end="")
    id;lost
    bodo;yes
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_delimiter(delimiter), lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    return (BOM if bom else "") + out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def json_text(data: Mapping[str, Any]) -> str:
    """Indented JSON that keeps the letters as they are (``Førde``, not an escape)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- the per-site table ----------------------------------------------------------------------
def site_rows(report: DiversityReport, network: Network,
              survival: SurvivalResult | None = None) -> list[dict[str, Any]]:
    """One row per site of the report, in the report's order.

    With ``survival``, each row gets ``survival_radius_km`` (empty where there is none).
    """
    radii = {s.site_id: s.radius_km for s in survival.sites} if survival is not None else {}
    rows = []
    for entry in report.sites:
        site = network.sites_by_id.get(entry.site_id)
        row = {**entry.to_dict(), "health_trust": site.health_trust if site else "",
               "region": site.region if site else ""}
        if survival is not None:
            radius = radii.get(entry.site_id)
            row[SURVIVAL_COLUMN] = "" if radius is None else radius
        rows.append(row)
    return rows


def sites_csv(report: DiversityReport, network: Network, *, delimiter: str = ",",
              bom: bool = False, survival: SurvivalResult | None = None) -> str:
    """The per-site table as CSV (see :data:`SITE_COLUMNS`; :data:`SURVIVAL_COLUMN` with ``survival``)."""
    columns = SITE_COLUMNS + ((SURVIVAL_COLUMN,) if survival is not None else ())
    return csv_text(columns, site_rows(report, network, survival), delimiter=delimiter, bom=bom)


def sites_json(report: DiversityReport, network: Network, survival: SurvivalResult | None = None) -> str:
    """The report as JSON: network name and hash, target, cap, measure, scenario, summary, sites.

    With ``survival``, each site also has ``survival_radius_km`` (``null`` where there is none).
    """
    data = {"network": network.name, "network_hash": network_hash(network), **report.to_dict()}
    if survival is not None:
        radii = {s.site_id: s.radius_km for s in survival.sites}
        data["sites"] = [{**site, SURVIVAL_COLUMN: radii.get(site["id"])} for site in data["sites"]]
    return json_text(data)


# -- the failure list ------------------------------------------------------------------------
def failure_rows(scenario: FailureScenario, network: Network) -> list[dict[str, Any]]:
    """What is failed: risk groups, sites, then links, each sorted, with the links each takes down."""
    rows: list[dict[str, Any]] = []
    groups = network.risk_groups_by_name
    for name in sorted(scenario.failed_groups):
        group = groups.get(name)
        sites = network.group_members(name)[1] if group else frozenset()
        down = FailureScenario(failed_groups=frozenset({name})).down_links(network) if group else ()
        parts = [group.kind.value] if group else []
        if sites:
            parts.append("sites " + ", ".join(sorted(network.site(s).name for s in sites)))
        if group and group.description:
            parts.append(group.description)
        rows.append({"kind": "risk group", "id": name, "name": name, "description": "; ".join(parts),
                     "links_down": len(down)})
    for site_id in sorted(scenario.failed_sites):
        site = network.sites_by_id.get(site_id)
        rows.append({"kind": "site", "id": site_id, "name": site.name if site else site_id,
                     "description": site.kind.value if site else "",
                     "links_down": len(network.links_of(site_id))})
    for link_id in sorted(scenario.failed_links):
        link = network.links_by_id.get(link_id)
        if link is None:
            rows.append({"kind": "link", "id": link_id, "name": link_id, "description": "",
                         "links_down": 1})
            continue
        ends = f"{_site_name(network, link.a)} – {_site_name(network, link.b)}"
        rows.append({"kind": "link", "id": link_id, "name": link.name or ends,
                     "description": ", ".join(p for p in (ends, link.medium, link.operator) if p),
                     "links_down": 1})
    return rows


def _site_name(network: Network, site_id: str) -> str:
    site = network.sites_by_id.get(site_id)
    return site.name if site else site_id


def failures_csv(scenario: FailureScenario, network: Network, *, delimiter: str = ",",
                 bom: bool = False) -> str:
    """The failure list as CSV (see :data:`FAILURE_COLUMNS`)."""
    return csv_text(FAILURE_COLUMNS, failure_rows(scenario, network), delimiter=delimiter, bom=bom)


def failures_json(scenario: FailureScenario, network: Network) -> str:
    """The failure list as JSON, with every link that is down as a result."""
    return json_text({
        "network": network.name,
        "network_hash": network_hash(network),
        "scenario": scenario.to_dict(),
        "failed": failure_rows(scenario, network),
        "links_down": sorted(scenario.down_links(network)),
    })


def write_table(path: str | Path, text: str) -> None:
    """Write a table's text to ``path`` as UTF-8, complete or not at all.

    Raises
    ------
    NetworkFileError
        When the folder is missing or not writable, or the disk is full.

    """
    write_atomically(path, text.encode("utf-8"))
