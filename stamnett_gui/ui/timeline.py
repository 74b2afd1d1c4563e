"""View → Build-out: a year slider that shows the network as it stood in each year of its build-out.

The year is the session's state (``Session.set_year``): the map, the sites
table, the report and the explanation all follow it, and leaving the timeline
sets it back to None, the whole network, with the scenario and its undo
history as they were. Only networks whose links carry ``in_service`` years
have a timeline; for any other the action is disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QSlider, QToolBar, QToolButton

from stamnett_gui.analysis.buildout import service_years, undated_links
from stamnett_gui.domain import DiversityReport, Network, SiteKind, Status
from stamnett_gui.ui import styles
from stamnett_gui.ui.session import NETWORK, YEAR

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow


def year_summary(report: DiversityReport, network: Network) -> str:
    """One line on a build-out year: the hospitals on the network and their routes against the target.

    ``"39 hospitals on the network · 18 with 3 or more independent routes · 21 with fewer"``
    """
    hospitals = [s.id for s in network.sites if s.kind is SiteKind.HOSPITAL]
    entries = [report.by_id[s] for s in hospitals if s in report.by_id]
    meeting = sum(1 for e in entries if e.status is Status.COMPLIANT)
    isolated = sum(1 for e in entries if e.status is Status.ISOLATED)
    if len(entries) == 1:
        on = QCoreApplication.translate("BuildoutTimeline", "{0} hospital on the network")
    else:
        on = QCoreApplication.translate("BuildoutTimeline", "{0} hospitals on the network")
    meets = QCoreApplication.translate("BuildoutTimeline", "{0} with {1} or more independent routes")
    fewer = QCoreApplication.translate("BuildoutTimeline", "{0} with fewer")
    parts = [on.format(len(entries)), meets.format(meeting, report.target),
             fewer.format(len(entries) - meeting - isolated)]
    if isolated:
        parts.append(QCoreApplication.translate("BuildoutTimeline", "{0} isolated").format(isolated))
    return " · ".join(parts)


def view_menu(window: MainWindow) -> QMenu | None:
    """The window's View menu (the one holding the legend action)."""
    for owner in window.legend_action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


class BuildoutTimeline(QObject):
    """The build-out timeline: a checkable View action and a bar with a year slider and Play.

    Signals
    -------
    playing_changed(bool)
        Playing (one year per ``styles.TIMELINE_STEP_MS``) started or stopped.
    """

    playing_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.session = window, window.session
        self.years: list[int] = []
        #: False while something else shows the year (the presentation mode): the bar stays hidden.
        self.bar_wanted = True
        self.action = QAction(self.tr("&Build-out timeline"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+B"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(self.tr("Show the network year by year as it was built (Ctrl+B)"))
        self.action.setStatusTip(self.action.toolTip())
        window.addAction(self.action)
        self.bar = self._build_bar()
        self.timer = QTimer(self, interval=styles.TIMELINE_STEP_MS)

        self.action.toggled.connect(self.set_active)
        self.slider.valueChanged.connect(self._on_slider)
        self.play_button.clicked.connect(self.toggle_play)
        self.timer.timeout.connect(self._on_tick)
        self.session.state_changed.connect(self._on_state_changed)
        self.session.report_ready.connect(self._show_summary)
        menu = view_menu(window)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.action)
        self._on_state_changed(frozenset({NETWORK}))

    def _build_bar(self) -> QToolBar:
        bar = QToolBar(self.tr("Build-out"), self.window)
        bar.setObjectName("Build-out")
        bar.setMovable(False)
        title = QLabel(self.tr(" Build-out  "))
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        self.first_label, self.last_label = QLabel(), QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.setMinimumWidth(320)
        self.slider.setToolTip(self.tr("The year shown: the links in service by then, the sites they reach"))
        self.year_label = QLabel()
        large = QFont(self.year_label.font())
        large.setPointSize(large.pointSize() + 4)
        large.setBold(True)
        self.year_label.setFont(large)
        self.year_label.setMinimumWidth(60)
        self.play_button = QToolButton()
        self.play_button.setText(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Step through the years, one a second"))
        self.summary_label = QLabel()
        self.note_label = QLabel()
        self.note_label.setStyleSheet("color: #555")
        for widget in (title, self.first_label, self.slider, self.last_label, QLabel("  "),
                       self.year_label, self.play_button, QLabel("   "), self.summary_label,
                       QLabel("  "), self.note_label):
            bar.addWidget(widget)
        self.window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)
        bar.hide()
        return bar

    # -- state -----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """True while the map shows a build-out year."""
        return self.session.year is not None

    @property
    def playing(self) -> bool:
        """True while the years step on by themselves."""
        return self.timer.isActive()

    def set_active(self, active: bool) -> None:
        """Show the timeline from its first year, or leave it for the whole network."""
        if active and self.years and self.session.year is None:
            self.session.set_year(self.years[0])
        elif not active and self.session.year is not None:
            self.session.set_year(None)
        else:
            self.sync()

    def set_year(self, year: int) -> None:
        """Show ``year`` (the timeline turns on if it was off)."""
        self.session.set_year(year)

    def step(self, by: int) -> bool:
        """Show the year ``by`` places on (clamped); False when there was nowhere to go."""
        if not self.active or not self.years:
            return False
        index = self._index()
        target = min(max(index + by, 0), len(self.years) - 1)
        if target == index:
            return False
        self.session.set_year(self.years[target])
        return True

    def toggle_play(self) -> None:
        """Play the build-out from the year shown (from the first when at the last), or pause."""
        if self.playing:
            self.stop()
            return
        if not self.active:
            self.set_active(True)
        if not self.active:
            return
        if self._index() == len(self.years) - 1:
            self.session.set_year(self.years[0])
        self.timer.start()
        self.sync()
        self.playing_changed.emit(True)

    def stop(self) -> None:
        """Stop playing (the year shown stays)."""
        if self.timer.isActive():
            self.timer.stop()
            self.sync()
            self.playing_changed.emit(False)

    def _on_tick(self) -> None:
        if not self.step(1) or self._index() == len(self.years) - 1:
            self.stop()

    def _index(self) -> int:
        year = self.session.year
        if year is None:
            return len(self.years) - 1
        # the year shown, or the last year before it (a year set from outside the list)
        earlier = [i for i, y in enumerate(self.years) if y <= year]
        return earlier[-1] if earlier else 0

    def _on_slider(self, index: int) -> None:
        if self.active and 0 <= index < len(self.years) and self.years[index] != self.session.year:
            self.session.set_year(self.years[index])

    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if NETWORK in fields:
            network = self.session.network
            self.years = service_years(network)
            self.action.setEnabled(bool(self.years))
            self.action.setToolTip(
                self.tr("Show the network year by year as it was built (Ctrl+B)") if self.years
                else self.tr("This network's links carry no in-service years: it has no timeline"))
            undated = undated_links(network)
            self.note_label.setText(
                self.tr("{0} links without a year are shown in every year").format(undated)
                if self.years and undated else "")
            if self.years:
                self.slider.blockSignals(True)
                self.slider.setRange(0, len(self.years) - 1)
                self.slider.blockSignals(False)
                self.first_label.setText(f"{self.years[0]} ")
                self.last_label.setText(f" {self.years[-1]}")
        if fields & {NETWORK, YEAR}:
            if not self.active:
                self.stop()
            self.sync()

    def sync(self) -> None:
        """Show the session's year on the action, the bar and the slider."""
        active = self.active
        self.action.blockSignals(True)
        self.action.setChecked(active)
        self.action.blockSignals(False)
        self.bar.setVisible(active and self.bar_wanted)
        if active and self.years:
            self.slider.blockSignals(True)
            self.slider.setValue(self._index())
            self.slider.blockSignals(False)
            shown = self.session.shown_network
            self.year_label.setText(str(self.session.year))
            self.year_label.setToolTip(self.tr("{0} sites and {1} links in service").format(
                len(shown.sites), len(shown.links)))
        self.play_button.setText(self.tr("Pause") if self.playing else self.tr("Play"))
        self._show_summary()

    def _show_summary(self, *_: object) -> None:
        report = self.session.report
        if not self.active:
            self.summary_label.setText("")
        elif report is None:
            self.summary_label.setText(self.tr("Analysing…"))
        else:
            self.summary_label.setText(year_summary(report, self.session.shown_network))
