"""Knowledge distillation in training: a network also learns from teachers' answers.

`digitpad train --teacher A.pt,B.pt` adds to the label loss the cross-entropy to the
teachers' averaged answers on the same augmented batch, softened at DISTILL_T (Hinton et
al. 2015). An ensemble of networks is more accurate than each of them, and a student
distilled from it keeps much of that gain in one network's time: the way the bundled
model gets an MNIST specialist's accuracy on MNIST while keeping a pen-ink model's
accuracy on drawn ink (assets/MODEL_CARD.md).
"""

from __future__ import annotations

import torch
from torch import nn

from ..adaptation.fine_tune import DISTILL_T, distillation_loss
from ..checkpoints.checkpoint import model_from_checkpoint, read_checkpoint
from ..nets import NUM_CLASSES

TEACHER_SEPARATOR = ","


def teacher_paths(teachers: str | None) -> list[str]:
    """The checkpoint paths in TrainConfig.teachers ("A.pt,B.pt"), blanks dropped."""
    return [p.strip() for p in (teachers or "").split(TEACHER_SEPARATOR) if p.strip()]


def load_teachers(teachers: str | None, device: torch.device) -> list[nn.Module]:
    """The teacher networks (eval mode, on `device`, channels_last), validated like any
    checkpoint (model/checkpoints/checkpoint.py). ValueError naming the file if one cannot be used."""
    models = []
    for path in teacher_paths(teachers):
        try:
            model, _ = model_from_checkpoint(read_checkpoint(path), path)
        except (OSError, ValueError) as exc:
            raise ValueError(f"teacher {path}: {exc}") from None
        model.eval().requires_grad_(False)
        models.append(model.to(device, memory_format=torch.channels_last))  # type: ignore[call-overload]
    return models


@torch.no_grad()
def teacher_logits(teachers: list[nn.Module], x: torch.Tensor) -> torch.Tensor:
    """(B, 10) float32: the mean of the teachers' log-probabilities on the normalized batch
    x (B, 1, 28, 28) -- the log of their geometric-mean answer, itself valid logits."""
    logp = [t(x).float().log_softmax(dim=1) for t in teachers]  # each (B,10)
    out = torch.stack(logp).mean(dim=0)  # (B,10)
    if out.shape[1] != NUM_CLASSES:
        raise ValueError(f"a teacher gives {out.shape[1]} classes, not {NUM_CLASSES}")
    return out


def distilled_loss(
    label_loss: torch.Tensor,
    logits: torch.Tensor,
    teachers_logits: torch.Tensor,
    weight: float,
    taught: torch.Tensor | None = None,
) -> torch.Tensor:
    """(1 - weight) * label_loss + weight * DISTILL_T**2 * distillation cross-entropy of the
    student's (B, 10) logits to the teachers' (B, 10), per sample when label_loss is (B,)
    (reduction "none"), else for the batch (). taught (B,) bool: where the teachers teach;
    the other samples keep their label loss alone (TrainConfig.distill_on "data")."""
    per_sample = label_loss.dim() == 1
    distill = distillation_loss(logits.float(), teachers_logits, "none" if per_sample else "mean")
    mixed = (1.0 - weight) * label_loss + weight * DISTILL_T**2 * distill
    if taught is None:
        return mixed
    if not per_sample:
        raise ValueError("distilling on some samples only needs the per-sample label loss (B,)")
    return torch.where(taught, mixed, label_loss)  # (B,)


def taught_mask(data, distill_on: str) -> torch.Tensor | None:
    """(N,) bool over a training DigitData: where the teachers teach (TrainConfig.distill_on);
    None for "all"."""
    return None if distill_on == "all" else ~data.ink_mask()
