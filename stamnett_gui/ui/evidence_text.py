"""The evidence pack's words: the HTML that Qt's text engine lays out on the pack's pages.

Plain functions from results to HTML (the subset ``QTextDocument`` renders): what
failed, which sites were affected with their diversity before and after, each
affected site's remaining routes and minimum cut in words, and the method.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from stamnett_gui.domain import (
    DiversityReport,
    FailureScenario,
    HazardArea,
    Measure,
    Network,
    SiteDiversity,
    Status,
)
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.io.result_tables import failure_rows
from stamnett_gui.ui import styles
from stamnett_gui.ui.export_caption import MEASURE_WORDS, data_sources, modelled_warning
from stamnett_gui.ui.export_view import resolved

#: Table style: thin grey rules, a little air.
_TABLE = "border='0.5' cellspacing='0' cellpadding='3' width='100%' style='border-color:#999'"
#: The tables' column titles and alignments; the titles are marked for translation, translated in _header_row.
_FAILED_COLUMNS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # NOOP: object
    (QT_TRANSLATE_NOOP("EvidencePack", "Kind"), "left"),
    (QT_TRANSLATE_NOOP("EvidencePack", "Name"), "left"),
    (QT_TRANSLATE_NOOP("EvidencePack", "What it is"), "left"),
    (QT_TRANSLATE_NOOP("EvidencePack", "Links down"), "right"),
)
_AFFECTED_COLUMNS: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # NOOP: object
    (QT_TRANSLATE_NOOP("EvidencePack", "Site"), "left"),
    (QT_TRANSLATE_NOOP("EvidencePack", "Health trust"), "left"),
    (QT_TRANSLATE_NOOP("EvidencePack", "Before"), "right"),
    (QT_TRANSLATE_NOOP("EvidencePack", "After"), "right"),
    (QT_TRANSLATE_NOOP("EvidencePack", "Status"), "left"),
)


def _e(text: object) -> str:
    return html.escape(str(text))


def _header_row(table: str, columns: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<th align='{align}'>{_e(QCoreApplication.translate('EvidencePack', title))}</th>"
                    for title, align in columns)
    return f"<table {table}><tr style='background:#eef2f5'>{cells}</tr>"


@dataclass(frozen=True)
class SectionResult:
    """One scenario's results: its report, the affected sites and their explanations."""

    title: str
    notes: str
    scenario: FailureScenario
    resolved: FailureScenario
    report: DiversityReport
    affected: tuple[SiteDiversity, ...]
    explanations: tuple[Explanation, ...]


def shown(value: int, cap: int) -> str:
    """``"4+"`` at the cap, the number below it."""
    return f"{value}+" if value >= cap else str(value)


def area_words(network: Network, area: HazardArea, alone: FailureScenario) -> str:
    """``"circle of 40 km around 14.50° E 68.30° N; sites inside: Svolvær"``."""
    if area.center is not None and area.radius_km is not None:
        lon, lat = area.center
        shape = QCoreApplication.translate(
            "EvidencePack", "circle of {0:g} km around {1:.2f}° E {2:.2f}° N").format(
            area.radius_km, lon, lat)
    else:
        corners = max(len(area.rings[0]) - 1, 0) if area.rings else 0
        shape = QCoreApplication.translate(
            "EvidencePack", "outline of {0} corners drawn on the map").format(corners)
    sites = sorted(network.site(s).name for s in alone.down_sites(network) if s in network.sites_by_id)
    return shape + (QCoreApplication.translate("EvidencePack", "; sites inside: {0}").format(", ".join(sites))
                    if sites else "")


def failed_html(network: Network, section: SectionResult) -> str:
    """The failed elements: risk groups, sites, links, hazard areas, and how many links went down."""
    rows = failure_rows(section.scenario, network)
    heading = QCoreApplication.translate("EvidencePack", "Failed elements")
    parts = [f"<h3>{_e(heading)}</h3>"]
    areas = section.scenario.enabled_areas
    if not rows and not areas:
        intact = QCoreApplication.translate("EvidencePack", "Nothing is failed: this is the intact network.")
        parts.append(f"<p>{_e(intact)}</p>")
        return "".join(parts)
    parts.append(_header_row(_TABLE, _FAILED_COLUMNS))
    for row in rows:
        parts.append(f"<tr><td>{_e(row['kind'])}</td><td>{_e(row['name'])}</td>"
                     f"<td>{_e(row['description'])}</td><td align='right'>{row['links_down']}</td></tr>")
    kind = QCoreApplication.translate("EvidencePack", "hazard area")
    for area in areas:
        alone = resolved(network, FailureScenario(hazard_areas=(area,)))
        parts.append(f"<tr><td>{_e(kind)}</td><td>{_e(area.name)}</td>"
                     f"<td>{_e(area_words(network, area, alone))}</td>"
                     f"<td align='right'>{len(alone.down_links(network))}</td></tr>")
    parts.append("</table>")
    down = len(section.resolved.down_links(network))
    sites = len(section.resolved.down_sites(network))
    in_all = QCoreApplication.translate(
        "EvidencePack", "In all {0} links and {1} sites are down.").format(down, sites)
    parts.append(f"<p>{_e(in_all)}</p>")
    return "".join(parts)


def affected_html(network: Network, section: SectionResult) -> str:
    """The affected sites with their diversity before (intact) and after, and their status."""
    report = section.report
    heading = QCoreApplication.translate("EvidencePack", "Affected sites")
    parts = [f"<h3>{_e(heading)}</h3>"]
    if not section.affected:
        unharmed = QCoreApplication.translate(
            "EvidencePack", "No site lost diversity or went down in this scenario.")
        parts.append(f"<p>{_e(unharmed)}</p>")
        return "".join(parts)
    intro = QCoreApplication.translate(
        "EvidencePack", "Independent routes to the core before (intact network) and after the failures; "
                        "{0}, target {1}.").format(MEASURE_WORDS[report.measure], report.target)
    parts.append(f"<p>{_e(intro)}</p>")
    parts.append(_header_row(_TABLE, _AFFECTED_COLUMNS))
    for entry in section.affected:
        site = network.sites_by_id.get(entry.site_id)
        colour = styles.STATUS_STYLE[entry.status][0]
        parts.append(
            f"<tr><td>{_e(entry.name)}</td><td>{_e(site.health_trust if site else '')}</td>"
            f"<td align='right'>{shown(entry.baseline, report.cap)}</td>"
            f"<td align='right'><b>{shown(entry.diversity, report.cap)}</b></td>"
            f"<td><span style='color:{colour}'>■</span> {_e(entry.status.value)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _routes_word(count: int, cap: int) -> str:
    if count >= cap:
        return QCoreApplication.translate("EvidencePack", "{0} or more independent routes").format(count)
    if count == 1:
        return QCoreApplication.translate("EvidencePack", "1 independent route")
    return (QCoreApplication.translate("EvidencePack", "{0} independent routes").format(count) if count
            else QCoreApplication.translate("EvidencePack", "no route"))


def site_sentence(entry: SiteDiversity, cap: int, target: int) -> str:
    """What a site has now and had intact, and its status, in one sentence.

    For instance "Now 1 independent route to the core, 4 or more in the intact network
    (target 3): degraded."
    """
    if entry.status is Status.FAILED:
        return QCoreApplication.translate(
            "EvidencePack", "Down in this scenario: the site itself failed, or is in a failed risk group.")
    intact = (QCoreApplication.translate("EvidencePack", "{0} or more").format(entry.baseline)
              if entry.baseline >= cap else str(entry.baseline))
    return QCoreApplication.translate(
        "EvidencePack", "Now {0} to the core, {1} in the intact network (target {2}): {3}.").format(
        _routes_word(entry.diversity, cap), intact, target, entry.status.value)


def cut_words(network: Network, explanation: Explanation) -> str:
    """The minimum cut in words, each link with the sites it joins."""
    cut = explanation.cut
    items = []
    for link_id in cut.links:
        link = network.links_by_id.get(link_id)
        if link is None:
            items.append(QCoreApplication.translate("EvidencePack", "link {0}").format(link_id))
            continue
        ends = " – ".join(network.sites_by_id[s].name if s in network.sites_by_id else s for s in link.ends)
        items.append(QCoreApplication.translate("EvidencePack", "link {0} ({1})").format(link_id, ends))
    items += [QCoreApplication.translate("EvidencePack", "site {0}").format(
        network.sites_by_id[s].name if s in network.sites_by_id else s) for s in cut.sites]
    items += [QCoreApplication.translate("EvidencePack", "risk group '{0}'").format(g) for g in cut.groups]
    listed = (items[0] if len(items) == 1
              else ", ".join(items[:-1]) + QCoreApplication.translate("EvidencePack", " and ") + items[-1])
    if len(items) == 1:
        return QCoreApplication.translate(
            "EvidencePack", "{0}. Losing it alone would isolate the site.").format(listed)
    return QCoreApplication.translate(
        "EvidencePack", "{0}. Losing these {1} together would isolate the site.").format(listed, len(items))


def explanation_html(network: Network, explanation: Explanation, entry: SiteDiversity, cap: int) -> str:
    """One affected site: what it has now, its remaining routes site by site, and its minimum cut."""
    name = network.sites_by_id[explanation.source].name
    parts = [f"<h4>{_e(name)}</h4><p>{_e(site_sentence(entry, cap, explanation.target))}</p>"]
    if explanation.status is Status.FAILED:
        return "".join(parts)
    if explanation.routes:
        remaining = QCoreApplication.translate("EvidencePack", "Remaining routes:")
        links = QCoreApplication.translate("EvidencePack", "links")
        parts.append(f"<p>{_e(remaining)}</p><ol>")
        for route in explanation.routes:
            names = [network.sites_by_id[s].name if s in network.sites_by_id else s for s in route.sites]
            parts.append(f"<li>{_e(' → '.join(names))} <span style='color:#555'>"
                         f"({_e(links)} {_e(', '.join(route.links))})</span></li>")
        parts.append("</ol>")
    elif explanation.note:
        parts.append(f"<p>{_e(explanation.headline())}</p>")
    elif entry.diversity == 0:
        cut_off = QCoreApplication.translate(
            "EvidencePack", "Cut off: every route it had in the intact network crosses what failed.")
        parts.append(f"<p>{_e(cut_off)}</p>")
    if explanation.cut.size:
        minimum_cut = QCoreApplication.translate("EvidencePack", "Minimum cut")
        parts.append(f"<p><b>{_e(minimum_cut)}</b>: {_e(cut_words(network, explanation))}</p>")
    return "".join(parts)


def section_chunks(network: Network, section: SectionResult, number: int | None) -> list[str]:
    """The words of one scenario's section, after its maps, as pieces kept whole on a page.

    A heading travels with what follows it; each affected site's routes and cut stay together.
    """
    heading = section.title if number is None else f"{number}. {section.title}"
    head = [f"<h2>{_e(heading)}</h2>"]
    if section.notes:
        head.append("".join(f"<p><i>{_e(line)}</i></p>" for line in section.notes.splitlines() if line))
    counts = section.report.counts
    summary = QCoreApplication.translate(
        "EvidencePack", "{0} sites lost diversity · {1} isolated · {2} below target · {3} failed").format(
        counts["lost"], counts["isolated"], counts["degraded"], counts["failed"])
    head.append(f"<p><b>{_e(summary)}</b></p>")
    chunks = ["".join(head) + failed_html(network, section), affected_html(network, section)]
    cap = section.report.cap
    sites = [explanation_html(network, e, s, cap)
             for e, s in zip(section.explanations, section.affected, strict=True)]
    if sites:
        sites_heading = QCoreApplication.translate("EvidencePack", "What each affected site has left")
        sites[0] = f"<h3>{_e(sites_heading)}</h3>" + sites[0]
    return chunks + sites


#: The method's words, marked for translation here and translated in method_chunks.
_MEASURE_TEXT: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # NOOP: object
    ("edge", QT_TRANSLATE_NOOP(
        "EvidencePack",
        "routes that share no link. Two links between the same two sites count as two.")),
    ("node", QT_TRANSLATE_NOOP(
        "EvidencePack",
        "routes that share no link and no site on the way (a router or a building failing).")),
    ("risk", QT_TRANSLATE_NOOP(
        "EvidencePack",
        "the fewest risk groups (a trench, a power line, a sea-cable pair; every link is also "
        "a group of its own) whose failure together isolates the site.")),
)
_DIVERSITY_TEXT: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # NOOP: object
    "EvidencePack",
    "The path diversity of a site is the number of independent routes from it to the core (the "
    "hub sites and data centres every site must reach; the core counts as one point, so routes "
    "may end at different core sites). Measures used in this pack: {0}."
)
_TARGET_TEXT: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # NOOP: object
    "EvidencePack",
    "Target: {0} (NHN promises at least three independent routes between all points). A site is "
    "compliant at or above the target, degraded between 1 and the target, isolated at 0, and "
    "failed when it is down itself."
)
_CAP_TEXT: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # NOOP: object
    "EvidencePack",
    "Values are counted up to the target plus one and shown as {0}: a site at the cap has at "
    "least that many routes. Before is the intact network, after is the scenario; a site lost "
    "diversity when after is lower than before. Routes and minimum cuts come from exact "
    "maximum-flow computations on the network, not estimates. A minimum cut is a smallest set of "
    "links, sites or risk groups whose loss would isolate the site; its size is the site's "
    "diversity, counted without the cap."
)


def method_chunks(network: Network, measures: Sequence[Measure], targets: Sequence[int]) -> list[str]:
    """How the numbers were made, the data they were made from, and the modelled-data warning."""
    used = ", ".join(sorted({m.value for m in measures}))
    target_text = ", ".join(str(t) for t in sorted(set(targets)))
    cap_text = ", ".join(f"{t + 1}+" for t in sorted(set(targets)))
    facts = QCoreApplication.translate("EvidencePack", "Network: {0}; {1} sites, {2} links.").format(
        network.name, len(network.sites), len(network.links))
    method_heading = QCoreApplication.translate("EvidencePack", "Method")
    diversity = QCoreApplication.translate("EvidencePack", _DIVERSITY_TEXT).format(used)
    method = [f"<h2>{_e(method_heading)}</h2>", f"<p>{_e(diversity)}</p><ul>"]
    method += [f"<li><b>{word}</b>: {_e(QCoreApplication.translate('EvidencePack', text))}</li>"
               for word, text in _MEASURE_TEXT]
    target_words = QCoreApplication.translate("EvidencePack", _TARGET_TEXT).format(target_text)
    cap_words = QCoreApplication.translate("EvidencePack", _CAP_TEXT).format(cap_text)
    method += ["</ul>", f"<p>{_e(target_words)}</p>", f"<p>{_e(cap_words)}</p>"]
    data_heading = QCoreApplication.translate("EvidencePack", "Network and data")
    content_hash = QCoreApplication.translate(
        "EvidencePack", "Content hash (SHA-256 of its sites and links):")
    data = [f"<h2>{_e(data_heading)}</h2>",
            f"<p>{_e(facts)}<br>{_e(content_hash)} "
            f"<tt>{_e(network_hash(network))}</tt></p>"]
    if network.description:
        data.append(f"<p>{_e(network.description)}</p>")
    warning = modelled_warning(network)
    if warning:
        data.append(f"<p style='color:{styles.VERMILLION}'><b>{_e(warning)}</b></p>")
    data.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in data_sources(network)) + "</ul>")
    return ["".join(method), "".join(data)]
