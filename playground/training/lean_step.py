"""The lean eager step: one training step of a plain Linear/activation stack, written out.

Without a compiler (the packaged app, most laptops) every step runs eagerly, and on the
tiny networks learners build an eager autograd step is almost all per-operation
overhead: about 205 µs for a 6 x 8 tanh network at batch 1 (backward 106, forward 48,
optimizer 26), the arithmetic negligible. ``LeanStep`` does the same step with fewer
and cheaper operations: the forward pass and the backward pass written out layer by
layer into buffers allocated once per batch size, with the very kernels autograd calls
(``addmm`` forward; ``mm``, ``sum`` and the activation's and loss's own ``*_backward``
kernels backward), no graph recorded (it works on detached views of the parameters),
and the optimizer's update as the one fused (or ``_foreach``) call torch.optim itself
makes, on torch.optim's own state tensors (``momentum_buffer``, ``exp_avg``,
``exp_avg_sq``, ``step``, ``sum``, ``square_avg``). So the probe step, the compiled step,
saving the optimizer's state and resuming all continue from where it left off: it only
changes how fast the numbers are computed (equal to autograd's within floating-point
rounding, tested).

It takes the networks ``refusal`` accepts: Linear layers, each followed by one of the
activations below or by none, a loss below with its default options, on the CPU. Any
torch optimizer works: the ones below get their fused update, the rest (and any step
before torch.optim has created its state) hand the gradients to ``optimizer.step()``.
Everything else (batch norm, dropout, other activations, losses or devices) keeps the
autograd step.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import torch
from torch import nn

MEAN = 1  # torch's reduction code for "mean", the loss modules' default


def _kernel(name: str, overload: str = "default"):
    """The aten operator ``name.overload`` as its C++ callable: calling the OpOverload
    wrapper costs another ~0.7 µs of Python per call (a tenth of a small kernel)."""
    op = getattr(getattr(torch.ops.aten, name), overload)
    return getattr(op, "_op", op)  # a private attribute: without it, the wrapper


_tanh_backward = _kernel("tanh_backward", "grad_input")
_sigmoid_backward = _kernel("sigmoid_backward", "grad_input")
_threshold_backward = _kernel("threshold_backward", "grad_input")
_leaky_relu_backward = _kernel("leaky_relu_backward", "grad_input")
_elu_backward = _kernel("elu_backward", "grad_input")
_gelu_backward = _kernel("gelu_backward", "grad_input")
_silu_backward = _kernel("silu_backward", "grad_input")
_softplus_backward = _kernel("softplus_backward", "grad_input")
_mse_loss_backward = _kernel("mse_loss_backward", "grad_input")
_huber_loss_backward = _kernel("huber_loss_backward", "out")
_nll_loss_forward = _kernel("nll_loss_forward")
_nll_loss_backward = _kernel("nll_loss_backward")
_log_softmax_backward = _kernel("_log_softmax_backward_data", "out")


# --- activations: forward into ``out``, backward in place on the gradient ------------------
class _Activation(NamedTuple):
    forward: Callable[[torch.Tensor, torch.Tensor], object]  # (z, out) -> writes f(z) into out
    backward: Callable[[torch.Tensor, torch.Tensor, torch.Tensor], object]  # (grad, z, f(z)) -> grad *= f'(z)
    needs_input: bool = True  # False: the backward reads f(z) only, so f(z) may overwrite z


def _activation(module: nn.Module) -> _Activation | None:
    """The forward and backward of an activation module, as autograd computes them; None
    for a module it does not know (exact types only: a subclass may compute otherwise)."""
    kind = type(module)
    if kind is nn.Tanh:
        return _Activation(lambda z, out: torch.tanh(z, out=out),
                           lambda g, z, a: _tanh_backward(g, a, grad_input=g), False)
    if kind is nn.Sigmoid:
        return _Activation(lambda z, out: torch.sigmoid(z, out=out),
                           lambda g, z, a: _sigmoid_backward(g, a, grad_input=g), False)
    if kind is nn.ReLU:
        return _Activation(lambda z, out: torch.clamp_min(z, 0, out=out),
                           lambda g, z, a: _threshold_backward(g, a, 0, grad_input=g), False)
    if kind is nn.LeakyReLU:
        slope = module.negative_slope
        return _Activation(lambda z, out: torch._C._nn.leaky_relu(z, slope, out=out),
                           lambda g, z, a: _leaky_relu_backward(g, z, slope, False, grad_input=g))
    if kind is nn.ELU:
        alpha = module.alpha
        return _Activation(lambda z, out: torch._C._nn.elu(z, alpha, out=out),
                           lambda g, z, a: _elu_backward(g, alpha, 1, 1, False, z, grad_input=g))
    if kind is nn.GELU:
        approximate = module.approximate
        return _Activation(lambda z, out: torch._C._nn.gelu(z, approximate=approximate, out=out),
                           lambda g, z, a: _gelu_backward(g, z, approximate=approximate, grad_input=g))
    if kind is nn.SiLU:
        return _Activation(lambda z, out: torch._C._nn.silu(z, out=out),
                           lambda g, z, a: _silu_backward(g, z, grad_input=g))
    if kind is nn.Softplus:
        beta, threshold = module.beta, module.threshold
        return _Activation(lambda z, out: torch._C._nn.softplus(z, beta, threshold, out=out),
                           lambda g, z, a: _softplus_backward(g, z, beta, threshold, grad_input=g))
    return None


# --- losses: the mean loss, and its gradient with respect to the output into ``grad`` ------
Loss = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]  # (out, y, grad, one)


def _mse(out, y, grad, one):
    _mse_loss_backward(one, out, y, MEAN, grad_input=grad)
    return torch._C._nn.mse_loss(out, y, MEAN)


def _l1(out, y, grad, one):
    # l1_loss is (out - y).abs().mean(); autograd's gradient: sgn(out - y) * (1 / n).
    torch.sub(out, y, out=grad)
    loss = grad.abs().mean()
    torch.sgn(grad, out=grad).div_(grad.numel())
    return loss


def _huber(delta: float) -> Loss:
    def huber(out, y, grad, one):
        _huber_loss_backward(one, out, y, MEAN, delta, grad_input=grad)
        return torch._C._nn.huber_loss(out, y, MEAN, delta)

    return huber


def _cross_entropy(out, y, grad, one):
    # CrossEntropyLoss is nll_loss(log_softmax(out)); backward through both, as autograd.
    log_p = torch._log_softmax(out, 1, False)
    loss, total = _nll_loss_forward(log_p, y, None, MEAN, -100)
    grad_log_p = _nll_loss_backward(one, log_p, y, None, MEAN, -100, total)
    _log_softmax_backward(grad_log_p, log_p, 1, out.dtype, out=grad)
    return loss


def _bce(out, y, grad, one):
    # Autograd's gradient of binary_cross_entropy_with_logits: (sigmoid(out) - y) / n.
    torch.sigmoid(out, out=grad).sub_(y).div_(out.numel())
    return torch.binary_cross_entropy_with_logits(out, y, None, None, MEAN)


def _loss(module: nn.Module) -> Loss | None:
    """The loss function of a loss module with its default options, or None."""
    kind = type(module)
    if getattr(module, "reduction", None) != "mean":
        return None
    if kind is nn.MSELoss:
        return _mse
    if kind is nn.L1Loss:
        return _l1
    if kind is nn.HuberLoss:
        return _huber(module.delta)
    if (kind is nn.CrossEntropyLoss and module.weight is None and module.label_smoothing == 0
            and module.ignore_index == -100):
        return _cross_entropy
    if kind is nn.BCEWithLogitsLoss and module.weight is None and module.pos_weight is None:
        return _bce
    return None


# --- optimizers: torch.optim's own update, as one fused or _foreach call -------------------
class _Update(NamedTuple):
    keys: Callable[[dict], tuple[str, ...]]  # the state tensors it needs, per parameter, for a param group
    apply: Callable[[dict, list, list, list], None]  # (group, params, grads, state lists in keys' order)
    # "step" comes first in keys when the optimizer counts steps; the caller adds 1 to the
    # step tensors before ``apply`` (as torch.optim does before its update)


def _sgd(group, params, grads, states):
    torch._fused_sgd_(params, grads, states[0] if states else [], weight_decay=group["weight_decay"],
                      momentum=group["momentum"], lr=group["lr"], dampening=group["dampening"],
                      nesterov=group["nesterov"], maximize=False, is_first_step=False, grad_scale=None, found_inf=None)


def _adam(group, params, grads, states):
    steps, exp_avgs, exp_avg_sqs = states
    fused = torch._fused_adamw_ if group["decoupled_weight_decay"] else torch._fused_adam_
    beta1, beta2 = group["betas"]
    fused(params, grads, exp_avgs, exp_avg_sqs, [], steps, amsgrad=False, lr=group["lr"], beta1=beta1, beta2=beta2,
          weight_decay=group["weight_decay"], eps=group["eps"], maximize=False, grad_scale=None, found_inf=None)


def _adagrad(group, params, grads, states):
    steps, sums = states
    torch._fused_adagrad_(params, grads, sums, steps, lr=group["lr"], lr_decay=group["lr_decay"],
                          weight_decay=group["weight_decay"], eps=group["eps"], maximize=False,
                          grad_scale=None, found_inf=None)


def _rmsprop(group, params, grads, states):
    """torch.optim.RMSprop's single-tensor update (its CPU default), one _foreach call per
    line: on the CPU a _foreach op applies the very same op to each tensor in turn."""
    square_avgs = states[1]
    alpha, eps, momentum, lr = group["alpha"], group["eps"], group["momentum"], group["lr"]
    if group["weight_decay"] != 0:
        grads = torch._foreach_add(grads, params, alpha=group["weight_decay"])
    torch._foreach_mul_(square_avgs, alpha)
    torch._foreach_addcmul_(square_avgs, grads, grads, value=1 - alpha)
    avg = torch._foreach_sqrt(square_avgs)
    torch._foreach_add_(avg, eps)
    if momentum > 0:
        buffers = states[2]
        torch._foreach_mul_(buffers, momentum)
        torch._foreach_addcdiv_(buffers, grads, avg)
        torch._foreach_add_(params, buffers, alpha=-lr)
    else:
        torch._foreach_addcdiv_(params, grads, avg, value=-lr)


def _update(optimizer: torch.optim.Optimizer) -> _Update | None:
    """The fast update for ``optimizer`` when it runs the implementation copied here (the
    fused one, or RMSprop's single-tensor one), else None (``optimizer.step()`` runs)."""
    group = optimizer.param_groups[0]
    if len(optimizer.param_groups) != 1 or group.get("maximize") or group.get("differentiable"):
        return None
    kind, fused = type(optimizer), group.get("fused")
    if kind is torch.optim.SGD and fused:
        return _Update(lambda g: ("momentum_buffer",) if g["momentum"] != 0 else (), _sgd)
    if kind in (torch.optim.Adam, torch.optim.AdamW) and fused and not group["amsgrad"]:
        return _Update(lambda g: ("step", "exp_avg", "exp_avg_sq"), _adam)
    if kind is torch.optim.Adagrad and fused:
        return _Update(lambda g: ("step", "sum"), _adagrad)
    if (kind is torch.optim.RMSprop and not group["foreach"] and not group["centered"]
            and not group["capturable"]):
        return _Update(lambda g: ("step", "square_avg") + (("momentum_buffer",) if g["momentum"] > 0 else ()),
                       _rmsprop)
    return None


# --- the step ------------------------------------------------------------------------------
def refusal(network: nn.Module, loss_fn: nn.Module, device: torch.device) -> str:
    """Why ``LeanStep`` cannot train ``network`` with ``loss_fn`` ("" when it can): "device"
    (not the CPU), "layers" (not Linear layers each followed by at most one known
    activation: batch norm, dropout, an unknown activation) or "loss"."""
    if device.type != "cpu":
        return "device"
    if _layers(network) is None:
        return "layers"
    if _loss(loss_fn) is None:
        return "loss"
    return ""


def _layers(network: nn.Module) -> list[tuple[nn.Linear, nn.Module | None]] | None:
    """(Linear, its activation module or None) for each layer, or None if it is not such a stack."""
    modules = list(network.children()) if isinstance(network, nn.Sequential) else []
    layers: list[tuple[nn.Linear, nn.Module | None]] = []
    for module in modules:
        if type(module) is nn.Linear and module.bias is not None:
            layers.append((module, None))
        elif layers and layers[-1][1] is None and _activation(module) is not None:
            layers[-1] = (layers[-1][0], module)
        else:
            return None
    return layers or None


class _Buffers:
    """Everything one step writes, for one batch size: per layer its pre-activations ``z``,
    activations ``a`` (``z`` itself without an activation, or when the activation's
    backward needs only its output) and the loss's gradient with respect to ``z``
    (``delta``, written in place through the activation's backward). A layer's delta is
    used up once the layer below has its own, so two blocks hold them all, alternately:
    no more memory than autograd's saved tensors."""

    def __init__(self, widths: list[int], activations: list[_Activation | None], rows: int, like: torch.Tensor):
        self.z = [like.new_empty(rows, width) for width in widths]
        self.a = [like.new_empty(rows, width) if act is not None and act.needs_input else z
                  for z, width, act in zip(self.z, widths, activations)]
        blocks = [like.new_empty(rows * max(widths)) for _ in range(2)]
        self.delta = [blocks[i % 2][: rows * width].view(rows, width) for i, width in enumerate(widths)]
        self.delta_t = [d.t() for d in self.delta]


class LeanStep:
    """One training step of a plain Linear/activation stack without autograd (see the module
    docstring); call it with a batch ``(x, y)`` as the trainer's step. ``weights``: the
    Linear weights the regularization (``penalty``: "none", "l1" or "l2", and its rate)
    applies to, as playground.nn.model.weight_penalty takes them.
    """

    def __init__(self, network: nn.Sequential, loss_fn: nn.Module, optimizer: torch.optim.Optimizer,
                 penalty: tuple[str, float] = ("none", 0.0), weights: list[torch.Tensor] = ()):
        layers = _layers(network)
        loss = _loss(loss_fn)
        if layers is None or loss is None:
            raise ValueError("LeanStep trains only plain Linear/activation stacks with a known loss (see refusal)")
        self._loss = loss
        # What the step computes, apart from the numbers: steps with equal signatures can be
        # computed together (group_step); _loss accepts only default options but Huber's delta.
        self.signature = (tuple((linear.in_features, linear.out_features, repr(act)) for linear, act in layers),
                          type(loss_fn), getattr(loss_fn, "delta", None))
        self._optimizer = optimizer
        self._group, self._update = optimizer.param_groups[0], _update(optimizer)
        self._module_params = [p for linear, _ in layers for p in (linear.weight, linear.bias)]
        if {id(p) for p in self._module_params} != {id(p) for group in optimizer.param_groups for p in group["params"]}:
            raise ValueError("the optimizer must train exactly the network's parameters")
        self._params = [p.detach() for p in self._module_params]  # share storage: updates reach the module
        self._weights = self._params[0::2]  # (out, in), as used by the backward
        self._weights_t = [w.t() for w in self._weights]  # (in, out), as addmm takes them
        self._biases = self._params[1::2]
        self._activations = [_activation(act) if act is not None else None for _, act in layers]
        self._widths = [linear.out_features for linear, _ in layers]
        self._grads = [torch.empty_like(p) for p in self._params]
        self._grad_weights, self._grad_biases = self._grads[0::2], self._grads[1::2]
        kind, rate = penalty
        penalised = {id(w) for w in weights}
        self._penalised = [i for i, (linear, _) in enumerate(layers) if id(linear.weight) in penalised]
        self._penalty = (kind, float(rate)) if kind != "none" and rate != 0 and self._penalised else None
        self._one = self._params[0].new_ones(())  # d loss / d loss, as autograd starts the backward
        self._buffers: dict[int, _Buffers] = {}
        self._states: tuple[object, tuple[str, ...], list[list[torch.Tensor]]] | None = None
        self._flat: tuple | None = None  # finish_flat's state: see _flatten_state
        self.steps = 0  # steps trained
        self.fused_steps = 0  # of which updated by the fused call (the rest: optimizer.step())

    def __call__(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Train one step on the batch; returns its loss (a new 0-d tensor, without regularization)."""
        rows = x.shape[0]
        buffers = self._buffers.get(rows)
        if buffers is None:
            buffers = self._buffers[rows] = _Buffers(self._widths, self._activations, rows, self._params[0])
        zs, outs, deltas = buffers.z, buffers.a, buffers.delta
        a = x
        for w_t, b, act, z, out in zip(self._weights_t, self._biases, self._activations, zs, outs):
            torch.addmm(b, a, w_t, out=z)
            if act is not None:
                act.forward(z, out)
            a = out
        loss = self._loss(a, y, deltas[-1], self._one)
        for i in range(len(zs) - 1, -1, -1):
            delta = deltas[i]  # d loss / d a of layer i; then, through the activation, d loss / d z
            act = self._activations[i]
            if act is not None:
                act.backward(delta, zs[i], outs[i])
            torch.mm(buffers.delta_t[i], outs[i - 1] if i else x, out=self._grad_weights[i])
            torch.sum(delta, 0, out=self._grad_biases[i])
            if i:
                torch.mm(delta, self._weights[i], out=deltas[i - 1])
        self.finish()
        return loss

    def finish(self) -> None:
        """The step's end, once the gradients are in ``grads``: the regularization's gradient
        and the optimizer's update (playground.training.group_step computes the gradients of
        several runs at once and calls this for each)."""
        if self._penalty is not None:
            self._add_penalty()
        self._step_optimizer()
        self.steps += 1

    @property
    def kernels(self) -> tuple[list[_Activation | None], Loss, torch.Tensor]:
        """Each layer's activation (forward, backward), the loss (value and gradient), and
        the loss's gradient with respect to itself (1): what group_step computes with."""
        return self._activations, self._loss, self._one

    @property
    def params(self) -> list[torch.Tensor]:
        """The parameters the step updates (detached, sharing the modules' storage): weight and
        bias of each layer in turn."""
        return self._params

    @property
    def grads(self) -> list[torch.Tensor]:
        """Where the step's gradients go, in ``params``' order."""
        return self._grads

    def move_to(self, params: list[torch.Tensor], grads: list[torch.Tensor]) -> None:
        """Keep the parameters in ``params`` (holding their current values) and the gradients
        in ``grads`` from now on: the modules' parameters are pointed at them too (the same
        Parameter objects, so the optimizer's state stays theirs). For group_step, which
        stacks several runs' parameters into one tensor per layer."""
        for module_param, param in zip(self._module_params, params):
            module_param.data = param
        self._params = [p.detach() for p in self._module_params]
        self._weights, self._biases = self._params[0::2], self._params[1::2]
        self._weights_t = [w.t() for w in self._weights]
        self._grads = list(grads)
        self._grad_weights, self._grad_biases = self._grads[0::2], self._grads[1::2]

    def _add_penalty(self) -> None:
        """Add the regularization's gradient, as autograd finds it for weight_penalty's term:
        L1 ``rate * sgn(w)``, L2 ``rate * w`` (the 1/2 and the square's 2 cancel exactly)."""
        kind, rate = self._penalty
        weights = [self._weights[i] for i in self._penalised]
        terms = torch._foreach_sign(weights) if kind == "l1" else torch._foreach_mul(weights, rate)
        if kind == "l1":
            torch._foreach_mul_(terms, rate)
        torch._foreach_add_([self._grad_weights[i] for i in self._penalised], terms)

    def _step_optimizer(self) -> None:
        group = self._optimizer.param_groups[0]  # read each step: the rate changes live
        if group is not self._group:  # load_state_dict replaced it, flags (fused or not) and all
            self._group, self._update, self._flat = group, _update(self._optimizer), None
        states = self._state_lists(group) if self._update is not None else None
        if states is None:  # an optimizer without a fast update, or its state not created yet
            for p, g in zip(self._module_params, self._grads):
                p.grad = g
            self._optimizer.step()
            return
        if self._states[1][:1] == ("step",):  # the keys the lists were made for
            torch._foreach_add_(states[0], 1)
        self._update.apply(group, self._params, self._grads, states)
        self.fused_steps += 1

    def finish_flat(self, params: torch.Tensor, grads: torch.Tensor) -> bool:
        """``finish`` on one flat tensor each: ``params`` and ``grads`` hold this step's
        parameters and gradients end to end (group_step's layout: ``params`` is the tensor
        whose slices they are). The optimizer's state is kept the same way, one flat tensor
        per kind of state, its per-parameter tensors made views of it (torch.optim's
        ``step()`` and state dict see the same numbers): the update is then one call on one
        tensor instead of one per parameter. False (nothing done) while that cannot be: no
        fused update, or torch.optim has not made its state yet (``finish`` does then)."""
        group = self._optimizer.param_groups[0]
        if group is not self._group:
            self._group, self._update, self._flat = group, _update(self._optimizer), None
        if self._update is None:
            return False
        keys = self._update.keys(group)
        flat = self._flat
        if flat is None or flat[0] is not self._optimizer.state or flat[1] != keys:
            flat = self._flat = self._flatten_state(keys)
            if flat is None:
                return False
        if self._penalty is not None:
            self._add_penalty()
        states = flat[2]
        if keys[:1] == ("step",):
            flat[3].add_(1)  # every parameter's step count
        self._update.apply(group, [params], [grads], states)
        self.steps += 1
        self.fused_steps += 1
        return True

    def _flatten_state(self, keys: tuple[str, ...]) -> tuple | None:
        """(the state dict, keys, state lists of one flat tensor each, the step counts) with
        torch.optim's per-parameter state tensors moved into flat tensors; None before they exist."""
        lists = self._state_lists(self._group)
        if lists is None:
            return None
        state, flat_lists, counts = self._optimizer.state, [], None
        for key, tensors in zip(keys, lists):
            if key == "step":  # one count per parameter, equal; the fused calls read the first
                counts = torch.stack([t.reshape(()) for t in tensors])
                views = list(counts.unbind())
                flat_lists.append([counts[0]])
            else:
                flat = torch.cat([t.reshape(-1) for t in tensors])
                views = [chunk.view_as(t) for chunk, t in zip(flat.split([t.numel() for t in tensors]), tensors)]
                flat_lists.append([flat])
            for param, view in zip(self._module_params, views):
                state[param][key] = view
        self._states = None  # the per-parameter lists held the tensors just replaced
        return state, keys, flat_lists, counts

    def _state_lists(self, group: dict) -> list[list[torch.Tensor]] | None:
        """torch.optim's state tensors the update needs, one list per key, or None before
        the optimizer has created them. Kept until the optimizer's state dict is replaced
        (load_state_dict): torch.optim updates its state tensors in place."""
        keys = self._update.keys(group)
        state = self._optimizer.state
        cached = self._states
        if cached is not None and cached[0] is state and cached[1] == keys:
            return cached[2]
        lists = [[state.get(p, {}).get(key) for p in self._module_params] for key in keys]
        if not all(torch.is_tensor(t) for tensors in lists for t in tensors):
            return None
        self._states = (state, keys, lists)
        return lists


def make_lean_step(network: nn.Module, loss_fn: nn.Module, optimizer: torch.optim.Optimizer, device: torch.device,
                   penalty: tuple[str, float], weights: list[torch.Tensor]) -> LeanStep | None:
    """The lean step for this network, or None when it needs autograd's (see refusal)."""
    if refusal(network, loss_fn, device):
        return None
    return LeanStep(network, loss_fn, optimizer, penalty, weights)
