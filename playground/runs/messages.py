"""What the window and the training process say to each other: one frozen dataclass per message.

No Qt, no torch (numpy only): both processes import this module. Every message names
its run (``run_id``, allocated by the window's controller and echoed by the process),
so that several runs can share one training process and a superseded run's reports are
dropped by id, not by timing.

To the process (``Command``): Start, Pause, Resume, Step, StepEpoch, SetLr, SetEpochs,
SetSpeed, SetCompiled, SnapshotTaken, SaveWeights, Stop, Quit, and inside one step
(playground.runs.inside) TraceStep, CheckGradient, ExplainNeuron, LayerTensors.
From it (``Event``): Ready (a RunInfo), Snapshot (with its Dashboard record), Failed,
WeightsFailed, WeightsSaved, and inside one step StepTrace (or StepTraceRefused),
GradientChecked, NeuronExplained, LayerTensorsTaken.

The messages are our own objects pickled between our own two processes (never data read
from a file). A Snapshot's arrays are fresh: made for it in the training process and
copied once more only by the pickling between the processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

import numpy as np

from playground.design.schema import Design
from playground.design.shapes import MAX_DRAWN  # noqa: F401 (re-exported: the views and the trainer import it here)
from playground.runs.inside import (
    CheckGradient,
    ExplainNeuron,
    GradientChecked,
    LayerTensors,
    LayerTensorsTaken,
    NeuronExplained,
    StepTrace,
    StepTraceRefused,
    TraceStep,
)

# --- the window to the training process -------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """Start run ``run_id`` (ending any other) from fresh weights or the checkpoint ``weights``.

    ``design`` goes as the object (pickled): it was validated in the window and is not
    parsed again. ``compiled`` asks for the compiled training step; ``speed`` is the limit
    in steps per second (None: as fast as it can).
    """

    run_id: int
    design: Design
    paused: bool
    speed: float | None = None
    weights: str | None = None
    compiled: bool = True


@dataclass(frozen=True)
class Pause:
    run_id: int


@dataclass(frozen=True)
class Resume:
    run_id: int


@dataclass(frozen=True)
class Step:
    """Pause, then train exactly ``batches`` more batches."""

    run_id: int
    batches: int = 1


@dataclass(frozen=True)
class StepEpoch:
    """Pause, then train to the end of the current epoch."""

    run_id: int


@dataclass(frozen=True)
class SetLr:
    """A live change: reaches a finished run too."""

    run_id: int
    lr: float


@dataclass(frozen=True)
class SetEpochs:
    """A live change: a finished run whose new limit lies ahead goes on, paused, as the same run."""

    run_id: int
    epochs: int


@dataclass(frozen=True)
class SetSpeed:
    run_id: int
    speed: float | None


@dataclass(frozen=True)
class SetCompiled:
    run_id: int
    on: bool


@dataclass(frozen=True)
class SnapshotTaken:
    """The window drew the run's last snapshot: the loop may send the next."""

    run_id: int


@dataclass(frozen=True)
class SaveWeights:
    """Write the run's weights to ``path`` with ``design`` (the one saved beside them; it may
    differ from the run's in name and description) and ``history`` (a RunHistory or None)."""

    run_id: int
    path: str
    design: Design
    history: Any = None


@dataclass(frozen=True)
class Stop:
    run_id: int


@dataclass(frozen=True)
class Quit:
    """End the training process."""


Command = Union[Start, Pause, Resume, Step, StepEpoch, SetLr, SetEpochs, SetSpeed, SetCompiled, SnapshotTaken,
                SaveWeights, Stop, Quit, TraceStep, CheckGradient, ExplainNeuron, LayerTensors]

# --- the training process to the window --------------------------------------------------------


@dataclass(frozen=True)
class RunInfo:
    """What the views need to know when a run starts (sent once per run, built where it trains)."""

    run_id: int
    design: Design
    dataset: Any  # playground.data.datasets.Dataset
    blocks: tuple  # playground.design.shapes.Block per layer, output last
    device: Any  # playground.nn.devices.DeviceChoice
    steps_per_epoch: int
    batch_size: int
    parameters: int
    unavailable_devices: dict = field(default_factory=dict)  # device -> why it cannot be used here
    history: Any = None  # playground.runs.history.RunHistory of a run resumed from saved weights


@dataclass(frozen=True)
class Ready:
    info: RunInfo

    @property
    def run_id(self) -> int:
        return self.info.run_id




@dataclass(frozen=True, eq=False)
class BlockPicture:
    """What one block of the network looks like now (one per ``RunInfo.blocks``, same order).

    Only what the window draws: the first MAX_DRAWN neurons of each layer. ``weight``
    (min(out, MAX_DRAWN), min(in, MAX_DRAWN)), the top-left corner of the layer's (out,
    in) matrix, and ``bias`` (min(out, MAX_DRAWN),) for a Linear block (hidden or
    output), else None; ``neurons`` (min(units, MAX_DRAWN), r, r) for a hidden Linear or
    BatchNorm block on 2-D data: each neuron's output (after the block's activation) over
    the input plane, row = x2 from low to high, at any resolution r; else None.
    """

    weight: np.ndarray | None = None
    bias: np.ndarray | None = None
    neurons: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Dashboard:
    """The heavy numbers of one snapshot, computed in the training process; views draw them as they are.

    ``blocks``: a BlockPicture per block. What the Output view shows, by the data:
    2-D data ``boundary`` ((R, R, C) class probabilities or (R, R) values, row = x2 from
    low to high, R chosen by the training process to fit its budget); 1-D data ``curve_x``/``curve_y`` (the model's curve); other
    classification ``confusion`` ((C, C) test-set counts, row = true class); other
    regression ``predicted``/``actual`` (the test set). Fields that do not apply are None.
    """

    blocks: tuple[BlockPicture, ...] = ()
    boundary: np.ndarray | None = None
    curve_x: np.ndarray | None = None
    curve_y: np.ndarray | None = None
    confusion: np.ndarray | None = None
    predicted: np.ndarray | None = None
    actual: np.ndarray | None = None

    @property
    def weights(self) -> tuple[np.ndarray, ...]:
        """The Linear blocks' weights, input side first."""
        return tuple(b.weight for b in self.blocks if b.weight is not None)

    @property
    def biases(self) -> tuple[np.ndarray, ...]:
        return tuple(b.bias for b in self.blocks if b.bias is not None)

    @property
    def neurons(self) -> tuple[np.ndarray, ...]:
        """The mapped hidden blocks' neuron maps, input side first."""
        return tuple(b.neurons for b in self.blocks if b.neurons is not None)


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One immutable report from the run loop; its arrays are never shared with the loop.

    ``steps`` (int64) and ``losses`` (float32) have the same length and hold every
    training step done since the previous snapshot, in order. ``state`` is one of
    running, paused, finished, stopped, diverged, error; the last four end the run.
    ``steps_per_second`` is 0.0 unless running. ``dashboard`` is None when the trainer
    could not make one (a failed run).
    """

    run_id: int
    seq: int
    step: int
    epoch: int
    batch_in_epoch: int
    state: str
    steps: np.ndarray
    losses: np.ndarray
    metrics: Any  # playground.nn.probes.Metrics, or None
    probe: Any  # playground.nn.probes.ProbeReport of the newest probed step, or None
    dashboard: Dashboard | None
    lr: float
    steps_per_second: float
    message: str = ""
    details: str = ""
    message_code: str = ""  # which message (e.g. "diverged"), for wording it in another language
    message_args: tuple = ()
    step_mode: Any = None  # playground.nn.probes.StepMode: eager, compiling or compiled, and why


@dataclass(frozen=True)
class Failed:
    """The run could not start or went wrong: ``problems`` (playground.errors.Problem) of a
    design or data that cannot train, or () for a bug, which has ``details``."""

    run_id: int
    message: str
    details: str = ""
    problems: tuple = ()


@dataclass(frozen=True)
class WeightsFailed:
    """The weights given to Start could not be loaded; the run starts from fresh ones."""

    run_id: int
    problems: tuple


@dataclass(frozen=True)
class WeightsSaved:
    """The outcome of SaveWeights: ``problems`` empty when saved."""

    run_id: int
    path: str
    problems: tuple = ()


Event = Union[Ready, Snapshot, Failed, WeightsFailed, WeightsSaved, StepTrace, StepTraceRefused, GradientChecked,
              NeuronExplained, LayerTensorsTaken]
