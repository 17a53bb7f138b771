"""The data: built-in dataset generators and CSV import. Torch-free (numpy)."""
