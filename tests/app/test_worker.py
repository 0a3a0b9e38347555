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
