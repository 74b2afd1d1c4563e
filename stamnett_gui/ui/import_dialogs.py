"""The dialogs of opening a file: which GeoJSON properties hold what, and which sites are the core."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stamnett_gui.analysis.core_proposal import REGIONAL_CAPITALS, core_candidates
from stamnett_gui.domain import Network
from stamnett_gui.io.geojson.mapping import GeoJSONMapping, GeoJSONProperties

#: The mapping's fields: (field, label, what "none" means, point or line property). The label and
#: what "none" means are marked for translation, and translated where they are shown.
MAPPING_FIELDS: tuple[tuple[str, str, str, str], ...] = (  # type: ignore[assignment]  # NOOP: object
    ("site_id", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "Site id"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "the feature's own id"), "site"),
    ("site_name", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "Site name"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "the site id"), "site"),
    ("core", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "Core flag"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "choose the core next"), "site"),
    ("link_id", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "Link id"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "the feature's id, or from-to"), "link"),
    ("link_from", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "From site"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "the site nearest the line's start"), "link"),
    ("link_to", QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "To site"),
     QT_TRANSLATE_NOOP("GeoJSONMappingDialog", "the site nearest the line's end"), "link"),
)


def _count(count: int, one: str, many: str, *more: str) -> str:
    """``one`` (for a count of 1) or else ``many``, with ``count`` for ``{0}`` and ``more`` for ``{1}``..."""
    return (one if count == 1 else many).format(f"{count:,}", *more)


class GeoJSONMappingDialog(QDialog):
    """Which properties of a GeoJSON file hold the site id and name, the core flag and link ends.

    Pre-filled with a suggestion (:func:`~stamnett_gui.io.geojson.mapping.suggest_geojson_mapping`);
    :meth:`mapping` is the planner's choice.
    """

    def __init__(self, properties: GeoJSONProperties, suggested: GeoJSONMapping, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Read a GeoJSON file"))
        self._suggested = suggested
        left_out = self.tr("{0} {1} (left out)"), self.tr("{0} {1}s (left out)")  # {1}: a geometry type
        skipped = "".join(", " + _count(n, *left_out, kind) for kind, n in sorted(properties.skipped.items()))
        self.intro = intro = QLabel(self.tr(
            "<b>{0}</b>: {1} (sites), {2} (links){3}.<br>"
            "Choose which properties hold what. A link without from/to sites is joined to the "
            "sites nearest its two ends."
        ).format(html.escape(file_name),
                 _count(properties.site_count, self.tr("{0} point"), self.tr("{0} points")),
                 _count(properties.link_count, self.tr("{0} line"), self.tr("{0} lines")),
                 html.escape(skipped)))
        intro.setWordWrap(True)
        self.boxes: dict[str, QComboBox] = {}
        labels: list[QLabel] = []
        groups = {"site": QFormLayout(), "link": QFormLayout()}
        for field, label, none, kind in MAPPING_FIELDS:
            box = QComboBox()
            none = QCoreApplication.translate("GeoJSONMappingDialog", none)
            box.addItem(self.tr("(none: {0})").format(none), None)
            names = properties.site_properties if kind == "site" else properties.link_properties
            for name in names:
                box.addItem(name, name)
            current = getattr(suggested, field)
            box.setCurrentIndex(max(box.findData(current), 0) if current is not None else 0)
            box.setMinimumContentsLength(22)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.boxes[field] = box
            labels.append(QLabel(QCoreApplication.translate("GeoJSONMappingDialog", label)))
            groups[kind].addRow(labels[-1], box)
        self.tolerance_box = QDoubleSpinBox()
        self.tolerance_box.setRange(1.0, 1_000_000.0)
        self.tolerance_box.setDecimals(0)
        self.tolerance_box.setSingleStep(50.0)
        self.tolerance_box.setSuffix(self.tr(" m"))
        self.tolerance_box.setValue(suggested.tolerance_m)
        self.tolerance_box.setToolTip(self.tr("How far a line's end may be from the site it is joined to"))
        labels.append(QLabel(self.tr("Join ends within")))
        groups["link"].addRow(labels[-1], self.tolerance_box)
        width = max(text.sizeHint().width() for text in labels)
        for text in labels:  # both groups' boxes start at the same x
            text.setMinimumWidth(width)
        site_group = QGroupBox(self.tr("Sites (Point features)"))
        site_group.setLayout(groups["site"])
        link_group = QGroupBox(self.tr("Links (LineString features)"))
        link_group.setLayout(groups["link"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(site_group)
        layout.addWidget(link_group)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def mapping(self) -> GeoJSONMapping:
        """The mapping as chosen."""
        chosen = {field: box.currentData() for field, box in self.boxes.items()}
        return replace(self._suggested, tolerance_m=self.tolerance_box.value(), **chosen)


class CoreDialog(QDialog):
    """Propose a core for a network whose file marks none, and let the planner change it.

    Two proposals: the sites nearest the regional capitals, or the best-connected
    sites; every site can be ticked or unticked. :meth:`core` is the choice.
    """

    def __init__(self, network: Network, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the core"))
        self.resize(600, 640)
        self.network = network
        self.proposals = {"capitals": core_candidates(network, "capitals"),
                          "connected": core_candidates(network, "connected")}
        auto = {s for s, _ in core_candidates(network, "auto")}
        intro = QLabel(self.tr(
            "<b>{0}</b> marks no core sites. Every site's independent routes "
            "are counted to the core, so the app needs one. Choose a proposal and change it as you like; the "
            "core is saved with the network (File → Save network as)."
        ).format(html.escape(file_name)))
        intro.setWordWrap(True)
        capitals = ", ".join(REGIONAL_CAPITALS)
        found = len(self.proposals["capitals"])
        self.capitals_button = QRadioButton(self.tr(
            "The sites nearest {0} ({1} of {2} found within 50 km)").format(
            capitals, found, len(REGIONAL_CAPITALS)))
        self.connected_button = QRadioButton(
            self.tr("The best-connected sites ({0})").format(len(self.proposals["connected"])))
        self.capitals_button.setEnabled(found > 0)
        self.connected_button.setEnabled(bool(self.proposals["connected"]))
        self.strategies = QButtonGroup(self)
        self.strategies.addButton(self.capitals_button)
        self.strategies.addButton(self.connected_button)
        self.filter_box = QLineEdit(placeholderText=self.tr("Filter sites by name or id"))
        self.filter_box.setClearButtonEnabled(True)
        self.site_list = QListWidget()
        self.site_list.setUniformItemSizes(True)
        self._items: dict[str, QListWidgetItem] = {}
        for site in sorted(network.sites, key=lambda s: (s.name.casefold(), s.id)):
            text = site.name if site.name == site.id else f"{site.name}  ({site.id})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, site.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.site_list.addItem(item)
            self._items[site.id] = item
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Use this core"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.capitals_button)
        layout.addWidget(self.connected_button)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.site_list, 1)
        layout.addWidget(self.chosen_label)
        layout.addWidget(buttons)

        self.capitals_button.clicked.connect(lambda: self.propose("capitals"))
        self.connected_button.clicked.connect(lambda: self.propose("connected"))
        self.site_list.itemChanged.connect(self._on_item_changed)
        self.filter_box.textChanged.connect(self._on_filter_changed)
        if auto and auto == {s for s, _ in self.proposals["capitals"]}:
            self.propose("capitals")
        elif self.proposals["connected"]:
            self.propose("connected")
        self._on_item_changed()

    def propose(self, strategy: str) -> None:
        """Tick the proposal of ``strategy`` (``"capitals"`` or ``"connected"``), and only it."""
        reasons = dict(self.proposals[strategy])
        (self.capitals_button if strategy == "capitals" else self.connected_button).setChecked(True)
        self.site_list.blockSignals(True)
        for site_id, item in self._items.items():
            site = self.network.site(site_id)
            base = site.name if site.name == site.id else f"{site.name}  ({site.id})"
            item.setText(f"{base}  —  {reasons[site_id]}" if site_id in reasons else base)
            item.setCheckState(Qt.CheckState.Checked if site_id in reasons else Qt.CheckState.Unchecked)
        self.site_list.blockSignals(False)
        first = next((self._items[s] for s in reasons), None)
        if first is not None:
            self.site_list.scrollToItem(first)
        self._on_item_changed()

    def core(self) -> frozenset[str]:
        """The ids of the ticked sites."""
        return frozenset(site_id for site_id, item in self._items.items()
                         if item.checkState() is Qt.CheckState.Checked)

    def set_core(self, site_ids: set[str] | frozenset[str]) -> None:
        """Tick exactly ``site_ids``."""
        for site_id, item in self._items.items():
            item.setCheckState(Qt.CheckState.Checked if site_id in site_ids else Qt.CheckState.Unchecked)

    def _on_item_changed(self, _item: QListWidgetItem | None = None) -> None:
        core = sorted(self.core())
        names = [self.network.site(s).name for s in core]
        shown = ", ".join(names[:6])
        if len(names) > 6:
            shown = self.tr("{0} and {1} more").format(shown, len(names) - 6)
        if core:
            self.chosen_label.setText(self.tr("Core: {0} ({1})").format(
                shown, _count(len(core), self.tr("{0} site"), self.tr("{0} sites"))))
        elif any(self.proposals.values()):
            self.chosen_label.setText(self.tr("No site is ticked: tick at least one core site."))
        else:
            self.chosen_label.setText(self.tr("No site lies near the regional capitals and no site has a "
                                              "link, so there is nothing to propose: tick the core sites."))
        self.ok_button.setEnabled(bool(core))

    def _on_filter_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items.values():
            item.setHidden(bool(needle) and needle not in item.text().casefold())
