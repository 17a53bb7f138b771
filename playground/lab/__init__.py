"""The tensor lab: the learner's own torch code run in a separate process, what comes back
(playground.lab.messages, torch-free), the runner (playground.lab.runner, torch), the
course's examples and exercises (playground.lab.examples, torch-free)."""
