"""The sites panel: a sortable, filterable table of every site's diversity now and intact."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.domain import DiversityReport, Network, SiteDiversity, Status
from stamnett_gui.ui import styles
from stamnett_gui.ui.session import Session

_COLUMNS = ("Site", "Health trust", "Region", "Now", "Intact", "Status")
_STATUS_ORDER = {Status.ISOLATED: 0, Status.DEGRADED: 1, Status.FAILED: 2, Status.COMPLIANT: 3}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SITE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
AFFECTED_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def _value(entry: SiteDiversity | None, attr: str, cap: int) -> str:
    if entry is None:
        return "…"
    value: int = getattr(entry, attr)
    return f"{value}+" if value >= cap else str(value)


class SiteTableModel(QAbstractTableModel):
    """One row per site of the network; values from the latest report."""

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        self.report: DiversityReport | None = None

    def set_network(self, network: Network) -> None:
        """Show the sites of another network (no values until a report comes)."""
        self.beginResetModel()
        self.network, self.report = network, None
        self.endResetModel()

    def set_report(self, report: DiversityReport) -> None:
        """Show the values of ``report``."""
        self.report = report
        if self.network.sites:
            last = self.index(len(self.network.sites) - 1, len(_COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """One row per site."""
        return 0 if parent.isValid() else len(self.network.sites)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Site, trust, region, now, intact, status."""
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, sort keys, colours and tooltips of one cell."""
        site = self.network.sites[index.row()]
        entry = self.report.by_id.get(site.id) if self.report else None
        cap = self.report.cap if self.report else 99
        column = index.column()
        if role == SITE_ID_ROLE:
            return site.id
        if role == AFFECTED_ROLE:
            return bool(entry and (entry.lost or entry.status is not Status.COMPLIANT))
        if role == Qt.ItemDataRole.DisplayRole:
            return (site.name, site.health_trust, site.region, _value(entry, "diversity", cap),
                    _value(entry, "baseline", cap),
                    (entry.status.value + (" · lost" if entry.lost else "")) if entry else "…")[column]
        if role == SORT_ROLE:
            if column == 3 and entry:
                return entry.diversity
            if column == 4 and entry:
                return entry.baseline
            if column == 5 and entry:
                # the affected first: lost, then isolated, degraded, failed, compliant
                return (0 if entry.lost else 1) * 10 + _STATUS_ORDER[entry.status]
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and entry:
            return QBrush(QColor(styles.STATUS_STYLE[entry.status][0]).darker(130))
        if role == Qt.ItemDataRole.ToolTipRole and entry:
            return (f"{site.name}: {entry.diversity} independent routes now, {entry.baseline} in the intact "
                    f"network (target {self.report.target if self.report else '?'})")
        return None


class _Filter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.only_affected = False

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        if self.only_affected and not model.data(model.index(row, 0, parent), AFFECTED_ROLE):
            return False
        return super().filterAcceptsRow(row, parent)


class SitePanel(QWidget):
    """The sites table with a filter box; selecting a row selects the site on the map."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SiteTableModel(session.network)
        self.proxy = _Filter()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(placeholderText="Filter sites by name, trust or region")
        self.filter.setClearButtonEnabled(True)
        self.only_affected = QCheckBox("Only affected")
        self.only_affected.setToolTip("Show only sites below target or that lost diversity")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((210, 150, 110, 44, 48)):
            header.resizeSection(column, width)
        self.table.setAlternatingRowColors(True)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.only_affected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._syncing = False

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.only_affected.toggled.connect(self._on_only_affected)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        session.network_changed.connect(self.model.set_network)
        session.report_ready.connect(self._on_report_ready)
        session.selection_changed.connect(self._on_selection_changed)

    def _on_only_affected(self, checked: bool) -> None:
        self.proxy.only_affected = checked
        self.proxy.invalidateFilter()

    def _on_report_ready(self, report: DiversityReport) -> None:
        self.model.set_report(report)
        self.proxy.invalidate()
        self._on_selection_changed(self.session.selection)

    def _on_table_selection(self, *_: object) -> None:
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        ids = tuple(str(self.proxy.data(r, SITE_ID_ROLE)) for r in rows)
        self.session.select_sites(ids)

    def _on_selection_changed(self, site_ids: tuple[str, ...]) -> None:
        self._syncing = True
        try:
            selection = self.table.selectionModel()
            selection.clearSelection()
            for row, site in enumerate(self.model.network.sites):
                if site.id in site_ids:
                    index = self.proxy.mapFromSource(self.model.index(row, 0))
                    if index.isValid():
                        selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                         | QItemSelectionModel.SelectionFlag.Rows)
                        self.table.scrollTo(index)
        finally:
            self._syncing = False

    def visible_site_ids(self) -> list[str]:
        """Site ids in the order the table shows them now."""
        proxy = self.proxy
        return [str(proxy.data(proxy.index(r, 0), SITE_ID_ROLE)) for r in range(proxy.rowCount())]
