"""Long work off the GUI thread, with stale results dropped."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal


class AnalysisRunner(QObject):
    """Runs one job at a time on a single worker thread and delivers only the newest result.

    Each job carries a ``tag`` (e.g. the scenario it was computed for). A job
    submitted while another waits replaces it; a result that arrives after a
    newer job was submitted is dropped, so a burst of clicks always ends showing
    the last state. Workers never touch widgets: results cross back by signal.

    Signals
    -------
    finished(object, object)
        ``(tag, result)`` of the newest job.
    failed(object, str)
        ``(tag, message)`` when the newest job raised.
    busy_changed(bool)
        True while a job is pending or running.
    """

    finished = Signal(object, object)
    failed = Signal(object, str)
    busy_changed = Signal(bool)
    _delivered = Signal(int, object, object, object)  # generation, tag, result, error

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool: ThreadPoolExecutor | None = None
        self._generation = 0
        self._pending: Future[Any] | None = None
        self._busy = False
        self._delivered.connect(self._on_delivered)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        """True while the newest job has not delivered."""
        return self._busy

    def submit(self, tag: object, job: Callable[..., object], *args: object) -> None:
        """Run ``job(*args)``; its result comes back as ``finished(tag, result)`` unless superseded."""
        self._generation += 1
        generation = self._generation
        self._set_busy(True)
        if self.synchronous:
            self._run(generation, tag, job, args)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
        if self._pending is not None:
            self._pending.cancel()  # not started yet: never run it
        self._pending = self._pool.submit(self._run, generation, tag, job, args)

    def _run(
        self, generation: int, tag: object, job: Callable[..., object], args: tuple[object, ...]
    ) -> None:
        if generation != self._generation:
            return  # superseded before it started
        try:
            result, error = job(*args), None
        except Exception as exc:  # a bug in analysis must not kill the window
            result, error = None, f"{exc}\n{traceback.format_exc()}"
        self._delivered.emit(generation, tag, result, error)

    def _on_delivered(self, generation: int, tag: object, result: object, error: object) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if error is not None:
            self.failed.emit(tag, str(error).splitlines()[0])
        else:
            self.finished.emit(tag, result)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def shutdown(self) -> None:
        """Stop taking jobs and let the worker finish (called on ``aboutToQuit``)."""
        self._generation += 1
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
