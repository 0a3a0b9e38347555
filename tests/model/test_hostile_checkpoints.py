"""Hostile and damaged checkpoints are refused in one line, naming the file, with bounded memory."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from model.checkpoints.checkpoint import CheckpointError, load_model
from tests.model.hostile_files import make_hostile

MEMORY_LIMIT_KB = 1 << 20  # 1 GB above the process's own start (ru_maxrss is in kB on Linux)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make_hostile(folder)


def test_every_hostile_checkpoint_is_refused_in_one_line_naming_the_file(hostile):
    folder, cases = hostile
    assert len(cases) >= 26
    wrong = []
    for name, pattern in cases.items():
        try:
            load_model(folder / name)
            message = "loaded"
        except CheckpointError as err:
            message = str(err)
        ok = (
            re.match(pattern, message)
            and message.startswith(name)
            and "\n" not in message
            and len(message) < 240
            and "weights_only" not in message
            and "(101)" not in message
            and "enhancement request" not in message  # PyTorch's own words are not the user's
            and "hasRecord" not in message
        )
        if not ok:
            wrong.append((name, message))
    assert not wrong


PROBE = r"""
import json, resource, sys
from pathlib import Path
from model.checkpoints.checkpoint import CheckpointError, load_model
load_model(sys.argv[2])  # a good checkpoint first: torch and the loader are warm
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
refused = []
for name in json.loads(sys.argv[3]):
    try:
        load_model(Path(sys.argv[1]) / name)
    except CheckpointError:
        refused.append(name)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"refused": refused, "start_kb": start, "peak_kb": peak}))
"""


def test_refusing_them_needs_bounded_memory(hostile, tmp_path):
    from model.checkpoints.checkpoint import save_checkpoint
    from tests.model.hostile_files import good_checkpoint

    folder, cases = hostile
    good = save_checkpoint(good_checkpoint(), tmp_path / "good.pt")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), str(good), json.dumps(sorted(cases))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert sorted(figures["refused"]) == sorted(cases)
    grown = figures["peak_kb"] - figures["start_kb"]
    print(f"peak memory growth over {len(cases)} hostile checkpoints: {grown / 1024:.0f} MB")
    assert grown < MEMORY_LIMIT_KB
