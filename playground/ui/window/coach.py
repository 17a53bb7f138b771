"""The coach in the window: it keeps the run's last few probe reports, asks
playground.coach.diagnose on each snapshot, holds each finding's card while it holds, and
opens "Try the fix" as a comparison.

Why a finding's card stays a little after the rules stop reporting it: a number near a
rule's limit can cross it back and forth from one probe to the next; a card that came and
went each time would be noise. A card leaves once its finding has been absent from
HOLD_PROBES new probe reports in a row (reports, not seconds: the same at any speed).

A new kind of finding brings the Coach tab to the front once per run, so that a learner
watching the gradients sees it; the same kind again in that run does not (its count stays
in the tab's title), nor does the calm "healthy" line. It never takes the keyboard focus,
never reopens a dock the learner closed or pulls a floating one forward, and leaves the
tab alone while the focus is in the tab in front of it (the learner is working there).

"Try the fix" starts a comparison of the design as it is and the design with the fix's
changes, both from the run's starting weights (the same seed: the same initial weights
wherever the layer shapes and init allow, the same data and batch order). Not a fork from
the current weights: a fix that changes the init or the layers' shapes could not keep
them, and a run that diverged has no weights left to go on from; from the start, the two
curves show the whole difference the fix makes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from playground.coach import CoachInput, Finding, diagnose
from playground.ui.compare_choices import fork_comparison
from playground.ui.panels.coach_panel import CoachPanel

RECENT_PROBES = 4  # earlier probe reports the coach reads besides the newest (its rules' persistence)
HOLD_PROBES = 2  # new probe reports a finding must be missing from before its card leaves


class Coach(QObject):
    """The coach side of ``window`` (a MainWindow): ``panel`` goes in the window's Coach dock."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self.panel = CoachPanel()
        self.panel.fix_clicked.connect(self.try_fix)
        self._run_id = -1
        self._probes: list = []  # the run's newest probe reports, oldest first, one per probed step
        self._held: dict[str, tuple[Finding, int]] = {}  # code -> (its newest finding, new probes without it)
        self._order: list[str] = []  # codes in the order their cards show
        self._announced: set[str] = set()  # codes that brought the tab forward (or could have) in this run
        self._last_news: tuple = ()  # (probe step, evaluations, state) of the last diagnosis
        self._controller.snapshot_ready.connect(self._on_controller_snapshot_ready)
        self._controller.state_changed.connect(self._on_controller_state_changed)

    def findings(self) -> list[Finding]:
        """The findings whose cards show, in order."""
        return [self._held[code][0] for code in self._order]

    def try_fix(self, finding: Finding) -> None:
        """A comparison of the design as it is against it with ``finding``'s fix, from the same starting weights."""
        if not finding.fix:
            return
        comparison, problems = fork_comparison(self._window.document.design, finding.fix)
        if comparison is None:
            self._window.banner.show_problems(problems, "warning")
            return
        self._window.comparisons.start(comparison)

    # --- from the controller -------------------------------------------------------------
    def _on_controller_state_changed(self, state: str) -> None:
        if state in ("loading", "stopped"):  # a new run, or none: nothing of the old one holds
            self._forget()
            self.panel.show_waiting()
            self._window.docks.coach.setWindowTitle(self.tr("Coach"))

    def _on_controller_snapshot_ready(self, snapshot) -> None:
        if snapshot.run_id != self._run_id:
            self._forget()
            self._run_id = snapshot.run_id
        history = self._controller.history
        info = self._controller.info
        if info is None or history.run_id != snapshot.run_id:
            return
        new_probe = history.probe is not None and (not self._probes or self._probes[-1].step != history.probe.step)
        if new_probe:
            self._probes = [*self._probes, history.probe][-(RECENT_PROBES + 1):]
        if history.probe is None and snapshot.state != "diverged":
            return  # nothing measured yet
        news = (history.probe.step if history.probe is not None else None, history.evals.last_step, snapshot.state)
        if news == self._last_news:
            return  # nothing the rules read has changed (between probes most snapshots bring only losses)
        self._last_news = news
        design = info.design if info.design.optimizer.lr == snapshot.lr else info.design.with_optimizer(lr=snapshot.lr)
        divergence = tuple(snapshot.message_args) if snapshot.state == "diverged" and \
            snapshot.message_code == "diverged" else ()
        run = CoachInput.from_history(design, history, tuple(self._probes[:-1]), divergence)
        self._hold(diagnose(run), counts=new_probe)
        self._show()

    def _show(self) -> None:
        """The cards, and their number in the dock's title (seen on its tab behind another)."""
        findings = self.findings()
        self.panel.show_findings(findings)
        dock = self._window.docks.coach
        dock.setWindowTitle(self.tr("Coach ({0})").format(len(findings)) if findings else self.tr("Coach"))
        new = {f.code for f in findings} - self._announced
        if new:
            self._announced |= new
            self._bring_forward()

    def _bring_forward(self) -> None:
        """The Coach tab in front of its tabbed neighbours, unless the learner closed or floated
        the dock, it is in front already, or the keyboard focus is in the neighbour in front."""
        window, dock = self._window, self._window.docks.coach
        neighbours = window.tabifiedDockWidgets(dock)
        if dock.isHidden() or dock.isFloating() or not neighbours or not dock.visibleRegion().isEmpty():
            return
        focus = QApplication.focusWidget()
        if focus is not None and any(n.isAncestorOf(focus) for n in neighbours if not n.visibleRegion().isEmpty()):
            return
        dock.raise_()  # selects its tab; the focus stays where it is

    def _hold(self, found: list[Finding], counts: bool) -> None:
        """Keep what the rules found now; a card missing from them leaves after HOLD_PROBES new
        probes (``counts``: this diagnosis is of a new probe)."""
        now = {f.code for f in found}
        for code in list(self._held):
            if code in now:
                continue
            finding, misses = self._held[code]
            misses += 1 if counts else 0
            if misses >= HOLD_PROBES:
                del self._held[code]
            else:
                self._held[code] = (finding, misses)
        for finding in found:
            self._held[finding.code] = (finding, 0)
        ranked = {f.code: i for i, f in enumerate(found)}  # diagnose's order among equals; held ones after
        self._order = sorted(self._held, key=lambda code: (-self._held[code][0].severity,
                                                           ranked.get(code, len(ranked))))

    def _forget(self) -> None:
        self._probes, self._held, self._order, self._last_news, self._announced = [], {}, [], (), set()
