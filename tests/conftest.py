"""Every test trains eagerly unless it asks for the compiled step.

Compiling a training step takes 10-40 s of CPU the first time per network; the
tests that are about the compiled step remove NN_PLAYGROUND_EAGER themselves
(``monkeypatch.delenv``). Spawned training processes inherit the variable.
"""

import os

os.environ["NN_PLAYGROUND_EAGER"] = "1"  # playground.fast_step.EAGER_ENV (imported here it would load torch)
