"""Fine-tuning the tail of a trained network on a few examples while distilling it on
replayed general digits: the step under "Learn my handwriting" (model/adaptation/adapt.py).

The network is split into a frozen prefix, run once per drawing, and a tuned tail;
BatchNorm statistics stay frozen (a few dozen drawings would pull them away).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F
from torch import nn

from ..preprocess import normalize
from ..training.augment import augment_batch
from ..training.device import select_precision

if TYPE_CHECKING:
    from .adapt_config import AdaptConfig

DISTILL_T = 2.0  # softmax temperature of the base model's answers on replayed digits (Hinton et al. 2015)


def distillation_loss(logits: torch.Tensor, teacher_logits: torch.Tensor, reduction: str = "mean") -> torch.Tensor:
    """() cross-entropy of (R, 10) logits to the teacher's (R, 10) answers softened at
    DISTILL_T (Hinton et al. 2015), or (R,) per row with reduction "none"; the caller weighs
    it by DISTILL_T**2, which keeps its gradients at the scale of an ordinary loss."""
    soft = (teacher_logits / DISTILL_T).softmax(dim=1)  # (R,10)
    return F.cross_entropy(logits / DISTILL_T, soft, reduction=reduction)


def take_step(loss: torch.Tensor, optimizer: torch.optim.Optimizer, schedule: Any) -> None:
    """One optimizer step down the () loss, then one step of its learning-rate schedule."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    schedule.step()


def split_for_tuning(model: nn.Module, arch: str) -> tuple[nn.Module, nn.Module]:
    """(frozen prefix, tuned tail) sharing the model's modules: tail(prefix(x)) == model(x).

    digitnet keeps its first two stages (edges and strokes, which every hand shares)
    and tunes the third stage and the head: about 5x less work per step than tuning
    it all, and the prefix runs once per drawing instead of once per step. Other
    architectures are tuned whole.
    """
    if arch == "digitnet":
        stages = model.features
        head = model.head
        assert isinstance(stages, nn.Sequential) and isinstance(head, nn.Module)
        return stages[:6], nn.Sequential(stages[6:], head)  # (N,64,7,7) between them
    return nn.Identity(), model


@torch.inference_mode()
def prefix_features(prefix: nn.Module, images: torch.Tensor, batch_size: int = 512) -> torch.Tensor:
    """(N, 1, 28, 28) float [0, 1] -> prefix(normalize(images)), (N, ...) float32."""
    prefix.eval()
    outs = [prefix(normalize(images[i : i + batch_size])) for i in range(0, len(images), batch_size)]
    return torch.cat(outs).float().contiguous() if outs else images


def augmented_pool(images: torch.Tensor, copies: int, gen: torch.Generator) -> torch.Tensor:
    """(N, 1, 28, 28) -> (N * (copies + 1), 1, 28, 28): each image, then its augmented copies.

    Row k * N + i is copy k of image i (copy 0 is the image itself).
    """
    repeated = images.repeat(copies, 1, 1, 1)  # (copies*N,1,28,28)
    return torch.cat([images, augment_batch(repeated, gen)])


def fine_tune(
    tail: nn.Module,
    user_x: torch.Tensor,
    user_y: torch.Tensor,
    replay_x: torch.Tensor | None,
    replay_logits: torch.Tensor | None,
    config: AdaptConfig,
    on_step: Callable[[int, float, float | None], None] | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Fine-tune `tail` in place on prefix features of the user's drawings (user_x (N, ...),
    labels user_y (N,) int64) while distilling the base model on replayed digits
    (replay_x (R, ...), the base model's replay_logits (R, 10)).

    Each step: config.user_batch user rows (cross-entropy with their labels) +
    config.replay_batch replay rows (cross-entropy with the base model's probabilities
    at temperature DISTILL_T, so the replayed digits keep their old answers, not just
    their labels); AdamW with a cosine-decaying learning rate; BatchNorm statistics
    frozen. on_step(step, user cross-entropy, unweighted distillation cross-entropy or
    None) after each step. Returns False if cancelled (the tail is then half-tuned: discard it).
    """
    gen = torch.Generator().manual_seed(config.seed)
    tail.train()
    for module in tail.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.eval()  # keep the base model's running statistics
    params = [p for p in tail.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay)
    decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 0.5 * (1 + math.cos(math.pi * s / config.steps)))
    replay = replay_x is not None and replay_logits is not None and len(replay_x) > 0 and config.replay_batch > 0
    autocast = select_precision("auto", torch.device("cpu"))
    u = config.user_batch
    for step in range(config.steps):
        if cancel is not None and cancel.is_set():
            return False
        pick = torch.randint(len(user_y), (u,), generator=gen)  # (U,)
        x = user_x[pick]
        if replay:
            assert replay_x is not None and replay_logits is not None
            r = torch.randint(len(replay_x), (config.replay_batch,), generator=gen)  # (R',)
            x = torch.cat([x, replay_x[r]])  # (U+R', ...)
        with torch.autocast("cpu", dtype=autocast, enabled=autocast is not None):
            logits = tail(x).float()  # (U+R',10)
        user_loss = F.cross_entropy(logits[:u], user_y[pick])  # () the user's drawings
        loss, distill = user_loss, None
        if replay:
            assert replay_logits is not None
            distill = distillation_loss(logits[u:], replay_logits[r])  # ()
            loss = user_loss + config.replay_weight * DISTILL_T**2 * distill
        take_step(loss, optimizer, decay)
        if on_step:
            on_step(step + 1, float(user_loss.item()), None if distill is None else float(distill.item()))
    tail.eval()
    return True
