"""The training process's side of the seam: typed messages, each naming its run."""

from __future__ import annotations

import threading
from multiprocessing import Pipe

from playground.design.schema import Design
from playground.runs import messages as m
from playground.training import worker_process

TIMEOUT = 120  # seconds


class Process:
    """``worker_process.serve`` on a thread of this process, over real pipes."""

    def __init__(self) -> None:
        self._commands, commands = Pipe(duplex=False)[::-1]
        events, self._events = Pipe(duplex=False)
        self.events = events
        self.thread = threading.Thread(target=worker_process.serve, args=(commands, self._events), daemon=True)
        self.thread.start()

    def send(self, message: m.Command) -> None:
        self._commands.send(message)

    def next_event(self, predicate=lambda event: True):
        """The first event from now on that ``predicate`` accepts (the others are dropped)."""
        while True:
            assert self.events.poll(TIMEOUT), "the training process said nothing"
            event = self.events.recv()
            if predicate(event):
                return event

    def quit(self) -> None:
        self.send(m.Quit())
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive()


def test_every_report_names_its_run_and_commands_for_a_superseded_run_do_nothing():
    process = Process()
    try:
        design = Design().with_training(epochs=1)
        process.send(m.Start(1, design, paused=True, compiled=False))
        process.send(m.Start(2, design, paused=True, compiled=False))
        ready = process.next_event(lambda e: isinstance(e, m.Ready) and e.run_id == 2)
        assert ready.info.parameters > 0 and ready.info.design == design
        assert len(ready.info.blocks) == len(design.layers) + 1
        process.next_event(lambda e: isinstance(e, m.Snapshot) and e.run_id == 2 and e.state == "paused")
        process.send(m.SnapshotTaken(2))
        process.send(m.Step(1, 5))  # names run 1, which run 2 replaced: ignored
        process.send(m.Step(2, 1))
        snapshot = process.next_event(lambda e: isinstance(e, m.Snapshot) and e.run_id == 2)
        assert snapshot.step == 1, "only run 2's own step request was taken"
        assert snapshot.dashboard is not None and len(snapshot.dashboard.blocks) == len(ready.info.blocks)
        process.send(m.SaveWeights(1, "unused.safetensors", design))  # no trainer of run 1 is left
        saved = process.next_event(lambda e: isinstance(e, m.WeightsSaved))
        assert saved.run_id == 1 and [p.code for p in saved.problems] == ["no_weights"]
    finally:
        process.quit()
