"""The exported script's training part: the batches of each epoch, the
regularization penalty, ``evaluate()``, ``train_epoch()`` and ``train()``, with the
design's loss and optimizer and the engine's batch rule (``design.rules.batch_cuts``,
copied as source).

The pieces are separate because the notebook (``playground.export.notebook``) puts the
same text in its cells: the definitions as they are, and ``train()``'s statements
(``LOAD_DATA``, ``MODEL_SETUP``, ``optimizer_setup``, ``epoch_report``, ``RESULTS``) at
the top level of a cell instead of inside the function.
"""

from __future__ import annotations

from textwrap import indent

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


def batches_code(design: Design, data: dict) -> str:
    if not shuffles(design, data):
        return '''
def batches(x, y, shuffle, order=None):
    """Batch gradient descent: the whole training set is one batch, so one step per epoch."""
    return [(x, y)]
'''
    what = {
        "stochastic": "Stochastic gradient descent (one sample per step)",
        "minibatch": "Mini-batch gradient descent (BATCH_SIZE samples per step)",
    }[design.training.batch_mode]
    batches = f'''
def batches(x, y, shuffle, order=None):
    """{what}: the training set in a new
    random order each epoch (or in `order`, a saved epoch's), cut into batches."""
    if order is None:
        order = torch.randperm(len(x), generator=shuffle)
    cuts = batch_cuts(len(x), BATCH_SIZE, has_batchnorm={design.has_batchnorm})
    return list(zip(torch.tensor_split(x[order], cuts), torch.tensor_split(y[order], cuts)))
'''
    return join(source(rules.batch_cuts), batches)


def penalty_code(design: Design) -> str:
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


def evaluate_code(design: Design) -> str:
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


def train_epoch_code(design: Design) -> str:
    """``train_epoch()``: one epoch's steps, the one loop body of the script and the notebook."""
    backward = "(loss + penalty(model)).backward()" if penalty_code(design) else "loss.backward()"
    return f'''
def train_epoch(model, loss_fn, optimizer, batches):
    """A step for each batch, in order; the training loss of each step (without regularization)."""
    losses = []
    for x, y in batches:
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        {backward}
        optimizer.step()
        losses.append(loss.item())
    return losses
'''


LOAD_DATA = "x_train, y_train, x_test, y_test = make_data()"

MODEL_SETUP = """
torch.manual_seed(SEED)  # the initial weights, then dropout
model = build_model()
"""


def optimizer_setup(design: Design) -> str:
    """The loss function, the optimizer and the generator of the batches' order, made after the model."""
    loss = torch_name(registry.LOSSES[design.loss].torch_class)
    return f"""
loss_fn = {loss}()
optimizer = {_optimizer_code(design)}
shuffle = torch.Generator().manual_seed(SEED)  # each epoch's batch order
"""


def epoch_report(stop: str) -> str:
    """After an epoch's ``losses``: its mean printed as ``epoch N  train loss L`` (the line the
    tests read), and ``stop`` (a statement) when it is no longer a finite number."""
    return f"""
mean = sum(losses) / len(losses)  # the mean training loss of this epoch's steps (without regularization)
print(f"epoch {{epoch}}  train loss {{mean:.8g}}")
if not math.isfinite(mean):
    print("The loss is no longer a finite number: training diverged. Try a lower learning rate.")
    {stop}
"""


RESULTS = """
for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
    loss, accuracy = evaluate(model, loss_fn, x, y)
    print(f"{name} loss {loss:.6f}" + ("" if accuracy is None else f", accuracy {accuracy:.1%}"))
"""


def _train_code(design: Design) -> str:
    body = "\n".join([
        LOAD_DATA, MODEL_SETUP.strip(), optimizer_setup(design).strip(), "print(model)",
        "for epoch in range(1, epochs + 1):",
        indent("losses = train_epoch(model, loss_fn, optimizer, batches(x_train, y_train, shuffle))\n"
               + epoch_report("return model").strip(), "    "),
        RESULTS.strip(), "return model",
    ])
    return ('def train(epochs):\n    """Train for `epochs`, printing each epoch\'s mean training loss, then the final figures."""\n'
            + indent(body, "    "))


def training_code(design: Design, data: dict) -> str:
    """The script's training part: the definitions the notebook shares, then ``train()``."""
    return join(batches_code(design, data), penalty_code(design), evaluate_code(design), train_epoch_code(design),
                _train_code(design))
