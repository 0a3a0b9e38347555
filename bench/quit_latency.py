"""How long the DigitPad process lives after its window closes (nc3 fault 12: 2.7-10 s).

Starts the real app (python -m app) on the display in $DISPLAY (an Xvfb with a window
manager), waits until the model has loaded (the log says so), optionally starts a
training in the Train dialog (Ctrl+T, Start), then closes the window as a user does
(xdotool: Ctrl+Q, answering Yes to the stop question) and prints the time from the key
press to the window disappearing and to the process exit. Prints figures; asserts nothing.

    DISPLAY=:14 python bench/quit_latency.py [--training] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MNIST = Path("/work/shared/data/mnist")


def xdo(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True).stdout.strip()


def wait_for(predicate, timeout: float, step: float = 0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def window_of(pid: int, title: str = "DigitPad") -> str:
    """The process's visible window whose title starts with `title` ("" if none)."""
    for wid in xdo("search", "--onlyvisible", "--pid", str(pid), "--name", title).split():
        if xdo("getwindowname", wid).startswith(title):
            return wid
    return ""


def one_run(training: bool, repo: Path) -> tuple[float, float]:
    data = Path(tempfile.mkdtemp(prefix="quitbench-"))
    env = {**os.environ, "DIGITPAD_DATA_DIR": str(data), "PYTHONPATH": str(repo), "DIGITPAD_MNIST": str(MNIST)}
    proc = subprocess.Popen([sys.executable, "-m", "app"], env=env, cwd=repo)
    log = data / "logs" / "digitpad.log"
    win = wait_for(lambda: window_of(proc.pid), 60)
    wait_for(lambda: log.is_file() and "model ready" in log.read_text(), 60)
    time.sleep(1.0)
    if training:
        xdo("windowactivate", "--sync", win)
        xdo("key", "ctrl+t")
        dialog = wait_for(lambda: window_of(proc.pid, "Train Model"), 30)
        xdo("windowactivate", "--sync", dialog)
        time.sleep(1.0)
        geometry = dict(line.split("=") for line in xdo("getwindowgeometry", "--shell", dialog).split())
        x, y, h = int(geometry["X"]), int(geometry["Y"]), int(geometry["HEIGHT"])
        xdo("mousemove", str(x + 49), str(y + h - 43), "click", "1")  # Start, bottom left
        if not wait_for(lambda: "digitpad-training: started" in log.read_text(), 30):
            print("the training did not start")
        time.sleep(3.0)
    xdo("windowactivate", "--sync", win)
    start = time.monotonic()
    xdo("key", "ctrl+q")
    if training:  # "Stop the training and close?" -> Yes
        time.sleep(1.5)
        start = time.monotonic()
        xdo("key", "alt+y")
    gone = wait_for(lambda: not window_of(proc.pid), 30)
    closed = time.monotonic() - start if gone else float("nan")
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
    exited = time.monotonic() - start
    return closed, exited


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--training", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to run (to compare with another)")
    args = parser.parse_args()
    for i in range(args.runs):
        closed, exited = one_run(args.training, args.repo)
        print(f"run {i + 1}: window gone {closed:.2f} s, process exited {exited:.2f} s after the close")


if __name__ == "__main__":
    main()
