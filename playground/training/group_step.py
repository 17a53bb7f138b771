"""Several runs of one network shape trained together: one batched step for all of them.

The runs of a comparison that share the network's shape (the same Linear/activation
stack and loss, every run's lean step: playground.training.lean_step) and its batches
(the same data, batch size and shuffling) differ only in their numbers: weights,
optimizer, learning rate, regularization. ``GroupStep`` keeps each layer's weights of
all those runs in one tensor (runs x out x in; each run's parameters are views of it)
and computes the forward and backward pass of every run at once with batched matrix
products (``baddbmm``, ``bmm``) and the activations' kernels over the stacked tensors:
as many operations for five runs as for one. Each run's loss and gradient with respect
to its output, its regularization and its optimizer's update stay its own (the lean
step's, on its slices), so runs may differ in all of those.

The numbers: a batched product rounds like the single-run ``addmm`` it replaces on most
shapes but not all (a last-bit difference, about 1e-7 relative), so a run in a group
follows the same run trained alone to within rounding, not bit for bit. Runs in one
group compute with the same kernels on the same values, so identical runs stay
bit-identical. Measured on the development machine (one thread, eager; benchmarks/
bench_compare.py): see the comparison trainer's docstring.

``train_group`` advances the runs of a group in lock-step as ``Trainer.train_steps``
advances one: epochs' shuffles (each run draws its own, equal, order, so a fork taken
later continues from it), a probe step last (each run's own autograd step), each run's
losses checked for divergence.
"""

from __future__ import annotations

import torch
from torch import nn

from playground.training.divergence import Diverged
from playground.training.lean_step import LeanStep
from playground.training.probe_step import probe_step


# --- losses of every run at once: (outputs (runs, rows, out), targets, gradient out) -> (runs,) ----
# Each run's mean loss and its gradient with respect to the run's output, as lean_step's
# losses compute them for one run (the same operations elementwise; the means are taken
# per run, so a reported loss may differ from the run's alone in its last bit).
def _mse(out, y, grad, delta):
    torch.sub(out, y, out=grad)
    loss = grad.square().mean((1, 2))
    grad.mul_(2.0 / (grad.shape[1] * grad.shape[2]))  # mse_loss_backward: (2 / n) * (out - y)
    return loss


def _l1(out, y, grad, delta):
    torch.sub(out, y, out=grad)
    loss = grad.abs().mean((1, 2))
    torch.sgn(grad, out=grad).div_(grad.shape[1] * grad.shape[2])
    return loss


def _huber(out, y, grad, delta):
    torch.sub(out, y, out=grad)
    loss = torch._C._nn.huber_loss(out, y.expand_as(out), 0, delta).mean((1, 2))  # reduction "none"
    grad.clamp_(-delta, delta).mul_(1.0 / (grad.shape[1] * grad.shape[2]))  # huber_loss_backward: (1 / n) * clamp
    return loss


def _bce(out, y, grad, delta):
    torch.sigmoid(out, out=grad).sub_(y).div_(grad.shape[1] * grad.shape[2])
    return torch.binary_cross_entropy_with_logits(out, y.expand_as(out), None, None, 0).mean((1, 2))


def _cross_entropy(out, y, grad, delta):
    # nll_loss(log_softmax(out)) per run: d loss / d log_p is -1/rows at each row's class.
    log_p = torch._log_softmax(out, 2, False)
    index = y.view(1, -1, 1).expand(out.shape[0], -1, 1)
    loss = log_p.gather(2, index).mean((1, 2)).neg_()
    grad_log_p = torch.zeros_like(log_p).scatter_(2, index, -1.0 / out.shape[1])
    _log_softmax_backward(grad_log_p, log_p, 2, out.dtype, out=grad)
    return loss


_log_softmax_backward = torch.ops.aten._log_softmax_backward_data.out
_LOSSES = {nn.MSELoss: _mse, nn.L1Loss: _l1, nn.HuberLoss: _huber, nn.BCEWithLogitsLoss: _bce,
           nn.CrossEntropyLoss: _cross_entropy}


class _Buffers:
    """The stacked pre-activations, activations and gradients of one batch size (as
    lean_step's _Buffers, with the runs as the first dimension)."""

    def __init__(self, widths: list[int], activations: list, runs: int, rows: int, like: torch.Tensor):
        self.z = [like.new_empty(runs, rows, width) for width in widths]
        self.a = [like.new_empty(runs, rows, width) if act is not None and act.needs_input else z
                  for z, width, act in zip(self.z, widths, activations)]
        blocks = [like.new_zeros(runs * rows * max(widths)) for _ in range(2)]
        self.delta = [blocks[i % 2][: runs * rows * width].view(runs, rows, width) for i, width in enumerate(widths)]
        self.delta_t = [d.transpose(1, 2) for d in self.delta]


class GroupStep:
    """One training step of every run in ``steps`` (their lean steps, of equal ``signature``),
    on a batch they share. Moves the runs' parameters into stacked tensors (the modules'
    Parameters keep their identity and the optimizers their state)."""

    def __init__(self, steps: list[LeanStep]):
        if len(steps) < 2 or any(step.signature != steps[0].signature for step in steps):
            raise ValueError("a group is two or more lean steps of one signature")
        self.steps = list(steps)
        self.active = [True] * len(steps)  # a run that stopped (diverged) is computed but not updated
        self._activations = steps[0].kernels[0]
        _, loss_kind, self._delta = steps[0].signature
        self._loss = _LOSSES[loss_kind]
        # One row per run holding all its parameters end to end (its optimizer's update is
        # then one call on one tensor: LeanStep.finish_flat); each layer's weights of all runs
        # are a strided view of the rows (runs, out, in), as the batched products take them.
        shapes = [p.shape for p in steps[0].params]
        sizes = [p.numel() for p in steps[0].params]
        offsets = [sum(sizes[:j]) for j in range(len(sizes))]
        size = sum(sizes)
        runs = len(steps)
        self._rows = torch.cat([torch.cat([p.detach().reshape(-1) for p in step.params]) for step in steps]).view(runs, size)
        self._grad_rows = torch.zeros_like(self._rows)
        for r, step in enumerate(steps):
            step.move_to([self._rows[r, o:o + n].view(shape) for o, n, shape in zip(offsets, sizes, shapes)],
                         [self._grad_rows[r, o:o + n].view(shape) for o, n, shape in zip(offsets, sizes, shapes)])

        def weights(rows, j):  # (runs, out, in)
            out, inputs = shapes[j]
            return rows.as_strided((runs, out, inputs), (size, inputs, 1), offsets[j])

        def biases(rows, j):  # (runs, out)
            return rows.as_strided((runs, shapes[j][0]), (size, 1), offsets[j])

        layers = range(0, len(shapes), 2)
        self._weights = [weights(self._rows, j) for j in layers]
        self._weights_t = [w.transpose(1, 2) for w in self._weights]  # (runs, in, out), as baddbmm takes them
        self._biases = [biases(self._rows, j + 1).unsqueeze(1) for j in layers]  # broadcast over the rows
        self._grad_weights = [weights(self._grad_rows, j) for j in layers]
        self._grad_biases = [biases(self._grad_rows, j + 1) for j in layers]
        self._widths = [w.shape[1] for w in self._weights]
        self._buffers: dict[int, _Buffers] = {}

    def stop(self, run: int) -> None:
        """Run ``run`` (its index in ``steps``) no longer trains: its slices are no longer
        updated (its numbers may be NaN: it diverged)."""
        self.active[run] = False

    def __call__(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Train every active run one step on the batch ``(x, y)``; every run's loss (runs,)
        (without regularization; a stopped run's is not a number to use)."""
        runs, rows = len(self.steps), x.shape[0]
        buffers = self._buffers.get(rows)
        if buffers is None:
            buffers = self._buffers[rows] = _Buffers(self._widths, self._activations, runs, rows, self._weights[0])
        zs, outs, deltas = buffers.z, buffers.a, buffers.delta
        x = x.expand(runs, *x.shape)
        a = x
        for w_t, b, act, z, out in zip(self._weights_t, self._biases, self._activations, zs, outs):
            torch.baddbmm(b, a, w_t, out=z)
            if act is not None:
                act.forward(z, out)
            a = out
        losses = self._loss(a, y, deltas[-1], self._delta)
        for i in range(len(zs) - 1, -1, -1):
            delta = deltas[i]  # d loss / d a of layer i; then, through the activation, d loss / d z
            act = self._activations[i]
            if act is not None:
                act.backward(delta, zs[i], outs[i])
            torch.bmm(buffers.delta_t[i], outs[i - 1] if i else x, out=self._grad_weights[i])
            torch.sum(delta, 1, out=self._grad_biases[i])
            if i:
                torch.bmm(delta, self._weights[i], out=deltas[i - 1])
        for r, (step, active) in enumerate(zip(self.steps, self.active)):
            if active and not step.finish_flat(self._rows[r], self._grad_rows[r]):
                step.finish()  # torch.optim's own update (its first step makes its state)
        return losses


def train_group(group: GroupStep, trainers: list, n: int, probe: bool = False) -> list:
    """Advance the active runs of ``group`` (``trainers``: the Trainer of each of its steps)
    together by up to ``n`` steps, the last a probe step with ``probe``. Per trainer: its
    StepResult, the Diverged error it raised (its losses up to the bad step), or None for
    a stopped run."""
    members = [i for i, active in enumerate(group.active) if active]
    leader = trainers[members[0]]
    start = leader.step  # every member's: they train together
    k = max(0, min([n] + [trainers[i].max_steps - start for i in members]))
    per_epoch = leader.steps_per_epoch
    ticks: list[torch.Tensor] = []  # each step's losses of every run (runs,)
    reports: dict[int, object] = dict.fromkeys(members)
    for done in range(k):
        at = (start + done) % per_epoch
        if at == 0:
            for i in members:
                trainers[i].start_epoch()
        if probe and done == k - 1:  # each run's own autograd step, instrumented
            losses = torch.full((len(trainers),), float("nan"))
            for i in members:
                trainers[i].step = start + done
                losses[i], reports[i] = probe_step(trainers[i], *trainers[i].batch(at))
            ticks.append(losses)
        else:
            ticks.append(group(*leader.batch(at)))
    losses = torch.stack(ticks) if ticks else torch.zeros(0, len(trainers))
    results: list = [None] * len(trainers)
    for i in members:
        trainers[i].step = start + k
        trainers[i].count_steps("eager", k)
        try:
            results[i] = trainers[i].chunk_result(start, [losses[:, i]], reports[i])
        except Diverged as error:  # the run's own outcome; the others go on
            results[i] = error
    return results
