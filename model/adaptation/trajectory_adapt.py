"""Fine-tuning a copy of the trajectory network (model/trajectory_net/trajectory.py) on one person's
drawings, beside the image network's adaptation (model/adaptation/adapt.py, adaptation_run.py).

The drawings are ink, so the trajectory network can learn the person's hand too: their
stroke order and direction. Each drawing is used as written and as `copies` stroke-level
jitters (model/trajectory_net/trajectory_train.py ink_variants, without reversing strokes: the point is
the person's own order and direction). What keeps it from forgetting everyone else:

- few steps (AdaptConfig.trajectory_steps) at a small, cosine-decaying learning rate;
- BatchNorm statistics frozen (a few dozen drawings would pull them away);
- replayed general pen digits (R, 5, L), distilled from the base network at DISTILL_T
  (their target is the base network's answer, as the image network's replayed MNIST):
  model/adaptation/adapt.py replays the 500 pendigits inks shipped in assets/samples/pen-replay.jsonl;
- an L2-SP penalty (Li, Grandvalet & Davoine 2018): trajectory_anchor * sum of squared
  distances of every weight from the base network's.

Measured (bench/adapt_eval.py --slant 1.0, 3 pendigits writers in an italic hand new to
the networks, 20 drawings each): without replay the adapted trajectory network alone read
the other writers' digits 99.60% -> 93.6% (L2-SP at 0.01 or 0.1 alike); with 1,000
replayed pen digits 99.60% -> 99.37%, and the same gain on the user's digits (pair
98.99% -> 99.71%).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F
from torch import nn

from ..pen.ink import Ink
from ..trajectory_net.trajectory import TrajectoryNet
from ..trajectory_net.trajectory_train import ink_variants
from .fine_tune import DISTILL_T, distillation_loss, take_step

if TYPE_CHECKING:
    from .adapt_config import AdaptConfig


@functools.lru_cache(maxsize=1)
def _per_thread_setting() -> bool:
    """With the OpenMP backend torch's intra-op thread count is per calling thread."""
    return "parallel backend: OpenMP" in torch.__config__.parallel_info()


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run torch on the calling thread alone (where the setting is per thread): the trajectory
    network's batches are small (32 x 5 x 64), and on a busy machine every hand-off to a second
    intra-op thread waits for a core (`digitpad adapt` on 20 drawings, torch's 2 threads
    throughout, took 627 s wall and 65 s CPU at load average 3-7 on 2 cores)."""
    if not _per_thread_setting() or torch.get_num_threads() == 1:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def trajectory_pool(inks: Sequence[Ink], copies: int, points: int, seed: int) -> torch.Tensor:
    """N inks -> (N * (copies + 1), 5, points) float32 trajectories: row k * N + i is copy k of
    ink i (copy 0 the ink as written), the layout of model/adaptation/fine_tune.py augmented_pool.
    ValueError (NothingToRecognize) for an ink without a shape."""
    x = ink_variants(list(inks), copies, seed, points, reverse=0.0)  # (N,c+1,5,L)
    return x.transpose(0, 1).reshape(-1, *x.shape[2:]).contiguous()  # ((c+1)*N,5,L)


def tuned_copy(base: TrajectoryNet) -> TrajectoryNet:
    """A copy of the base network to fine-tune (its weights are never changed)."""
    net = copy.deepcopy(base)
    for p in net.parameters():
        p.requires_grad_(True)
    return net


def fine_tune_trajectory(
    net: TrajectoryNet,
    user_x: torch.Tensor,
    user_y: torch.Tensor,
    config: AdaptConfig,
    replay_x: torch.Tensor | None = None,
    replay_logits: torch.Tensor | None = None,
    on_step: Callable[[int, float], None] | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Fine-tune `net` in place on trajectories user_x (N, 5, L) float32 with labels user_y
    (N,) int64: config.trajectory_steps AdamW steps of config.user_batch rows, learning rate
    config.trajectory_lr decaying on a cosine, plus config.trajectory_anchor times the squared
    distance of the weights from where they started (L2-SP), plus, with replay_x (R, 5, L)
    and the base network's replay_logits (R, 10), config.replay_weight times the
    distillation cross-entropy at DISTILL_T on config.replay_batch replayed rows.
    BatchNorm statistics frozen. on_step(step, user cross-entropy) after each step.
    Runs on the calling thread alone (one_thread). Returns False if cancelled (the network
    is then half-tuned: discard it)."""
    with one_thread():
        return _fine_tune(net, user_x, user_y, config, replay_x, replay_logits, on_step, cancel)


def _fine_tune(
    net: TrajectoryNet,
    user_x: torch.Tensor,
    user_y: torch.Tensor,
    config: AdaptConfig,
    replay_x: torch.Tensor | None,
    replay_logits: torch.Tensor | None,
    on_step: Callable[[int, float], None] | None,
    cancel: threading.Event | None,
) -> bool:
    steps = config.trajectory_steps
    gen = torch.Generator().manual_seed(config.seed + 1)
    start = [p.detach().clone() for p in net.parameters()]
    net.train()
    for module in net.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            module.eval()  # keep the base network's running statistics
    optimizer = torch.optim.AdamW(net.parameters(), lr=config.trajectory_lr, weight_decay=0.0)
    decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 0.5 * (1 + math.cos(math.pi * s / steps)))
    replay = replay_x is not None and replay_logits is not None and len(replay_x) > 0 and config.replay_batch > 0
    for step in range(steps):
        if cancel is not None and cancel.is_set():
            return False
        pick = torch.randint(len(user_y), (config.user_batch,), generator=gen)  # (U,)
        user_loss = F.cross_entropy(net(user_x[pick]), user_y[pick])  # ()
        anchor = sum(((p - p0) ** 2).sum() for p, p0 in zip(net.parameters(), start))  # ()
        loss = user_loss + config.trajectory_anchor * anchor
        if replay:
            assert replay_x is not None and replay_logits is not None
            r = torch.randint(len(replay_x), (config.replay_batch,), generator=gen)  # (R',)
            distill = distillation_loss(net(replay_x[r]), replay_logits[r])  # () the base network's answers
            loss = loss + config.replay_weight * DISTILL_T**2 * distill
        take_step(loss, optimizer, decay)
        if on_step:
            on_step(step + 1, float(user_loss.item()))
    net.eval()
    return True


@torch.inference_mode()
def trajectory_logits(net: TrajectoryNet, x: torch.Tensor, batch_size: int = 1024) -> torch.Tensor:
    """(N, 5, L) -> (N, 10) float32 logits of the network in eval mode (on the calling thread alone)."""
    net.eval()
    with one_thread():
        outs = [net(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
    return torch.cat(outs).float() if outs else torch.zeros(0, 10)
