"""Decompression bombs and special files are refused before decoding, in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.pictures.images import image_to_mnist
from tests.model.hostile_images import make_hostile_images

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    return folder, make_hostile_images(folder)


def test_huge_images_are_refused_from_their_header(hostile):
    folder, cases = hostile
    for name, needle in cases.items():
        assert (folder / name).stat().st_size < 1 << 20  # tiny on disk
        with pytest.raises(ValueError) as err:
            image_to_mnist(folder / name)
        message = str(err.value)
        assert message.startswith(needle) and "\n" not in message, message


PROBE = r"""
import json, resource, sys
from pathlib import Path
from model.predictor import Predictor
p = Predictor.load()
p.predict_image(sys.argv[2])  # warm: a normal image first
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = [p.predict_many_images([str(Path(sys.argv[1]) / n)])[0] for n in json.loads(sys.argv[3])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"errors": [isinstance(r, ValueError) for r in results], "grown_kb": peak - start}))
"""


def test_refusing_them_needs_bounded_memory(hostile):
    folder, cases = hostile
    sample = REPO / "assets" / "samples" / "images" / "7-pen.png"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), str(sample), json.dumps(sorted(cases))],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    print(f"peak memory growth over {len(cases)} hostile images: {figures['grown_kb'] / 1024:.0f} MB")
    assert all(figures["errors"]) and figures["grown_kb"] < 1 << 20


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_or_a_device_named_like_an_image_does_not_hang_predict(tmp_path):
    fifo = tmp_path / "x.png"
    os.mkfifo(fifo)
    res = subprocess.run(
        [sys.executable, "-m", "app", "predict", str(fifo), "/dev/null", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert res.returncode == 0, res.stderr
    out = [json.loads(line)["error"] for line in res.stdout.splitlines()]
    assert out == [
        "x.png is not a regular file (a FIFO, a device or a socket), not an image",
        "null is not a regular file (a FIFO, a device or a socket), not an image",
        f"{tmp_path} is a folder, not an image",
    ]
