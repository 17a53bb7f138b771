"""Lessons: the file format, its vocabulary of metrics, the goal evaluator and the headless solver."""
