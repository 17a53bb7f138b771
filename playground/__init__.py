"""NN Playground: build a neural network, train it live with PyTorch, watch inside.

The core (this package, without ``playground.ui``) never imports Qt: the window,
the command line and the tests all drive the same engine.
"""

__version__ = "0.1.0"
