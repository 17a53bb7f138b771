"""The training run's own words in the interface language: why it diverged, which device
it trains on instead of the one asked for, and how its steps run (eager or compiled)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.design import registry
from playground.ui.labels import layer_name


def divergence_message(kind: str, step: int, epoch: int, layer: str, lr: float) -> str:
    first = (QCoreApplication.translate("EngineMessages", "Training diverged: the loss became NaN at step {0} (epoch {1}).") if kind == "NaN"
             else QCoreApplication.translate("EngineMessages", "Training diverged: the loss became infinite at step {0} (epoch {1}).")).format(f"{step:,}", epoch)
    where = (QCoreApplication.translate("EngineMessages", "{0} was the first layer whose weights stopped being finite numbers.").format(layer_name(layer))
             if layer else QCoreApplication.translate("EngineMessages", "The weights are still finite, but the outputs grew too large for the loss."))
    advice = QCoreApplication.translate("EngineMessages", "The updates grew too large. Try a lower learning rate (now {0}; e.g. {1}), an adaptive optimizer "
                 "such as Adam, batch normalization, or regularization; then reset the run.").format(f"{lr:g}", f"{lr / 10:g}")
    return f"{first} {where} {advice}"


def device_reason(device: str, english: str = "") -> str:
    return {
        "cuda": QCoreApplication.translate("EngineMessages", "No CUDA GPU found (needs an NVIDIA GPU, its driver and a CUDA build of PyTorch)."),
        "mps": QCoreApplication.translate("EngineMessages", "Apple's MPS is not available (needs a Mac with Apple silicon and macOS 12.3 or later)."),
    }.get(device, english)


def device_notice(choice) -> str:
    """Why the run is on the CPU although another device was asked for ("" when it was not)."""
    if not choice.notice:
        return ""
    return QCoreApplication.translate("EngineMessages", "{0} was asked for but is not available: {1} Training on the CPU instead.").format(
        registry.DEVICES.get(choice.requested, choice.requested), device_reason(choice.requested))


def step_mode_text(mode) -> tuple[str, str]:
    """(status bar text, tooltip) for a playground.nn.probes.StepMode (None: not known yet)."""
    eager = QCoreApplication.translate("StepMode", "eager")
    plain = QCoreApplication.translate("StepMode", "How each step runs: eager PyTorch, one operation at a time.")
    if mode is None or (mode.mode == "eager" and not mode.reason):
        return eager, plain
    if mode.mode == "compiled":
        return _compiled_text(mode)
    if mode.mode == "eager" and mode.reason == "frozen":
        return packaged_app_text()
    if mode.mode == "compiling":
        tip = QCoreApplication.translate(
            "StepMode",
            "Training runs eagerly while a faster compiled step is prepared in the background: a few seconds, "
            "up to a minute the first time a network is compiled. It takes over by itself when ready.")
        return QCoreApplication.translate("StepMode", "eager, compiling…"), tip
    reasons = {
        "off": QCoreApplication.translate("StepMode", "The compiled training step is turned off (Training menu)."),
        "no_compiler": QCoreApplication.translate(
            "StepMode", "No C++ compiler was found, so training runs eagerly. With one installed (g++ or "
                        "clang, or Visual Studio Build Tools on Windows) small networks train several times "
                        "faster."),
        "dropout": QCoreApplication.translate(
            "StepMode", "Designs with dropout train eagerly: a compiled step draws different random numbers, "
                        "so its results would not match eager PyTorch."),
        "device": QCoreApplication.translate("StepMode", "Compiling is not supported on this device, so training runs eagerly."),
        "optimizer": QCoreApplication.translate(
            "StepMode", "This optimizer has no compiled step, so training runs eagerly."),
        "failed": QCoreApplication.translate(
            "StepMode", "Compiling failed, so training runs eagerly. The error was: {0}").format(mode.detail),
        "grouped": QCoreApplication.translate(
            "StepMode", "The runs of this comparison that share a network shape train together in one batched "
                        "eager step, which is faster than compiling each of them."),
    }
    return eager, reasons.get(mode.reason, plain)


def packaged_app_text() -> tuple[str, str]:
    """(status bar text, tooltip) in the packaged app, which never compiles: the label itself
    says so, since nothing the learner can do there changes it (the Training menu's
    "Compiled training step" is off and disabled there)."""
    return (QCoreApplication.translate("StepMode", "eager: the packaged app does not compile the training step"),
            QCoreApplication.translate(
                "StepMode", "The packaged app trains with eager PyTorch, one operation at a time: compiling the "
                            "training step needs PyTorch's C++ headers and a C++ compiler, which it does not include. "
                            "The losses are the same; on small networks, NN Playground installed from source with a "
                            "C++ compiler trains several times faster."))


def _compiled_text(mode) -> tuple[str, str]:
    """(status bar text, tooltip) once the compiled step is ready: "compiled" only when
    compiled steps ran since the last snapshot, else eager and why (StepMode's counts)."""
    about = QCoreApplication.translate(
        "StepMode",
        "Training steps run as one compiled function (torch.compile): the same losses as eager PyTorch, "
        "several times faster on small networks. Compiling took {0} s.").format(f"{mode.seconds:.1f}")
    total = mode.compiled_steps + mode.eager_steps
    if total == 0:
        return (QCoreApplication.translate("StepMode", "compiled, ready"),
                about + " " + QCoreApplication.translate("StepMode", "No step ran since the last update."))
    k = mode.call_steps
    why = {
        "probe": QCoreApplication.translate(
            "StepMode", "The step the dashboards inspect, one per update, runs eagerly."),
        "epoch_end": QCoreApplication.translate(
            "StepMode", "At the end of an epoch, where fewer than {0} equal batches are left for one compiled "
                        "call, steps run eagerly.").format(k),
        "short_run": QCoreApplication.translate(
            "StepMode", "Steps asked for in runs shorter than one compiled call ({0} steps) run eagerly: single "
                        "steps, a slow speed, or steps so slow that {0} at once would keep the controls "
                        "waiting.").format(k),
        "first": QCoreApplication.translate("StepMode", "The optimizer's first step runs eagerly to create its state."),
    }.get(mode.eager_because, "")
    if mode.compiled_steps == 0:
        words = {
            "probe": QCoreApplication.translate("StepMode", "eager: dashboard steps"),
            "epoch_end": QCoreApplication.translate("StepMode", "eager: end of epoch"),
            "short_run": QCoreApplication.translate("StepMode", "eager: short runs"),
            "first": QCoreApplication.translate("StepMode", "eager: first step"),
        }
        ready = QCoreApplication.translate(
            "StepMode", "The compiled step is ready, but none of the {0} steps since the last update ran compiled.")
        return (words.get(mode.eager_because, QCoreApplication.translate("StepMode", "eager")),
                " ".join(filter(None, [ready.format(f"{total:,}"), why])))
    share = QCoreApplication.translate("StepMode", "Since the last update {0} of {1} steps ran compiled.")
    return (QCoreApplication.translate("StepMode", "compiled"),
            " ".join(filter(None, [about, share.format(f"{mode.compiled_steps:,}", f"{total:,}"),
                                   why if mode.eager_steps else ""])))
