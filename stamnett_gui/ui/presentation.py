"""Presentation mode (F11, View → Presentation): the map alone, full screen, sized for a projector.

Every panel, toolbar and the menu bar are hidden; the map draws its markers,
links, labels and legend :data:`~stamnett_gui.ui.styles.PRESENTATION_SCALE`
times their usual size, with the scenario's title large at the top and one
summary line at the bottom. Page Down / Page Up (what a presenter's clicker
sends) step through the workshop's scenarios, or, when the workshop has a
single scenario, open the bundled real events (the example workshop) on the
bundled network. With the build-out timeline on they step through its years
instead, the year shown large, and Space (or the Play button) plays them.
Esc or F11 leaves, restoring the window, its panels and the part of the map shown.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QToolBar, QWidget

from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.resources import EXAMPLE_WORKSHOP, read_text
from stamnett_gui.io.workshop_file import read_workshop_text
from stamnett_gui.ui import styles
from stamnett_gui.ui.details_panel import scenario_summary
from stamnett_gui.ui.timeline import view_menu, year_summary

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow


def _fit(label: QLabel, available: int) -> None:
    """One line when the text fits in ``available`` pixels; wrapped at that width when not."""
    label.setWordWrap(False)
    label.setMinimumWidth(0)
    label.setMaximumWidth(16_777_215)
    natural = label.sizeHint().width()
    if natural > available:
        label.setWordWrap(True)
    label.setFixedWidth(max(120, min(natural, available)))
    label.adjustSize()


@dataclass
class _Saved:
    """What presenting changes, to put back exactly on leaving."""

    geometry: QByteArray
    state: QByteArray
    window_state: Qt.WindowState
    shown: Sequence[QWidget]
    menu_bar: bool
    status_bar: bool
    legend: bool
    view: QRectF
    clear_selection: bool


class Presentation(QObject):
    """The presentation mode of a :class:`MainWindow`: its action, keys and the text over the map.

    Signals
    -------
    active_changed(bool)
        Presentation mode was entered (True) or left (False).
    """

    active_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.session = window, window.session
        self.map_view = window.map_view
        self._saved: _Saved | None = None
        self.action = self._action(
            self.tr("&Presentation"), ("F11",), self.set_active,
            self.tr("Full screen for a projector: the map alone, large (F11; Esc leaves)"))
        self.action.setCheckable(True)
        self.action.setEnabled(True)  # the one key that works outside presentation mode
        self.next_action = self._action(self.tr("Next scenario or year"), ("PgDown",),
                                        lambda: self.step(1))
        self.previous_action = self._action(self.tr("Previous scenario or year"), ("PgUp",),
                                            lambda: self.step(-1))
        self.leave_action = self._action(self.tr("Leave presentation"), ("Esc",),
                                         lambda: self.set_active(False))
        self.play_action = self._action(self.tr("Play or pause the build-out"), ("Space",),
                                        self.play)
        self.title_label = self._label(styles.PRESENTATION_TITLE_POINT_SIZE, bold=True)
        self.year_label = self._label(styles.PRESENTATION_YEAR_POINT_SIZE, bold=True)
        self.summary_label = self._label(styles.PRESENTATION_SUMMARY_POINT_SIZE, bold=False)
        self.play_button = QPushButton(self.map_view)
        font = self.play_button.font()
        font.setPointSize(styles.PRESENTATION_SUMMARY_POINT_SIZE)
        self.play_button.setFont(font)
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play_button.hide()
        #: A short message instead of the counter under the title ("Last scenario"), or "".
        self.notice = ""
        self._notice_timer = QTimer(self, singleShot=True, interval=2500)
        self._placed: tuple[object, ...] = ()
        #: While the window grows to full screen, the part of the map shown before stays in view.
        self._fit: QRectF | None = None
        self._fit_timer = QTimer(self, singleShot=True, interval=1000)
        self._fit_timer.timeout.connect(self._stop_fitting)
        self.map_view.overlays += [self.title_label, self.year_label, self.summary_label,
                                   self.play_button]

        self.play_button.clicked.connect(self.play)
        self._notice_timer.timeout.connect(self._clear_notice)
        self.session.state_changed.connect(self._refresh)
        self.session.report_ready.connect(self._refresh)
        window.timeline.playing_changed.connect(self._refresh)
        self.map_view.installEventFilter(self)
        menu = view_menu(window)
        if menu is not None:
            menu.addAction(self.action)

    def _action(self, text: str, keys: tuple[str, ...], slot: object, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text)
        action.setStatusTip(action.toolTip())
        action.setEnabled(False)  # only while presenting (the keys belong to the window otherwise)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _label(self, points: int, *, bold: bool) -> QLabel:
        label = QLabel(self.map_view)
        font = label.font()
        font.setPointSize(points)
        font.setBold(bold)
        label.setFont(font)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.setStyleSheet(f"background: {styles.PRESENTATION_PANEL}; color: {styles.LABEL_COLOUR};"
                            " border-radius: 8px; padding: 6px 18px;")
        label.hide()
        return label

    # -- entering and leaving ------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """True while presenting."""
        return self._saved is not None

    def set_active(self, active: bool) -> None:
        """Enter or leave presentation mode."""
        if active and not self.active:
            self._enter()
        elif not active and self.active:
            self._leave()
        self.action.blockSignals(True)
        self.action.setChecked(self.active)
        self.action.blockSignals(False)

    def _enter(self) -> None:
        window, view = self.window, self.map_view
        shown = [w for w in window.findChildren(QDockWidget) + window.findChildren(QToolBar)
                 if w.parent() is window and not w.isHidden()]
        self._saved = _Saved(window.saveGeometry(), window.saveState(), window.windowState(), shown,
                             not window.menuBar().isHidden(), not window.statusBar().isHidden(),
                             not view.legend.isHidden(), view.view.viewRect(),
                             window.clear_selection_action.isEnabled())
        for widget in shown:
            widget.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        window.timeline.bar_wanted = False
        # Esc leaves here; it clears the selection again once the window is back
        window.clear_selection_action.setEnabled(False)
        for action in (self.next_action, self.previous_action, self.leave_action, self.play_action):
            action.setEnabled(True)
        screen = window.screen()
        height = screen.geometry().height() if screen is not None else styles.PRESENTATION_SCREEN_HEIGHT
        view.set_display_scale(styles.presentation_scale(height))
        window.redraw()
        view.set_legend_visible(True)
        self._fit = self._saved.view
        self._fit_timer.start()
        window.showFullScreen()
        view.setFocus()
        self._refresh()
        self._refit()
        self.active_changed.emit(True)

    def _leave(self) -> None:
        saved, window, view = self._saved, self.window, self.map_view
        assert saved is not None
        self._saved = None
        window.timeline.stop()
        self._stop_fitting()
        for overlay in (self.title_label, self.year_label, self.summary_label, self.play_button):
            overlay.hide()
        for action in (self.next_action, self.previous_action, self.leave_action, self.play_action):
            action.setEnabled(False)
        window.clear_selection_action.setEnabled(saved.clear_selection)
        view.set_display_scale(1.0)
        window.redraw()
        window.setWindowState(saved.window_state)  # Qt puts back the normal geometry itself
        if window.saveGeometry() != saved.geometry:
            window.restoreGeometry(saved.geometry)
        for widget in saved.shown:
            widget.show()
        window.menuBar().setVisible(saved.menu_bar)
        window.statusBar().setVisible(saved.status_bar)
        view.set_legend_visible(saved.legend)
        window.timeline.bar_wanted = True
        window.timeline.sync()
        self._restore_layout(saved)
        # the window settles to its old size after this call: the docks' splits and the part of
        # the map shown are put back again then, or they would keep a pixel of the full screen
        QTimer.singleShot(0, lambda: self._restore_layout(saved))
        self.active_changed.emit(False)

    def _restore_layout(self, saved: _Saved) -> None:
        if not self.active:
            self.window.restoreState(saved.state)
            self.map_view.view.setRange(rect=saved.view, padding=0)

    # -- stepping ------------------------------------------------------------------------------
    def step(self, by: int) -> None:
        """The next (``by`` = 1) or previous (-1) scenario, or build-out year when the timeline is on."""
        timeline, session = self.window.timeline, self.session
        self._stop_fitting()  # a step shows its own part of the map
        if timeline.active:
            timeline.stop()
            if not timeline.step(by):
                self._say(self.tr("Last year") if by > 0 else self.tr("First year"))
            return
        if len(session.workshop) > 1:
            index = session.step + by
            if 0 <= index < len(session.workshop):
                session.go_to_step(index)
            else:
                self._say(self.tr("Last scenario") if by > 0 else self.tr("First scenario"))
            return
        if self._real_events_fit():
            self.window.workshop.files.open_example()  # it asks first if work would be lost
        if len(session.workshop) <= 1:
            self._say(self.tr("One scenario: open a workshop to step through more"))

    def _real_events_fit(self) -> bool:
        """True when the bundled real events (the example workshop) fit the open network.

        They fit the bundled network: every link, site and risk group they name is there
        (by ids, not by the network's hash, which any edit to the bundled network changes).
        """
        try:
            read = read_workshop_text(read_text(EXAMPLE_WORKSHOP), self.session.network,
                                      source=EXAMPLE_WORKSHOP)
        except (OSError, NetworkFileError):
            return False
        return bool(read.workshop.scenarios) and not any(read.missing)

    def play(self) -> None:
        """Play or pause the build-out (the timeline turns on if the network has years)."""
        timeline = self.window.timeline
        if timeline.years:
            timeline.toggle_play()

    def _say(self, text: str) -> None:
        self.notice = text
        self._notice_timer.start()
        self._refresh()

    def _clear_notice(self) -> None:
        self.notice = ""
        self._refresh()

    # -- what is shown over the map ------------------------------------------------------------
    def title(self) -> str:
        """The title shown at the top: the scenario's, or the build-out's."""
        session = self.session
        if session.year is not None:
            return self.tr("The build-out")
        return session.current.title or self.tr("Scenario {0}").format(session.step + 1)

    def subtitle(self) -> str:
        """Under the title: a notice, or where the scenario stands in the workshop."""
        session = self.session
        if self.notice:
            return self.notice
        if session.year is not None:
            return session.network.name
        if session.year is None and len(session.workshop) > 1:
            return self.tr("Scenario {0} of {1}").format(session.step + 1, len(session.workshop))
        return ""

    def summary(self) -> str:
        """The summary line at the bottom."""
        session, report = self.session, self.session.report
        if report is None:
            return self.tr("Analysing…")
        if session.year is not None:
            return year_summary(report, session.shown_network)
        return scenario_summary(report, session.shown_network)

    def _refresh(self, *_: object) -> None:
        if not self.active:
            return
        subtitle = self.subtitle()
        small = round(styles.PRESENTATION_TITLE_POINT_SIZE * 0.55)
        self.title_label.setText(
            f"{html.escape(self.title())}" + (f"<div style='font-size:{small}pt; font-weight:normal'>"
                                          f"{html.escape(subtitle)}</div>" if subtitle else ""))
        self.summary_label.setText(html.escape(self.summary()))
        year = self.session.year
        self.year_label.setText(str(year) if year is not None else "")
        playing = self.window.timeline.playing
        self.play_button.setText(self.tr("❚❚ Pause") if playing else self.tr("▶ Play"))
        for widget, shown in ((self.title_label, True), (self.summary_label, True),
                              (self.year_label, year is not None), (self.play_button, year is not None)):
            widget.setVisible(shown)
        self._place()

    def _place(self) -> None:
        """Title centred right of the legend, year at the top right, summary at the bottom."""
        view = self.map_view
        width, height = view.width(), view.height()
        left = view.legend.geometry().right() + 24 if view.legend.isVisible() else 24
        right = width - round(60 * view.furniture.scale)  # clear of the north arrow
        title, year = self.title_label, self.year_label
        year.adjustSize()
        if year.isVisible():
            right = width - round(60 * view.furniture.scale) - year.width() - 20
            year.move(right + 20, 16)
            self.play_button.adjustSize()
            self.play_button.move(year.x() + (year.width() - self.play_button.width()) // 2,
                                  year.geometry().bottom() + 12)
        _fit(title, right - left)
        title.move(left + (right - left - title.width()) // 2, 16)
        summary = self.summary_label
        _fit(summary, width - 2 * 220)  # clear of the scale bar and the attribution
        summary.move((width - summary.width()) // 2, height - summary.height() - 30)
        for widget in (title, year, summary, self.play_button):
            widget.raise_()
        placed = tuple((w.isVisible(), w.geometry().getRect()) for w in view.overlays)
        if placed != self._placed:  # the site labels keep clear of the text where it is now
            self._placed = placed
            view.request_relabel()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the text in place when the map is resized (entering full screen, say)."""
        if watched is self.map_view and event.type() == QEvent.Type.Resize and self.active:
            QTimer.singleShot(0, self._place)
            if self._fit is not None:
                QTimer.singleShot(0, self._refit)
        return False

    def _refit(self) -> None:
        """Show the part of the map shown before between the title and the summary line."""
        rect, view = self._fit, self.map_view
        if rect is None or view.height() <= 0:
            return
        self._place()
        top = self.title_label.geometry().bottom() + 8 if self.title_label.isVisible() else 0
        bottom = view.height() - self.summary_label.geometry().top() + 8
        free = view.height() - top - bottom
        if free < view.height() / 2:  # a small window: the text may cover the map
            view.view.setRange(rect=rect, padding=0)
            return
        per_pixel = rect.height() / free
        view.view.setRange(rect=QRectF(rect.x(), rect.y() - bottom * per_pixel, rect.width(),
                                       view.height() * per_pixel), padding=0)

    def _stop_fitting(self) -> None:
        self._fit = None
        self._fit_timer.stop()
