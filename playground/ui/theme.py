"""Light and dark themes: the Qt palette and the colours the plots draw with.

Every colour a view draws with comes from here. A ``Theme`` is a point on three axes,
chosen in the View menu (playground.ui.window.look) and composed by ``resolve``:

- light or dark (following the system unless the View menu overrides it);
- the palette: ``standard``, or ``colour_blind`` (Okabe & Ito's colours for classes,
  runs and layers; a diverging map that is even in CIELAB between an orange and a blue
  that red-green colour vision tells apart; an outline on the decision boundary);
- the room: projector mode scales the application's font and every pen (``line``).

Views take a ``Theme`` in ``set_theme`` and restyle their existing plot items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    name: str  # "light" | "dark"
    background: str  # plot background
    foreground: str  # axes, text
    grid_alpha: float
    train: str  # training-loss / training-point colour
    test: str
    accent: str
    negative: str  # class 0 / negative weight
    positive: str  # class 1 / positive weight
    classes: tuple[str, ...]  # multi-class colours (the first two are negative and positive)
    good: str  # healthy verdict, a met goal
    warning: str  # vanishing
    bad: str  # exploding / diverged
    neutral: str  # "no opinion" in pictures of predictions (probability 0.5, value 0), a little off the background
    muted: str  # secondary text: info lines, captions
    faint: str  # what the eye may skip (an empty confusion cell)
    on_strong: str  # text on a strongly coloured cell
    ring: str  # the ring round a training point (TF Playground's look)
    mid_ring: str  # a ring that shows on every colour of a diverging picture
    runs: tuple[str, ...]  # the comparison's runs, in order (Okabe-Ito in every palette)
    palette: str = "standard"  # a key of PALETTES
    outline: str = ""  # the decision boundary's contour (probability 0.5; the class border); "" draws none
    perceptual: bool = False  # diverging maps run evenly in CIELAB rather than in RGB
    font_scale: float = 1.0  # the application's font against the system's
    line_scale: float = 1.0  # every pen's width against its standard width

    def line(self, width: float) -> float:
        """A pen ``width`` (logical pixels) as drawn in this theme's room."""
        return width * self.line_scale


# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour vision.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000"}
RUNS = tuple(OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "reddish_purple", "vermillion", "sky_blue"))

LIGHT = Theme(
    "light", background="#ffffff", foreground="#333333", grid_alpha=0.15,
    train="#1f77b4", test="#ff7f0e", accent="#2b6cb0",
    negative="#f59322", positive="#0877bd",
    classes=("#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"),
    good="#2f855a", warning="#b7791f", bad="#c53030",
    neutral="#eceeef", muted="#666666", faint="#b0b3b8", on_strong="#ffffff", ring="#ffffff", mid_ring="#8a8d93",
    runs=RUNS,
)

DARK = Theme(
    "dark", background="#1e1f22", foreground="#d8dadf", grid_alpha=0.2,
    train="#5fa8e8", test="#ffa94d", accent="#63b3ed",
    negative="#f6a045", positive="#3ea0e4",
    classes=("#f6a045", "#3ea0e4", "#5cc45c", "#f06262", "#b695e0", "#c49c94", "#f5a3d3", "#a8a8a8", "#dbdb5a", "#4dd6e6"),
    good="#68d391", warning="#f6c453", bad="#fc8181",
    neutral="#2c2e33", muted="#a0a4ab", faint="#5c6068", on_strong="#101114", ring="#1e1f22", mid_ring="#8a8d93",
    runs=RUNS,
)

THEMES = {"light": LIGHT, "dark": DARK}

_OI = OKABE_ITO
# What the colour-blind-safe palette changes, per theme. Two classes (and the signs of
# weights and values) are orange against blue: the blue-yellow axis that red-green colour
# vision keeps. Good / bad differ in lightness as well as hue (blue-green against vermillion).
COLOUR_BLIND = {
    "light": dict(
        train=_OI["blue"], test=_OI["vermillion"], accent=_OI["blue"], negative=_OI["orange"], positive=_OI["blue"],
        classes=(_OI["orange"], _OI["blue"], _OI["bluish_green"], _OI["vermillion"], _OI["reddish_purple"],
                 _OI["sky_blue"], _OI["yellow"], _OI["black"], "#332288", "#DDCC77"),
        good=_OI["bluish_green"], warning="#b07800", bad=_OI["vermillion"], outline="#000000"),
    "dark": dict(
        train=_OI["sky_blue"], test=_OI["orange"], accent=_OI["sky_blue"], negative=_OI["orange"],
        positive=_OI["sky_blue"],
        classes=(_OI["orange"], _OI["sky_blue"], _OI["bluish_green"], _OI["vermillion"], _OI["reddish_purple"],
                 _OI["blue"], _OI["yellow"], "#ffffff", "#332288", "#DDCC77"),
        good=_OI["bluish_green"], warning=_OI["yellow"], bad=_OI["vermillion"], outline="#ffffff"),
}
PALETTES = ("standard", "colour_blind")
PROJECTOR_FONT_SCALE = 1.4  # a classroom screen read from the back of the room
PROJECTOR_LINE_SCALE = 1.8


def system_theme_name() -> str:
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve(choice: str, palette: str = "standard", projector: bool = False) -> Theme:
    """The Theme for a ``choice`` ("system", "light" or "dark"), a ``palette`` (one of
    PALETTES; an unknown one is "standard") and the room (``projector``)."""
    theme = THEMES[system_theme_name() if choice == "system" else choice]
    if palette == "colour_blind":
        theme = replace(theme, palette=palette, perceptual=True, **COLOUR_BLIND[theme.name])
    if projector:
        theme = replace(theme, font_scale=PROJECTOR_FONT_SCALE, line_scale=PROJECTOR_LINE_SCALE)
    return theme


def fixed_font(theme: Theme) -> QFont:
    """The system's fixed-width font (code, a tensor's values) at ``theme``'s text scale."""
    font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
    font.setPointSizeF(font.pointSizeF() * theme.font_scale)
    return font


_SIZE_RESOLVED = 0x2  # QFont::SizeResolved: the font's size was set, not inherited


def apply_font(app: QApplication, theme: Theme) -> None:
    """The application's font at ``theme.font_scale`` times the font it started with.

    Widgets whose font only changes its weight or style (bold titles) follow the
    application's font by themselves; those given a size of their own (smaller legends,
    a larger verdict) keep their proportion to it: their size is scaled alike.
    """
    base = app.property("nn_base_font")
    if not isinstance(base, QFont):
        base = QFont(app.font())
        app.setProperty("nn_base_font", base)
    scale = app.property("nn_font_scale") or 1.0
    if theme.font_scale == scale:
        return
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * theme.font_scale)
    app.setFont(font)
    for widget in app.allWidgets():
        own = widget.font()
        if widget.testAttribute(Qt.WA_SetFont) and own.resolveMask() & _SIZE_RESOLVED and own.pointSizeF() > 0:
            own.setPointSizeF(own.pointSizeF() * theme.font_scale / scale)
            widget.setFont(own)
    app.setProperty("nn_font_scale", theme.font_scale)


def apply_palette(app: QApplication, theme: Theme) -> None:
    """Fusion style with a palette to match, so light and dark look the same on every OS."""
    app.setStyle("Fusion")
    if theme.name == "light":
        app.setPalette(app.style().standardPalette())
        return
    palette = QPalette()
    base, window, text = QColor("#2b2d31"), QColor("#232428"), QColor("#e3e5e8")
    palette.setColor(QPalette.Window, window)
    palette.setColor(QPalette.WindowText, text)
    palette.setColor(QPalette.Base, base)
    palette.setColor(QPalette.AlternateBase, window)
    palette.setColor(QPalette.ToolTipBase, QColor("#383a40"))
    palette.setColor(QPalette.ToolTipText, text)
    palette.setColor(QPalette.Text, text)
    palette.setColor(QPalette.Button, QColor("#33353a"))
    palette.setColor(QPalette.ButtonText, text)
    palette.setColor(QPalette.BrightText, QColor("#ff6b6b"))
    palette.setColor(QPalette.Link, QColor(theme.accent))
    palette.setColor(QPalette.Highlight, QColor("#3d6fb4"))
    palette.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.PlaceholderText, QColor("#8a8d93"))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor("#6d7077"))
    app.setPalette(palette)
