"""The course's stages, in the order our learners' course takes them: the one list the
lesson files (their ``stage``) and the presets (their ``concept`` in the preset index)
name, and the lesson list and Open Preset menu group by. The window translates the
words (context "Course")."""

from __future__ import annotations

from playground.design.translatable import QT_TRANSLATE_NOOP

STAGE_WORDS = {
    "perceptron": QT_TRANSLATE_NOOP("Course", "The neuron and the perceptron"),
    "feed_forward": QT_TRANSLATE_NOOP("Course", "Feed-forward networks and XOR"),
    "loss_functions": QT_TRANSLATE_NOOP("Course", "Loss functions"),
    "learning_rate": QT_TRANSLATE_NOOP("Course", "Gradient descent and the learning rate"),
    "optimizers": QT_TRANSLATE_NOOP("Course", "Optimizers"),
    "backpropagation": QT_TRANSLATE_NOOP("Course", "Back-propagation"),
    "vanishing_gradients": QT_TRANSLATE_NOOP("Course", "Activation functions and vanishing gradients"),
    "batching": QT_TRANSLATE_NOOP("Course", "Batches, mini-batches and epochs"),
    "batch_norm": QT_TRANSLATE_NOOP("Course", "Batch normalization"),
}
STAGES = tuple(STAGE_WORDS)
