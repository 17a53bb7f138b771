"""The exported notebook's plots, as code: the data, the loss curve, and what the model
learned (the decision boundary or predicted value over the plane for 2-D data, the
fitted curve for 1-D data).

Each plot's code runs only when matplotlib imports (a notebook on Colab has it; a plain
kernel may not): without it the cell prints ``say_no_plot`` and the notebook goes on.
The plots use what the earlier cells made (``make_points()``, ``inputs()``, ``model``,
``step_losses``, ``epoch_losses``) and nothing of the app.
"""

from __future__ import annotations

import json
from textwrap import dedent, indent

from playground.design import registry
from playground.design.schema import Design

# How each kind of output is coloured: (colour map, lowest, highest); None: the data's own range.
_COLOURS = {"logit": ("coolwarm", 0, 1), "class_logits": ("tab10", 0, 9), "value": ("viridis", None, None)}


def guarded(code: str, no_plot: str) -> str:
    """``code`` run only when matplotlib can be imported; otherwise the cell says ``no_plot``."""
    return ("try:\n    import matplotlib.pyplot as plt\nexcept ImportError:\n"
            f"    print({json.dumps(no_plot, ensure_ascii=False)})\nelse:\n" + indent(dedent(code).strip("\n"), "    "))


def data_plot(design: Design, kind: str) -> str | None:
    """The code that draws the data (None for a CSV file, whose columns have no one picture)."""
    if kind == "2d":
        return _POINTS + _colours(design) + """
fig, ax = plt.subplots(figsize=(5, 5))
ax.scatter(*points[train].T, c=labels[train], cmap=CMAP, vmin=LOW, vmax=HIGH, s=14, edgecolors="k", linewidths=0.3)
ax.scatter(*points[test].T, c=labels[test], cmap=CMAP, vmin=LOW, vmax=HIGH, s=18, marker="x")
ax.set(xlabel="x1", ylabel="x2", title="The data (dots: training, crosses: test)")
plt.show()
"""
    if kind == "1d":
        return """
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(x_train[:, 0], y_train[:, 0], s=12, label="training data")
ax.scatter(x_test[:, 0], y_test[:, 0], s=16, marker="x", label="test data")
ax.set(xlabel="x", ylabel="y", title="The data")
ax.legend()
plt.show()
"""
    if kind == "digits":
        return """
fig, axes = plt.subplots(1, 10, figsize=(10, 1.6))
for ax, image, digit in zip(axes, x_train[:10], y_train[:10]):
    ax.imshow(image.reshape(8, 8), cmap="gray_r")
    ax.set_title(int(digit))
    ax.axis("off")
plt.show()
"""
    return None


LOSS_PLOT = """
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(range(1, len(step_losses) + 1), step_losses, lw=0.8, alpha=0.5, label="each step")
if epoch_losses:
    ax.plot(*zip(*epoch_losses), "o-", label="each epoch's mean")
ax.set(xlabel="step (in this notebook)", ylabel="training loss", title="Training loss")
ax.legend()
plt.show()
"""


def model_plot(design: Design, kind: str) -> str | None:
    """The code that draws what the model learned: over the plane (2-D data) or along x (1-D data)."""
    if kind == "1d":
        return """
xs = np.linspace(-1.1, 1.1, 400, dtype=np.float32)
model.eval()  # dropout off, BatchNorm's running statistics
with torch.no_grad():
    ys = model(inputs(xs))[:, 0].numpy()
model.train()
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(x_train[:, 0], y_train[:, 0], s=12, label="training data")
ax.scatter(x_test[:, 0], y_test[:, 0], s=16, marker="x", label="test data")
ax.plot(xs, ys, color="k", lw=2, label="the model")
ax.set(xlabel="x", ylabel="y", title="The fitted curve")
ax.legend()
plt.show()
"""
    if kind != "2d":
        return None
    head = registry.LOSSES[design.loss].head
    shade = {
        "logit": """
z = torch.sigmoid(out[:, 0]).reshape(g1.shape).numpy()  # the probability of class 1
ax.contourf(g1, g2, z, levels=np.linspace(0, 1, 21), cmap=CMAP, alpha=0.45)
ax.contour(g1, g2, z, levels=[0.5], colors="k", linewidths=1.5)  # the decision boundary
""",
        "class_logits": """
z = out.argmax(1).reshape(g1.shape).numpy()  # the predicted class
ax.pcolormesh(g1, g2, z, cmap=CMAP, vmin=LOW, vmax=HIGH, alpha=0.3, shading="auto")
ax.contour(g1, g2, z, levels=np.arange(z.max()) + 0.5, colors="k", linewidths=1)  # the decision boundaries
""",
        "value": """
z = out[:, 0].reshape(g1.shape).numpy()  # the predicted value
ax.pcolormesh(g1, g2, z, cmap=CMAP, vmin=LOW, vmax=HIGH, alpha=0.6, shading="auto")
""",
    }[head]
    title = "The prediction" if head == "value" else "The decision boundary"
    return _POINTS + _colours(design) + """
(left, bottom), (right, top) = points.min(0) - 0.5, points.max(0) + 0.5
g1, g2 = np.meshgrid(np.linspace(left, right, 200, dtype=np.float32), np.linspace(bottom, top, 200, dtype=np.float32))
model.eval()  # dropout off, BatchNorm's running statistics
with torch.no_grad():
    out = model(inputs(np.stack([g1.ravel(), g2.ravel()], axis=1)))
model.train()
fig, ax = plt.subplots(figsize=(5, 5))""" + shade + f"""ax.scatter(*points.T, c=labels, cmap=CMAP, vmin=LOW, vmax=HIGH, s=14, edgecolors="k", linewidths=0.3)
ax.set(xlabel="x1", ylabel="x2", title="{title}")
plt.show()
"""


_POINTS = "points, labels, train, test = make_points()\n"


def _colours(design: Design) -> str:
    cmap, low, high = _COLOURS[registry.LOSSES[design.loss].head]
    if low is None:
        return f'CMAP, LOW, HIGH = "{cmap}", labels.min(), labels.max()  # the colour of each value'
    return f'CMAP, LOW, HIGH = "{cmap}", {low}, {high}  # the colour of each class'
