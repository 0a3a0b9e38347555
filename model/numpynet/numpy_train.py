"""Training numpy-cnn: the engine's loop (model/training/training_run.py TrainingRun) with a NumPy step.

train() hands architectures whose engine is "numpy" to :class:`NumpyRun`. It keeps
everything of the common loop (TrainConfig, batching, augmentation of the data,
callbacks, ETA, cancel flag, NaN check, evaluation, resumable checkpoints) and
replaces one batch's work: forward, softmax cross-entropy and backward in NumPy
(model/numpynet/numpy_cnn.py), then :class:`NumpySGD`'s update, also in NumPy.

NumpySGD subclasses torch.optim.Optimizer only as the container of the parameter
groups and the momentum buffers: so the engine's learning-rate schedules drive it,
and its state goes into checkpoints as tensors (torch.load(weights_only=True) reads
it) and is restored on resume. Its arithmetic is NumPy, on views of the tensors.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import torch
from threadpoolctl import threadpool_limits

from ..preprocess import normalize
from ..training.augment import augment_batch
from ..training.train_config import TrainConfig
from ..training.training_run import TrainingRun
from .numpy_cnn import NumpyCNNModule

# The network's matrices are thin (a few thousand rows, 4 to 400 columns): OpenBLAS
# threads cost more to wake than they save, and on a shared machine they spin against
# other processes (measured on 2 busy cores: 1 thread 38 ms a batch, 2 threads 780 ms).
BLAS_THREADS = 1


class NumpySGD(torch.optim.Optimizer):
    """Mini-batch SGD, with momentum (heavy ball, or Nesterov) when momentum > 0.

    The update, as torch.optim.SGD's (dampening 0), for each parameter w with gradient g:
        g <- g + weight_decay * w
        v <- momentum * v + g                 (v = g at the first step)
        w <- w - lr * (g + momentum * v)      Nesterov,  or  w - lr * v  heavy ball,
    and plain SGD w <- w - lr * g when momentum is 0 (the tutorial's).
    step(grads): grads are NumPy arrays in the order of the parameters.
    """

    def __init__(
        self,
        params: Iterable[torch.Tensor],
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = True,
    ) -> None:
        defaults = dict(lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=nesterov)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, grads: list[np.ndarray]) -> None:  # type: ignore[override]
        params = [p for group in self.param_groups for p in group["params"]]
        if len(grads) != len(params):
            raise ValueError(f"expected {len(params)} gradients, got {len(grads)}")
        grads_of = dict(zip(map(id, params), grads))
        for group in self.param_groups:
            lr, momentum, decay = group["lr"], group["momentum"], group["weight_decay"]
            for p in group["params"]:
                w = p.detach().numpy()  # a view: the update lands in the Parameter
                g = grads_of[id(p)]  # same shape as w
                if decay:
                    g = g + decay * w
                if momentum:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        state["momentum_buffer"] = torch.zeros_like(p)  # so that v = g at the first step
                    v = state["momentum_buffer"].numpy()  # a view, same shape as w
                    v *= momentum
                    v += g
                    g = g + momentum * v if group["nesterov"] else v
                w -= lr * g


def make_numpy_sgd(config: TrainConfig, model: torch.nn.Module) -> NumpySGD:
    """The optimizer for config (validate() has already refused optimizers other than sgd)."""
    return NumpySGD(model.parameters(), config.lr, config.momentum, config.weight_decay)


class NumpyRun(TrainingRun):
    """The engine's training run with the batch step in NumPy, on the CPU in float32."""

    def __init__(self, config: TrainConfig, device: torch.device, train_data, test_data, resume) -> None:
        super().__init__(config, torch.device("cpu"), train_data, test_data, resume)
        self.autocast_dtype = None  # NumPy float32, whatever precision was asked for

    def loop(self, on_batch, on_epoch, cancel, on_checkpoint=None) -> Any:
        with threadpool_limits(BLAS_THREADS, user_api="blas"):
            return super().loop(on_batch, on_epoch, cancel, on_checkpoint)

    def _train_batch(self, idx: torch.Tensor, gen: torch.Generator) -> None:
        # The batch is made in NumPy too: torch's thread pool, woken for each small
        # elementwise op, costs tens of milliseconds per batch on a busy machine.
        rows = idx.numpy()  # (B,)
        x = self.images.numpy()[rows][:, None].astype(np.float32) / np.float32(255.0)  # (B,1,28,28) in [0,1]
        if self.config.augment:
            x = augment_batch(torch.from_numpy(x), gen).numpy()
        images = normalize(x)  # (B,1,28,28) float32, the engine's one normalization
        labels = self.labels.numpy()[rows]  # (B,) int64
        # The numpy engine's network and optimizer (nets.py, optimizers.make_optimizer):
        assert isinstance(self.model, NumpyCNNModule) and isinstance(self.optimizer, NumpySGD)
        net = self.model.numpy_net()  # over the Parameters' current memory
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported by the loop (_read_sums)
            loss, logits = net.loss_and_gradients(images, labels, self.config.label_smoothing)  # float, (B,10)
        self.optimizer.step(net.grads)
        self.scheduler.step()
        n = labels.shape[0]
        correct = int((logits.argmax(axis=1) == labels).sum())
        self._sums += torch.tensor([loss * n, correct, n], dtype=torch.float64)
