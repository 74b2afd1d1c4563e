"""Running a sweep's independent pieces on a process pool or a Dask cluster.

A heavy sweep (N-1, N-2, regional failures, survival radii) splits into
pieces: one plain, picklable function call over the network and a chunk of
its elements. The pieces run on any :class:`concurrent.futures.Executor`: a
local :class:`~concurrent.futures.ProcessPoolExecutor` by default, or a Dask
cluster through ``distributed.Client.get_executor()``. Nothing here
distributes work by itself: the executor does.

The network travels once per sweep as bytes (pickled with
:func:`dumps_job`); each worker process unpickles it and builds its engine
the first time it sees the sweep's token, and keeps it for the sweep's
other pieces (:func:`cached`).

With a local pool the calling process is one of the workers: it takes
pieces from the back of the list while the pool takes them from the front.
Results come back in the pieces' order, so they are the same whatever the
executor and the number of workers.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import io
import multiprocessing
import os
import pickle
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from types import MappingProxyType
from typing import Any, TypeVar

from stamnett_gui.analysis.progress import CancelCheck, Cancelled

T = TypeVar("T")
R = TypeVar("R")

#: How long to wait for a Dask scheduler before saying it does not answer.
SCHEDULER_TIMEOUT_S = 3.0
#: Pieces per worker: enough to balance uneven pieces, few enough to keep overhead low.
PIECES_PER_WORKER = 12
#: How often a waiting sweep checks for cancel, in seconds.
_POLL_S = 0.05


class SchedulerUnavailable(Exception):
    """A Dask scheduler address that does not answer, or Dask is not installed."""


class WorkerFailed(Exception):
    """A worker process stopped before finishing its piece (killed, or out of memory)."""


#: What Dask raises when a worker dies (matched by name: Dask is optional).
_DASK_LOST = ("KilledWorker", "CommClosedError", "FutureCancelledError")


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: With ``workers=None``, work smaller than this many failures stays in this process
#: (starting a pool would cost more than it saves).
WORTH_A_POOL = 1000


def check_workers(workers: int | None, amount: int | None = None) -> int:
    """``workers`` as a positive whole number; ``ValueError`` otherwise.

    ``None`` means one per core, or 1 when ``amount`` (failures to assess) is
    below :data:`WORTH_A_POOL`.
    """
    if workers is None:
        if amount is not None and amount < WORTH_A_POOL:
            return 1
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a whole number of at least 1, not {workers!r}")
    return workers


def _context() -> Any:
    # A frozen bundle and Windows only know 'spawn'. Plain 'fork' only from a process with
    # one thread (the command line): a forked copy of a threaded process (the window) can
    # deadlock. Forked workers start at once, with the sweep already built (see share()).
    if sys.platform == "win32" or getattr(sys, "frozen", False):
        return multiprocessing.get_context("spawn")
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    # The server imports the engine once; each worker forks from it ready to go.
    context.set_forkserver_preload(["stamnett_gui.analysis.sweep"])
    return context


def local_executor(workers: int) -> ProcessPoolExecutor:
    """A process pool of ``workers`` processes, started safely beside threads (see notes).

    Notes
    -----
    Uses the ``fork`` start method on Linux from a process with one thread
    (workers inherit what :func:`share` put in the cache), ``forkserver``
    otherwise on Linux and macOS, and ``spawn`` on Windows and in the frozen
    bundle; everything a piece needs is importable at module level and
    picklable, as the last two require.
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context())


def connect_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT_S) -> tuple[Any, Executor]:
    """A Dask client for ``address`` and its executor; :class:`SchedulerUnavailable` if none.

    Never falls back to local work: a scheduler that does not answer within
    ``timeout`` seconds is an error the caller reports.
    """
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerUnavailable(
            "running on a Dask cluster needs the 'cluster' extra: pip install 'stamnett-gui[cluster]'"
        ) from None
    problem = ""
    # A client that failed half-way complains from its __del__ when collected; the caller
    # reports the failure in one line, so that complaint is kept off standard error.
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            problem = f"no Dask scheduler answered at {address} within {timeout:g} s ({error})"
        except ValueError:
            problem = f"{address!r} is not a scheduler address; write tcp://HOST:PORT"
        except Exception as error:  # something answered, but not as a Dask scheduler does
            problem = f"{address} did not answer as a Dask scheduler ({type(error).__name__})"
        if problem:
            gc.collect()
    if problem:
        raise SchedulerUnavailable(problem)
    return client, client.get_executor()  # type: ignore[no-untyped-call]


def _mapping(items: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(items)


def dumps_job(job: object) -> bytes:
    """Pickle a job holding domain values (their read-only mappings included) to bytes."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    # A private dispatch table: read-only mappings travel as dicts, without
    # registering anything process-wide.
    table = copyreg.dispatch_table.copy()
    table[MappingProxyType] = lambda m: (_mapping, (dict(m),))
    pickler.dispatch_table = table
    pickler.dump(job)
    return buffer.getvalue()


_CACHE: OrderedDict[str, tuple[threading.Lock, Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHED = 2


def cached(token: str, blob: bytes, build: Callable[[Any], T]) -> tuple[threading.Lock, T]:
    """The value of ``build(job)`` in this process for the sweep ``token``, built on first use.

    Returns the value and a lock that the caller holds while using it (a Dask
    worker may run pieces in several threads; the engines are not thread-safe).
    """
    with _CACHE_LOCK:
        entry = _CACHE.get(token)
        if entry is not None:
            _CACHE.move_to_end(token)
            return entry
        entry = (threading.Lock(), build(pickle.loads(blob)))
        _CACHE[token] = entry
        while len(_CACHE) > _CACHED:
            _CACHE.popitem(last=False)
        return entry


def share(token: str, value: object) -> None:
    """Put ``value`` in this process's cache for ``token``, before a pool is started.

    Workers started by ``fork`` inherit it and skip unpickling the job and
    building the engine; others build their own from the job, as before.
    """
    with _CACHE_LOCK:
        _CACHE[token] = (threading.Lock(), value)
        while len(_CACHE) > _CACHED:
            _CACHE.popitem(last=False)


def forget(token: str) -> None:
    """Drop ``token`` from this process's cache (the sweep is over)."""
    with _CACHE_LOCK:
        _CACHE.pop(token, None)


def chunked(items: Sequence[T], workers: int, smallest: int = 8) -> list[Sequence[T]]:
    """``items`` cut into consecutive pieces, about :data:`PIECES_PER_WORKER` per worker.

    >>> [list(c) for c in chunked(range(10), 1, smallest=4)]
    [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    """
    n = len(items)
    size = max(smallest, -(-n // max(1, workers * PIECES_PER_WORKER)))
    return [items[i:i + size] for i in range(0, n, size)]


def run_pieces(executor: Executor | None, fn: Callable[..., R], pieces: Sequence[tuple[Any, ...]],
               *, cancelled: CancelCheck | None = None,
               done: Callable[[int], None] | None = None, local: bool = False,
               ahead: int = 0) -> Iterator[R]:
    """``fn(*piece)`` for every piece, yielded in the pieces' order.

    Pieces go to ``executor`` from the front; with ``local`` the calling
    process takes pieces from the back whenever it has nothing to collect (a
    pool of ``N - 1`` processes and the caller make ``N`` workers, and the
    caller's own state needs no copying). ``ahead`` bounds the pieces handed
    to the executor but not finished (0: all at once). ``done(i)`` is called
    when piece ``i`` finishes. When ``cancelled()`` returns True, pieces not
    started are cancelled and :class:`Cancelled` is raised (the caller shuts
    down an executor it owns, which waits for the pieces already running). A
    piece that fails raises its error here.
    """
    queue = deque(range(len(pieces)))
    futures: dict[Future[R], int] = {}
    results: dict[int, R] = {}
    following = 0
    limit = ahead if ahead > 0 else len(pieces)
    try:
        while following < len(pieces):
            if cancelled is not None and cancelled():
                raise Cancelled(f"cancelled with {len(queue) + len(futures)} of {len(pieces)} "
                                "pieces left")
            while executor is not None and queue and len(futures) < limit:
                i = queue.popleft()
                futures[executor.submit(fn, *pieces[i])] = i
            working_here = local and bool(queue)
            if working_here:
                i = queue.pop()
                results[i] = fn(*pieces[i])
                if done is not None:
                    done(i)
            if futures:
                finished, _ = wait(list(futures), timeout=0 if working_here else _POLL_S,
                                   return_when=FIRST_COMPLETED)
                for future in finished:
                    i = futures.pop(future)
                    results[i] = _result_of(future)
                    if done is not None:
                        done(i)
            while following in results:
                yield results.pop(following)
                following += 1
    finally:
        for future in futures:
            future.cancel()


def _result_of(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenExecutor:
        raise WorkerFailed("a worker process stopped unexpectedly (killed, or out of memory); "
                           "nothing was lost, run the sweep again") from None
    except Exception as error:
        if type(error).__name__ in _DASK_LOST:
            raise WorkerFailed(f"a Dask worker was lost ({type(error).__name__}: {error}); "
                               "run the sweep again") from None
        raise
