"""At start: offer to restore the session a crash (or a killed process) left in the recovery file.

The question comes in a window-modal box (the window stays drawn behind it).
*Restore* opens the network file again, then puts back every scenario of the
workshop, the step shown, the selection, measure, target and map view, and
whether there were unsaved changes. *Discard* deletes the file. A recovery
file that cannot be read (cut off, hand-edited, damaged) is set aside as
``recovery.json.damaged``, said in the status bar, and the app starts as
usual. Autosave begins once the question is answered, so the old file is
never overwritten before the planner has chosen.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton

from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.io.loading import load_default_network
from stamnett_gui.io.recovery import RecoveryState, read_recovery, remove_recovery
from stamnett_gui.io.scenario_file import SCENARIO_FORMAT, ScenarioFileError, load_json
from stamnett_gui.io.workshop_file import fit_workshop
from stamnett_gui.ui.autosave import Autosave
from stamnett_gui.ui.workshop_files import Kind

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow


def _kind(path: str | None) -> Kind:
    """What the file the session was saved to holds (a scenario or a workshop)."""
    if path is None:
        return Kind.WORKSHOP
    try:
        data = load_json(path)
    except ScenarioFileError:
        return Kind.WORKSHOP
    scenario = isinstance(data, dict) and data.get("format") == SCENARIO_FORMAT
    return Kind.SCENARIO if scenario else Kind.WORKSHOP


class RestorePrompt(QObject):
    """Asks whether to restore the last session, and restores it.

    Signals
    -------
    done(bool)
        The question was answered (True: restored) or there was nothing to ask.
    """

    done = Signal(bool)

    def __init__(self, window: MainWindow, autosave: Autosave) -> None:
        super().__init__(window)
        self.window, self.autosave, self.path = window, autosave, autosave.path
        self.box: QMessageBox | None = None
        #: The note that a damaged recovery file was set aside, if one was.
        self.notice: QMessageBox | None = None
        self.restore_button: QPushButton | None = None
        self.discard_button: QPushButton | None = None
        self.later_button: QPushButton | None = None
        self.state: RecoveryState | None = None
        #: What could not be put back exactly, one sentence each (shown after restoring).
        self.notes: list[str] = []

    def ask(self) -> bool:
        """Show the question if the last session left a file; True when it is shown."""
        read = read_recovery(self.path)
        if read.state is None:
            if self.path.exists():
                self._set_aside(read.reason)
            self._finish(False)
            return False
        self.state = state = read.state
        steps = len(state.workshop)
        titles = ", ".join(f"“{n.title}”" for n in state.workshop.scenarios[:4] if n.title)
        where = Path(state.network.paths[0]).name if state.network.paths else self.tr("the bundled network")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore the last session?"),
                          self.tr("stamnett-gui did not close properly last time. Restore the session "
                                  "as it was at the last change?"), QMessageBox.StandardButton.NoButton,
                          self.window)
        lines = [self.tr("Saved {0} UTC").format(state.saved_at.replace("T", " ")[:19]),
                 self.tr("Network: {0}").format(where),
                 self.tr("{0} scenario(s): {1}").format(steps, titles or self.tr("untitled"))]
        if state.workshop_path:
            lines.append(self.tr("File: {0}").format(Path(state.workshop_path).name))
        if state.unsaved:
            lines.append(self.tr("With changes that were not saved to a file"))
        box.setInformativeText("\n".join(lines))
        self.restore_button = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        # Esc, the title bar's close button and quitting the app all mean "not now": without an
        # escape button a message box refuses to close, and the application could not quit.
        self.later_button = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(self.tr("Keep the last session's file for the next start; "
                                             "changes made now are not written to a recovery file"))
        box.setEscapeButton(self.later_button)
        box.setDefaultButton(self.restore_button)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(self._on_answer)
        self.box = box
        box.open()
        return True

    def _on_answer(self, button: object) -> None:
        if button is self.restore_button and self.state is not None:
            self.restore(self.state)
        elif button is self.later_button:  # as when the window closes unanswered: the file stays
            self.window.statusBar().showMessage(
                self.tr("The last session is kept for the next start; this session has no "
                        "recovery file."), 20_000)
        else:
            remove_recovery(self.path)
            self._finish(False)

    def _set_aside(self, reason: str) -> None:
        damaged = self.path.with_name(self.path.name + ".damaged")
        with contextlib.suppress(OSError):
            os.replace(self.path, damaged)
        message = self.tr("The last session could not be restored: {0}.").format(reason)
        self.window.statusBar().showMessage(message, 20_000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Last session not restored"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(self.tr("The app starts as usual. The file was kept as {0} in {1}.")
                               .format(damaged.name, damaged.parent))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.notice = box
        box.open()

    # -- restoring -----------------------------------------------------------------------------
    def restore(self, state: RecoveryState) -> None:
        """Open the network again, then put the session back (at once, or after the import dialogs)."""
        session = self.window.session
        paths = state.network.paths
        if not paths:
            if session.source is not None:
                session.set_network(load_default_network())
            self._apply(state)
            return
        if not all(Path(p).is_file() for p in paths):
            self.notes.append(self.tr("the network file {0} is gone; the scenarios are shown on the "
                                      "network open now").format(paths[0]))
            self._apply(state)
            return
        flow = self.window.open_path(paths[0], paths[1] if len(paths) > 1 else None)
        if flow.network is not None and session.network is flow.network:
            self._apply(state)
        elif flow.dialog is not None:  # the file needs its import dialogs again
            flow.opened.connect(lambda _network: self._apply(state))
            flow.cancelled.connect(lambda: self._apply(state))
        else:
            self.notes.append(self.tr("the network file {0} could not be opened; the scenarios are "
                                      "shown on the network open now").format(paths[0]))
            self._apply(state)

    def _apply(self, state: RecoveryState) -> None:
        window = self.window
        session, files = window.session, window.workshop.files
        if state.network.hash and network_hash(session.network) != state.network.hash:
            self.notes.append(self.tr("the network has changed since (its sites or links differ)"))
        fitted = fit_workshop(state.workshop, session.network)
        self.notes += list(fitted.warnings)
        # measure and target first: a step that does not state them keeps what the window shows
        session.set_measure(state.measure)
        session.set_target(state.target)
        session.set_workshop(fitted.workshop, state.step)
        session.select_sites(state.selection)
        if state.view is not None:
            session.set_view(state.view)
        path = Path(state.workshop_path) if state.workshop_path else None
        files.mark_saved(path, _kind(state.workshop_path), unsaved=state.unsaved)
        if self.notes:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restored with changes"),
                              self.tr("The last session was restored, but not all of it as it was."),
                              QMessageBox.StandardButton.Ok, window)
            box.setInformativeText("\n".join(f"• {n[:1].upper()}{n[1:]}" for n in self.notes))
            box.setWindowModality(Qt.WindowModality.WindowModal)
            self.box = box
            box.open()
        else:
            window.statusBar().showMessage(self.tr("The last session was restored"), 10_000)
        self._finish(True)

    def _finish(self, restored: bool) -> None:
        self.autosave.start()
        self.done.emit(restored)
