"""Distillation in training (TrainConfig.teachers, model/training/distill.py)."""

from __future__ import annotations

import pytest
import torch

from model.adaptation.fine_tune import DISTILL_T, distillation_loss
from model.paths import bundled_model_path
from model.training.data import DigitData, concat_data, load_data
from model.training.distill import distilled_loss, taught_mask, teacher_paths
from model.training.train import TrainConfig, train


@pytest.fixture(scope="module")
def mini():
    from tests.conftest import MNIST_MINI

    return load_data(MNIST_MINI, "train"), load_data(MNIST_MINI, "test")


def _config(**kw):
    values = dict(arch="mlp", epochs=3, batch_size=32, lr=3e-3, device="cpu", threads=2, label_smoothing=0.0)
    values.update(kw)
    return TrainConfig(**values)


def test_teacher_paths_are_split_on_commas_and_blanks_dropped():
    assert teacher_paths(None) == []
    assert teacher_paths(" a.pt, b/c.pt ,,") == ["a.pt", "b/c.pt"]


def test_the_loss_mixes_labels_and_teachers_by_the_weight():
    logits, teacher = torch.randn(4, 10), torch.randn(4, 10)
    label_loss = torch.tensor(1.25)
    assert distilled_loss(label_loss, logits, teacher, 0.0) == pytest.approx(1.25)
    kd = DISTILL_T**2 * distillation_loss(logits, teacher)
    assert distilled_loss(label_loss, logits, teacher, 1.0) == pytest.approx(kd.item())
    assert distilled_loss(label_loss, logits, teacher, 0.5) == pytest.approx(0.5 * 1.25 + 0.5 * kd.item())


def test_untaught_samples_keep_their_label_loss_alone():
    logits, teacher = torch.randn(4, 10), torch.randn(4, 10)
    label_loss = torch.tensor([1.0, 2.0, 3.0, 4.0])  # (B,) per sample
    taught = torch.tensor([True, False, True, False])
    mixed = distilled_loss(label_loss, logits, teacher, 0.8)  # (B,) every sample taught
    kd = DISTILL_T**2 * distillation_loss(logits, teacher, "none")  # (B,)
    assert torch.allclose(mixed, 0.2 * label_loss + 0.8 * kd)
    out = distilled_loss(label_loss, logits, teacher, 0.8, taught)
    assert torch.allclose(out[taught], mixed[taught])
    assert torch.equal(out[~taught], label_loss[~taught])
    with pytest.raises(ValueError, match="per-sample"):
        distilled_loss(label_loss.mean(), logits, teacher, 0.8, taught)


def test_pen_ink_is_marked_through_concatenation_and_subsets(mini):
    data = mini[0]
    ink = DigitData(data.images[:5], data.labels[:5], "ink", ink=torch.ones(5, dtype=torch.bool))
    both = concat_data(data, ink)
    assert both.ink_mask().tolist() == [False] * len(data) + [True] * 5
    assert both.subset(len(data) + 2).ink_mask().sum() == 2
    assert concat_data(data, data).ink is None  # no ink anywhere: no mask
    assert taught_mask(both, "all") is None
    assert torch.equal(taught_mask(both, "data"), ~both.ink_mask())


def test_teachers_limited_to_the_data_images_never_teach_on_pen_ink(mini):
    """The same wrong-label set as below, but marked as pen ink: with distill_on "data" the
    teacher teaches on none of it, so the student learns the labels (all 0), as without a
    teacher; the recipe records where the teachers taught."""
    data = mini[0]
    marked = DigitData(
        data.images, torch.zeros_like(data.labels), "every label 0", ink=torch.ones(len(data), dtype=torch.bool)
    )
    teacher = str(bundled_model_path())
    kept = train(_config(teachers=teacher, distill_weight=1.0, distill_on="data"), train_data=marked, test_data=mini[1])
    assert kept.report.accuracy < 0.2
    assert kept.checkpoint["train"]["config"]["distill_on"] == "data"


def test_a_student_taught_only_by_a_teacher_learns_its_answers_not_the_labels(mini):
    """Every training label is 0 (wrong 9 times in 10). With the weight on the teacher (the
    bundled network), the student reads the digits anyway; on the labels alone it cannot."""
    data = mini[0]
    wrong = DigitData(data.images, torch.zeros_like(data.labels), "MNIST mini, every label 0")
    teacher = str(bundled_model_path())
    taught = train(_config(teachers=teacher, distill_weight=1.0), train_data=wrong, test_data=mini[1])
    plain = train(_config(), train_data=wrong, test_data=mini[1])
    assert plain.report.accuracy < 0.2
    assert taught.report.accuracy > 0.6
    assert taught.checkpoint["train"]["config"]["teachers"] == teacher  # the recipe is recorded


def test_an_unusable_teacher_is_one_clear_error_before_training(mini, tmp_path):
    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"not a checkpoint")
    for path in (tmp_path / "missing.pt", broken):
        with pytest.raises(ValueError, match=f"teacher {path}"):
            train(_config(teachers=str(path)), train_data=mini[0], test_data=mini[1])


@pytest.mark.parametrize("weight", [-0.1, 1.5, float("nan")])
def test_the_distillation_weight_is_checked(weight):
    with pytest.raises(ValueError, match="distillation weight"):
        _config(distill_weight=weight)


def test_the_numpy_network_refuses_teachers():
    with pytest.raises(ValueError, match="distillation"):
        TrainConfig.for_arch("numpy-cnn", teachers="a.pt")
