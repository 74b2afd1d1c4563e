"""The details panel: the scenario's summary, and why the selected site is weak, in words."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from stamnett_gui.analysis.diversity import apply_hazard_areas
from stamnett_gui.domain import DiversityReport, Network
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.ui import styles
from stamnett_gui.ui.session import Session

HINT: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # typed as object; it is the text
    "DetailsPanel",
    "Select a site on the map or in the table to see its independent routes to the core and "
    "what would isolate it. Ctrl+click a second site for the routes between the two.",
)


def scenario_summary(report: DiversityReport, network: Network) -> str:
    """``"4 sites lost diversity · 1 isolated · 12 links down"``."""
    counts = report.counts
    scenario = apply_hazard_areas(network, report.scenario)  # what the areas take down counts too
    down = len(scenario.down_links(network))
    parts = [f"{counts['lost']} site{'s' if counts['lost'] != 1 else ''} lost diversity",
             f"{counts['isolated']} isolated", f"{counts['degraded']} below target",
             f"{down} link{'s' if down != 1 else ''} down"]
    if counts["failed"]:
        parts.append(f"{counts['failed']} site{'s' if counts['failed'] != 1 else ''} failed")
    if network.core and network.core <= scenario.down_sites(network):
        parts.insert(0, "no core site is up: every site is isolated")
    return " · ".join(parts)


def route_lines(network: Network, explanation: Explanation) -> list[str]:
    """One HTML line per route, with the swatch of the colour it is drawn in on the map."""
    lines = []
    for i, route in enumerate(explanation.routes):
        colour = styles.PATH_COLOURS[min(i, len(styles.PATH_COLOURS) - 1)]
        names = [network.sites_by_id[s].name if s in network.sites_by_id else s for s in route.sites]
        links = ", ".join(route.links)
        lines.append(f"<span style='color:{colour};font-size:16px'>■</span> "
                     f"Route {i + 1}: {html.escape(' → '.join(names))} "
                     f"<span style='color:#666'>({html.escape(links)})</span>")
    return lines


class DetailsPanel(QWidget):
    """Summary of the scenario and the explanation of the selection."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        session.state_changed.connect(self._refresh)
        session.report_ready.connect(self._refresh)
        session.explanation_ready.connect(self._refresh)
        self._refresh()

    def _refresh(self, *_: object) -> None:
        session = self.session
        report = session.report
        parts = []
        if report is not None:
            parts.append(f"<p><b>{html.escape(scenario_summary(report, session.shown_network))}</b><br>"
                         f"{report.measure.value} measure, target {report.target}</p>")
        else:
            parts.append(f"<p style='color:#555'>{html.escape(self.tr('Analysing the scenario…'))}</p>")
        explanation = session.explanation
        if not session.selection:
            parts.append(f"<p style='color:#555'>{html.escape(self.tr(HINT))}</p>")
        elif not isinstance(explanation, Explanation):
            parts.append(f"<p>{html.escape(self.tr('Working out the routes…'))}</p>")
        else:
            parts.append(f"<p><b>{html.escape(explanation.headline())}</b></p>")
            lines = route_lines(session.network, explanation)
            if lines:
                parts.append("<p>" + "<br>".join(lines) + "</p>")
        self.text.setHtml("".join(parts))

    def plain_text(self) -> str:
        """What the panel says, as plain text."""
        return self.text.toPlainText()
