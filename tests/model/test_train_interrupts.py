"""`digitpad train` never loses finished work: stops, kills, more epochs, a full disk.

Real subprocesses of `python -m app train` on the committed MNIST sample, stopped by
SIGINT/SIGTERM/SIGHUP and killed with SIGKILL at seeded random moments.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from model.checkpoints.checkpoint import load_model, read_checkpoint, save_checkpoint
from tests.model.hostile_files import good_checkpoint

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
# --force: these tests train into an existing model on purpose, to show an unfinished run never replaces it
FAST = ["--arch", "mlp", "--limit", "200", "--batch-size", "20", "--threads", "1", "--no-augment", "--force"]


# A process under a file size limit must not write bytecode: Python would leave a truncated
# .pyc behind (its atomic write does not notice a short write) and the next run would fail.
def no_bytecode_env() -> dict[str, str]:
    """This test's environment (its own data folder), without bytecode writing."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def train_cmd(mnist_mini, *args):
    return [sys.executable, "-m", "app", "train", "--data", str(mnist_mini), *FAST, *map(str, args)]


def run(mnist_mini, *args):
    return subprocess.run(train_cmd(mnist_mini, *args), capture_output=True, text=True, timeout=300)


def start(mnist_mini, *args):
    proc = subprocess.Popen(train_cmd(mnist_mini, *args), stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline().startswith("training mlp")
    return proc


def previous_model(folder: Path) -> tuple[Path, bytes]:
    path = save_checkpoint(good_checkpoint(), folder / "model.pt")
    return path, path.read_bytes()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_keeps_the_finished_model_and_saves_beside_it(tmp_path, mnist_mini, sig):
    out, before = previous_model(tmp_path)
    proc = start(mnist_mini, "--epochs", "200", "--out", out)
    assert proc.stderr.readline().startswith("epoch 1/200:")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    partial = tmp_path / "model.partial.pt"
    assert proc.returncode == 128 + sig, err  # 130, 143, 129: as a shell reports the signal
    assert "Traceback" not in err and f"resumable state saved to {partial} ({out} is unchanged)" in err
    assert out.read_bytes() == before
    state = read_checkpoint(partial)["train"]
    assert state["epoch"] >= 1 and not state["finished"]
    assert sorted(os.listdir(tmp_path)) == ["model.partial.pt", "model.pt"]

    done = run(mnist_mini, "--resume", partial, "--epochs", state["epoch"] + 1)
    assert done.returncode == 0, done.stderr
    assert read_checkpoint(out)["train"]["epoch"] == state["epoch"] + 1
    assert sorted(os.listdir(tmp_path)) == ["model.pt"]


def test_resume_a_finished_model_for_more_epochs(tmp_path, mnist_mini):
    out = tmp_path / "m.pt"
    for schedule in ("onecycle", "cosine"):
        first = run(mnist_mini, "--epochs", 1, "--schedule", schedule, "--out", out)
        assert first.returncode == 0, first.stderr
        before = out.read_bytes()
        unforced = [a for a in train_cmd(mnist_mini, "--resume", out, "--epochs", 3) if a != "--force"]
        refused = subprocess.run(unforced, capture_output=True, text=True, timeout=300)  # would replace it
        assert refused.returncode == 2 and "--force" in refused.stderr and out.read_bytes() == before
        longer = tmp_path / "longer.pt"
        more = run(mnist_mini, "--resume", out, "--epochs", 3, "--out", longer)
        assert more.returncode == 0, more.stderr
        state = read_checkpoint(longer)["train"]
        assert state["finished"] and state["epoch"] == 3 and len(state["history"]) == 3
        assert out.read_bytes() == before
        assert run(mnist_mini, "--resume", out, "--epochs", 3).returncode == 0  # FAST holds --force
        assert read_checkpoint(out)["train"]["epoch"] == 3
        assert sorted(os.listdir(tmp_path)) == ["longer.pt", "m.pt"]
        longer.unlink()
    fewer = run(mnist_mini, "--resume", out, "--epochs", 2)
    assert fewer.returncode == 2 and "already trained 3 epochs; give --epochs 4 or more" in fewer.stderr


@pytest.mark.slow
@pytest.mark.parametrize("more", [[], ["--epochs", 2], ["--out", "copy.pt"]])
def test_resuming_a_finished_model_says_it_is_finished_and_touches_nothing(tmp_path, mnist_mini, more):
    out = tmp_path / "m.pt"
    assert run(mnist_mini, "--epochs", 2, "--out", out).returncode == 0
    before, stamp = out.read_bytes(), out.stat().st_mtime_ns
    more = [tmp_path / a if a == "copy.pt" else a for a in more]
    res = run(mnist_mini, "--resume", out, *more)
    assert res.returncode == 2 and res.stderr.strip() == (
        f"digitpad train: error: {out} is already finished (2 epochs); nothing to resume. "
        f"To train it further, give more epochs and a new file: digitpad train --resume {out} --epochs 3 --out NEW.pt"
    )
    assert out.read_bytes() == before and out.stat().st_mtime_ns == stamp
    assert sorted(os.listdir(tmp_path)) == ["m.pt"]


def test_ten_kills_at_random_moments_lose_at_most_one_epoch(tmp_path, mnist_mini):
    rng = random.Random(10)
    out, before = previous_model(tmp_path)
    partial = tmp_path / "model.partial.pt"
    epochs = 400
    for _kill in range(10):
        resume = ["--resume", partial] if partial.exists() else []
        proc = start(mnist_mini, "--epochs", epochs, "--out", out, *resume)
        done_before = read_checkpoint(partial)["train"]["epoch"] if resume else 0
        seen = 0
        for _ in range(rng.randint(0, 3)):
            line = proc.stderr.readline()
            assert line.startswith("epoch "), line
            seen += 1
        time.sleep(rng.uniform(0, 1.5))  # a random moment: mid-batch, mid-evaluation or mid-save
        sig = rng.choice([signal.SIGKILL, signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + sig), (sig, err)
        assert out.read_bytes() == before  # the finished model is never touched
        load_model(out)
        if partial.exists():  # every printed epoch is saved: at most the running one is lost
            assert read_checkpoint(partial)["train"]["epoch"] >= done_before + seen
            load_model(partial)
        else:
            assert seen == 0
        strays = set(os.listdir(tmp_path)) - {"model.pt", "model.partial.pt"}
        if sig == signal.SIGKILL:  # no time to clean up: at most a temporary file is left
            assert all(name.endswith(".tmp") for name in strays), strays
        else:
            assert not strays, strays
    state = read_checkpoint(partial)["train"]
    finish = run(mnist_mini, "--resume", partial, "--epochs", state["epoch"] + 1)
    assert finish.returncode == 0, finish.stderr
    assert sorted(os.listdir(tmp_path)) == ["model.pt"]  # no partial, no temporary files


def test_a_new_training_never_overwrites_an_unfinished_one(tmp_path, mnist_mini):
    out, before = previous_model(tmp_path)
    partial = save_checkpoint(good_checkpoint(), tmp_path / "model.partial.pt")
    kept = partial.read_bytes()
    res = run(mnist_mini, "--epochs", 1, "--out", out)
    assert res.returncode == 2 and res.stderr.strip() == (
        f"digitpad train: error: {partial} holds an unfinished training for model.pt: continue it with "
        f"digitpad train --resume {partial}, or delete it (or choose another --out) to start over"
    )
    assert partial.read_bytes() == kept and out.read_bytes() == before


def test_a_write_refused_by_the_file_system_is_one_line(tmp_path, mnist_mini):
    """A real failing write (file size limit: EFBIG), which torch.save reports as 'unexpected pos'."""
    import resource

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    out, before = previous_model(tmp_path)
    res = subprocess.run(
        train_cmd(mnist_mini, "--epochs", 2, "--out", out),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_file_size,
        env=no_bytecode_env(),
    )
    err = res.stderr.strip().splitlines()
    assert res.returncode == 2 and err[-1] == (
        f"digitpad train: error: cannot save {tmp_path / 'model.partial.pt'}: file too large; "
        f"training stopped; {out} is unchanged"
    ), res.stderr
    assert out.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["model.pt"]


def _disk_full_after(monkeypatch, fragment: str):
    """torch.save fails with ENOSPC, half-way, when writing a file whose name holds fragment."""
    real = torch.save

    def save(obj, fh, *a, **kw):
        if fragment in os.path.basename(os.readlink(f"/proc/self/fd/{fh.fileno()}")):
            fh.write(b"half a file")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(obj, fh, *a, **kw)

    monkeypatch.setattr(torch, "save", save)


def _main(*args):
    from cli.main import main

    return main(["train", *map(str, args)])


def test_disk_full_at_an_epoch_end_is_one_line_and_loses_nothing(tmp_path, mnist_mini, monkeypatch, capsys):
    out, before = previous_model(tmp_path)
    _disk_full_after(monkeypatch, ".model.partial.pt.")
    code = _main("--data", mnist_mini, *FAST, "--epochs", 3, "--out", out)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1] == (
        f"digitpad train: error: cannot save {tmp_path / 'model.partial.pt'}: no space left on device; "
        f"training stopped; {out} is unchanged"
    )
    assert out.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["model.pt"]


def test_disk_full_at_the_final_save_keeps_the_finished_run(tmp_path, mnist_mini, monkeypatch, capsys):
    out, before = previous_model(tmp_path)
    partial = tmp_path / "model.partial.pt"
    _disk_full_after(monkeypatch, ".model.pt.")
    code = _main("--data", mnist_mini, *FAST, "--epochs", 2, "--out", out)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err[-1] == (
        f"digitpad train: error: cannot save {out}: no space left on device; "
        f"the finished training is kept in {partial}: free some space, then run "
        f"digitpad train --resume {partial}"
    )
    assert out.read_bytes() == before and read_checkpoint(partial)["train"]["finished"]
    monkeypatch.undo()  # space freed
    assert _main("--resume", partial) == 0
    assert read_checkpoint(out)["train"]["epoch"] == 2 and sorted(os.listdir(tmp_path)) == ["model.pt"]
    assert "test_accuracy" in read_checkpoint(out)["metrics"]


def test_a_stop_during_the_final_save_does_not_lose_the_run(tmp_path, mnist_mini, monkeypatch):
    import model.checkpoints.checkpoint as checkpoint

    out = tmp_path / "model.pt"
    real = checkpoint.save_checkpoint

    def save_while_ctrl_c(ckpt, path, **kw):
        if Path(path) == out:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C while the model is being written
            os.kill(os.getpid(), signal.SIGTERM)
        return real(ckpt, path, **kw)

    monkeypatch.setattr(checkpoint, "save_checkpoint", save_while_ctrl_c)
    assert _main("--data", mnist_mini, *FAST, "--epochs", 1, "--out", out) == 0
    assert read_checkpoint(out)["train"]["finished"] and sorted(os.listdir(tmp_path)) == ["model.pt"]
