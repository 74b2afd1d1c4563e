"""The main window: the map, the panels, the toolbar; it shows what its :class:`Session` holds."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from stamnett_gui.domain import DiversityReport, Measure, Network, SiteKind, Status
from stamnett_gui.domain.explanation import Explanation
from stamnett_gui.domain.regional import SurvivalResult
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.saving import files_replaced_besides, save_network
from stamnett_gui.ui.about import AboutDialog
from stamnett_gui.ui.details_panel import DetailsPanel, scenario_summary
from stamnett_gui.ui.export_dialog import ExportActions
from stamnett_gui.ui.failure_panel import FailurePanel
from stamnett_gui.ui.help_dialog import HelpDialog
from stamnett_gui.ui.import_flow import OPEN_FILTER, ImportFlow, csv_pair, show_validation_report
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.pairs_panel import add_pairs_panel
from stamnett_gui.ui.presentation import Presentation
from stamnett_gui.ui.regional_panel import add_regional_panel
from stamnett_gui.ui.session import Session
from stamnett_gui.ui.site_colours import SiteColours
from stamnett_gui.ui.site_table import SURVIVAL, SitePanel
from stamnett_gui.ui.sweep_panel import add_sweep_panel
from stamnett_gui.ui.timeline import BuildoutTimeline
from stamnett_gui.ui.workshop_window import WorkshopParts

NETWORK_FILTER = OPEN_FILTER
SAVE_FILTERS = {
    "stamnett GeoJSON, coordinates to 0.1 m (*.geojson)": ".geojson",
    "GraphML (*.graphml)": ".graphml",
    "CSV sites and links tables (*.csv)": ".csv",
}
#: At most this many sites are labelled for mattering now (selected, on a route, affected).
EMPHASISED_LABELS = 40
#: State fields that change nothing the window itself draws (the workshop's parts do).
WORKSHOP_ONLY_FIELDS = frozenset({"workshop", "step", "comparison", "view"})
MEASURES = (("Edge-disjoint (links)", Measure.EDGE), ("Node-disjoint (sites)", Measure.NODE),
            ("Risk-disjoint (risk groups)", Measure.RISK))


class MainWindow(QMainWindow):
    """The application window. Requests go to the session; the window follows its signals."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.map_view = MapView(load_basemap())
        self.setCentralWidget(self.map_view)
        self.site_panel = SitePanel(session)
        self.failure_panel = FailurePanel(session)
        self.details_panel = DetailsPanel(session)
        sites = self._dock("Sites", self.tr("Sites"), self.site_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        failures = self._dock("Failures and risk groups", self.tr("Failures and risk groups"),
                              self.failure_panel,
                              Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Details", self.tr("Details"), self.details_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        # Narrow by default: the map gets the room; both stay resizable by their splitters.
        self.resizeDocks([sites, failures], [360, 300], Qt.Orientation.Horizontal)
        self.summary_label = QLabel()
        self.network_label = QLabel()
        self.statusBar().addWidget(self.summary_label, 1)
        self.statusBar().addPermanentWidget(self.network_label)
        self.error_box: QMessageBox | None = None
        self.context_menu: QMenu | None = None
        self.import_flow: ImportFlow | None = None
        self.setAcceptDrops(True)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.resize(1440, 920)

        session.state_changed.connect(self._on_state_changed)
        session.report_ready.connect(self._show_report)
        session.explanation_ready.connect(self._show_explanation)
        session.analysis_failed.connect(self._on_analysis_failed)
        session.load_failed.connect(self._on_load_failed)
        session.busy_changed.connect(self._on_busy_changed)
        self.map_view.clicked.connect(self._on_map_clicked)
        self.map_view.context_requested.connect(self._on_map_context)
        self._on_state_changed(frozenset({"network"}))
        if session.report is None:
            session.analyse()
        #: Asked in turn when the window is closed; any returning False keeps it open.
        self.close_guards: list[Callable[[], bool]] = []
        self.workshop = WorkshopParts(self)
        self.timeline = BuildoutTimeline(self)  # View → Build-out timeline
        self.presentation = Presentation(self)  # View → Presentation (F11)
        self.sweep_panel = add_sweep_panel(self)  # Analysis → Sweep, its heat map and progress
        self.regional_panel = add_regional_panel(self)  # Analysis → Regional failures
        self.regional_panel.survival_shown.connect(self._show_survival)
        self.site_colours = SiteColours(self)  # View → Colour sites by: status or survival radius
        self.regional_panel.survival_shown.connect(self.site_colours.show_survival)
        self.site_panel.table.setColumnHidden(SURVIVAL, True)
        self.pairs_panel = add_pairs_panel(self)  # Analysis → Between all points

    # -- building ------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock called ``title`` on screen and ``name`` in the saved layout (never translated)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str | None,
                slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        view, session = self.map_view, self.session
        self.open_action = self._action(self.tr("&Open network…"), QKeySequence.StandardKey.Open, self._open)
        self.save_action = self._action(self.tr("&Save network as…"), "Ctrl+Shift+S",
                                        self._save_as, self.tr("Save the network as GeoJSON, GraphML or CSV"))
        self.validate_action = self._action(self.tr("&Validate network…"), None, self._validate,
                                            self.tr("Check the open network and list every problem"))
        self.exports = ExportActions(self, session, view)  # File → Export map, table, evidence pack
        self.export_action = self.exports.map_action
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.undo_action = session.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = session.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.repair_all_action = self._action(self.tr("Repair &all"), "Ctrl+R", session.repair_all,
                                              self.tr("Repair every failed link, site and risk group"))
        self.clear_selection_action = self._action(self.tr("Clear &selection"), "Esc",
                                                   lambda: session.select_sites(()))
        self.find_action = self._action(self.tr("&Find site or link…"), QKeySequence.StandardKey.Find,
                                        self._focus_search)
        self.zoom_norway_action = self._action(self.tr("Zoom to &Norway"), "Home", view.zoom_to_norway)
        self.zoom_all_action = self._action(self.tr("Zoom to &all sites"), "Ctrl+0", view.zoom_to_sites)
        self.zoom_in_action = self._action(self.tr("Zoom &in"), QKeySequence.StandardKey.ZoomIn,
                                           lambda: view.zoom(0.7))
        self.zoom_out_action = self._action(self.tr("Zoom &out"), QKeySequence.StandardKey.ZoomOut,
                                            lambda: view.zoom(1 / 0.7))
        self.legend_action = self._action(self.tr("Show &legend"), "Ctrl+L", lambda: None,
                                          self.tr("Show or hide the legend on the map"))
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(view.set_legend_visible)
        self.help_action = self._action(self.tr("&Keyboard and mouse"), QKeySequence.StandardKey.HelpContents,
                                        self._help)
        self.about_action = self._action(self.tr("&About stamnett-gui"), None, self._about)

    def _build_menus(self) -> None:
        menus = (
            ("File", self.tr("&File"), (self.open_action, self.save_action, self.validate_action, None,
                       *self.exports.actions, None, self.quit_action)),
            ("Edit", self.tr("&Edit"), (self.undo_action, self.redo_action, None, self.repair_all_action,
                       self.clear_selection_action, self.find_action)),
            ("View", self.tr("&View"), (self.zoom_norway_action, self.zoom_all_action, self.zoom_in_action,
                       self.zoom_out_action, None, self.legend_action)),
            ("Help", self.tr("&Help"), (self.help_action, self.about_action)),
        )
        for name, title, actions in menus:
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(f"{name} menu")  # found by this name, whatever the language
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar(self.tr("Analysis"))
        bar.setObjectName("Analysis")
        bar.setMovable(False)
        for action in (self.undo_action, self.redo_action, self.repair_all_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Measure ")))
        self.measure_box = QComboBox()
        for text, measure in MEASURES:
            self.measure_box.addItem(self.tr(text), measure.value)
        self.measure_box.setToolTip(self.tr("How independent routes are counted"))
        bar.addWidget(self.measure_box)
        bar.addWidget(QLabel(self.tr("  Target ")))
        self.target_box = QSpinBox()
        self.target_box.setRange(1, 5)
        self.target_box.setToolTip(self.tr("Independent routes every site must have (NHN's promise: 3)"))
        bar.addWidget(self.target_box)
        bar.addSeparator()
        self.search_box = QLineEdit(placeholderText=self.tr("Find a site or link (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(320)
        bar.addWidget(self.search_box)
        self.measure_box.currentIndexChanged.connect(
            lambda _: self.session.set_measure(self.measure_box.currentData()))
        self.target_box.valueChanged.connect(self.session.set_target)
        self.search_box.returnPressed.connect(lambda: self.find_item(self.search_box.text()))

    # -- session signals -----------------------------------------------------------------
    def _on_state_changed(self, fields: frozenset[str]) -> None:
        """Show the session's current state; results it cleared are cleared here too."""
        if fields <= WORKSHOP_ONLY_FIELDS:  # nothing the map or the panels here draw
            return
        if fields & {"network", "year"}:  # a build-out year shows the network as it stood then
            self._show_network(self.session.shown_network)
        if fields & {"network", "measure", "target"}:
            self._sync_settings()
        session, highlight = self.session, self.map_view.highlight
        highlight.show_failed_links(session.down_links())
        highlight.show_selection(session.selection)
        self._show_report(session.report)
        self._show_explanation(session.explanation)

    def _show_network(self, network: Network) -> None:
        self.map_view.set_network(network)
        modelled = self.tr(" (modelled links)") if network.modelled and "modelled" not in network.name else ""
        self.setWindowTitle(self.tr("{0}{1} — stamnett-gui").format(network.name, modelled))
        hospitals = sum(1 for s in network.sites if s.kind is SiteKind.HOSPITAL)
        counted = self.tr("{0} hospitals · ").format(hospitals) if hospitals else ""
        self.network_label.setText(self.tr("{0}{1} · {2}{3} sites · {4} links · core: {5} sites").format(
            network.name, modelled, counted, len(network.sites), len(network.links), len(network.core)))
        names = [s.name for s in network.sites] + [lk.id for lk in network.links]
        completer = QCompleter(sorted(names, key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.find_item)
        self.search_box.setCompleter(completer)

    def _sync_settings(self) -> None:
        self.measure_box.blockSignals(True)
        self.measure_box.setCurrentIndex(self.measure_box.findData(self.session.measure.value))
        self.measure_box.blockSignals(False)
        self.target_box.blockSignals(True)
        self.target_box.setValue(min(self.session.target, 5))
        self.target_box.blockSignals(False)

    def _show_report(self, report: DiversityReport | None) -> None:
        """Draw the report (None: being computed, nothing from an older state stays)."""
        self.map_view.show_report(report)
        if report is None:
            self.summary_label.setText(self.tr("Analysing…"))
        else:
            self.summary_label.setText(scenario_summary(report, self.session.shown_network))
        self._emphasise()

    def _show_explanation(self, explanation: Explanation | None) -> None:
        """Draw the selection's routes and minimum cut (None: nothing selected, or computing)."""
        highlight = self.map_view.highlight
        if explanation is None:
            highlight.show_explanation((), (), ())
            self.map_view.legend.set_show_paths(False)
        else:
            network = self.session.shown_network
            cut_links = list(explanation.cut.links)
            for name in explanation.cut.groups:  # a risk group in the cut: mark its links
                if name in network.risk_groups_by_name:
                    cut_links += network.group_members(name)[0]
            highlight.show_explanation([r.links for r in explanation.routes], cut_links,
                                       explanation.cut.sites)
            self.map_view.legend.set_show_paths(True)
        self._emphasise()

    def _show_survival(self, survival: SurvivalResult | None) -> None:
        """Survival radii in the sites table and the tooltips, only while they are for this state."""
        radii = {s.site_id: s.radius_km for s in survival.sites} if survival is not None else None
        self.site_panel.model.set_survival(radii)
        self.map_view.survival = radii
        table = self.site_panel.table
        if table.isColumnHidden(SURVIVAL) != (radii is None):
            table.setColumnHidden(SURVIVAL, radii is None)  # no empty column until it is computed
            if radii is not None:  # and room for it beside the status when it is
                dock = self.findChild(QDockWidget, "Sites")
                if dock is not None:
                    self.resizeDocks([dock], [dock.width() + table.columnWidth(SURVIVAL)],
                                     Qt.Orientation.Horizontal)

    def _emphasise(self) -> None:
        """Label what matters now when there is room: the selection, its routes, the affected sites."""
        session = self.session
        ids: list[str] = list(session.selection)
        if session.explanation is not None:
            ids += [s for route in session.explanation.routes for s in route.sites]
        if session.report is not None:
            affected = [s for s in session.report.sites if s.lost or s.status is not Status.COMPLIANT]
            affected.sort(key=lambda s: (not s.lost, s.diversity))
            ids += [s.site_id for s in affected]
        # capped: at 5,000 sites hundreds may be affected, and placing labels is quadratic
        self.map_view.set_emphasis(list(dict.fromkeys(ids))[:EMPHASISED_LABELS],
                                   forced=len(session.selection))

    def _on_analysis_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Analysis failed: {0}").format(message), 15_000)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("Analysing…"))
        else:
            self.statusBar().clearMessage()

    def _on_load_failed(self, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot open the network file"),
                          summary, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr("The network that was open stays open."))
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_box = box
        box.open()
        self.statusBar().showMessage(summary, 10_000)

    # -- the map -------------------------------------------------------------------------
    def _on_map_clicked(self, kind: str, item_id: str, modifiers: Qt.KeyboardModifier) -> None:
        if kind == "link":
            self.session.toggle_link(item_id)
        elif kind == "site":
            if modifiers & Qt.KeyboardModifier.ControlModifier and self.session.selection:
                self.session.select_sites((self.session.selection[-1], item_id))
            else:
                self.session.select_sites((item_id,))
        else:
            self.session.select_sites(())

    def _on_map_context(self, kind: str, item_id: str, global_pos: QPoint) -> None:
        menu = QMenu(self)
        session, network = self.session, self.session.network
        if kind == "site":
            site = network.site(item_id)
            failed = item_id in session.scenario.failed_sites
            text = self.tr("Repair site {0}") if failed else self.tr("Fail site {0}")
            menu.addAction(text.format(site.name), lambda: session.toggle_site(item_id))
            menu.addAction(self.tr("Show independent routes"), lambda: session.select_sites((item_id,)))
            if session.selection and session.selection[-1] != item_id:
                other = network.site(session.selection[-1]).name
                menu.addAction(self.tr("Routes between {0} and {1}").format(other, site.name),
                               lambda: session.select_sites((session.selection[-1], item_id)))
            groups = sorted(site.risk_groups)
        elif kind == "link":
            link = network.link(item_id)
            failed = item_id in session.scenario.failed_links
            text = self.tr("Repair link {0}") if failed else self.tr("Fail link {0}")
            menu.addAction(text.format(item_id), lambda: session.toggle_link(item_id))
            groups = sorted(link.risk_groups)
        else:
            groups = []
            menu.addAction(self.repair_all_action)
        for name in groups:
            text = (self.tr("Repair risk group {0}") if name in session.scenario.failed_groups
                    else self.tr("Fail risk group {0}"))
            menu.addAction(text.format(name), self._group_toggler(name))
        local = self.map_view.mapFromGlobal(global_pos)
        point = self.map_view.widget_to_map(local)
        menu.addSeparator()
        menu.addAction(self.tr("Centre here"), lambda: self.map_view.centre_on(point.x(), point.y()))
        self.context_menu = menu
        menu.popup(global_pos)

    def _group_toggler(self, name: str) -> Callable[[], None]:
        return lambda: self.session.toggle_group(name)

    # -- actions -------------------------------------------------------------------------
    def find_item(self, text: str) -> bool:
        """Select and centre on the site or link whose name or id matches ``text``."""
        needle = text.strip().casefold()
        if not needle:
            return False
        network = self.session.shown_network
        layout = self.map_view.layout
        for site in network.sites:
            if needle in (site.name.casefold(), site.id.casefold()):
                self.session.select_sites((site.id,))
                x, y = layout.site_xy[layout.site_row[site.id]] if layout else (0.0, 0.0)
                self.map_view.centre_on(float(x), float(y), metres_per_pixel=400.0)
                return True
        for link in network.links:
            if needle in (link.id.casefold(), link.name.casefold()) and layout is not None:
                self.map_view.centre_on(*layout.midpoint(link.id), metres_per_pixel=600.0)
                self.statusBar().showMessage(self.tr("Link {0}: {1} – {2}").format(
                    link.id, network.site(link.a).name, network.site(link.b).name), 8000)
                return True
        self.statusBar().showMessage(self.tr("No site or link called {0!r}").format(text), 6000)
        return False

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _open(self) -> None:
        if not self.workshop.files.confirm_discard():  # another network starts a new workshop
            return
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Open network"), "", NETWORK_FILTER)
        self._open_paths(paths)

    def _open_paths(self, paths: list[str]) -> None:
        """Open the first file, or two CSV files as a sites table and a links table."""
        if len(paths) == 2 and all(p.casefold().endswith(".csv") for p in paths):
            self.open_path(*csv_pair(paths))
        elif paths:
            self.open_path(paths[0])

    def open_path(self, path: str | Path, links: str | Path | None = None) -> ImportFlow:
        """Open a network file through the import flow (dialogs as the file needs them).

        ``links`` is the links table of a CSV pair not named like its sites table.
        The returned flow says where it is (``flow.step``) and holds its open dialog.
        """
        if self.import_flow is not None:
            self.import_flow.abandon()
        flow = ImportFlow(path, self.session, self, links=links, select_site=self._show_site)
        flow.failed.connect(self.session.load_failed)
        flow.opened.connect(lambda network: self._on_file_opened(Path(path).name, network))
        self.import_flow = flow
        return flow.start()

    def _on_file_opened(self, name: str, network: Network) -> None:
        self.statusBar().showMessage(
            self.tr("Opened {0}: {1:,} sites, {2:,} links").format(name, len(network.sites),
                                                                  len(network.links)), 8000)
        # A network beyond mainland Norway (a Topology Zoo file, Svalbard) is shown whole.
        layout = self.map_view.layout
        if layout is not None:
            norway = self.map_view.basemap_layer.mainland_rect
            xy = layout.site_xy[layout.placed]
            if not all(norway.contains(float(x), float(y)) for x, y in xy):
                self.map_view.zoom_to_sites()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a drag that carries local files."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the dropped file (or a dropped pair of CSV tables)."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self._open_paths(paths)

    def _save_as(self) -> None:
        network = self.session.network
        stem = Path(self.session.source).stem if self.session.source else network.name
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save network as"), f"{stem}.geojson",
                                                   ";;".join(SAVE_FILTERS))
        if not path:
            return
        if Path(path).suffix.casefold() not in (".geojson", ".json", ".graphml", ".xml", ".csv"):
            path += SAVE_FILTERS.get(chosen, ".geojson")
        self.save_network_to(path)

    def save_network_to(self, path: str | Path) -> None:
        """Save the open network to ``path``; ask first when that would replace a file it does not name.

        Saving a CSV pair to ``net-sites.csv`` writes ``net-links.csv`` too, which may be the
        other half of someone else's pair.
        """
        try:
            others = files_replaced_besides(path)
        except NetworkFileError as error:
            self._save_failed(error)
            return
        if not others:
            self._write_network(path)
            return
        names = ", ".join(p.name for p in others)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace the other half of a CSV pair?"),
                          self.tr("Saving {0} also writes {1}, which is there already. Replace it?").format(
                              Path(path).name, names),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda answer: self._write_network(path)
                             if answer == QMessageBox.StandardButton.Yes else None)
        self.error_box = box
        box.open()

    def _write_network(self, path: str | Path) -> None:
        try:
            written = save_network(self.session.network, path)
        except NetworkFileError as error:
            self._save_failed(error)
            return
        self.statusBar().showMessage(self.tr("Saved {0}").format(" and ".join(p.name for p in written)), 8000)

    def _save_failed(self, error: NetworkFileError) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot save the network"), error.one_line(),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr("Nothing was saved."))
        box.setDetailedText(error.details())
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_box = box
        box.open()

    def _validate(self) -> None:
        flow = self.import_flow
        read = flow.result.findings if flow and flow.result and flow.network is self.session.network else ()
        show_validation_report(self, self.session, read, select_site=self._show_site)

    def _show_site(self, site_id: str) -> None:
        """Select a site (from the validation report) and centre the map on it, when it is drawn."""
        if site_id not in self.session.network.sites_by_id:
            return
        self.session.select_sites((site_id,))
        layout = self.map_view.layout
        if layout is not None and site_id in layout.site_row:
            x, y = layout.site_xy[layout.site_row[site_id]]
            if math.isfinite(x) and math.isfinite(y):
                self.map_view.centre_on(float(x), float(y))

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every action with a shortcut, as ``(keys, what it does)``."""
        found = []
        for action in self.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                found.append((keys, action.text().replace("&", "").rstrip("…")))
        return found

    def _help(self) -> None:
        HelpDialog(self.shortcuts(), self).open()

    def redraw(self) -> None:
        """Draw the session's whole state again (after the map's display scale changed)."""
        self._on_state_changed(frozenset({"network"}))
        self.site_colours.redraw()

    def _about(self) -> None:
        AboutDialog(self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close unless a close guard (unsaved changes: Save / Discard / Cancel) says no."""
        if all(guard() for guard in self.close_guards):
            event.accept()
        else:
            event.ignore()
