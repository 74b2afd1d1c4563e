"""The failures panel: what is down now (each entry removable) and the risk groups to fail."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.hazards import area_hits
from stamnett_gui.domain import FailureScenario, HazardAreaError, Network
from stamnett_gui.ui.session import Session

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class _FailedList(QListWidget):
    """Delete or Backspace repairs the selected entries."""

    def __init__(self, panel: FailurePanel) -> None:
        super().__init__()
        self._panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete or Backspace repairs the selected entry."""
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._panel.repair_selected()
        else:
            super().keyPressEvent(event)


class FailurePanel(QWidget):
    """Lists the failed links, sites, risk groups and hazard areas; checks risk groups on and off.

    Signals
    -------
    area_chosen(str)
        A hazard area's entry became current (its name), or none did ("").
    """

    area_chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.failed = _FailedList(self)
        self.failed.setWordWrap(True)  # a risk group's long name wraps instead of being cut
        self.failed.setToolTip(self.tr("What is failed now. Double-click or press Delete to repair "
                                       "an entry."))
        self.repair_button = QPushButton(self.tr("Repair selected"))
        self.repair_all_button = QPushButton(self.tr("Repair all"))
        self.repair_all_button.setToolTip(self.tr("Return to the intact network (Ctrl+R)"))
        self.group_filter = QLineEdit(placeholderText=self.tr("Filter risk groups"))
        self.group_filter.setClearButtonEnabled(True)
        self.groups = QListWidget()
        self.groups.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the "(n links)" at the end
        self.groups.setToolTip(self.tr("Check a risk group to fail every link and site in it"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.repair_button)
        buttons.addWidget(self.repair_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("<b>Failed now</b>"))
        layout.addWidget(self.failed, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("<b>Risk groups</b> (check to fail)"))
        layout.addWidget(self.group_filter)
        layout.addWidget(self.groups, 2)
        self._syncing = False

        self.failed.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.failed.customContextMenuRequested.connect(self._on_failed_menu)
        self.failed.itemChanged.connect(self._on_failed_item_changed)
        self.failed.currentItemChanged.connect(self._on_failed_current)
        self.area_menu: QMenu | None = None
        self.failed.itemDoubleClicked.connect(self._on_failed_double_clicked)
        self.repair_button.clicked.connect(self.repair_selected)
        self.repair_all_button.clicked.connect(session.repair_all)
        self.groups.itemChanged.connect(self._on_group_item_changed)
        self.group_filter.textChanged.connect(self._on_group_filter)
        session.network_changed.connect(self._on_network_changed)
        session.scenario_changed.connect(self._on_scenario_changed)
        self._on_network_changed(session.network)

    def _on_network_changed(self, network: Network) -> None:
        self._syncing = True
        self.groups.clear()
        for name, group in sorted(network.risk_groups_by_name.items()):
            links, sites = network.group_members(name)
            item = QListWidgetItem(f"{name}  ({len(links)} links{f', {len(sites)} sites' if sites else ''})")
            item.setData(ID_ROLE, name)
            item.setToolTip(group.description or f"{group.kind.value}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        self._syncing = False
        self._on_scenario_changed(self.session.scenario)

    def _on_scenario_changed(self, scenario: FailureScenario) -> None:
        network = self.session.network
        current = self.failed.currentItem()
        chosen = current.data(ID_ROLE) if current is not None and current.data(KIND_ROLE) == "area" else ""
        self._syncing = True
        self.failed.clear()
        for area in scenario.hazard_areas:
            try:
                hits = area_hits(network, area)
                counted = f" — {len(hits.links)} links, {len(hits.sites)} sites"
            except HazardAreaError:
                counted = " — encloses no area"
            item = self._add_failed("area", area.name, self.tr("Hazard area {0}{1}").format(area, counted))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area.enabled else Qt.CheckState.Unchecked)
            item.setToolTip(self.tr("Uncheck to switch the area off; right-click to rename, edit or "
                                    "remove it"))
            if area.name == chosen:
                self.failed.setCurrentItem(item)
        self._syncing = False
        for link_id in sorted(scenario.failed_links):
            link = network.links_by_id.get(link_id)
            ends = f" ({network.site(link.a).name} – {network.site(link.b).name})" if link else ""
            self._add_failed("link", link_id, self.tr("Link {0}{1}").format(link_id, ends))
        for site_id in sorted(scenario.failed_sites):
            site = network.sites_by_id.get(site_id)
            self._add_failed("site", site_id, self.tr("Site {0}").format(site.name if site else site_id))
        for name in sorted(scenario.failed_groups):
            self._add_failed("group", name, self.tr("Risk group {0}").format(name))
        if self.failed.count() == 0:
            placeholder = QListWidgetItem(self.tr("Nothing failed: the intact network"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.failed.addItem(placeholder)
        self.repair_all_button.setEnabled(not scenario.is_intact or bool(scenario.hazard_areas))
        self._syncing = True
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            on = item.data(ID_ROLE) in scenario.failed_groups
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._syncing = False

    def _add_failed(self, kind: str, item_id: str, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setToolTip(f"{text}\nDouble-click or press Delete to repair")
        item.setData(KIND_ROLE, kind)
        item.setData(ID_ROLE, item_id)
        self.failed.addItem(item)
        return item

    def _toggle(self, kind: str, item_id: str) -> None:
        {"link": self.session.toggle_link, "site": self.session.toggle_site,
         "group": self.session.toggle_group, "area": self.session.remove_area}[kind](item_id)

    # -- hazard areas ----------------------------------------------------------------------
    def _on_failed_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing or item.data(KIND_ROLE) != "area":
            return
        name = item.data(ID_ROLE)
        if (item.checkState() == Qt.CheckState.Checked) != self.session.scenario.area(name).enabled:
            self.session.toggle_area(name)

    def _on_failed_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        if not self._syncing:
            is_area = item is not None and item.data(KIND_ROLE) == "area"
            self.area_chosen.emit(item.data(ID_ROLE) if is_area and item is not None else "")

    def _on_failed_menu(self, pos: QPoint) -> None:
        item = self.failed.itemAt(pos)
        if item is None or item.data(KIND_ROLE) != "area":
            return
        name = item.data(ID_ROLE)
        on = self.session.scenario.area(name).enabled
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self.rename_area(name))
        menu.addAction(self.tr("Move or reshape on the map"), lambda: self.area_chosen.emit(name))
        switch = self.tr("Switch off") if on else self.tr("Switch on")
        menu.addAction(switch, lambda: self.session.toggle_area(name))
        menu.addAction(self.tr("Remove"), lambda: self.session.remove_area(name))
        self.area_menu = menu
        menu.popup(self.failed.mapToGlobal(pos))

    def rename_area(self, name: str) -> None:
        """Ask for a new name of the area ``name``; say why a name cannot be used."""
        new, ok = QInputDialog.getText(self, self.tr("Rename hazard area"), self.tr("New name:"), text=name)
        if not ok:
            return
        try:
            self.session.rename_area(name, new)
        except HazardAreaError as error:
            message = str(error)[:1].upper() + str(error)[1:]
            QMessageBox.warning(self, self.tr("Cannot rename the area"), message)

    def _on_failed_double_clicked(self, item: QListWidgetItem) -> None:
        if item.data(KIND_ROLE):
            self._toggle(item.data(KIND_ROLE), item.data(ID_ROLE))

    def repair_selected(self) -> None:
        """Repair every selected entry of the failed list, as one step each."""
        chosen = [(i.data(KIND_ROLE), i.data(ID_ROLE)) for i in self.failed.selectedItems()
                  if i.data(KIND_ROLE)]
        scenario = self.session.scenario
        for kind, item_id in chosen:
            scenario = {"link": scenario.toggle_link, "site": scenario.toggle_site,
                        "group": scenario.toggle_group, "area": scenario.remove_area}[kind](item_id)
        if chosen:
            self.session.set_scenario(scenario, self.tr("Repair {0} element(s)").format(len(chosen)))

    def _on_group_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        name = item.data(ID_ROLE)
        wanted = item.checkState() == Qt.CheckState.Checked
        if wanted != (name in self.session.scenario.failed_groups):
            self.session.toggle_group(name)

    def _on_group_filter(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            item.setHidden(needle not in item.text().casefold())

    def group_item(self, name: str) -> QListWidgetItem:
        """The list entry of a risk group (for keyboard users and tests)."""
        for row in range(self.groups.count()):
            if self.groups.item(row).data(ID_ROLE) == name:
                return self.groups.item(row)
        raise KeyError(name)
