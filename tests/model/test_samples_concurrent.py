"""The kept-drawings store used from two threads at once (the app deletes, imports and exports
in the background while the main window keeps drawings), and its counts kept up to date
without reading the file again (keeping a drawing read all 20,000 to count them: 3.5 s)."""

from __future__ import annotations

import threading

import pytest

from model.pen import line_file
from model.pen.samples import SampleStore

LINE = [[[10.0, 10.0], [10.0, 60.0]]]


def _lines(store: SampleStore) -> list[bytes]:
    return [line for line in store.path.read_bytes().split(b"\n") if line.strip()]


@pytest.fixture
def store(tmp_path) -> SampleStore:
    store = SampleStore(tmp_path / "handwriting.jsonl")
    for label in (1, 2, 2, 3):
        store.add(LINE, label)
    return store


def test_counts_are_known_from_the_stores_own_writes_without_reading(store, monkeypatch):
    reads = []
    real = line_file.LineFile.read
    monkeypatch.setattr(line_file.LineFile, "read", lambda self: reads.append(1) or real(self))
    assert store.known_counts() == [0, 1, 2, 1, 0, 0, 0, 0, 0, 0]
    store.add(LINE, 9)
    assert store.counts() == [0, 1, 2, 1, 0, 0, 0, 0, 0, 1] and reads == []
    store.delete([store.load()[0].id])  # reads once to know what to keep
    assert reads == [1, 1]
    assert store.known_counts() == [0, 0, 2, 1, 0, 0, 0, 0, 0, 1] and reads == [1, 1]
    store.clear()
    assert store.known_counts() == [0] * 10


def test_a_write_by_another_process_makes_the_counts_unknown_until_read(store):
    assert store.known_counts() is not None
    SampleStore(store.path).add(LINE, 7)  # another process: `digitpad samples import`
    assert store.known_counts() is None
    assert store.counts() == [0, 1, 2, 1, 0, 0, 0, 1, 0, 0]
    assert store.known_counts() == [0, 1, 2, 1, 0, 0, 0, 1, 0, 0]
    store.add(LINE, 7)
    assert store.known_counts() == [0, 1, 2, 1, 0, 0, 0, 2, 0, 0]


def test_no_file_counts_as_nothing_kept(tmp_path):
    store = SampleStore(tmp_path / "none.jsonl")
    assert store.known_counts() == [0] * 10
    store.add(LINE, 4)
    assert store.known_counts() == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("half_line", [False, True])
def test_a_drawing_kept_while_a_delete_is_under_way_is_not_lost(store, monkeypatch, half_line):
    """The delete has read the file when another thread appends: the rewrite keeps the new
    line, byte for byte, after the others (and a half-written last line stays alone)."""
    if half_line:
        with store.path.open("ab") as fh:
            fh.write(b'{"strokes": [[[0, 0')  # the app was killed while writing
    before = _lines(store)
    gone = store.load()[1]
    real = line_file.LineFile.read
    kept = []

    def read_then_keep(self):
        result = real(self)
        if not kept:
            kept.append(SampleStore(store.path).add(LINE, 8))  # appended while the rewrite is made
        return result

    monkeypatch.setattr(line_file.LineFile, "read", read_then_keep)
    assert store.delete([gone.id]) == 1
    monkeypatch.setattr(line_file.LineFile, "read", real)
    after = _lines(store)
    assert after[:-1] == [line for line in before if gone.id.encode() not in line]
    assert kept[0].id.encode() in after[-1]
    assert [s.label for s in store.load()] == [1, 2, 3, 8]
    assert store.counts() == [0, 1, 1, 1, 0, 0, 0, 0, 1, 0]
    assert len(store.unreadable()) == int(half_line)
    assert not list(store.path.parent.glob(".*.tmp"))


def test_drawings_kept_by_one_thread_while_another_deletes_and_imports_are_all_there(store, tmp_path):
    """Real threads, no hooks: every drawing appended survives the rewrites of the other."""
    src = tmp_path / "other.jsonl"
    SampleStore(src).add([[[0.0, 0.0], [40.0, 0.0], [10.0, 60.0]]], 7)
    added: list[str] = []
    done = threading.Event()

    def keep() -> None:
        for i in range(40):
            added.append(store.add([[[float(i), 0.0], [float(i), 50.0]]], i % 7).id)  # never a 7
        done.set()

    thread = threading.Thread(target=keep)
    thread.start()
    first = [s.id for s in store.load()[:4]]
    while not done.is_set():
        store.delete(first)
        store.import_file(src)
        store.delete([s.id for s in store.load() if s.label == 7])
    thread.join()
    ids = {s.id for s in store.load()}
    assert set(added) <= ids and not set(first) & ids
    assert store.counts() == [sum(1 for s in store.load() if s.label == d) for d in range(10)]


def test_an_import_that_fails_while_writing_leaves_the_store_as_it_was(store, tmp_path, monkeypatch):
    """All or nothing: a full disk (or the app quitting) half-way through an import of many
    drawings leaves no part of them and no half line in the store."""
    import errno
    import os

    src = tmp_path / "many.jsonl"
    other = SampleStore(src)
    for i in range(50):
        other.add([[[float(i), 0.0], [float(i), 50.0]]], i % 10)
    before = store.path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        store.import_file(src)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".*.tmp"))
    assert store.import_file(src).added == 50 and len(store.load()) == 54
    assert store.known_counts() == [5, 6, 7, 6, 5, 5, 5, 5, 5, 5]


def test_a_drawing_kept_without_waiting_for_the_disk_is_there_at_once(store, monkeypatch):
    """sync=False (the app's keep: an fsync took up to 0.6 s on a busy disk) leaves the fsync
    to a background thread; the line is in the file, whole, when add returns."""
    import os

    synced = threading.Event()
    real_fsync = os.fsync

    def fsync(fd):
        assert threading.current_thread().name == "digitpad-fsync"
        real_fsync(fd)
        synced.set()

    monkeypatch.setattr(os, "fsync", fsync)
    sample = store.add(LINE, 5, sync=False)
    assert _lines(store)[-1].startswith(b'{"strokes"') and sample.id.encode() in _lines(store)[-1]
    assert store.known_counts() == [0, 1, 2, 1, 0, 1, 0, 0, 0, 0]
    assert synced.wait(10)
