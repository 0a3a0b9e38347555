"""The app starts whatever its settings and data folder hold: a remembered model that is
damaged or wrongly typed, absurd settings values. It falls back, tells the user once, and
clears the bad setting. The same files through Model > Load give a message, never a crash."""

from __future__ import annotations

import pytest
import torch

from app.main import create_window
from app.settings import DEFAULT_PEN_WIDTH, Settings
from model.paths import bundled_model_path


def bundled_checkpoint() -> dict:
    return torch.load(bundled_model_path(), map_location="cpu", weights_only=True)


def _sparse(ckpt):
    name = next(iter(ckpt["state_dict"]))
    ckpt["state_dict"][name] = ckpt["state_dict"][name].to_sparse()


def _huge_weights(ckpt):  # finite, but every probability comes out NaN
    ckpt["state_dict"] = {k: v.float() * 3e38 if v.is_floating_point() else v for k, v in ckpt["state_dict"].items()}


DAMAGES = {
    "arch_list": lambda c: c.update(arch=[c["arch"]]),
    "arch_int": lambda c: c.update(arch=7),
    "metrics_int": lambda c: c.update(metrics=5),
    "metrics_list": lambda c: c.update(metrics=[1, 2]),
    "config_list": lambda c: c.update(config=[1]),
    "sparse_tensor": _sparse,
    "huge_weights": _huge_weights,
    "state_dict_list": lambda c: c.update(state_dict=[1, 2]),
    "version_str": lambda c: c.update(version="1"),
}


def write_damaged(folder, kind: str):
    path = folder / f"{kind}.pt"
    if kind == "not_a_checkpoint":
        path.write_bytes(b"\x00garbage" * 100)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    else:
        ckpt = bundled_checkpoint()
        DAMAGES[kind](ckpt)
        torch.save(ckpt, path)
    return path


KINDS = [*DAMAGES, "not_a_checkpoint", "empty", "directory", "missing"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_remembered_model_falls_back_once(kind, qtbot, tmp_path):
    path = tmp_path / "missing.pt" if kind == "missing" else write_damaged(tmp_path, kind)
    settings = Settings()
    settings.model_path = str(path)
    window = create_window(settings=settings)
    qtbot.addWidget(window)
    assert window.manager.is_bundled()
    assert len(window.startup_notes) == 1 and path.name in window.startup_notes[0]
    assert path.name in window.statusBar().currentMessage()
    assert settings.model_path == ""  # cleared: told once
    again = create_window(settings=Settings())
    qtbot.addWidget(again)
    assert again.startup_notes == [] and again.manager.is_bundled()


@pytest.mark.parametrize("kind", KINDS)
def test_loading_a_bad_model_is_a_message_and_the_model_stays(kind, window, tmp_path, dialogs):
    path = tmp_path / "missing.pt" if kind == "missing" else write_damaged(tmp_path, kind)
    before = window.manager.predictor
    assert window.load_model_file(str(path)) is False
    assert window.manager.predictor is before
    assert dialogs[-1][0] == "error" and path.name in dialogs[-1][2]


@pytest.mark.parametrize("value", ["100000000000000000000", "-5", "1000", "abc", "1e300", "nan", "[1, 2]", "3, 4", ""])
def test_an_absurd_pen_width_falls_back_once(value, qtbot, user_data_dir):
    (user_data_dir / "settings.ini").write_text(f"[canvas]\npenWidth={value}\n")
    window = create_window(settings=Settings())
    qtbot.addWidget(window)
    assert window.controls.pen_width.value() == DEFAULT_PEN_WIDTH
    assert len(window.startup_notes) == 1 and "canvas/penWidth" in window.startup_notes[0]
    again = create_window(settings=Settings())
    qtbot.addWidget(again)
    assert again.startup_notes == []


def test_other_bad_settings_fall_back(qtbot, user_data_dir):
    (user_data_dir / "settings.ini").write_text(
        "[ui]\nlanguage=klingon\n[model]\npath=a, b\n[window]\ngeometry=@ByteArray(garbage)\nstate=12\n"
        "[train]\nepochs=99999999999999999999\nbatchSize=-3e9\nlr=inf\naugment=maybe\narch=7\ndata=x, y\n"
    )
    window = create_window(settings=Settings())
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_train_dialog()  # the form reads the train/* settings
    config = dialog.form.config()
    assert config.epochs >= 1 and config.batch_size >= 1 and config.lr > 0
    assert window.manager.is_bundled()
    text = " ".join(window.startup_notes)
    assert "ui/language" in text and "model/path" in text
    # every bad value is listed together at start (nc3: train/epochs=-7 was clamped silently)
    for key in ("train/epochs", "train/batchSize", "train/lr", "train/augment", "train/data"):
        assert key in text, key
    dialog.reject()
    settings = Settings()
    assert settings.language == "" and settings.problems == []


def test_a_good_saved_model_is_remembered(qtbot, tmp_path):
    """The checks refuse bad files only: a valid checkpoint is used at the next start."""
    path = tmp_path / "good.pt"
    torch.save(bundled_checkpoint(), path)
    settings = Settings()
    settings.model_path = str(path)
    window = create_window(settings=settings)
    qtbot.addWidget(window)
    assert not window.manager.is_bundled() and window.startup_notes == []
