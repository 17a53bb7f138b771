"""The exported script's training part: the batches of each epoch, the
regularization penalty, ``evaluate()`` and ``train()``, with the design's loss and
optimizer and the engine's batch rule (``design.rules.batch_cuts``, copied as source).
"""

from __future__ import annotations

from playground.design import registry, rules
from playground.design.schema import Design
from playground.export.source import call, join, literal, source, torch_name


def shuffles(design: Design, data: dict) -> bool:
    """Whether an epoch has several batches, drawn in a new order each epoch."""
    return rules.batch_size(design.training, data["n_train"]) < data["n_train"]


def _optimizer_code(design: Design) -> str:
    entry = registry.OPTIMIZERS[design.optimizer.name]
    kwargs = {k: "LEARNING_RATE" if k == "lr" else literal(v) for k, v in entry.torch_kwargs(design.optimizer).items()}
    return call(torch_name(entry.torch_class), "model.parameters()", kwargs)


def _batches_code(design: Design, data: dict) -> str:
    if not shuffles(design, data):
        return '''
def batches(x, y, shuffle):
    """Batch gradient descent: the whole training set is one batch, so one step per epoch."""
    return [(x, y)]
'''
    what = {
        "stochastic": "Stochastic gradient descent (one sample per step)",
        "minibatch": "Mini-batch gradient descent (BATCH_SIZE samples per step)",
    }[design.training.batch_mode]
    batches = f'''
def batches(x, y, shuffle):
    """{what}: the training set in a new
    random order each epoch, cut into batches."""
    order = torch.randperm(len(x), generator=shuffle)
    cuts = batch_cuts(len(x), BATCH_SIZE, has_batchnorm={design.has_batchnorm})
    return list(zip(torch.tensor_split(x[order], cuts), torch.tensor_split(y[order], cuts)))
'''
    return join(source(rules.batch_cuts), batches)


def _penalty_code(design: Design) -> str:
    kind = design.training.regularization
    if kind == "none" or design.training.regularization_rate == 0:
        return ""
    if kind == "l1":
        doc, expr = "L1 regularization: RATE * sum(|w|)", "REGULARIZATION_RATE * sum(w.abs().sum() for w in weights)"
    else:
        doc = "L2 regularization: RATE * sum(w^2) / 2"
        expr = "REGULARIZATION_RATE * 0.5 * sum(w.pow(2).sum() for w in weights)"
    return f'''
def penalty(model):
    """{doc}, over every Linear layer's weights (not the biases)."""
    weights = [m.weight for m in model if isinstance(m, nn.Linear)]
    return {expr}
'''


def _evaluate_code(design: Design) -> str:
    head = registry.LOSSES[design.loss].head
    if head == "logit":
        accuracy = "((out[:, 0] > 0).float() == y[:, 0]).float().mean().item()"
    elif head == "class_logits":
        accuracy = "(out.argmax(1) == y).float().mean().item()"
    else:
        accuracy = "None  # regression: no accuracy"
    return f'''
@torch.no_grad()
def evaluate(model, loss_fn, x, y):
    """(loss, accuracy) on a whole set, with dropout off and BatchNorm's running statistics."""
    model.eval()
    out = model(x)
    model.train()
    return loss_fn(out, y).item(), {accuracy}
'''


def training_code(design: Design, data: dict) -> str:
    penalty = _penalty_code(design)
    backward = "(loss + penalty(model)).backward()" if penalty else "loss.backward()"
    loss = torch_name(registry.LOSSES[design.loss].torch_class)
    train = f'''
def train(epochs):
    """Train for `epochs`, printing each epoch's mean training loss, then the final figures."""
    x_train, y_train, x_test, y_test = make_data()
    torch.manual_seed(SEED)  # the initial weights, then dropout
    model = build_model()
    loss_fn = {loss}()
    optimizer = {_optimizer_code(design)}
    shuffle = torch.Generator().manual_seed(SEED)  # each epoch's batch order
    print(model)
    for epoch in range(1, epochs + 1):
        total, steps = 0.0, 0
        for x, y in batches(x_train, y_train, shuffle):
            loss = loss_fn(model(x), y)
            optimizer.zero_grad()
            {backward}
            optimizer.step()
            total, steps = total + loss.item(), steps + 1
        mean = total / steps  # the mean training loss of this epoch's steps (without regularization)
        print(f"epoch {{epoch}}  train loss {{mean:.8g}}")
        if not math.isfinite(mean):
            print("The loss is no longer a finite number: training diverged. Try a lower learning rate.")
            return model
    for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        loss, accuracy = evaluate(model, loss_fn, x, y)
        print(f"{{name}} loss {{loss:.6f}}" + ("" if accuracy is None else f", accuracy {{accuracy:.1%}}"))
    return model
'''
    return join(
        "# --- training ------------------------------------------------------------------\n"
        + _batches_code(design, data).strip("\n"),
        penalty,
        _evaluate_code(design),
        train,
    )
