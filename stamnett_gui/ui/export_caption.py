"""The words around an exported map: its caption, and the sources and warnings a report must carry."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from stamnett_gui.domain import DiversityReport, FailureScenario, Measure, Network
from stamnett_gui.domain.attribution import network_credit
from stamnett_gui.domain.content_hash import short_hash
from stamnett_gui.ui import styles
from stamnett_gui.ui.details_panel import scenario_summary
from stamnett_gui.ui.export_view import MapContent

MEASURE_WORDS = {
    Measure.EDGE: "edge-disjoint routes (no shared link)",
    Measure.NODE: "node-disjoint routes (no shared link or site)",
    Measure.RISK: "risk-disjoint (fewest risk groups that isolate a site)",
}


@dataclass(frozen=True)
class Caption:
    """The text above a map: a title, the scenario's name, and the date it was made."""

    title: str
    scenario_name: str = ""
    date: datetime.date = field(default_factory=datetime.date.today)
    show: bool = True


def default_title(network: Network) -> str:
    """``"Path diversity — Stamnettet (modelled links)"``."""
    return QCoreApplication.translate("MapExport", "Path diversity — {0}").format(network.name)


def reference_event(network: Network, scenario: FailureScenario) -> Mapping[str, Any] | None:
    """The real event the network's file describes (``reference_events``) that ``scenario`` is, if any."""
    if scenario.is_intact or scenario.hazard_areas:
        return None
    for event in network.metadata.get("reference_events", ()) or ():
        if not isinstance(event, Mapping):
            continue
        groups = frozenset(event.get("failed_groups", ()) or ())
        links = frozenset(event.get("failed_links", ()) or ())
        sites = frozenset(event.get("failed_sites", ()) or ())
        if (links, sites, groups) == (scenario.failed_links, scenario.failed_sites, scenario.failed_groups):
            return event
    return None


def scenario_name(network: Network, scenario: FailureScenario) -> str:
    """A reference event's name when the scenario is one, else what it fails in words."""
    event = reference_event(network, scenario)
    if event is not None and event.get("name"):
        return str(event["name"])
    if scenario.is_intact:
        return QCoreApplication.translate("MapExport", "Intact network (nothing failed)")
    return str(scenario)[0].upper() + str(scenario)[1:]


def scenario_notes(network: Network, scenario: FailureScenario) -> str:
    """What happened, and what the model shows, when the scenario is one of the file's real events."""
    event = reference_event(network, scenario)
    if event is None:
        return ""
    parts = [str(event[key]).strip() for key in ("what_happened", "in_this_model") if event.get(key)]
    return "\n".join(parts)


def data_sources(network: Network) -> list[str]:
    """Who the data on the map comes from: the basemap, and what the network file says of itself."""
    lines = [QCoreApplication.translate(
        "MapExport", "Basemap: © Kartverket (CC BY 4.0); neighbouring countries and Svalbard: Natural Earth")]
    source = network.metadata.get("source")
    credit = network_credit(network)
    if isinstance(source, Mapping):
        for key, text in source.items():
            lines.append(f"{str(key).capitalize()}: {text}")
    elif isinstance(source, str) and source:
        lines.append(QCoreApplication.translate("MapExport", "Network: {0}").format(source))
    elif credit:  # what the map's attribution credits (a Topology Zoo file, an 'attribution')
        lines.append(credit[0].upper() + credit[1:])
    else:
        lines.append(QCoreApplication.translate(
            "MapExport", "Network: {0} (the file names no source)").format(network.name))
    return lines


def modelled_warning(network: Network) -> str:
    """The sentence a report must carry when the links are modelled (empty otherwise)."""
    if not network.modelled:
        return ""
    return QCoreApplication.translate(
        "MapExport", "Modelled links: the network's links, routes and risk groups are a model drawn along "
                     "real corridors, not the operator's real topology. Results show what the model "
                     "implies, not the state of the real network.")


def text_font(points: float, bold: bool = False) -> QFont:
    """The font of exported text: no ligatures, so that text copied out of a PDF reads as typed."""
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def caption_lines(content: MapContent, caption: Caption, report: DiversityReport, *,
                  compact: bool = False, scale: float = 1.0) -> list[tuple[str, QFont, str]]:
    """``(text, font, colour)`` of each caption line, top to bottom.

    ``compact`` keeps what a reader must have (title, scenario, measure, target, date,
    network, hash, the modelled-links flag) in three lines, for small pages.
    """
    network = content.network
    name = caption.scenario_name or scenario_name(network, content.scenario)
    measure = MEASURE_WORDS[content.measure]
    ink = styles.LABEL_COLOUR
    network_line = QCoreApplication.translate(
        "MapExport", "Network: {0} · content hash {1} · {2} sites, {3} links").format(
        network.name, short_hash(network), len(network.sites), len(network.links))
    if compact:
        flag = QCoreApplication.translate("MapExport", " · MODELLED LINKS") if network.modelled else ""
        return [
            (caption.title, text_font(11 * scale, bold=True), ink),
            (QCoreApplication.translate("MapExport", "{0} · {1} measure, target {2} · {3}").format(
                name, content.measure.value, content.settled_target, caption.date.isoformat()),
             text_font(7.5 * scale, bold=True), ink),
            (f"{network.name} · {short_hash(network)}{flag}", text_font(7 * scale), ink),
        ]
    lines = [
        (caption.title, text_font(14 * scale, bold=True), ink),
        (QCoreApplication.translate("MapExport", "Scenario: {0}").format(name),
         text_font(9.5 * scale, bold=True), ink),
        (scenario_summary(report, network), text_font(8.5 * scale), ink),
        (QCoreApplication.translate("MapExport", "Measure: {0} · target {1} · made {2}").format(
            measure, content.settled_target, caption.date.isoformat()), text_font(8.5 * scale), ink),
        (network_line, text_font(8.5 * scale), ink),
    ]
    if network.modelled:
        lines.append((modelled_warning(network), text_font(8.5 * scale, bold=True), styles.VERMILLION))
    lines.append((" · ".join(data_sources(network)), text_font(7.5 * scale), "#4a4a4a"))
    return lines


def paint_caption(painter: QPainter, left: float, top: float, width: float,
                  lines: Sequence[tuple[str, QFont, str]], *, draw: bool = True) -> float:
    """Paint the caption lines (wrapped to ``width``) from ``top``; return the height used."""
    y = top
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    for text, font, colour in lines:
        painter.setFont(font)
        box = painter.boundingRect(QRectF(left, y, width, 10_000), flags, text)
        if draw:
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(left, y, width, box.height()), flags, text)
        y += box.height() + 2
    return y - top
