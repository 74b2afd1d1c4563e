"""What makes the window's work survive: autosave and recovery, settings, the question on close.

Attached by the application (``create_app``), not by every window: a window
built for a test or an export keeps nothing and asks nothing unless a test
attaches this with its own folder and settings.

Each running copy of the app has a recovery file of its own, held with a
``QLockFile`` for as long as it runs: ``recovery.json`` for the first,
``recovery-2.json`` and on for copies opened beside it. So two windows never
write over each other's file, and a copy never offers to restore a session that
is still open in another. A file whose lock no running copy holds (its copy
crashed or was killed) is offered to the next copy that starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from stamnett_gui.io.atomic_files import remove_leftovers
from stamnett_gui.io.recovery import RECOVERY_FILE_NAME
from stamnett_gui.ui.autosave import Autosave
from stamnett_gui.ui.recovery_prompt import RestorePrompt
from stamnett_gui.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from stamnett_gui.ui.main_window import MainWindow


#: Copies of the app open at once that each get a recovery file of their own.
RECOVERY_SLOTS = 16


def recovery_name(slot: int) -> str:
    """The recovery file of slot ``slot`` (1: ``recovery.json``, 2: ``recovery-2.json``, …)."""
    if slot == 1:
        return RECOVERY_FILE_NAME
    stem, dot, suffix = RECOVERY_FILE_NAME.rpartition(".")
    return f"{stem}-{slot}{dot}{suffix}"


def claim_recovery_file(folder: Path) -> tuple[Path, QLockFile | None]:
    """The recovery file this copy of the app owns, and the lock that says so.

    The first slot no running copy holds whose file a crashed copy left
    behind; else the first slot no running copy holds. When no lock can be
    taken (the folder cannot be made or written), ``recovery.json`` without a
    lock: writing to it says what is wrong, as before.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return folder / RECOVERY_FILE_NAME, None
    free: tuple[Path, QLockFile] | None = None
    for slot in range(1, RECOVERY_SLOTS + 1):
        path = folder / recovery_name(slot)
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)  # held as long as the copy runs; a dead copy's lock is stale
        if not lock.tryLock(0):
            continue  # another copy runs with this file
        if path.exists():  # left by a copy that did not close properly: this copy offers it
            if free is not None:
                free[1].unlock()
            return path, lock
        if free is None:
            free = (path, lock)
        else:
            lock.unlock()
    return free if free is not None else (folder / RECOVERY_FILE_NAME, None)


def data_folder() -> Path:
    """The user's data folder for the app (Qt's AppDataLocation: ``~/.local/share/…`` on Linux)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class Persistence(QObject):
    """Autosave to ``folder``, the restore question, settings in ``settings``, and asking on close."""

    def __init__(self, window: MainWindow, folder: Path, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        remove_leftovers(folder)  # temporary files of writes a kill cut short
        path, self.lock = claim_recovery_file(folder)
        self.autosave = Autosave(window.session, window.workshop.files, window, path)
        self.prompt = RestorePrompt(window, self.autosave)
        self.settings = WindowSettings(window, settings)
        self.reset_action = QAction(self.tr("&Reset window and settings"), window)
        self.reset_action.setStatusTip(self.tr("Put the window, its panels and the settings back "
                                               "as on a first start"))
        self.reset_action.triggered.connect(self.settings.reset)
        view_menu = window.findChild(QMenu, "View menu")
        if isinstance(view_menu, QMenu):
            view_menu.addSeparator()
            labels = view_menu.addMenu(self.tr("&Labels"))
            labels.addActions(self.settings.density_actions.actions())
            view_menu.addAction(self.reset_action)
        window.close_guards.append(self._may_close)

    def start(self) -> bool:
        """Restore the settings and ask about the last session; True when the question is shown."""
        self.settings.restore()
        return self.prompt.ask()

    def _may_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; on a close, clean up."""
        if not self.window.workshop.files.confirm_discard():
            return False
        self.settings.save()
        if self.autosave.enabled:
            self.autosave.finish()
        else:  # the restore question is unanswered: the last session's file stays for next time
            self.autosave.shutdown()
        if self.lock is not None:
            self.lock.unlock()  # the file (if kept) is for the next copy that starts
        return True
