"""The Tensor lab in the window: the lab window (window.LabWindow: examples, editor, drawings,
exercises), the bridge to the lab's process (bridge.LabBridge) and what the window shows
of the course (course: examples and exercises as the window lists them)."""
