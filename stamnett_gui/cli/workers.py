"""``--workers N`` and ``--scheduler tcp://HOST:PORT``: where a sweep's pieces run."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from stamnett_gui.cli.common import BadInput


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--workers`` and ``--scheduler``."""
    group = parser.add_argument_group("where the work runs")
    group.add_argument("--workers", metavar="N",
                       help="worker processes on this computer (default: one per core)")
    group.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="run on the Dask cluster of this scheduler instead (needs "
                            "'pip install stamnett-gui[cluster]'); never falls back to local work")


@contextmanager
def executor_from(args: argparse.Namespace) -> Iterator[tuple[Executor | None, int | None]]:
    """``(executor, workers)`` for the analysis functions; :class:`BadInput` for bad values.

    A Dask client is closed on exit; a local pool is the analysis' own.
    """
    from stamnett_gui.analysis.executors import SchedulerUnavailable, connect_scheduler

    workers: int | None = None
    if args.workers is not None:
        text = str(args.workers).strip()
        if not text.isdigit() or int(text) < 1:
            raise BadInput(f"--workers must be a whole number of at least 1, not {args.workers!r}")
        workers = int(text)
    if args.scheduler is None:
        yield None, workers
        return
    if args.workers is not None:
        raise BadInput("give --workers or --scheduler, not both (the cluster has its own workers)")
    try:
        client, executor = connect_scheduler(args.scheduler)
    except SchedulerUnavailable as error:
        raise BadInput(str(error)) from error
    try:
        yield executor, None
    finally:
        client.close()
