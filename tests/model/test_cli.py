"""`digitpad train` and `digitpad evaluate` through the real entry point."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys

import pytest

from model.checkpoints.checkpoint import read_checkpoint
from model.training.train_config import TrainConfig


def digitpad(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=kw.pop("timeout", 300),
        env={**os.environ, **kw.pop("env", {})},
        **kw,
    )


def assert_one_line_error(result, *needles):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    err = result.stderr.strip().splitlines()
    if err[0].startswith("usage:"):  # argparse: its usage lines, then one "digitpad [command]: error: ..." line
        assert re.match(r"digitpad( \w+)?: error: ", err[-1]), result.stderr
        assert sum(": error: " in line for line in err) == 1, result.stderr
    else:
        assert len(err) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_train_then_evaluate(tmp_path, mnist_mini):
    out = tmp_path / "cnn.pt"
    result = digitpad(
        "train", "--arch", "cnn", "--data", mnist_mini, "--epochs", "2", "--batch-size", "32", "--out", out
    )
    assert result.returncode == 0, result.stderr
    assert "epoch 2/2" in result.stderr and "test accuracy" in result.stderr
    ckpt = read_checkpoint(out)
    assert ckpt["arch"] == "cnn" and ckpt["train"]["finished"]

    report = digitpad("evaluate", "--model", out, "--data", mnist_mini, "--json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert {"accuracy", "loss", "confusion", "per_class", "misclassified"} <= set(data)
    assert sum(map(sum, data["confusion"])) == 300
    assert data["accuracy"] == pytest.approx(ckpt["metrics"]["test_accuracy"], abs=1e-6)
    wrong = data["misclassified"]
    assert len(wrong) == round((1 - data["accuracy"]) * 300)
    assert all({"index", "true", "predicted"} <= set(m) for m in wrong)

    text = digitpad("evaluate", "--model", out, "--data", mnist_mini)
    assert "precision" in text.stdout and "confusion" in text.stdout


def test_train_saves_to_the_user_data_folder_by_default(user_data_dir, mnist_mini):
    result = digitpad(
        "train", "--arch", "mlp", "--data", mnist_mini, "--epochs", "1", "--limit", "100", "--precision", "bf16"
    )
    assert result.returncode == 0, result.stderr
    saved = list((user_data_dir / "models").glob("mlp-*.pt"))
    assert len(saved) == 1 and str(saved[0]) in result.stderr
    assert read_checkpoint(saved[0])["train"]["precision"] == "bfloat16"


def test_evaluate_uses_the_bundled_model_by_default(mnist_mini):
    result = digitpad("evaluate", "--data", mnist_mini, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["model"].endswith("digitnet.pt")


def test_errors_are_one_clear_line(tmp_path, mnist_mini):
    assert_one_line_error(digitpad("train", "--data", tmp_path / "missing"), "data folder not found")
    assert_one_line_error(digitpad("train", "--data", tmp_path), "holds neither the MNIST files")
    assert_one_line_error(digitpad("train", "--arch", "resnet"), "invalid choice: 'resnet'")
    assert_one_line_error(digitpad("train", "--data", mnist_mini, "--device", "cuda"), "'cuda' was asked for")
    assert_one_line_error(digitpad("train", "--epochs", "0", "--data", mnist_mini), "epochs must be at least 1")
    assert_one_line_error(digitpad("train"), "no MNIST data found")
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    assert_one_line_error(digitpad("evaluate", "--model", bad, "--data", mnist_mini), "bad.pt is not a valid")
    assert_one_line_error(digitpad("train", "--resume", bad), "bad.pt is not a valid")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT semantics")
def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path, mnist_mini):
    out = tmp_path / "run.pt"
    cmd = [
        sys.executable,
        "-m",
        "app",
        "train",
        "--arch",
        "cnn",
        "--data",
        str(mnist_mini),
        "--epochs",
        "30",
        "--batch-size",
        "16",
        "--limit",
        "160",
        "--out",
        str(out),
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    assert "training cnn" in proc.stderr.readline()
    assert proc.stderr.readline().startswith("epoch 1/30:")  # epoch 1 is done and saved
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    partial = tmp_path / "run.partial.pt"
    assert "Traceback" not in err and f"resume with: digitpad train --resume {partial}" in err
    assert not out.exists()  # an interrupted run never goes where the model goes
    state = read_checkpoint(partial)["train"]
    assert not state["finished"] and state["epoch"] >= 1

    result = digitpad("train", "--resume", partial, "--epochs", str(state["epoch"] + 1))
    assert result.returncode == 0, result.stderr
    assert read_checkpoint(out)["train"]["finished"]
    assert sorted(os.listdir(tmp_path)) == ["run.pt"]


def test_training_flags_are_generated_from_train_config():
    from cli.main import build_parser
    from model.training.train_config import cli_fields

    help_text = build_parser()._subparsers._group_actions[0].choices["train"].format_help()
    for f in cli_fields():
        flag = f.metadata["flag"] or "--" + f.name.replace("_", "-")
        if f.default is True:
            flag = "--no-" + flag.removeprefix("--")
        assert flag in help_text, flag
        assert f.metadata["help"].split()[0] in help_text


def test_presets_and_given_flags():
    from cli.main import build_parser
    from model.training.train_config import cli_fields, preset

    args = build_parser().parse_args(["train", "--preset", "quick", "--epochs", "5", "--no-augment"])
    given = {f.name: getattr(args, f.name) for f in cli_fields() if getattr(args, f.name) is not None}
    assert given == {"epochs": 5, "augment": False}
    config = preset(args.preset, **given)
    assert (config.arch, config.epochs, config.augment) == ("cnn", 5, False)


def test_resume_refuses_to_change_the_architecture(tmp_path, capsys):
    from cli.main import main
    from model.checkpoints.checkpoint import save_checkpoint
    from model.training.train import train
    from tests.conftest import MNIST_MINI

    result = train(TrainConfig(arch="cnn", data=str(MNIST_MINI), epochs=1, train_limit=64, device="cpu"))
    save_checkpoint(result.checkpoint, tmp_path / "x.pt")
    assert main(["train", "--resume", str(tmp_path / "x.pt"), "--arch", "mlp"]) == 2
    assert "--arch cannot change when resuming" in capsys.readouterr().err


def test_train_never_replaces_an_existing_model_unasked(tmp_path):
    from tests.conftest import MNIST_MINI

    """A finished model at --out stays unless --force; a folder as --out is refused before training."""
    out = tmp_path / "model.pt"
    out.write_bytes(b"a finished model")
    refused = digitpad("train", "--arch", "mlp", "--data", MNIST_MINI, "--epochs", "1", "--out", out)
    assert refused.returncode == 2 and "already holds a model" in refused.stderr and "--force" in refused.stderr
    assert out.read_bytes() == b"a finished model"
    folder = digitpad("train", "--arch", "mlp", "--data", MNIST_MINI, "--epochs", "1", "--out", tmp_path)
    assert folder.returncode == 2 and "is a folder" in folder.stderr and "training" not in folder.stderr
    forced = digitpad(
        "train", "--arch", "mlp", "--data", MNIST_MINI, "--epochs", "1", "--limit", "64", "--out", out, "--force"
    )
    assert forced.returncode == 0, forced.stderr
    assert read_checkpoint(out)["train"]["finished"]


def test_version_is_offered_in_help_and_printed_without_torch():
    help_text = digitpad("--help").stdout
    assert "--version" in help_text and "opens the app" in help_text
    out = digitpad("--version")
    assert out.returncode == 0 and out.stdout.startswith("DigitPad ")
    probe = "import sys; from cli.version import package_version; package_version(); print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"
