"""Never lose work: every change goes to the recovery file, off the GUI thread.

After any change (a click, an area, a renamed step, a pan) a short timer
starts; when it fires, the session's state is taken as immutable values on
the GUI thread (a few attribute reads) and handed to a dedicated one-thread
executor, which hashes the network, encodes the JSON and writes the file
atomically (temporary file, ``fsync``, rename). Writes never pile up: while
one runs, later changes wait and the newest state is written next, so the file
always ends at the last state. This is not the analysis runner's queue, which
drops superseded jobs and would drop a write.

A write that fails (a folder that cannot be written, a full disk) is said once
in a message box and in the status bar; the session goes on and the next
change tries again. A clean close removes the file.
"""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from stamnett_gui.domain import Measure, Network
from stamnett_gui.domain.workshop import MapView as MapExtent
from stamnett_gui.domain.workshop import NetworkRef, Workshop
from stamnett_gui.io.errors import NetworkFileError
from stamnett_gui.io.recovery import NetworkSource, RecoveryState, remove_recovery, write_recovery
from stamnett_gui.ui.session import Session
from stamnett_gui.ui.workshop_files import WorkshopFiles

#: How long after the last change the recovery file is written.
AUTOSAVE_DELAY_MS = 250


@dataclass(frozen=True)
class Snapshot:
    """The session's state at one moment, as immutable values (taken on the GUI thread)."""

    network: Network
    paths: tuple[str, ...]
    workshop: Workshop
    step: int
    workshop_path: str | None
    unsaved: bool
    selection: tuple[str, ...]
    measure: Measure
    target: int
    view: MapExtent | None


class Autosave(QObject):
    """Writes the recovery file after every change, on its own worker thread.

    Signals
    -------
    written(int)
        A write finished; the number of writes so far.
    failed(str)
        A write failed: one sentence. The session goes on.
    """

    written = Signal(int)
    failed = Signal(str)
    _finished = Signal(object)  # from the worker: None, or the failure's sentence

    def __init__(self, session: Session, files: WorkshopFiles, window: QMainWindow, path: Path,
                 *, delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(window)
        self.session, self.files, self.window, self.path = session, files, window, path
        self.enabled = False
        self.count = 0
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")
        self._running: Future[None] | None = None
        self._again = False
        self._warned = False
        #: The message box of the last failure (for tests).
        self.message_box: QMessageBox | None = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)

        self._timer.timeout.connect(self.write_now)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        session.state_changed.connect(self._on_change)
        files.document_changed.connect(self._on_change)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def start(self) -> None:
        """Begin writing (after the question about the last session's file was answered)."""
        self.enabled = True
        self.write_now()

    def _on_change(self, *_: object) -> None:
        if self.enabled:
            self._timer.start()

    # -- writing -------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The state to write, read on the GUI thread."""
        session, files = self.session, self.files
        flow = getattr(self.window, "import_flow", None)
        paths: tuple[str, ...] = ()
        if session.source:
            paths = (session.source,)
            if flow is not None and flow.network is session.network and flow.links is not None:
                paths += (str(flow.links),)
        return Snapshot(session.network, paths, session.workshop, session.step,
                        str(files.path) if files.path else None, files.modified, session.selection,
                        session.measure, session.target, session.view)

    def write_now(self) -> None:
        """Write the current state now (or right after the write under way)."""
        self._timer.stop()
        if not self.enabled:
            return
        if self._running is not None:
            self._again = True
            return
        self._running = self._executor.submit(self._write, self.snapshot())

    def _write(self, snap: Snapshot) -> None:
        """On the worker: hash, encode, write; report back by signal."""
        try:
            # NetworkRef remembers the hash per network: after the first write here, on this
            # worker, File → Save does not pay for it (100 ms at 5,000 sites) on the GUI thread
            state = RecoveryState(
                NetworkSource(snap.paths, NetworkRef.of(snap.network).hash), snap.workshop, snap.step,
                snap.workshop_path, snap.unsaved, snap.selection, snap.measure, snap.target, snap.view)
            write_recovery(self.path, state)
        except NetworkFileError as error:
            self._finished.emit(error.one_line())
            return
        except Exception as error:  # a bug here must not end the session; say it instead
            self._finished.emit(f"{self.path}: {error}")
            return
        self._finished.emit(None)

    def _on_finished(self, error: str | None) -> None:
        self._running = None
        if error is None:
            self.count += 1
            self._warned = False
            self.written.emit(self.count)
        else:
            self._tell(error)
        if self._again:
            self._again = False
            self.write_now()

    def _tell(self, error: str) -> None:
        message = self.tr("Changes cannot be written to the recovery file: {0}").format(error)
        self.window.statusBar().showMessage(message, 20_000)
        self.failed.emit(error)
        if self._warned:
            return  # once per run of failures: a box on every click would stop the workshop
        self._warned = True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot write the recovery file"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(self.tr("Nothing is lost and you can go on working, but a crash now "
                                       "would lose the changes since the last write. Save your work to "
                                       "a file (File → Save workshop) to keep it."))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box
        box.open()

    def wait(self, timeout_s: float = 10.0) -> bool:
        """Write any pending change and wait until the file holds it (for closing and tests)."""
        if self._timer.isActive():
            self.write_now()
        deadline = time.monotonic() + timeout_s
        while (self._running is not None or self._again) and time.monotonic() < deadline:
            running = self._running
            if running is not None:
                with contextlib.suppress(Exception):
                    running.result(timeout=max(deadline - time.monotonic(), 0.0))
            QCoreApplication.sendPostedEvents(self, 0)  # deliver the worker's _finished
        return self._running is None and not self._again

    def shutdown(self) -> None:
        """Stop writing and let a write under way finish."""
        self.enabled = False
        self._timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> str:
        """A clean close: stop, then remove the recovery file; "" or why it could not be removed."""
        self.shutdown()
        return remove_recovery(self.path)
