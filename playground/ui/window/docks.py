"""The window's layout: the editors' dock on the left, the network below, loss, gradients,
batch normalization and the coach on the right, around the output in the centre.

Where the learner moved, closed or floated the docks is kept between launches (the
settings' "geometry" and "window_state"); View > Reset layout puts them back. Each
dashboard's place holds a "Loading…" note until the dashboards are built.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QScrollArea, QTabWidget, QWidget

from playground.ui.window.actions import make_action

STATE_VERSION = 1  # bump when the dock layout changes incompatibly


class DockLayout(QObject):
    """The docks of ``window``: ``design`` holds ``editor``; ``network``, ``loss``, ``gradients``,
    ``batchnorm`` and ``coach`` hold placeholders until ``put`` gives them their view."""

    def __init__(self, window: QMainWindow, editor: QWidget, settings: QSettings):
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.design = self._dock("design", self.tr("Design"), editor, Qt.LeftDockWidgetArea)
        self.network = self._dock("network", self.tr("Network"), placeholder(), Qt.BottomDockWidgetArea)
        self.loss = self._dock("loss", self.tr("Loss"), placeholder(), Qt.RightDockWidgetArea)
        self.gradients = self._dock("gradients", self.tr("Gradient flow"), placeholder(), Qt.RightDockWidgetArea)
        self.batchnorm = self._dock("batchnorm", self.tr("Batch normalization"), placeholder(), Qt.RightDockWidgetArea)
        self.coach = self._dock("coach", self.tr("Coach"), placeholder(), Qt.RightDockWidgetArea)
        window.tabifyDockWidget(self.gradients, self.batchnorm)
        window.tabifyDockWidget(self.batchnorm, self.coach)
        self.gradients.raise_()
        window.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        window.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        window.resizeDocks([self.design], [330], Qt.Horizontal)
        window.resizeDocks([self.loss], [420], Qt.Horizontal)
        window.resizeDocks([self.network], [230], Qt.Vertical)
        # Nearly half and half: at 1280x720 the gradient and batch-norm plots need the height as much as the loss.
        window.resizeDocks([self.loss, self.gradients], [370, 330], Qt.Vertical)
        self._default_state = window.saveState(STATE_VERSION)
        self._on_demand: list[QDockWidget] = []  # docks that open when asked for (add_on_demand)

    def all(self) -> tuple[QDockWidget, ...]:
        return self.design, self.network, self.loss, self.gradients, self.batchnorm, self.coach

    def put(self, dock: QDockWidget, view: QWidget) -> None:
        """``view`` in ``dock`` in place of what it held (the placeholder goes)."""
        old = dock.widget()
        dock.setWidget(view)
        old.deleteLater()

    def add_on_demand(self, dock: QDockWidget) -> None:
        """A dock that starts hidden and opens when the learner asks for what it shows (the
        neuron card, Inside one step): listed in the View menu, hidden again by Reset layout."""
        self._on_demand.append(dock)

    def fill_menu(self, menu: QMenu) -> None:
        """A show/hide entry per dock (those opened on demand last), then Reset layout."""
        for dock in self.all() + tuple(self._on_demand):
            menu.addAction(dock.toggleViewAction())
        menu.addSeparator()
        menu.addAction(make_action(self._window, self.tr("Reset layout"), self.reset,
                                   tip=self.tr("Put every panel back where it started.")))

    def reset(self) -> None:
        """Every dock where it started, shown."""
        self._window.restoreState(self._default_state, STATE_VERSION)
        for dock in self.all():
            dock.show()
        for dock in self._on_demand:
            dock.hide()

    def restore(self) -> None:
        """The window's size, place and docks as the learner left them; the first time, fitted to the screen."""
        geometry = self._settings.value("geometry")
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        else:
            self._fit_to_screen()
        state = self._settings.value("window_state")
        if state is not None:
            self._window.restoreState(state, STATE_VERSION)

    def save(self) -> None:
        self._settings.setValue("geometry", self._window.saveGeometry())
        self._settings.setValue("window_state", self._window.saveState(STATE_VERSION))

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self._window)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable | QDockWidget.DockWidgetClosable)
        self._window.addDockWidget(area, dock)
        return dock

    def fit_editor(self) -> None:
        """Widen the Design dock to its editors' minimum width when it is narrower (a larger
        font: projector mode), so that they scroll only up and down, never sideways."""
        if not self.design.isVisible() or self.design.isFloating():
            return
        tabs = self.design.widget()
        pages = [tabs.widget(i) for i in range(tabs.count())]
        widest = max(page.widget().minimumSizeHint().width() for page in pages)
        page = tabs.currentWidget()
        chrome = self.design.width() - page.viewport().width()  # the dock's margins, a scroll bar when shown
        if not page.verticalScrollBar().isVisible():
            chrome += page.verticalScrollBar().sizeHint().width()
        if self.design.width() < widest + chrome:
            self._window.resizeDocks([self.design], [widest + chrome], Qt.Horizontal)

    def _fit_to_screen(self) -> None:
        window = self._window
        screen = window.screen().availableGeometry() if window.screen() else None
        if screen is None:
            window.resize(1366, 740)
            return
        width, height = min(1600, screen.width()), min(940, screen.height())
        window.resize(width, height)
        window.move(screen.center() - window.rect().center())


def scrolled_tabs(pages: list[tuple[QWidget, str, str]]) -> QTabWidget:
    """A tab per (widget, title, tooltip), each widget in a scroll area (short screens)."""
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    for widget, title, tip in pages:
        scroll = QScrollArea()
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        index = tabs.addTab(scroll, title)
        tabs.setTabToolTip(index, tip)
    return tabs


def placeholder() -> QLabel:
    """What a dashboard's place shows until the dashboards are built."""
    label = QLabel(QCoreApplication.translate("DockLayout", "Loading…"))
    label.setAlignment(Qt.AlignCenter)
    label.setEnabled(False)
    return label
