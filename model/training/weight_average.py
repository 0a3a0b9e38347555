"""An exponential moving average of a network's weights during training (Polyak averaging).

PyTorch's own tool does the work (torch.optim.swa_utils.AveragedModel with
get_ema_multi_avg_fn): after every optimizer step, averaged = decay * averaged +
(1 - decay) * weights, over the parameters and the buffers (BatchNorm's running mean and
variance), so that the averaged network evaluates as it is, without a BatchNorm pass.
TrainingRun (model/training/training_run.py) evaluates and saves the averaged network; the raw
weights and the count of averaged steps go in the checkpoint's training state, for resuming.

No warm-up: the first step's weights start the average, so with decay d the first n
steps keep a share d**n of it (0.999: 25% after 1,400 steps, 0.03% after 8,000), which
is why averaging is off unless asked for (TrainConfig.ema_decay) and suits long runs.
"""

from __future__ import annotations

from typing import Any

from torch import nn
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

# Keys of the checkpoint's training state ("train") when the weights are averaged.
RAW_WEIGHTS_KEY = "raw_state_dict"  # the optimizer's own (not averaged) weights
AVERAGED_STEPS_KEY = "averaged_steps"  # how many steps the average holds


def make_averaged(model: nn.Module, decay: float) -> AveragedModel | None:
    """An AveragedModel following model with an EMA of `decay` in (0, 1); None for decay 0 (off).

    Its copy of the network (`.module`) is on model's device and in its memory format.
    """
    if decay == 0:
        return None
    return AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(decay), use_buffers=True)


def averaged_state(averaged: AveragedModel, model: nn.Module) -> dict[str, Any]:
    """What a checkpoint's training state needs to resume averaging: the raw weights of
    model (CPU tensors) and the number of steps averaged."""
    raw = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    return {RAW_WEIGHTS_KEY: raw, AVERAGED_STEPS_KEY: int(averaged.n_averaged.item())}


def restore_averaged(averaged: AveragedModel, model: nn.Module, state: dict[str, Any]) -> None:
    """Resume: averaged.module holds the checkpoint's (averaged) weights already; give model
    back its raw weights and the average its step count. A checkpoint without them (saved
    before any step) leaves both as they are. ValueError if the raw weights do not fit."""
    if RAW_WEIGHTS_KEY not in state:
        return
    try:
        model.load_state_dict(state[RAW_WEIGHTS_KEY], strict=True)
        steps = int(state.get(AVERAGED_STEPS_KEY, 0))
    except (RuntimeError, TypeError, ValueError, KeyError) as exc:
        raise ValueError(f"the checkpoint's raw weights cannot be resumed ({str(exc)[:120]})") from None
    averaged.n_averaged.fill_(max(steps, 0))
