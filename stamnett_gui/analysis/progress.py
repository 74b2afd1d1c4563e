"""Long computations report progress and can be cancelled, with no GUI types involved.

A computation takes ``progress(done, total)`` and ``cancelled() -> bool``
callables (both optional) and raises :class:`Cancelled` when asked to stop.
"""

from __future__ import annotations

from collections.abc import Callable

#: Called with the number of steps done and the total.
ProgressCallback = Callable[[int, int], None]
#: Returns True when the caller wants the computation to stop.
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The caller's ``cancelled()`` returned True; the computation stopped early."""


class Steps:
    """Counts steps, reports them, and raises :class:`Cancelled` when asked to stop.

    >>> seen = []
    >>> steps = Steps(2, progress=lambda d, t: seen.append((d, t)))
    >>> steps.advance(); steps.advance(); seen
    [(1, 2), (2, 2)]
    """

    def __init__(self, total: int, progress: ProgressCallback | None = None,
                 cancelled: CancelCheck | None = None) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        """Raise :class:`Cancelled` if the caller asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled(f"cancelled after {self.done} of {self.total} steps")

    def advance(self) -> None:
        """One step done: report it."""
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)
