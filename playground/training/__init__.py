"""Training: the eager trainer, the compiled step, the loop that paces steps and snapshots, and the training process."""
