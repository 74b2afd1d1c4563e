"""Opening a network file in the window: one flow for File → Open, drag and drop and the command line.

The steps: detect the format; for generic GeoJSON ask which properties hold
what (:class:`GeoJSONMappingDialog`); read the file; when its coordinates are
projected and it does not say in which coordinate system, ask for one
(:class:`CRSDialog`) and read it again; when it marks no core, ask for one
(:class:`CoreDialog`); open the network in the session; then show the
validation report when the reader or the checks found anything. Every dialog is
opened with ``open()``, never ``exec()``, so the flow goes on from the dialog's
``accepted`` signal. Cancelling a dialog, or a file that cannot be read, leaves
the open network as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import StrEnum
from functools import cache
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from stamnett_gui.analysis.validation import Territory, territory, validate_network
from stamnett_gui.domain import Network
from stamnett_gui.io.assembly import ImportResult
from stamnett_gui.io.basemap import load_basemap
from stamnett_gui.io.csv.reader import is_links_table, read_table
from stamnett_gui.io.encodings import decode_text
from stamnett_gui.io.errors import CRSRequired, Finding, NetworkFileError
from stamnett_gui.io.geojson.generic import read_geojson_properties
from stamnett_gui.io.geojson.mapping import GeoJSONMapping, suggest_geojson_mapping
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited
from stamnett_gui.io.loading import NetworkFormat, detect_format, import_network
from stamnett_gui.ui.crs_dialog import CRSDialog
from stamnett_gui.ui.import_dialogs import CoreDialog, GeoJSONMappingDialog
from stamnett_gui.ui.session import Session
from stamnett_gui.ui.validation_report import ValidationReportDialog, report_rows

#: The formats a planner can open, for file dialogs.
OPEN_FILTER = ("Network files (*.geojson *.json *.graphml *.gml *.csv);;"
               "GeoJSON (*.geojson *.json);;GraphML (*.graphml);;Topology Zoo GML (*.gml);;"
               "CSV sites and links tables (*.csv);;All files (*)")
_FORMAT_NAMES = {
    NetworkFormat.STAMNETT: "stamnett GeoJSON", NetworkFormat.GEOJSON: "GeoJSON",
    NetworkFormat.GRAPHML: "GraphML", NetworkFormat.GML: "Topology Zoo GML",
    NetworkFormat.CSV: "CSV tables",
}


@cache
def norway_territory() -> Territory:
    """Norway's land and waters, and the neighbours the map draws, prepared once for validation."""
    basemap = load_basemap()
    return territory(basemap.norwegian_land, neighbours=basemap.neighbours)


def in_norway(lon: float, lat: float) -> bool:
    """Whether ``(lon, lat)`` lies on Norway's land or in its territorial waters."""
    return bool(norway_territory().contains(np.array([lon]), np.array([lat]))[0])


def csv_pair(paths: Sequence[str | Path]) -> tuple[Path, Path]:
    """``(sites table, links table)`` of two CSV files given in either order.

    The links table is the one with from/to columns and no coordinates; when the
    first file cannot be read, the order is kept and reading the pair says why.
    """
    first, second = (Path(p) for p in paths)
    try:
        text, _ = decode_text(read_bytes_limited(first, ImportLimits()))
        if is_links_table(read_table(text, first)):
            return second, first
    except NetworkFileError:
        pass
    return first, second


class Step(StrEnum):
    """Where an :class:`ImportFlow` is."""

    MAPPING = "mapping"  #: the GeoJSON mapping dialog is open
    CRS = "crs"  #: the coordinate-system dialog is open
    CORE = "core"  #: the core dialog is open
    OPENED = "opened"  #: the network is open in the session
    CANCELLED = "cancelled"
    FAILED = "failed"


class ImportFlow(QObject):
    """One file on its way into the session, through the dialogs it needs.

    Signals
    -------
    opened(object)
        The network is open in the session (with the core chosen, if it had none).
    failed(str, str)
        The file could not be read: a one-line summary and every problem. The
        open network is untouched.
    cancelled()
        The planner cancelled a dialog; the open network is untouched.
    """

    opened = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, path: str | Path, session: Session, parent: QWidget, *,
                 links: str | Path | None = None,
                 select_site: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.links = Path(links) if links is not None else None
        self.session = session
        self.window = parent
        self.select_site = select_site
        self.step: Step | None = None
        self.format: NetworkFormat | None = None
        self.result: ImportResult | None = None
        self.network: Network | None = None
        self.crs: str | None = None
        self.error: NetworkFileError | None = None
        self.dialog: QDialog | None = None
        self.report: ValidationReportDialog | None = None

    # -- the steps -----------------------------------------------------------------------
    def start(self) -> ImportFlow:
        """Run the flow as far as it goes without the planner; return ``self``."""
        try:
            self.format = NetworkFormat.CSV if self.links is not None else detect_format(self.path)
            if self.format is NetworkFormat.GEOJSON:
                properties = read_geojson_properties(self.path)
                dialog = GeoJSONMappingDialog(properties, suggest_geojson_mapping(properties),
                                              self.path.name, self.window)
                self._ask(dialog, Step.MAPPING, lambda: self._read(dialog.mapping()))
                return self
        except NetworkFileError as error:
            self._fail(error)
            return self
        self._read(None)
        return self

    def _read(self, mapping: GeoJSONMapping | None, crs: str | None = None) -> None:
        self.crs = crs
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result = import_network(self.path, format=self.format, mapping=mapping, crs=crs,
                                         links=self.links)
        except CRSRequired as error:
            self._ask_crs(error, mapping)
            return
        except NetworkFileError as error:
            self._fail(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        network = self.result.network
        if network.core:
            self._open(network)
            return
        dialog = CoreDialog(network, self.path.name, self.window)
        self._ask(dialog, Step.CORE, lambda: self._open(replace(network, core=dialog.core())))

    def _ask_crs(self, error: CRSRequired, mapping: GeoJSONMapping | None) -> None:
        # Under _read's wait cursor: the preview may prepare Norway's territory once.
        dialog = CRSDialog(error, self.path.name, in_norway, self.window)
        self._ask(dialog, Step.CRS, lambda: self._read(mapping, dialog.crs()))

    def _open(self, network: Network) -> None:
        self.network = network
        self.step = Step.OPENED
        self.dialog = None
        self.session.set_network(network, str(self.path))
        self.opened.emit(network)
        assert self.result is not None and self.format is not None
        crs = f" in {self.crs}" if self.crs else ""
        summary = (f"{self.path.name}: {_FORMAT_NAMES[self.format]}{crs}, "
                   f"{len(network.sites):,} sites, {len(network.links):,} links, "
                   f"core of {len(network.core)}")
        self.report = show_validation_report(self.window, self.session, self.result.findings,
                                             summary, self.select_site, only_if_findings=True)

    # -- helpers -------------------------------------------------------------------------
    def _ask(self, dialog: QDialog, step: Step, then: Callable[[], None]) -> None:
        self.step = step
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(then)
        dialog.rejected.connect(self._cancel)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _cancel(self) -> None:
        self.step = Step.CANCELLED
        self.dialog = None
        self.cancelled.emit()

    def _fail(self, error: NetworkFileError) -> None:
        self.step = Step.FAILED
        self.error = error
        self.dialog = None
        self.failed.emit(error.one_line(), error.details())

    def abandon(self) -> None:
        """Cancel the dialog the flow is waiting on, if any (another file is being opened)."""
        if self.dialog is not None:
            self.dialog.reject()


def show_validation_report(
    parent: QWidget, session: Session, read: Sequence[Finding] = (), summary: str | None = None,
    select_site: Callable[[str], None] | None = None, *, only_if_findings: bool = False,
) -> ValidationReportDialog | None:
    """Validate the session's network and show the report beside the window.

    Parameters
    ----------
    parent
        The window.
    session
        Holds the network to check.
    read
        What the reader found when the network was read.
    summary
        The report's headline; by default the network's name and size.
    select_site
        Called with a site id when the planner double-clicks a finding.
    only_if_findings
        Show nothing (and return ``None``) when there is nothing to report.

    """
    network = session.network
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        rows = report_rows(read, validate_network(network, norway_territory()), network)
    finally:
        QApplication.restoreOverrideCursor()
    if only_if_findings and not rows:
        return None
    summary = summary or (f"{network.name}: {len(network.sites):,} sites, {len(network.links):,} "
                          f"links, core of {len(network.core)}")
    dialog = ValidationReportDialog(network, rows, summary, parent)
    if select_site is not None:
        dialog.site_chosen.connect(select_site)
    session.network_changed.connect(dialog.close_unless_open)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    return dialog
