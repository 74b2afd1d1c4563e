"""The workshop or scenario file the window works on: New, Open, Save, Save as, recent files.

The document is the session's workshop. It has a file (or none yet), a kind
(a *scenario* file holds one step, a *workshop* file all of them) and the
content last saved; it is *modified* when the workshop differs from that
content. Only what a file keeps counts: titles, notes, failures, areas,
measure and target. Panning the map is saved along, but does not by itself
make the document unsaved. The window title shows the file and Qt's
unsaved-changes mark (``[*]``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from stamnett_gui.analysis.hazards import review_areas
from stamnett_gui.domain.workshop import NamedScenario, NetworkRef, Workshop
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.resources import resource
from stamnett_gui.io.scenario_file import (
    ScenarioFileError,
    fit_to_network,
    load_json,
    scenario_from_dict,
    write_scenario_file,
)
from stamnett_gui.io.workshop_file import (
    WORKSHOP_FORMAT,
    fit_workshop,
    read_workshop_text,
    workshop_from_dict,
    write_workshop_file,
)
from stamnett_gui.ui.session import NETWORK, Session

#: The bundled example workshop, made on the bundled network.
EXAMPLE_WORKSHOP = "workshops/nord-norge.json"
#: How many files File → Open recent lists.
RECENT_FILES = 8
WORKSHOP_FILTER = "Workshop file: every scenario (*.json)"
SCENARIO_FILTER = "Scenario file: the scenario shown (*.json)"
OPEN_FILTER = "Workshop and scenario files (*.json);;All files (*)"


class Kind(StrEnum):
    """What the document's file holds."""

    WORKSHOP = "workshop"
    SCENARIO = "scenario"


def saved_content(workshop: Workshop) -> Workshop:
    """What counts as a change: the workshop without its network reference and map views."""
    return replace(workshop, network=None,
                   scenarios=tuple(replace(s, view=None) for s in workshop.scenarios))


class WorkshopFiles(QObject):
    """File → New, Open, Save, Save as for workshops and scenarios, and the window title.

    Signals
    -------
    document_changed()
        The file, its kind or whether it is modified changed.
    recent_changed(list)
        The list of recent files (newest first) changed.
    """

    document_changed = Signal()
    recent_changed = Signal(list)

    def __init__(self, session: Session, window: QMainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.path: Path | None = None
        self.kind = Kind.WORKSHOP
        #: What the file holds (None: nothing matches, the work is unsaved).
        self._saved: Workshop | None = saved_content(session.workshop)
        self.modified = False
        self.recent: list[str] = []
        #: The last message box shown (for keyboard users and tests).
        self.message_box: QMessageBox | None = None
        self.new_action = self._action(self.tr("&New workshop"), QKeySequence.StandardKey.New, self.new)
        self.open_action = self._action(self.tr("Open &workshop or scenario…"), "Ctrl+Shift+O",
                                        self.open_dialog)
        self.save_action = self._action(self.tr("&Save workshop"), QKeySequence.StandardKey.Save,
                                        self.save)
        self.save_as_action = self._action(self.tr("Save workshop &as…"), "Ctrl+Alt+S", self.save_as)
        self.example_action = self._action(self.tr("Open &example workshop"), None, self.open_example)
        self.example_action.setEnabled(resource(EXAMPLE_WORKSHOP).is_file())
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        session.state_changed.connect(self._on_state_changed)
        self._update_title()

    def _action(self, text: str, keys: QKeySequence.StandardKey | str | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def actions(self) -> list[QAction | QMenu | None]:
        """The File menu's part, in order (None: a separator)."""
        return [self.new_action, self.open_action, self.recent_menu, self.example_action,
                self.save_action, self.save_as_action]

    # -- state -----------------------------------------------------------------------------
    def _on_state_changed(self, fields: frozenset[str]) -> None:
        if NETWORK in fields:  # a new network starts a new, unsaved workshop
            self.path, self.kind = None, Kind.WORKSHOP
            self._saved = saved_content(self.session.workshop)
        self._check_modified()

    def _check_modified(self) -> None:
        modified = saved_content(self.session.workshop) != self._saved
        if modified != self.modified:
            self.modified = modified
            self.document_changed.emit()
        self._update_title()

    def mark_saved(self, path: Path | None, kind: Kind, *, unsaved: bool = False) -> None:
        """Say the workshop is (or, with ``unsaved``, is not) what ``path`` holds."""
        self.path, self.kind = path, kind
        self._saved = None if unsaved else saved_content(self.session.workshop)
        if path is not None:
            self._remember(path)
        self._check_modified()
        self.document_changed.emit()

    def _update_title(self) -> None:
        network = self.session.network
        modelled = (self.tr(" (modelled links)") if network.modelled and "modelled" not in network.name
                    else "")
        name = self.path.name if self.path else (self.session.workshop.title
                                                 or self.tr("Unsaved workshop"))
        self.window.setWindowTitle(self.tr("{0}[*] — {1}{2} — stamnett-gui").format(
            name.replace("[*]", "[**]"), network.name, modelled))
        self.window.setWindowModified(self.modified)

    # -- new and open ----------------------------------------------------------------------
    def new(self) -> None:
        """Start an empty workshop on the open network (asks first when there are unsaved changes)."""
        if not self.confirm_discard():
            return
        self.session.set_workshop(Workshop(scenarios=(NamedScenario(self.tr("Scenario 1")),)))
        self.mark_saved(None, Kind.WORKSHOP)

    def open_dialog(self) -> None:
        """Choose a workshop or scenario file and open it."""
        if not self.confirm_discard():
            return
        start = str(self.path.parent) if self.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open workshop or scenario"),
                                              start, OPEN_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a workshop or scenario file on the open network; False (and a message) if it cannot."""
        path = Path(path)
        try:
            data = load_json(path)
            if isinstance(data, dict) and data.get("format") == WORKSHOP_FORMAT:
                read = fit_workshop(workshop_from_dict(data), self.session.network)
                workshop, warnings, kind = read.workshop, list(read.warnings), Kind.WORKSHOP
            else:
                named, made_on, _ = scenario_from_dict(data)
                fitted, _, notes = fit_to_network(named, made_on, self.session.network)
                workshop = Workshop(fitted.title, (fitted,), made_on)
                warnings, kind = list(notes), Kind.SCENARIO
        except ScenarioFileError as error:
            self._tell_failure(self.tr("Cannot open the file"), error)
            return False
        except ValueError as error:
            self._tell_failure(self.tr("Cannot open the file"), ScenarioFileError(path, str(error)))
            return False
        self._open_workshop(workshop, warnings, path.name)
        self.mark_saved(path, kind)
        return True

    def open_example(self) -> None:
        """Open the bundled example workshop (made on the bundled network)."""
        if not self.confirm_discard():
            return
        try:
            read = read_workshop_text(resource(EXAMPLE_WORKSHOP).read_text(encoding="utf-8"),
                                      self.session.network, source=EXAMPLE_WORKSHOP)
        except (OSError, NetworkFileError) as error:
            message = error.one_line() if isinstance(error, NetworkFileError) else str(error)
            self._tell(QMessageBox.Icon.Warning, self.tr("Cannot open the example workshop"), message, "")
            return
        self._open_workshop(read.workshop, list(read.warnings), self.tr("the example workshop"))
        self.mark_saved(None, Kind.WORKSHOP)

    def _open_workshop(self, workshop: Workshop, warnings: list[str], name: str) -> None:
        """Show ``workshop``; say what was left out or repaired, in one box."""
        steps = []
        for named in workshop.scenarios:
            review = review_areas(named.scenario)
            warnings += list(review.notes)
            steps.append(named.with_scenario(review.scenario))
        self.session.set_workshop(replace(workshop, scenarios=tuple(steps)))
        if warnings:
            self._tell(QMessageBox.Icon.Warning, self.tr("Opened {0} with changes").format(name),
                       self.tr("{0} was opened; what it names that this network lacks was left out.")
                       .format(name[:1].upper() + name[1:]),
                       "\n".join(f"• {w[:1].upper()}{w[1:]}" for w in warnings))
        else:
            self.window.statusBar().showMessage(self.tr("Opened {0}").format(name), 8000)

    # -- save --------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the document's file (asks for one when there is none); False if not saved."""
        if self.path is None or (self.kind is Kind.SCENARIO and len(self.session.workshop) > 1):
            return self.save_as()
        return self.save_to(self.path, self.kind)

    def save_as(self) -> bool:
        """Ask for a file and a kind (workshop or scenario) and save there."""
        stem = self.path.stem if self.path else (self.session.workshop.title or "workshop")
        filters = [WORKSHOP_FILTER, SCENARIO_FILTER]
        chosen_filter = SCENARIO_FILTER if self.kind is Kind.SCENARIO else WORKSHOP_FILTER
        folder = self.path.parent if self.path else Path.home()
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Save workshop as"), str(folder / f"{stem}.json"),
            ";;".join(filters), chosen_filter)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self.save_to(Path(path), Kind.SCENARIO if chosen == SCENARIO_FILTER else Kind.WORKSHOP)

    def save_to(self, path: Path, kind: Kind) -> bool:
        """Write the workshop (or, for a scenario file, the step shown) to ``path``."""
        session = self.session
        try:
            if kind is Kind.SCENARIO:
                write_scenario_file(path, session.current, NetworkRef.of(session.network))
            else:
                write_workshop_file(path, session.workshop, NetworkRef.of(session.network))
        except NetworkFileError as error:
            self._tell_failure(self.tr("Cannot save"), error,
                               self.tr("Nothing was lost: the work stays open in the window. "
                                       "Choose another folder with Save as."))
            return False
        self.mark_saved(path, kind)
        self.window.statusBar().showMessage(self.tr("Saved {0}").format(path.name), 6000)
        return True

    # -- asking ------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when the work may be replaced: nothing unsaved, or saved or discarded on request."""
        if not self.modified:
            return True
        name = self.path.name if self.path else self.tr("this workshop")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Save the changes to {0}?").format(name),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setInformativeText(self.tr("Your changes are lost if you do not save them."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self.message_box = box
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _tell_failure(self, title: str, error: NetworkFileError, more: str = "") -> None:
        self._tell(QMessageBox.Icon.Warning, title, error.one_line(), error.details(), more)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str,
              informative: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        # what was left out is listed in the box itself, not behind "Show details"
        box.setInformativeText("\n\n".join(t for t in (details, informative) if t))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box
        box.open()

    # -- recent files ------------------------------------------------------------------------
    def set_recent(self, paths: list[str]) -> None:
        """Replace the list of recent files (newest first)."""
        self.recent = list(dict.fromkeys(paths))[:RECENT_FILES]
        self.recent_changed.emit(list(self.recent))

    def _remember(self, path: Path) -> None:
        self.set_recent([str(path.resolve()), *self.recent])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setStatusTip(path)
            action.triggered.connect(self._recent_opener(path))
        if not self.recent:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    def _recent_opener(self, path: str) -> Callable[[], None]:
        def open_recent() -> None:
            if self.confirm_discard():
                self.open_path(path)
        return open_recent
