"""The runner delivers the newest result only, off the GUI thread."""

from __future__ import annotations

import threading
import time

from stamnett_gui.ui.runner import AnalysisRunner


def test_a_burst_of_jobs_ends_with_the_last_result_only(qtbot):
    runner = AnalysisRunner()
    delivered: list[tuple[object, object]] = []
    runner.finished.connect(lambda tag, result: delivered.append((tag, result)))
    gate = threading.Event()

    def slow(value: int) -> int:
        gate.wait(5)
        return value * 10

    for i in range(20):
        runner.submit(i, slow, i)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    qtbot.wait(50)  # any stale delivery would have arrived by now
    assert delivered == [(19, 190)]
    runner.shutdown()


def test_jobs_run_on_a_worker_thread(qtbot):
    runner = AnalysisRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.submit("t", threading.get_ident)
    assert blocker.args[1] != threading.get_ident()
    runner.shutdown()


def test_a_failing_job_reports_one_line_and_the_runner_keeps_working(qtbot):
    runner = AnalysisRunner()

    def broken() -> None:
        raise ValueError("no core site is up")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit("a", broken)
    assert blocker.args == ["a", "no core site is up"]
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.submit("b", time.monotonic)
    assert blocker.args[0] == "b"
    runner.shutdown()


def test_synchronous_mode_delivers_before_submit_returns(qtbot):
    runner = AnalysisRunner(synchronous=True)
    got = []
    runner.finished.connect(lambda tag, result: got.append(result))
    runner.submit("x", lambda: 42)
    assert got == [42]
    assert not runner.busy


def test_a_background_job_reports_progress_cancel_and_errors_then_runs_again(qtbot):
    import threading

    from stamnett_gui.analysis.progress import Cancelled
    from stamnett_gui.ui.background_job import BackgroundJob

    job = BackgroundJob("test-job")
    seen = []
    job.progressed.connect(lambda done, total: seen.append((done, total)))

    def count(progress, cancelled):
        for i in range(3):
            progress(i + 1, 3)
        return "done"

    with qtbot.waitSignal(job.finished) as finished:
        job.start("a", count)
    assert finished.args == ["a", "done", ""] and seen == [(1, 3), (2, 3), (3, 3)]

    release = threading.Event()

    def stoppable(progress, cancelled):
        release.wait(5)
        if cancelled():
            raise Cancelled
        return "not cancelled"

    with qtbot.waitSignal(job.finished) as finished:
        job.start("b", stoppable)
        job.cancel()
        release.set()
    assert finished.args == ["b", None, ""]

    def broken(progress, cancelled):
        raise RuntimeError("no core site is up\nand more")

    with qtbot.waitSignal(job.finished) as finished:
        job.start("c", broken)
    assert finished.args == ["c", None, "no core site is up"]
    job.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("test-job")]
