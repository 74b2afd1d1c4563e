"""The sites panel: a sortable, filterable table of every site's diversity now and intact."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
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

#: Column titles, marked for translation and translated when shown.
_COLUMNS: tuple[str, ...] = (  # type: ignore[assignment]  # QT_TRANSLATE_NOOP is typed as object
    QT_TRANSLATE_NOOP("SiteTableModel", "Site"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Now"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Intact"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Status"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Survival"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Health trust"),
    QT_TRANSLATE_NOOP("SiteTableModel", "Region"),
)
SITE, NOW, INTACT, STATUS, SURVIVAL, TRUST, REGION = range(len(_COLUMNS))
_STATUS_ORDER = {Status.ISOLATED: 0, Status.DEGRADED: 1, Status.FAILED: 2, Status.COMPLIANT: 3}
SITE_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def _count(value: int, cap: int) -> str:
    return f"{value}+" if value >= cap else str(value)


class SiteTableModel(QAbstractTableModel):
    """One row per site of the network, values from the latest report, kept in sorted order.

    Sorting and filtering happen here, once per report, in plain Python: a proxy
    model would call :meth:`data` millions of times to sort 5,000 sites.
    """

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        self.report: DiversityReport | None = None
        self.sort_column, self.sort_order = STATUS, Qt.SortOrder.AscendingOrder
        self._order: list[int] = list(range(len(network.sites)))  # row -> site index
        self._entries: list[SiteDiversity | None] = []
        self._search = [f"{s.name} {s.health_trust} {s.region}".casefold() for s in network.sites]
        #: Each site's survival radius in km (None: no radius), when computed for the state shown.
        self.survival: dict[str, int | None] | None = None

    def set_survival(self, radii: dict[str, int | None] | None) -> None:
        """Show these survival radii (None: not computed for the state shown)."""
        if radii != self.survival:
            self.survival = radii
            if self.sort_column == SURVIVAL:
                self._resort()
            elif self.rowCount():
                self.dataChanged.emit(self.index(0, SURVIVAL), self.index(self.rowCount() - 1, SURVIVAL))

    def set_network(self, network: Network) -> None:
        """Show the sites of another network (no values until a report comes)."""
        self.beginResetModel()
        self.network, self.report = network, None
        self._order = list(range(len(network.sites)))
        self._search = [f"{s.name} {s.health_trust} {s.region}".casefold() for s in network.sites]
        self.endResetModel()

    def set_report(self, report: DiversityReport | None) -> None:
        """Show the values of ``report``, re-sorted (None: being computed, shown as "…")."""
        if report is not None and report is self.report:
            return  # the same result (a step renamed, the map panned): nothing to re-sort
        if report is None:
            if self.report is not None:
                self.report = None
                if self.rowCount():
                    self.dataChanged.emit(self.index(0, 0),
                                          self.index(self.rowCount() - 1, len(_COLUMNS) - 1))
            return
        self.report = report
        by_id = report.by_id
        self._entries = [by_id.get(site.id) for site in self.network.sites]
        self._resort()

    def entry(self, site_index: int) -> SiteDiversity | None:
        """The report's entry for the site at ``site_index`` (network order)."""
        return self._entries[site_index] if self.report is not None else None

    def affected(self, row: int) -> bool:
        """True when the site on ``row`` is below target or lost diversity."""
        entry = self.entry(self._order[row])
        return bool(entry and (entry.lost or entry.status is not Status.COMPLIANT))

    def matches(self, row: int, needle: str) -> bool:
        """True when the site on ``row`` has ``needle`` (casefolded) in its name, trust or region."""
        return needle in self._search[self._order[row]]

    def site_row(self, site_id: str) -> int | None:
        """The row showing ``site_id``."""
        for row, index in enumerate(self._order):
            if self.network.sites[index].id == site_id:
                return row
        return None

    def _key(self, index: int) -> tuple[object, ...]:
        site = self.network.sites[index]
        entry = self.entry(index)
        column = self.sort_column
        if column == STATUS:  # the affected first: lost, then isolated, degraded, failed, compliant
            return ((0 if entry.lost else 1), _STATUS_ORDER[entry.status], site.name) if entry else (2,)
        if column in (NOW, INTACT):
            value = (entry.diversity if column == NOW else entry.baseline) if entry else -1
            return (value, site.name)
        if column == SURVIVAL:  # the smallest radius first; sites without one last
            radius = self.survival.get(site.id) if self.survival else None
            return (radius is None, radius or 0, site.name)
        text = {SITE: site.name, TRUST: site.health_trust, REGION: site.region}[column]
        return (text.casefold(), site.name)

    def _resort(self) -> None:
        old_order = self._order
        order = sorted(range(len(self.network.sites)), key=self._key)
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            order.reverse()
        if order == old_order:  # most clicks change a few values, not the order: no relayout
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(_COLUMNS) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        self._order = order
        new_row = {site: row for row, site in enumerate(order)}
        old = self.persistentIndexList()
        moved = [self.index(new_row[old_order[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the view calls this when a header is clicked)."""
        self.sort_column, self.sort_order = column, order
        self._resort()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """One row per site."""
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Site, now, intact, status, survival radius, trust, region."""
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SiteTableModel", _COLUMNS[section])
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == SURVIVAL):
            return self.tr("Survival radius: the smallest storm (a disk, to 1 km) that leaves the site "
                           "standing and pushes it below target. Analysis → Regional failures → "
                           "Survival radii.")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, colours and tooltips of one cell."""
        site_index = self._order[index.row()]
        site = self.network.sites[site_index]
        if role == SITE_ID_ROLE:
            return site.id
        entry = self.entry(site_index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column in (SITE, TRUST, REGION):
                return {SITE: site.name, TRUST: site.health_trust, REGION: site.region}[column]
            if column == SURVIVAL:
                radius = self.survival.get(site.id) if self.survival else None
                return f"{radius} km" if radius is not None else ""
            if entry is None or self.report is None:
                return "…"
            cap = self.report.cap
            return {NOW: _count(entry.diversity, cap), INTACT: _count(entry.baseline, cap),
                    STATUS: entry.status.value + (" · lost" if entry.lost else "")}[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and entry:
            return QBrush(QColor(styles.STATUS_STYLE[entry.status][0]).darker(130))
        if role == Qt.ItemDataRole.ToolTipRole and entry and self.report:
            return (f"{site.name}: {entry.diversity} independent routes now, {entry.baseline} in the "
                    f"intact network (target {self.report.target})")
        return None


class _Filter(QSortFilterProxyModel):
    """Filters rows by text and by "only affected"; sorting is the source model's own."""

    def __init__(self) -> None:
        super().__init__()
        self.only_affected = False
        self.needle = ""

    def refilter(self, *, needle: str | None = None, only_affected: bool | None = None) -> None:
        """Change the criteria (None keeps one) and filter the rows again."""
        self.beginFilterChange()
        if needle is not None:
            self.needle = needle
        if only_affected is not None:
            self.only_affected = only_affected
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, SiteTableModel)
        if self.only_affected and not model.affected(row):
            return False
        return not self.needle or model.matches(row, self.needle)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort (once per report, in Python)."""
        self.sourceModel().sort(column, order)


class SitePanel(QWidget):
    """The sites table with a filter box; selecting a row selects the site on the map."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SiteTableModel(session.network)
        self.proxy = _Filter()
        # Filtered again only when the filter or the report changes (refilter), not on every
        # dataChanged: at 5,000 sites that is 5,000 calls into Python per report.
        self.proxy.setDynamicSortFilter(False)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(placeholderText=self.tr("Filter sites by name, trust or region"))
        self.filter.setClearButtonEnabled(True)
        self.only_affected = QCheckBox(self.tr("Only affected"))
        self.only_affected.setToolTip(self.tr("Show only sites below target or that lost diversity"))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        # Elided in the middle: "Nordlandssykehuset, Vesterålen (Stokmarknes)" and "…, Lofoten (Gravdal)"
        # keep the part that tells them apart.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 38, 44, 118, 72, 150)):
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

        self.filter.textChanged.connect(self._on_filter_text)
        self.only_affected.toggled.connect(self._on_only_affected)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        session.state_changed.connect(self._on_state_changed)
        session.report_ready.connect(self._on_report_ready)

    def _on_filter_text(self, text: str) -> None:
        self.proxy.refilter(needle=text.strip().casefold())

    def _on_only_affected(self, checked: bool) -> None:
        self.proxy.refilter(only_affected=checked)

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if "network" in fields or "year" in fields:
            self.model.set_network(self.session.shown_network)
        self.model.set_report(self.session.report)
        if "selection" in fields:
            self._on_selection_changed(self.session.selection)

    def _on_report_ready(self, report: DiversityReport) -> None:
        self.model.set_report(report)
        if self.proxy.only_affected:
            self.proxy.refilter()
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
            for site_id in site_ids:
                row = self.model.site_row(site_id)
                if row is not None:
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
