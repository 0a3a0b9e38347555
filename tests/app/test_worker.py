"""app.worker.Worker: the order of its signals, cancel, failure, and that nothing blocks."""

from __future__ import annotations

import threading

from app.worker import Worker


def _record(worker: Worker) -> list:
    events: list = []
    worker.progress.connect(lambda p: events.append(("progress", p)))
    worker.finished.connect(lambda r: events.append(("finished", r)))
    worker.failed.connect(lambda k, m: events.append(("failed", k, m)))
    worker.stopped.connect(lambda: events.append(("stopped",)))
    return events


def test_progress_then_finished_then_stopped(qtbot):
    def job(report, cancel):
        for i in range(3):
            report(i, last=(i == 2))
        return "done"

    worker = Worker(job)
    events = _record(worker)
    with qtbot.waitSignal(worker.stopped, timeout=5000):
        worker.start()
    assert events[-2:] == [("finished", "done"), ("stopped",)]
    assert ("progress", 2) in events  # the last report always arrives
    assert not worker.is_running()


def test_failure_is_a_message_then_stopped(qtbot):
    def job(report, cancel):
        raise MemoryError()

    worker = Worker(job)
    events = _record(worker)
    with qtbot.waitSignal(worker.stopped, timeout=5000):
        worker.start()
    assert events[0][:2] == ("failed", "memory")
    assert events[-1] == ("stopped",)


def test_cancel_returns_at_once_and_the_job_sees_it(qtbot):
    release = threading.Event()

    def job(report, cancel):
        release.set()
        cancel.wait(10)
        return cancel.is_set()

    worker = Worker(job)
    events = _record(worker)
    worker.start()
    assert release.wait(5)
    assert worker.is_running()
    with qtbot.waitSignal(worker.stopped, timeout=5000):
        worker.cancel()
    assert ("finished", True) in events


def test_stop_all_cancels_the_running_jobs_and_waits_for_them(qtbot):
    """At the end of the process (app.main.run_app): no job may still be inside PyTorch while
    Python shuts down, so every running one is cancelled and given time to return."""
    from app.worker import stop_all

    saw_cancel = []

    def job(report, cancel):
        while not cancel.wait(0.01):
            pass
        saw_cancel.append(True)
        return "done"

    workers = [Worker(job, f"digitpad-test-{i}") for i in range(2)]
    for w in workers:
        w.start()
    threads = [w._thread for w in workers]
    assert all(t.is_alive() for t in threads)
    assert stop_all(5.0)
    assert saw_cancel == [True, True] and not any(t.is_alive() for t in threads)
    assert stop_all(0.0)  # nothing left: returns at once
    for w in workers:
        qtbot.waitUntil(lambda w=w: not w.is_running(), timeout=3000)  # their stopped still arrives
