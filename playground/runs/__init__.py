"""What a run leaves: its history (losses, evaluations), its checkpoints and weights files."""
