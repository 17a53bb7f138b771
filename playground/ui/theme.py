"""Light and dark themes: the Qt palette and the colours the plots draw with.

The theme follows the system (Qt's colour scheme) unless the View menu overrides it.
Views take a ``Theme`` in ``set_theme`` and restyle their existing plot items.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
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
    classes: tuple[str, ...]  # multi-class colours
    good: str  # healthy verdict
    warning: str  # vanishing
    bad: str  # exploding / diverged


LIGHT = Theme(
    "light", background="#ffffff", foreground="#333333", grid_alpha=0.15,
    train="#1f77b4", test="#ff7f0e", accent="#2b6cb0",
    negative="#f59322", positive="#0877bd",
    classes=("#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"),
    good="#2f855a", warning="#b7791f", bad="#c53030",
)

DARK = Theme(
    "dark", background="#1e1f22", foreground="#d8dadf", grid_alpha=0.2,
    train="#5fa8e8", test="#ffa94d", accent="#63b3ed",
    negative="#f6a045", positive="#3ea0e4",
    classes=("#f6a045", "#3ea0e4", "#5cc45c", "#f06262", "#b695e0", "#c49c94", "#f5a3d3", "#a8a8a8", "#dbdb5a", "#4dd6e6"),
    good="#68d391", warning="#f6c453", bad="#fc8181",
)

THEMES = {"light": LIGHT, "dark": DARK}


def system_theme_name() -> str:
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve(choice: str) -> Theme:
    """``choice`` is "system", "light" or "dark"."""
    return THEMES[system_theme_name() if choice == "system" else choice]


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
