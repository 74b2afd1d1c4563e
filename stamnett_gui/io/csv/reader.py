"""A network as two CSV tables: a sites file and a links file.

Headings are matched by :mod:`stamnett_gui.io.fields` (English and Norwegian,
case and accents ignored); separators ``;``, ``,`` or tab are detected from the
heading line (and Excel's ``sep=;`` line); the text may be UTF-8 with or without
a byte-order mark, or Windows-1252 as Excel writes it; numbers may have decimal
commas. The links file is optional: a list of sites alone is a network without
links. The two files pair by name: ``net-sites.csv`` with ``net-links.csv``,
``steder.csv`` with ``lenker.csv``, or ``net.csv`` with ``net-links.csv``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stamnett_gui.domain import Link, Site, SiteKind
from stamnett_gui.io.assembly import ImportResult, NetworkAssembly
from stamnett_gui.io.coordinates import UNKNOWN, crs_required, lonlat_problem, to_lonlat
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import Finding, FindingCode, NetworkFileError, Severity
from stamnett_gui.io.fields import (
    LINK_FIELDS,
    SITE_FIELDS,
    match_fields,
    normalise_name,
    parse_bool,
    parse_kind,
    parse_number,
    parse_risk_groups,
    parse_route,
)
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited

#: Name parts that mark a sites file, each with the part that marks its links file.
PAIR_WORDS = (
    ("sites", "links"), ("site", "link"), ("nodes", "edges"), ("noder", "lenker"),
    ("steder", "lenker"), ("sted", "lenke"), ("lokasjoner", "forbindelser"),
)


@dataclass(frozen=True)
class Table:
    """A CSV file as headings and rows, each row with its line number."""

    source: str
    headings: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]

    def column(self, heading: str | None, row: dict[str, str]) -> str:
        """The stripped cell under ``heading`` (empty when there is no such column)."""
        return row.get(heading, "").strip() if heading else ""


def read_table(text: str, source: str | Path) -> Table:
    """Split CSV text into headings and rows, detecting the separator.

    Raises
    ------
    NetworkFileError
        When the text has no heading line or is not CSV.

    """
    offset = 0
    excel_sep = re.match(r'(?:[ \t]*\r?\n)*[ \t]*sep=([^"\r\n])[ \t]*(?:\r\n|\n|\r|$)', text)
    if excel_sep:
        delimiter = excel_sep[1]
        offset = text.count("\n", 0, excel_sep.end())
        text = text[excel_sep.end() :]
    heading_line = next((line for line in text.splitlines() if line.strip()), None)
    if heading_line is None:
        raise NetworkFileError(source, "the file is empty")
    if not excel_sep:
        counts = {d: heading_line.count(d) for d in (";", ",", "\t")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    headings: list[str] | None = None
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if headings is None:
                headings = [cell.strip() for cell in cells]
                continue
            rows.append((reader.line_num + offset, dict(zip(headings, cells, strict=False))))
    except csv.Error as error:
        raise NetworkFileError(
            source, [Finding(f"line {reader.line_num + offset}", f"not valid CSV: {error} "
                             "(is a quote mark not closed?)")]
        ) from None
    if headings is None:
        raise NetworkFileError(source, "the file has no heading line")
    return Table(str(source), tuple(headings), tuple(rows))


def _swap_pair_word(stem: str, to_links: bool) -> list[str]:
    """Every stem the partner file may have: ``net-links`` for ``net-sites`` and back."""
    found: list[str] = []
    for sites_word, links_word in PAIR_WORDS:
        old, new = (sites_word, links_word) if to_links else (links_word, sites_word)
        pattern = re.compile(rf"(?<![a-zæøå]){old}(?![a-zæøå])", re.IGNORECASE)
        match = pattern.search(stem)
        if match:
            word = (new.upper() if match[0].isupper() else
                    new.capitalize() if match[0][0].isupper() else new)
            found.append(stem[: match.start()] + word + stem[match.end() :])
    return found


def pair_paths(path: str | Path) -> tuple[Path, Path]:
    """``(sites file, links file)`` for a CSV pair named after ``path``.

    >>> [p.name for p in pair_paths("out/net-sites.csv")], pair_paths("net.csv")[1].name
    (['net-sites.csv', 'net-links.csv'], 'net-links.csv')
    """
    path = Path(path)
    links_stems = _swap_pair_word(path.stem, to_links=True)
    if links_stems:
        return path, path.with_name(links_stems[0] + path.suffix)
    sites_stems = _swap_pair_word(path.stem, to_links=False)
    if sites_stems:
        return path.with_name(sites_stems[0] + path.suffix), path
    return path, path.with_name(f"{path.stem}-links{path.suffix}")


def _sites_file_for(links_path: Path) -> tuple[Path | None, list[str]]:
    """The sites file next to a links file, and the names looked for."""
    names = [stem + links_path.suffix for stem in _swap_pair_word(links_path.stem, to_links=False)]
    for name in names:
        if links_path.with_name(name).is_file():
            return links_path.with_name(name), names
    return None, names


def is_links_table(table: Table) -> bool:
    """True when the headings are those of a links file (a from and a to column)."""
    found = match_fields(table.headings, {k: LINK_FIELDS[k] for k in ("from", "to")})
    has_position = match_fields(table.headings, {k: SITE_FIELDS[k] for k in ("lat", "lon")})
    return len(found) == 2 and not has_position


def _load_table(path: Path, limits: ImportLimits) -> Table:
    text, _ = decode_text(read_bytes_limited(path, limits))
    return read_table(text, path)


def read_csv_pair(
    path: str | Path,
    links: str | Path | None = None,
    *,
    crs: str | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Read a sites CSV and its links CSV.

    Parameters
    ----------
    path
        The sites file, or the links file (its sites file is then found by name).
    links
        The links file; by default the one named like ``path`` (see :func:`pair_paths`),
        and none if there is no such file.
    crs
        The coordinate reference system of ``x``/``y`` (``øst``/``nord``) columns.
    limits
        Size limits.

    """
    limits = limits or ImportLimits()
    path = Path(path)
    first = _load_table(path, limits)
    if is_links_table(first) and links is None:
        sites_path, looked_for = _sites_file_for(path)
        if sites_path is None:
            looked = f" (looked for {', '.join(looked_for)})" if looked_for else ""
            raise NetworkFileError(path, [Finding(
                "",
                f"this is a links table (it has from/to columns); its sites file was not found "
                f"next to it{looked}: open the sites file together with this one",
                code=FindingCode.SITES_FILE_MISSING,
            )])
        return tables_to_network(_load_table(sites_path, limits), first, crs=crs, limits=limits)
    if links is None:
        candidate = pair_paths(path)[1]
        links = candidate if candidate != path and candidate.is_file() else None
    links_table = _load_table(Path(links), limits) if links is not None else None
    return tables_to_network(first, links_table, crs=crs, limits=limits)


def _network_name(stem: str) -> str:
    """``net`` for ``net-sites``; the stem itself when it has no sites word."""
    words = "|".join(sites for sites, _ in PAIR_WORDS)
    name = re.sub(rf"[-_ ]*(?<![a-zæøå])({words})(?![a-zæøå])[-_ ]*", "", stem, flags=re.IGNORECASE)
    return name or stem


def _slug(name: str) -> str:
    return normalise_name(name).replace("_", "-") or "site"


def _positions(
    table: Table, names: dict[str, str], crs: str | None
) -> tuple[list[tuple[float, float]], list[Finding]]:
    findings: list[Finding] = []

    def number(line: int, row: dict[str, str], field: str) -> float:
        try:
            value = parse_number(table.column(names[field], row))
        except ValueError as error:
            findings.append(Finding(f"{Path(table.source).name} line {line}",
                                    f"column {names[field]!r}: {error}; the site has no "
                                    "coordinates (write a number like 59.91)"))
            return UNKNOWN
        return UNKNOWN if value is None else value

    if "lat" in names and "lon" in names:
        return [(number(n, r, "lon"), number(n, r, "lat")) for n, r in table.rows], findings
    if "x" in names and "y" in names:
        xs = [number(n, r, "x") for n, r in table.rows]
        ys = [number(n, r, "y") for n, r in table.rows]
        if crs is not None:
            return to_lonlat(xs, ys, crs, table.source), findings
        pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if not math.isnan(x + y)]
        if all(lonlat_problem(x, y) is None for x, y in pairs):
            findings.append(Finding(
                "headings",
                f"'{names['x']}'/'{names['y']}' were taken as longitude/latitude (WGS84), as every "
                "value fits; if they are in another coordinate system, the sites are misplaced",
                Severity.WARNING, FindingCode.CRS_ASSUMED,
            ))
            return list(zip(xs, ys, strict=True)), findings
        raise crs_required(table.source, f"the columns '{names['x']}'/'{names['y']}'",
                           (names["x"], names["y"]), _sample(table, names, xs, ys))
    raise NetworkFileError(
        table.source,
        "the sites file has no coordinate columns: it needs lat and lon (or breddegrad and "
        "lengdegrad), or x and y (øst and nord); its headings are "
        + ", ".join(repr(h) for h in table.headings),
    )


def _sample(
    table: Table, names: dict[str, str], xs: list[float], ys: list[float]
) -> tuple[str, float, float] | None:
    """The first site with two coordinates, as ``(name, x, y)``."""
    for (_, row), x, y in zip(table.rows, xs, ys, strict=True):
        if not math.isnan(x + y):
            label = table.column(names.get("name"), row) or table.column(names.get("id"), row)
            return label or "the first site", x, y
    return None


def _site_rows(table: Table, crs: str | None, build: NetworkAssembly) -> None:
    names = match_fields(table.headings, SITE_FIELDS)
    if "id" not in names and "name" not in names:
        raise NetworkFileError(
            table.source,
            "the sites file needs an id or a name column (id, navn, name...); its headings are "
            + ", ".join(repr(h) for h in table.headings),
        )
    positions, findings = _positions(table, names, crs)
    build.findings.extend(findings)
    if "id" not in names:
        build.warn(table.source, f"no id column: site ids were made from the column {names['name']!r}")
    used = set(names.values())
    unknown_kinds: Counter[str] = Counter()
    for (line, row), (lon, lat) in zip(table.rows, positions, strict=True):
        where = f"{Path(table.source).name} line {line}"
        name = table.column(names.get("name"), row)
        site_id = table.column(names.get("id"), row) or (_slug(name) if name else "")
        if not site_id:
            build.error(where, "has no id and no name; the row was left out")
            continue
        problem = None if math.isnan(lon + lat) else lonlat_problem(lon, lat)
        if problem:
            build.warn(where, f"{problem}; the site has no coordinates")
            lon = lat = UNKNOWN
        kind_text = table.column(names.get("kind"), row)
        kind = parse_kind(kind_text) if kind_text else SiteKind.HOSPITAL
        if kind is None:
            unknown_kinds[kind_text] += 1
        try:
            groups = parse_risk_groups(table.column(names.get("risk_groups"), row))
        except ValueError as error:
            build.warn(where, f"risk groups: {error}; ignored")
            groups = frozenset()
        site = Site(
            site_id, name or site_id, lon, lat, kind or SiteKind.HOSPITAL,
            table.column(names.get("health_trust"), row), table.column(names.get("region"), row),
            table.column(names.get("municipality"), row), groups,
            properties={h: v for h, v in row.items() if h not in used and h and v},
        )
        added = build.add_site(site, where)
        if added and parse_bool(table.column(names.get("core"), row)) is True:
            build.core.add(added)
    for word, count in unknown_kinds.items():
        build.warn(table.source, f"{count} site(s) have kind {word!r}, which is not a site kind "
                   "(hospital, hub, datacentre, junction); they were read as hospitals")


def _link_rows(table: Table, build: NetworkAssembly) -> None:
    names = match_fields(table.headings, LINK_FIELDS)
    if "from" not in names or "to" not in names:
        raise NetworkFileError(
            table.source,
            "the links file needs a from and a to column (fra/til, a/b, source/target...); its "
            "headings are " + ", ".join(repr(h) for h in table.headings),
        )
    used = set(names.values())
    pairs: Counter[tuple[str, str]] = Counter()
    for line, row in table.rows:
        where = f"{Path(table.source).name} line {line}"
        a, b = table.column(names["from"], row), table.column(names["to"], row)
        if not a or not b:
            build.error(where, "has no from or no to site; the link was left out")
            continue
        pairs[a, b] += 1
        link_id = table.column(names.get("id"), row) or (
            f"{a}-{b}" if pairs[a, b] == 1 else f"{a}-{b}-{pairs[a, b]}")
        try:
            groups = parse_risk_groups(table.column(names.get("risk_groups"), row))
            route = parse_route(table.column(names.get("route"), row))
        except ValueError as error:
            build.warn(where, f"{error}; ignored")
            groups, route = frozenset(), ()
        build.add_link(
            Link(link_id, a, b, route, table.column(names.get("medium"), row) or "fibre", groups,
                 table.column(names.get("name"), row), table.column(names.get("operator"), row),
                 properties={h: v for h, v in row.items() if h not in used and h and v}),
            where,
        )


def tables_to_network(
    sites: Table, links: Table | None, *, crs: str | None = None, limits: ImportLimits | None = None
) -> ImportResult:
    """The network in a sites table and an optional links table."""
    limits = limits or ImportLimits()
    limits.check_count(sites.source, len(sites.rows) + (len(links.rows) if links else 0))
    build = NetworkAssembly(sites.source, limits)
    _site_rows(sites, crs, build)
    if build.site_count == 0:
        raise NetworkFileError(sites.source, "the sites file has no sites")
    if links is not None:
        _link_rows(links, build)
    return build.finish(_network_name(Path(sites.source).stem), metadata={"sites_file": sites.source,
                                        "links_file": links.source if links else ""}, format="csv")

