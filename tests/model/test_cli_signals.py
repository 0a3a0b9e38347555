"""Every command, stopped by a real signal, exits 128 + its number (SIGINT 130, SIGTERM 143,
SIGHUP 129) with one line, and loses nothing finished (train: tests/model/test_train_interrupts.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.pen.samples import SampleStore
from tests.model.test_adapt_cli import _ink, _write

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals, /proc")
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
REPO = Path(__file__).resolve().parents[2]
INK = (REPO / "assets" / "samples" / "inks.jsonl").read_text(encoding="utf-8").splitlines()[0]


def start(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_it_handles(proc: subprocess.Popen, sig: int) -> None:
    """Until the command has its own handler for sig (/proc/PID/status SigCgt): from then
    on the signal is the command's to handle, not Python's start-up default."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        with open(f"/proc/{proc.pid}/status") as fh:
            caught = int(next(line for line in fh if line.startswith("SigCgt:")).split()[1], 16)
        if caught & (1 << (sig - 1)) and caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.05)
    raise AssertionError("the command never installed its signal handlers")


def stop(proc: subprocess.Popen, sig: int) -> str:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=300)  # adapt stops at its next step, after preparing its data
    assert proc.returncode == 128 + sig, (sig, err)
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("sig", SIGNALS)
def test_predict_waiting_for_inks(sig):
    proc = start("predict", "--ink", "-", "--batch-size", 1)
    proc.stdin.write(INK + "\n")
    proc.stdin.flush()
    assert "digit" in json.loads(proc.stdout.readline())  # it runs: model loaded, first ink answered
    wait_until_it_handles(proc, sig)
    err = stop(proc, sig)
    assert err.strip() == f"digitpad predict: interrupted ({signal.Signals(sig).name})"


@pytest.mark.parametrize("sig", SIGNALS)
def test_evaluate_and_samples_import_reading_a_pipe(sig):
    for args in (["evaluate", "--ink", "-"], ["samples", "import", "/dev/stdin"]):
        proc = start(*args)
        proc.stdin.write(json.dumps({**json.loads(INK), "label": 0}) + "\n")
        proc.stdin.flush()
        wait_until_it_handles(proc, sig)
        err = stop(proc, sig)
        assert err.strip() == f"digitpad {args[0]}: interrupted ({signal.Signals(sig).name})"
    assert SampleStore().load() == []  # nothing half-imported


@pytest.mark.parametrize("sig", SIGNALS)
def test_adapt_stops_saves_nothing_unfinished_and_keeps_the_folder_clean(tmp_path, sig):
    inks = tmp_path / "mine.jsonl"
    _write(inks, [{"strokes": _ink(d, k), "label": d} for d in (0, 1, 7) for k in range(2)])
    out = tmp_path / "adapted.pt"
    proc = start("adapt", "--ink", inks, "--out", out, "--steps", 100000, "--folds", 0, "--threads", 1)
    assert proc.stderr.readline().startswith("adapting ")
    wait_until_it_handles(proc, sig)
    err = stop(proc, sig)
    assert f"stopped ({signal.Signals(sig).name}); nothing saved" in err
    assert sorted(os.listdir(tmp_path)) == ["mine.jsonl"]
