"""The training thread as the window drives it: start, train, pause, step, live lr, stop."""

import numpy as np
import pytest

from playground.design.schema import Design, LinearLayer
from playground.ui.training_controller import TrainingController


@pytest.fixture
def controller(qtbot):
    controller = TrainingController()
    snapshots = []

    def take(snapshot):
        snapshots.append(snapshot)
        controller.snapshot_drawn()

    controller.snapshot_ready.connect(take)
    controller.snapshots = snapshots
    yield controller
    assert controller.shutdown()


def losses(snapshots):
    return np.concatenate([s.losses for s in snapshots]) if snapshots else np.zeros(0)


def test_a_run_starts_paused_then_trains_and_the_loss_drops(qtbot, controller):
    design = Design(layers=(LinearLayer(units=8),)).with_optimizer(name="adam", lr=0.03)
    with qtbot.waitSignal(controller.run_ready, timeout=30_000) as ready:
        controller.restart(design)
    assert ready.args[0].steps_per_epoch == 25
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=10_000)
    assert controller.snapshots[-1].step == 0
    controller.play()
    qtbot.waitUntil(lambda: controller.snapshots[-1].epoch >= 30, timeout=60_000)
    controller.pause()
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=10_000)
    history = losses(controller.snapshots)
    assert history[-25:].mean() < history[:25].mean() / 2
    assert controller.snapshots[-1].metrics.test_accuracy > 0.8


def test_step_batch_and_step_epoch_while_paused(qtbot, controller):
    controller.restart(Design())
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=30_000)
    controller.step_batch()
    qtbot.waitUntil(lambda: controller.snapshots[-1].step == 1, timeout=10_000)
    controller.step_epoch()
    qtbot.waitUntil(lambda: controller.snapshots[-1].step == 25, timeout=10_000)
    assert controller.snapshots[-1].epoch == 1 and controller.state == "paused"
    assert len(losses(controller.snapshots)) == 25


def test_live_learning_rate_change_does_not_reset(qtbot, controller):
    controller.restart(Design(), running=True)
    qtbot.waitUntil(lambda: bool(controller.snapshots) and controller.snapshots[-1].step > 50, timeout=30_000)
    run = controller.run_id
    controller.set_lr(0.5)
    qtbot.waitUntil(lambda: controller.snapshots[-1].lr == 0.5, timeout=10_000)
    assert controller.run_id == run and controller.snapshots[-1].step > 50


def test_restart_supersedes_the_old_run(qtbot, controller):
    controller.restart(Design(), running=True)
    qtbot.waitUntil(lambda: bool(controller.snapshots), timeout=30_000)
    second = controller.restart(Design().with_training(seed=3))
    qtbot.waitUntil(lambda: controller.state == "paused" and controller.snapshots[-1].run_id == second, timeout=10_000)
    assert controller.snapshots[-1].step == 0


def test_a_design_that_cannot_train_reports_its_problems_by_field(qtbot, controller):
    bad = Design().with_data(dataset="csv", csv_path="/nonexistent.csv", csv_target="y")
    with qtbot.waitSignal(controller.run_refused, timeout=30_000) as refused:
        controller.restart(bad)
    (problem,) = refused.args[0]
    assert problem.field == "data.csv_path" and "nonexistent.csv" in problem.message
    assert controller.state == "error"


def test_shutdown_stops_a_running_thread_and_process(qtbot):
    controller = TrainingController()
    worker = controller._worker
    controller.restart(Design(), running=True)
    qtbot.waitUntil(lambda: controller.state == "running", timeout=30_000)
    assert controller.shutdown()
    assert not worker.thread.isRunning() and not worker.process.is_alive()


def test_a_crashed_training_process_is_reported_and_replaced(qtbot, controller):
    controller.restart(Design(), running=True)
    qtbot.waitUntil(lambda: controller.state == "running", timeout=30_000)
    with qtbot.waitSignal(controller.run_failed, timeout=30_000) as failed:
        controller._worker.process.kill()
    assert "stopped unexpectedly" in failed.args[0]
    assert controller.state == "error"
    controller.restart(Design())
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=30_000)


def test_a_finished_run_keeps_its_weights_takes_live_changes_and_goes_on_when_its_limit_is_raised(
        qtbot, controller, tmp_path):
    """Raising the epoch limit that a run reached (what the Finished banner advises) or changing
    its learning rate must not throw the trained weights away; saving them must still work."""
    from playground.design.io import weights_path_for
    from playground.runs.weights_file import read_header, saved_design

    design = Design().with_training(epochs=2)
    controller.restart(design, running=True)
    qtbot.waitUntil(lambda: controller.state == "finished", timeout=60_000)
    finished = controller.snapshots[-1]
    assert finished.step == 50 and finished.epoch == 2

    changed = design.with_optimizer(lr=0.1)
    controller.change_live(changed)
    path = weights_path_for(tmp_path / "done.json")
    with qtbot.waitSignal(controller.weights_saved, timeout=30_000) as saved:
        controller.save_weights(str(path), changed)
    assert saved.args == [str(path), []], "a finished run's weights are saved, with the rate changed after it"
    assert saved_design(read_header(path)).optimizer.lr == 0.1

    controller.change_live(changed.with_training(epochs=3))
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=30_000)
    assert controller.snapshots[-1].step == 50 and controller.snapshots[-1].run_id == finished.run_id
    seen = len(controller.snapshots)
    controller.play()
    qtbot.waitUntil(lambda: controller.state == "finished", timeout=60_000)
    later = np.concatenate([s.steps for s in controller.snapshots[seen:]])
    assert later[0] == 50 and later[-1] == 74 and controller.snapshots[-1].lr == 0.1, \
        "the run went on from step 50 to the new limit at the changed rate"
    assert controller.snapshots[-1].metrics.train_loss < finished.metrics.train_loss


def test_a_step_inside_is_traced_booked_once_and_answers_checks_neurons_and_refusals(qtbot, controller):
    from playground.design.comparison import Comparison, Variant

    design = Design(layers=(LinearLayer(units=3),))
    controller.restart(design, running=True)
    qtbot.waitUntil(lambda: bool(controller.snapshots) and controller.snapshots[-1].step > 3, timeout=30_000)
    with qtbot.waitSignal(controller.step_traced, timeout=30_000) as traced:
        controller.trace_step()  # pauses the playing run first
    trace = traced.args[0]
    qtbot.waitUntil(lambda: controller.snapshots[-1].step == trace.step + 1 and controller.state == "paused",
                    timeout=30_000)
    assert controller.history.losses.steps.tolist() == list(range(trace.step + 1)), "every step once, the traced one too"
    assert controller.history.losses.values[-1] == np.float32(trace.loss.value)

    with qtbot.waitSignal(controller.gradient_checked, timeout=30_000) as checked:
        controller.check_gradient(1, "weight", (0, 2))
    assert checked.args[0].relative_error < 1e-4 and checked.args[0].step == trace.step
    with qtbot.waitSignal(controller.neuron_explained, timeout=30_000) as explained:
        controller.explain_neuron(0, 2, (0.5, -0.5))
    assert explained.args[0].problem == "" and explained.args[0].activation == "tanh"
    with qtbot.waitSignal(controller.neuron_explained, timeout=30_000) as wrong:
        controller.explain_neuron(0, 7, (0.5, -0.5))
    assert wrong.args[0].problem == "Linear 1 has no neuron 8."
    with qtbot.waitSignal(controller.layer_tensors_taken, timeout=30_000) as taken:
        controller.layer_tensors(0)  # Linear 1's live tensors, for the Tensor lab
    assert taken.args[0].problem == "" and taken.args[0].step == trace.step + 1
    assert (taken.args[0].x.shape, taken.args[0].weight.shape) == ((8, 2), (3, 2))
    with qtbot.waitSignal(controller.layer_tensors_taken, timeout=30_000) as wrong:
        controller.layer_tensors(5)
    assert wrong.args[0].problem == "The network has no layer 6."

    controller.start_comparison(Comparison(design, (Variant(changes={}), Variant(changes={"optimizer.lr": 0.1}))))
    with qtbot.waitSignal(controller.step_trace_refused, timeout=1_000) as refused:
        controller.trace_step()
    assert "comparison" in refused.args[0]
    with qtbot.waitSignal(controller.gradient_checked, timeout=1_000) as checked:
        controller.check_gradient(0, "weight", (0, 0))
    assert "comparison" in checked.args[0].problem
    with qtbot.waitSignal(controller.layer_tensors_taken, timeout=1_000) as taken:
        controller.layer_tensors(0)
    assert "comparison" in taken.args[0].problem and taken.args[0].x.size == 0
