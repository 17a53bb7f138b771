"""Which torch device a run uses: auto picks the best present; an absent one falls back to CPU.

The availability checks are injectable so the selection logic is tested on machines
without a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class DeviceChoice:
    requested: str  # "auto" | "cpu" | "cuda" | "mps"
    device: str  # the torch device actually used: "cpu" | "cuda" | "mps"
    notice: str = ""  # set when the request could not be honoured; meant for the user (English)

    @property
    def label(self) -> str:
        return {"cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}[self.device]


def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def _mps_available() -> bool:
    import torch

    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def unavailable_reasons(
    cuda_available: Callable[[], bool] = _cuda_available,
    mps_available: Callable[[], bool] = _mps_available,
) -> dict[str, str]:
    """Device name -> why it cannot be used here; devices that work are absent."""
    reasons = {}
    if not cuda_available():
        reasons["cuda"] = "No CUDA GPU found (needs an NVIDIA GPU, its driver and a CUDA build of PyTorch)."
    if not mps_available():
        reasons["mps"] = "Apple's MPS is not available (needs a Mac with Apple silicon and macOS 12.3 or later)."
    return reasons


def select_device(
    requested: str,
    cuda_available: Callable[[], bool] = _cuda_available,
    mps_available: Callable[[], bool] = _mps_available,
) -> DeviceChoice:
    """Resolve a design's device setting to the device a run will use."""
    if requested == "cpu":
        return DeviceChoice("cpu", "cpu")
    if requested == "auto":
        if cuda_available():
            return DeviceChoice("auto", "cuda")
        if mps_available():
            return DeviceChoice("auto", "mps")
        return DeviceChoice("auto", "cpu")
    if requested not in ("cuda", "mps"):
        raise ValueError(f"unknown device {requested!r}")
    available = cuda_available() if requested == "cuda" else mps_available()
    if available:
        return DeviceChoice(requested, requested)
    reason = unavailable_reasons(cuda_available, mps_available)[requested]
    return DeviceChoice(requested, "cpu", f"{requested.upper()} was asked for but is not available: {reason} Training on the CPU instead.")
