"""Export: a design as a standalone PyTorch script."""
