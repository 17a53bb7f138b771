"""The design: what a learner builds (schema), its rules and shapes, its names (registry), its files and presets. Torch-free."""
