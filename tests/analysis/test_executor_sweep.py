"""Sweeps on 1, 2 and 4 worker processes and on a Dask cluster give the same answer; cancel stops them."""

from __future__ import annotations

import multiprocessing
import os
import random
import threading
import time

import pytest
from test_diversity_reference import random_network
from test_regional import random_geo_network

from stamnett_gui.analysis.executors import SchedulerUnavailable, chunked, connect_scheduler
from stamnett_gui.analysis.progress import Cancelled
from stamnett_gui.analysis.regional import regional_failures
from stamnett_gui.analysis.survival import survival_radius
from stamnett_gui.analysis.sweep import run_sweep


@pytest.fixture(scope="module")
def network():
    return random_network(random.Random(5), 60, 150, 8, 3)


def test_pieces_are_consecutive_and_cover_everything():
    pieces = chunked(list(range(100)), 2, smallest=3)
    assert [x for p in pieces for x in p] == list(range(100))
    assert len(pieces) == 20  # about twelve per worker, none smaller than three elements


@pytest.mark.parametrize(("order", "of"), [(1, "links"), (1, "groups"), (2, "sites")])
def test_results_do_not_depend_on_the_number_of_workers(network, order, of):
    serial = run_sweep(network, order=order, of=of, target=2)
    for workers in (2, 4):
        assert run_sweep(network, order=order, of=of, target=2, workers=workers) == serial


def test_regional_and_survival_on_workers_equal_serial():
    net = random_geo_network(random.Random(8), 8)
    assert regional_failures(net, 4, target=2, workers=2) == regional_failures(net, 4, target=2)
    assert survival_radius(net, target=2, workers=2) == survival_radius(net, target=2)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone in all but name
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return True


def test_cancel_stops_every_worker_process_and_thread():
    net = random_network(random.Random(9), 400, 1000, 10, 4)
    threads_before = set(threading.enumerate())
    seen: set[int] = set()

    def progress(done: int, total: int) -> None:
        seen.update(p.pid for p in multiprocessing.active_children() if p.pid)

    with pytest.raises(Cancelled):
        run_sweep(net, order=1, workers=2, progress=progress, cancelled=lambda: bool(seen))
    assert seen, "the pool never started"
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in seen if _alive(pid)]
    assert not multiprocessing.active_children()
    assert set(threading.enumerate()) <= threads_before


def test_a_scheduler_that_does_not_answer_is_an_error_not_local_work():
    pytest.importorskip("distributed")
    start = time.monotonic()
    with pytest.raises(SchedulerUnavailable, match=r"tcp://127\.0\.0\.1:9"):
        connect_scheduler("tcp://127.0.0.1:9", timeout=2)
    assert time.monotonic() - start < 10


def test_a_dask_cluster_of_worker_processes_gives_the_same_results(network):
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            pids = set(client.run(os.getpid).values())
            assert len(pids) == 2 and os.getpid() not in pids  # separate processes
            executor = client.get_executor()
            assert run_sweep(network, order=2, of="links", target=2, executor=executor) == \
                run_sweep(network, order=2, of="links", target=2)
            net = random_geo_network(random.Random(8), 8)
            assert regional_failures(net, 4, target=2, executor=executor) == \
                regional_failures(net, 4, target=2)
    finally:
        cluster.close()
