"""File → Export map…, Export table…, Export evidence pack…: the window's exports.

Each dialog asks where and what, then writes with the same code as the command line
(:mod:`stamnett_gui.ui.export`, :mod:`stamnett_gui.io.result_tables`,
:mod:`stamnett_gui.ui.evidence_pack`). A file that cannot be written gives a message
box and leaves nothing behind; the open work is never touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from stamnett_gui.domain import DiversityReport, FailureScenario, Network
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.result_tables import failures_csv, failures_json, sites_csv, sites_json, write_table
from stamnett_gui.ui.evidence_pack import EvidencePack, PackSection, prepare_pack, render_pack
from stamnett_gui.ui.export import FORMATS, ExportError, PageSize, export_format, export_map
from stamnett_gui.ui.export_caption import Caption, default_title, scenario_name, scenario_notes
from stamnett_gui.ui.export_view import Bbox, MapArea, MapContent, Overlay, assess
from stamnett_gui.ui.map_view import MapView
from stamnett_gui.ui.runner import AnalysisRunner
from stamnett_gui.ui.session import Session

#: Size choices: pixels, or a paper and its orientation.
SIZES = ("Pixels", "A4 portrait", "A4 landscape", "A3 portrait", "A3 landscape")
FRAMES = (("What the window shows", "window"), ("Mainland Norway", "norway"),
          ("Every site", "sites"), ("What the scenario affects", "affected"))


def _path_row(edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


def _warn(parent: QWidget, title: str, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(parent.tr("Nothing was written."))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def shown(session: Session) -> tuple[Network, FailureScenario]:
    """The network the map shows (in a build-out year, as it stood then) and the scenario on it."""
    return session.shown_network, session.analysed_scenario()


def current_report(session: Session) -> DiversityReport:
    """The report the window shows, or (while it is being computed) the same computed now."""
    network, scenario = shown(session)
    report = session.report
    if report is not None and (report.scenario, report.measure, report.target) == (
            scenario, session.measure, session.target):
        return report
    return assess(MapContent(network, scenario, session.measure, session.target))


def window_overlays(window: QWidget | None) -> tuple[Overlay, ...]:
    """What the main window draws over its map now, to draw on an export's map too.

    The sweep's heat map, the worst places and the survival colours, in that order,
    each while it is shown; nothing for a window without them.
    """
    from stamnett_gui.ui.main_window import MainWindow  # it builds these dialogs

    if not isinstance(window, MainWindow):
        return ()
    overlays = (window.sweep_panel.heat.overlay(), window.regional_panel.layer.overlay(),
                window.site_colours.overlay())
    return tuple(overlay for overlay in overlays if overlay is not None)


def current_title(session: Session) -> str:
    """The workshop step's title, or a bundled event's name, or what fails."""
    title = session.current.title.strip()
    generic = session.tr("Scenario {0}").format(session.step + 1)
    if title and title != generic:
        return title
    return scenario_name(*shown(session))


def map_title(session: Session) -> str:
    """The caption's default title; in a build-out year, the year too."""
    title = default_title(session.network)
    if session.year is not None:
        title += session.tr(", as in service in {0}").format(session.year)
    return title


class ExportMapDialog(QDialog):
    """Where to write the map, at what size, showing what, under which caption."""

    def __init__(self, session: Session, map_view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export map"))
        self.session, self.map_view = session, map_view
        self.path = QLineEdit(str(Path.home() / "stamnett-map.pdf"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.format_label = QLabel()
        self.size_box = QComboBox()
        for text in SIZES:
            self.size_box.addItem(self.tr(text), text)
        self.size_box.setCurrentIndex(SIZES.index("A4 landscape"))
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, 1600), (self.height_box, 1200)):
            box.setRange(64, 10000)
            box.setValue(value)
            box.setSuffix(" px")
        self.dpi_box = QSpinBox()
        self.dpi_box.setRange(24, 1200)
        self.dpi_box.setValue(150)
        self.dpi_box.setSuffix(" dpi")
        self.frame_box = QComboBox()
        for text, key in FRAMES:
            self.frame_box.addItem(self.tr(text), key)
        self.title = QLineEdit(map_title(session))
        self.scenario_name = QLineEdit(current_title(session))
        self.caption = QCheckBox(self.tr("Caption above the map (title, scenario, measure, target, "
                                         "date, network and its hash, sources)"))
        self.caption.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        pixels = QHBoxLayout()
        pixels.addWidget(self.width_box)
        pixels.addWidget(QLabel("×"))
        pixels.addWidget(self.height_box)
        pixels.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), _path_row(self.path, self.browse))
        form.addRow(self.tr("Format"), self.format_label)
        form.addRow(self.tr("Size"), self.size_box)
        form.addRow(self.tr("Pixels"), pixels)
        form.addRow(self.tr("Resolution"), self.dpi_box)
        form.addRow(self.tr("Show"), self.frame_box)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Scenario"), self.scenario_name)
        form.addRow(self.caption)
        form.addRow(self.buttons)
        self.error_box: QMessageBox | None = None
        self.written: Path | None = None

        self.browse.clicked.connect(self._browse)
        self.path.textChanged.connect(self._update)
        self.size_box.currentIndexChanged.connect(self._on_size_changed)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export map"), self.path.text(),
            self.tr("PDF, vector (*.pdf);;SVG, vector (*.svg);;PNG image (*.png)"))
        if path:
            self.path.setText(path)

    def _on_size_changed(self) -> None:
        pixels = self.size_box.currentData() == "Pixels"
        self.dpi_box.setValue(96 if pixels else 150)
        self._update()

    def _update(self) -> None:
        pixels = self.size_box.currentData() == "Pixels"
        self.width_box.setEnabled(pixels)
        self.height_box.setEnabled(pixels)
        try:
            fmt = export_format(self.path.text())
        except ExportError:
            known = ", ".join(FORMATS)
            self.format_label.setText(self.tr("Name the file {0}").format(known))
            self.format_label.setStyleSheet("color: #D55E00")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self.format_label.setStyleSheet("")
        vector = self.tr(" (vector)") if fmt in ("svg", "pdf") else ""
        self.format_label.setText(fmt.upper() + vector)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def page(self) -> PageSize:
        """The page the dialog asks for."""
        choice = str(self.size_box.currentData())
        if choice == "Pixels":
            return PageSize.pixels(self.width_box.value(), self.height_box.value(), self.dpi_box.value())
        paper, orientation = choice.split()
        return PageSize.paper(paper, landscape=orientation == "landscape", dpi=self.dpi_box.value())

    def frame(self) -> str | MapArea:
        """The map's frame: exactly what the window shows, or a named frame."""
        key = str(self.frame_box.currentData())
        if key != "window":
            return key
        rect = self.map_view.view.viewRect()
        return MapArea(rect.left(), rect.top(), rect.right(), rect.bottom())

    def export(self) -> bool:
        """Write the map; a message box says why not when it cannot."""
        session = self.session
        network, scenario = shown(session)
        content = MapContent(network, scenario, session.measure, session.target,
                             self.frame(), overlays=window_overlays(self.parentWidget()))
        caption = Caption(self.title.text().strip() or map_title(session),
                          self.scenario_name.text().strip(), show=self.caption.isChecked())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_map(self.path.text(), content, self.page(), caption=caption,
                       report=current_report(session))
        except ExportError as error:
            self.error_box = _warn(self, self.tr("Cannot export the map"), str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.written = Path(self.path.text())
        self.accept()
        return True


class ExportTableDialog(QDialog):
    """Which table (sites or failures), which format (CSV, CSV for Excel, JSON), where."""

    FORMATS = (("CSV for Excel (';', UTF-8 with BOM)", "excel", ".csv"), ("CSV (',')", "csv", ".csv"),
               ("JSON", "json", ".json"))

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export table"))
        self.session = session
        self.sites = QRadioButton(self.tr("Every site: routes now and intact, status, lost diversity"))
        self.failures = QRadioButton(self.tr("The failure list: failed links, sites and risk groups"))
        self.sites.setChecked(True)
        self.format_box = QComboBox()
        for text, key, _suffix in self.FORMATS:
            self.format_box.addItem(self.tr(text), key)
        self.path = QLineEdit(str(Path.home() / "stamnett-sites.csv"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Table"), self.sites)
        form.addRow("", self.failures)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("File"), _path_row(self.path, self.browse))
        form.addRow(self.buttons)
        self.error_box: QMessageBox | None = None
        self.written: Path | None = None
        self.browse.clicked.connect(self._browse)
        self.format_box.currentIndexChanged.connect(self._fit_name)
        self.failures.toggled.connect(self._fit_name)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    def _suffix(self) -> str:
        return self.FORMATS[self.format_box.currentIndex()][2]

    def _fit_name(self) -> None:
        """Keep the file name's stem and folder, and give it the table's name and the format's suffix."""
        path = Path(self.path.text())
        stem = "stamnett-failures" if self.failures.isChecked() else "stamnett-sites"
        if path.stem not in ("stamnett-sites", "stamnett-failures"):
            stem = path.stem
        self.path.setText(str(path.with_name(stem + self._suffix())))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), self.path.text(),
                                              self.tr("Tables (*{0})").format(self._suffix()))
        if path:
            self.path.setText(path)

    def text(self) -> str:
        """The table's text in the chosen format."""
        session = self.session
        fmt = str(self.format_box.currentData())
        network, scenario = shown(session)
        if self.failures.isChecked():
            if fmt == "json":
                return failures_json(scenario, network)
            return failures_csv(scenario, network, delimiter=";" if fmt == "excel" else ",",
                                bom=fmt == "excel")
        report = current_report(session)
        if fmt == "json":
            return sites_json(report, network)
        return sites_csv(report, network, delimiter=";" if fmt == "excel" else ",", bom=fmt == "excel")

    def export(self) -> bool:
        """Write the table; a message box says why not when it cannot."""
        path = Path(self.path.text())
        if path.suffix.casefold() != self._suffix():
            self.error_box = _warn(self, self.tr("Cannot export the table"),
                                   self.tr("{0}: a {1} table is named *{2}").format(
                                       path.name, self.format_box.currentText(), self._suffix()))
            return False
        try:
            write_table(path, self.text())
        except NetworkFileError as error:
            self.error_box = _warn(self, self.tr("Cannot export the table"), error.one_line())
            return False
        self.written = path
        self.accept()
        return True


class ExportPackDialog(QDialog):
    """Where to write the evidence pack, under which title, for this scenario or the whole workshop."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export evidence pack"))
        self.session = session
        self.path = QLineEdit(str(Path.home() / "stamnett-evidence.pdf"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Evidence: {0}").format(current_title(session)))
        steps = len(session.workshop.scenarios)
        self.this_step = QRadioButton(self.tr("This scenario: {0}").format(current_title(session)))
        self.whole = QRadioButton(self.tr("Every scenario of the workshop ({0})").format(steps))
        self.this_step.setChecked(True)
        self.whole.setEnabled(steps > 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), _path_row(self.path, self.browse))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Scenarios"), self.this_step)
        form.addRow("", self.whole)
        form.addRow(self.buttons)
        self.error_box: QMessageBox | None = None
        self.browse.clicked.connect(self._browse)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export evidence pack"), self.path.text(),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.path.setText(path)

    def _check(self) -> None:
        if Path(self.path.text()).suffix.casefold() != ".pdf":
            self.error_box = _warn(self, self.tr("Cannot export the evidence pack"),
                                   self.tr("{0}: an evidence pack is a PDF; name the file .pdf").format(
                                       Path(self.path.text()).name))
            return
        self.accept()

    def pack(self) -> EvidencePack:
        """The pack the dialog asks for, from the session's state now."""
        session = self.session
        network, scenario = shown(session)
        if self.whole.isChecked():
            sections = []
            for number, named in enumerate(session.workshop.scenarios, start=1):
                view = named.view
                frame: str | Bbox = ((view.west, view.south, view.east, view.north)
                                     if view is not None else "affected")
                sections.append(PackSection(
                    named.title or self.tr("Scenario {0}").format(number),
                    named.scenario.without_unknown(network), named.notes,
                    named.measure or session.measure, named.target or session.target, frame))
            return EvidencePack(network, tuple(sections), self.title.text().strip(),
                                session.workshop.notes)
        notes = session.current.notes.strip() or scenario_notes(network, scenario)
        section = PackSection(current_title(session), scenario, notes, session.measure, session.target)
        return EvidencePack(network, (section,), self.title.text().strip())


class ExportActions(QObject):
    """The File menu's three exports, for a window with a session and a map.

    The pack's analysis runs on its own worker; the pages are painted on the GUI thread
    when it is done (they paint the window's map).
    """

    def __init__(self, window: QMainWindow, session: Session, map_view: MapView) -> None:
        super().__init__(window)
        self.window, self.session, self.map_view = window, session, map_view
        self.map_action = self._action(self.tr("&Export map…"), "Ctrl+E", self.export_map,
                                       self.tr("Save the map as PDF, SVG or PNG, with a caption"))
        self.table_action = self._action(self.tr("Export &table…"), None, self.export_table,
                                         self.tr("Save the sites table or the failure list as CSV or JSON"))
        self.pack_action = self._action(self.tr("Export e&vidence pack…"), None, self.export_pack,
                                        self.tr("One PDF for a risk report: maps before and after, "
                                                "affected sites, routes, cuts, method"))
        self.actions = (self.map_action, self.table_action, self.pack_action)
        self.dialog: QDialog | None = None
        self.error_box: QMessageBox | None = None
        self.runner = AnalysisRunner(synchronous=session.runner.synchronous, parent=self)
        self.runner.finished.connect(self._on_pack_prepared)
        self.runner.failed.connect(lambda _tag, message: self._failed(message))
        self._pending: tuple[Path, EvidencePack] | None = None

    def _action(self, text: str, shortcut: str | None, slot: object, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _saved(self, path: Path) -> None:
        self.window.statusBar().showMessage(self.tr("Saved {0}").format(path.name), 8000)

    def export_map(self) -> ExportMapDialog:
        """Open File → Export map…."""
        dialog = ExportMapDialog(self.session, self.map_view, self.window)
        dialog.accepted.connect(lambda: self._saved(dialog.written) if dialog.written else None)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_table(self) -> ExportTableDialog:
        """Open File → Export table…."""
        dialog = ExportTableDialog(self.session, self.window)
        dialog.accepted.connect(lambda: self._saved(dialog.written) if dialog.written else None)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_pack(self) -> ExportPackDialog:
        """Open File → Export evidence pack…; on Save the analysis starts on the worker."""
        dialog = ExportPackDialog(self.session, self.window)
        dialog.accepted.connect(lambda: self._start_pack(Path(dialog.path.text()), dialog.pack()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _start_pack(self, path: Path, pack: EvidencePack) -> None:
        self._pending = (path, pack)
        self.window.statusBar().showMessage(self.tr("Making the evidence pack…"))
        self.runner.submit(id(pack), prepare_pack, pack)

    def _on_pack_prepared(self, _tag: object, results: object) -> None:
        if self._pending is None:
            return
        path, pack = self._pending
        self._pending = None
        from stamnett_gui.io.atomic_files import write_atomically

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = render_pack(pack, results)  # type: ignore[arg-type]
            write_atomically(path, data)
        except (ExportError, NetworkFileError) as error:
            message = error.one_line() if isinstance(error, NetworkFileError) else str(error)
            self._failed(message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._saved(path)

    def _failed(self, message: str) -> None:
        self._pending = None
        self.window.statusBar().clearMessage()
        self.error_box = _warn(self.window, self.tr("Cannot export the evidence pack"), message)
