"""A long analysis the planner starts (a sweep, regional failures, every pair), off the GUI thread.

The session's :class:`~stamnett_gui.ui.runner.AnalysisRunner` recomputes what the
state implies and drops superseded results; a job here is started by a button,
reports progress, can be cancelled, and its result is kept with the tag it was
started for. The computation is a plain function of ``(progress, cancelled)``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, Signal

from stamnett_gui.analysis.progress import CancelCheck, Cancelled, ProgressCallback

#: What a job runs: ``job(progress, cancelled)``, raising :class:`Cancelled` when told to stop.
Job = Callable[[ProgressCallback, CancelCheck], object]


class BackgroundJob(QObject):
    """One job at a time on a worker thread of its own; workers never touch widgets.

    Signals
    -------
    progressed(int, int)
        ``(done, total)`` from the running job.
    finished(object, object, str)
        ``(tag, result, error)``: the result, or None with ``error`` "" when cancelled,
        or None with a one-line message when the job raised.
    """

    progressed = Signal(int, int)
    finished = Signal(object, object, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._future: Future[None] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def start(self, tag: object, job: Job) -> None:
        """Run ``job`` on the worker; ``finished(tag, …)`` says how it ended."""
        self._stop.clear()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._future = self._pool.submit(self._run, tag, job)

    def _run(self, tag: object, job: Job) -> None:
        try:
            result = job(self.progressed.emit, self._stop.is_set)
        except Cancelled:
            self.finished.emit(tag, None, "")
        except Exception as error:  # a failed analysis must not take the window with it
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.finished.emit(tag, None, message)
        else:
            self.finished.emit(tag, result, "")

    def cancel(self) -> None:
        """Ask the running job to stop (it raises :class:`Cancelled` at its next check)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running job (if any) has finished: for tests and shutdown."""
        if self._future is not None:
            self._future.result(timeout)

    def shutdown(self) -> None:
        """Cancel the running job and stop the worker thread (also on ``aboutToQuit``)."""
        self._stop.set()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
