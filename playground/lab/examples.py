"""The course's tensor examples and exercises (resources/lab/), loaded and validated as data; torch-free."""
