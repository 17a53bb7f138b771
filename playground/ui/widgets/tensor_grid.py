"""Tensors drawn as grids of their values (the Tensor lab's drawings).

``TensorGrid`` draws one value: a heading (its name, shape, dtype and device), the shape
rule that made it ((2, 3) @ (3, 4) → (2, 4), broadcast dimensions named; a reshape's
shape before and after), the values it shares memory with, then its cells: a 1-D tensor
as one row, a 2-D one as a grid, 3-D and more as 2-D slices side by side (wrapping to the
width; capped, with "…", as playground.ui.widgets.tensor_cells says). Highlighted cells:
the cells an index picked (in the indexed value's drawing), and a cat/stack result's cells
coloured by the input they came from.

``TensorList`` (playground.ui.widgets.tensor_list) draws every value of a result, one under
another.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from playground.ui.theme import LIGHT, Theme, fixed_font
from playground.ui.widgets.colour_maps import mix, with_alpha
from playground.ui.widgets.tensor_cells import (CHANGED, PICKED, PRODUCTS, Drawing, draw, groups_of, index_results,
                                                is_array, joined_into, picker, same_as, shape_rule, shape_text,
                                                sharing)

GAP = 14  # between slices
LABEL_GAP = 4  # between a slice's label and its grid


def group_colour(theme: Theme, group: int) -> str:
    """The colour of a highlight group: the accent for picked cells, the warning colour for
    cells changed in place, a class colour per cat/stack input."""
    if group == PICKED:
        return theme.accent
    if group == CHANGED:
        return theme.warning
    return theme.classes[group % len(theme.classes)]


class SliceCanvas(QWidget):
    """The cells of one drawing, painted; its height follows its width (slices wrap)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._drawing = Drawing()
        self._theme = LIGHT
        self.setFont(fixed_font(LIGHT))
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_drawing(self, drawing: Drawing, theme: Theme) -> None:
        self._drawing, self._theme = drawing, theme
        self.setFont(fixed_font(theme))
        self.updateGeometry()
        self.update()

    def drawing(self) -> Drawing:
        return self._drawing

    def cell_size(self) -> tuple[int, int]:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(c.text) for s in self._drawing.slices for c in s.cells), default=0)
        return max(widest + 12, metrics.height() + 10), metrics.height() + 8

    def slice_size(self, grid) -> tuple[int, int]:
        w, h = self.cell_size()
        label = self.fontMetrics().height() + LABEL_GAP if grid.label() else 0
        return max(grid.cols * w, self.fontMetrics().horizontalAdvance(grid.label())), label + grid.rows * h

    def placements(self, width: int) -> list[tuple[int, int]]:
        """The top-left corner of each slice when the canvas is ``width`` wide."""
        x = y = row_height = 0
        corners = []
        for grid in self._drawing.slices:
            w, h = self.slice_size(grid)
            if x > 0 and x + w > width:
                x, y, row_height = 0, y + row_height + GAP, 0
            corners.append((x, y))
            x += w + GAP
            row_height = max(row_height, h)
        return corners

    def line_tops(self) -> list[int]:
        """Where each slice's label and each row of cells begins, at the canvas's width."""
        _, h = self.cell_size()
        label_h = self.fontMetrics().height() + LABEL_GAP
        tops = []
        for (_, y), grid in zip(self.placements(self.width()), self._drawing.slices):
            first = y + (label_h if grid.label() else 0)
            tops += [y] + [first + r * h for r in range(grid.rows)]
        return tops

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        corners = self.placements(width)
        if not corners:
            return 0
        return max(y + self.slice_size(g)[1] for (x, y), g in zip(corners, self._drawing.slices)) + 2

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = sum(self.slice_size(g)[0] + GAP for g in self._drawing.slices)
        width = min(width, 900)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = max((self.slice_size(g)[0] for g in self._drawing.slices), default=0)
        return QSize(min(width, 240), self.heightForWidth(max(width, 1)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        theme = self._theme
        w, h = self.cell_size()
        line = QColor(mix(theme.foreground, theme.background, 0.35))
        text = QColor(theme.foreground)
        label_h = self.fontMetrics().height() + LABEL_GAP
        for (x0, y0), grid in zip(self.placements(self.width()), self._drawing.slices):
            if grid.label():
                painter.setPen(QColor(mix(theme.foreground, theme.background, 0.7)))
                painter.drawText(QRectF(x0, y0, self.slice_size(grid)[0], label_h - LABEL_GAP),
                                 Qt.AlignLeft | Qt.AlignVCenter, grid.label())
                y0 += label_h
            for cell in grid.cells:
                rect = QRectF(x0 + cell.col * w, y0 + cell.row * h, w, h)
                if cell.group is not None:
                    colour = group_colour(theme, cell.group)
                    painter.fillRect(rect, with_alpha(colour, 0.35 if theme.name == "light" else 0.45))
                painter.setPen(QPen(line, 1))
                if cell.flat is not None:
                    painter.drawRect(rect)
                if cell.group is not None:
                    painter.setPen(QPen(QColor(group_colour(theme, cell.group)), theme.line(2)))
                    painter.drawRect(rect.adjusted(1, 1, -1, -1))
                painter.setPen(text)
                painter.drawText(rect, Qt.AlignCenter, cell.text)
        painter.end()


class TensorGrid(QWidget):
    """One value of a result, drawn (see the module's docstring); a click on it emits
    ``clicked(name)`` (TensorList then shows the cells it picked in its source)."""

    clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value = None
        self._theme = LIGHT
        self._groups: dict[int, int] = {}
        self._shared: list[str] = []
        self._same_as: str | None = None
        self._picked_by = ""
        self._indexes: list[str] = []
        self._joined: list = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.RichText)
        self.notes = QLabel()  # the shape rule, the shared memory, the highlights' meaning
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.RichText)
        self.canvas = SliceCanvas()
        self.before_label = QLabel(self.tr("before:"))
        self.before_canvas = SliceCanvas()  # an in-place change: the values before it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.notes)
        layout.addWidget(self.canvas)
        layout.addWidget(self.before_label)
        layout.addWidget(self.before_canvas)

    def show_value(self, value, values=(), chosen: str | None = None) -> None:
        """Draw ``value`` (a TensorValue) among the result's ``values``: the cells other values
        picked from it (the index result named ``chosen``, else the last) or took from it
        highlighted, the values sharing its memory named."""
        values = list(values) or [value]
        self._value = value
        self._same_as = same_as(value, values)
        self._groups = groups_of(value, values, chosen)
        self._shared = sharing(value, values)
        made = picker(values, value.name, chosen)
        self._picked_by = (made.name or self._name("")) if made is not None else ""
        self._indexes = [v.name for v in index_results(values, value.name) if v.name]
        self._joined = joined_into(values, value.name)
        self._redraw()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._redraw()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        if self._value is not None and self._value.name:
            self.clicked.emit(self._value.name)

    def drawing(self) -> Drawing:
        return self.canvas.drawing()

    def heading_text(self) -> str:
        return self.heading.text()

    def notes_text(self) -> str:
        return self.notes.text()

    def _redraw(self) -> None:
        value = self._value
        if value is None:
            return
        if self._same_as is not None:  # the code ended with a variable's name: drawn once, as that variable
            drawing = Drawing()
            self.heading.setText(self.tr("<b>result</b> = <b>{0}</b> (drawn above)").format(html.escape(self._same_as)))
            self.notes.setText("")
        else:
            drawing = draw(value, self._groups)
            self.heading.setText(self._heading(value, drawing))
            self.notes.setText("<br>".join(self._notes(value, drawing)))
        self.notes.setVisible(bool(self.notes.text()))
        self.canvas.set_drawing(drawing, self._theme)
        self.canvas.setVisible(bool(drawing.slices))
        before = value.before is not None and is_array(value) and self._same_as is None
        if before:
            changed = {i: CHANGED for i, g in self._groups.items() if g == CHANGED}
            self.before_canvas.set_drawing(draw(replace(value, values=value.before, before=None), changed), self._theme)
        self.before_label.setVisible(before)
        self.before_canvas.setVisible(before)

    def _heading(self, value, drawing: Drawing) -> str:
        name = self._name(value.name)
        if not is_array(value):
            kind = value.python_type or value.kind
            return self.tr("<b>{0}</b> = <code>{1}</code> &nbsp;<i>({2})</i>").format(
                name, html.escape(drawing.text or value.text), html.escape(kind))
        facts = self.tr("shape {0} · dtype {1} · device {2}").format(
            shape_text(value.shape), html.escape(str(value.dtype)), html.escape(str(value.device) or "—"))
        kind = self.tr("NumPy array") if value.kind == "ndarray" else self.tr("tensor")
        head = f"<b>{name}</b> &nbsp;<span>{kind} · {facts}</span>"
        if drawing.text and not drawing.slices:
            head += f"<br><code>{html.escape(drawing.text)}</code>"
        return head

    def _notes(self, value, drawing: Drawing) -> list[str]:
        notes = []
        rule = shape_rule(value)
        if rule is not None:
            notes.append(self._rule_text(rule, value.origin))
        if self._shared:
            notes.append(self.tr("shares memory with {0}: a change to one is a change to the other").format(
                ", ".join(f"<b>{self._name(n)}</b>" for n in self._shared)))
        if PICKED in drawing.groups:
            if value.origin is not None and value.origin.op == "setitem":
                notes.append(self.tr("{0} the cells the assignment set").format(self._swatch(PICKED)))
            else:
                by = html.escape(self._picked_by) or self.tr("the index")
                notes.append(self.tr("{0} the cells {1} picked").format(self._swatch(PICKED), by))
                if len(self._indexes) > 1:
                    notes.append(self.tr("(click {0} to see the cells it picked)").format(
                        ", ".join(f"<b>{html.escape(n)}</b>" for n in self._indexes if n != self._picked_by)))
        if CHANGED in drawing.groups:
            notes.append(self.tr("{0} changed in place: these cells held other values before (drawn below)").format(
                self._swatch(CHANGED)))
        elif value.before is not None:
            notes.append(self.tr("changed in place (its values before are drawn below)"))
        parts = [g for g in drawing.groups if g >= 0]
        origin = value.origin
        if parts and origin is not None and origin.op in ("cat", "stack"):
            legend = " ".join(f"{self._swatch(g)} {html.escape(origin.sources[g] if g < len(origin.sources) else str(g))}"
                              for g in parts)
            if origin.op == "stack":
                notes.append(self.tr("stack on dim {0} (a new dimension): {1}").format(origin.dim, legend))
            else:
                notes.append(self.tr("cat on dim {0}: {1}").format(origin.dim, legend))
        for result, number in self._joined:
            notes.append(self.tr("{0} goes into {1} ({2} on dim {3})").format(
                self._swatch(number), f"<b>{self._name(result.name)}</b>", result.origin.op, result.origin.dim))
        if drawing.extents:
            notes.append(self.tr("large: showing {0}; the rest are not drawn").format(self._extents_text(drawing)))
        elif value.truncated:
            notes.append(self.tr("large: only its first values came back and are drawn"))
        elif _capped(drawing):
            notes.append(self.tr("large: only some of its values are drawn (… marks the rest)"))
        return notes

    def _extents_text(self, drawing: Drawing) -> str:
        """Which part of each cut dimension is drawn, of how many: "slices 0–2 of 256 (each 5 × 7)"."""
        words = {"slices": (self.tr("slice {0} of {1}"), self.tr("slices {0} of {1}")),
                 "rows": (self.tr("row {0} of {1}"), self.tr("rows {0} of {1}")),
                 "columns": (self.tr("column {0} of {1}"), self.tr("columns {0} of {1}")),
                 "values": (self.tr("value {0} of {1}"), self.tr("values {0} of {1}"))}
        parts = []
        for extent in drawing.extents:
            first, last = _position(extent.first), _position(extent.last)
            one, many = words[extent.part]
            text = (one if first == last else many).format(first if first == last else f"{first}–{last}",
                                                          _sizes(extent.total))
            if extent.part == "slices" and len(drawing.extents) == 1:
                text += " " + self.tr("(each {0})").format(_sizes(self._value.shape[-2:]))
            parts.append(text)
        return ", ".join(parts)

    def _name(self, name: str) -> str:
        """A value's name for the drawing's words: "" is the last expression's result."""
        return html.escape(name) if name else self.tr("result")

    def _swatch(self, group: int) -> str:
        return f"<span style='color:{group_colour(self._theme, group)}'>■</span>"

    def _rule_text(self, rule, origin) -> str:
        formula = html.escape(rule.formula())
        if rule.op in ("mm", "matmul", "bmm"):
            text = self.tr("matrix product ({0}): {1} — the inner sizes match, the outer ones make the result").format(
                rule.op, f"<code>{formula}</code>")
        elif rule.op in PRODUCTS:
            text = self.tr("element-wise {0}: {1}").format(rule.op, f"<code>{formula}</code>")
        else:
            call = rule.op + ("(" + ", ".join(str(d) for d in origin.dims) + ")" if origin.dims else "")
            text = self.tr("{0}: shape before → after {1} (the same values, {2} of them)").format(
                html.escape(call), f"<code>{formula}</code>", _count(rule.after))
        if rule.broadcast:
            dims = ", ".join(str(d) for d in rule.broadcast)
            text += "<br>" + self.tr("broadcasting: dimension {0} of the result was stretched from size 1 to fit").format(dims)
        return text


def _capped(drawing: Drawing) -> bool:
    return any(c.flat is None for s in drawing.slices for c in s.cells) or any(s.index is None for s in drawing.slices)


def _position(index) -> str:
    """A drawn slice's index as the words give it: 2, or [0, 2] below two leading dimensions."""
    if isinstance(index, tuple):
        return str(index[0]) if len(index) == 1 else "[" + ", ".join(str(i) for i in index) + "]"
    return str(index)


def _sizes(sizes) -> str:
    """256, or 5 × 7 for several dimensions."""
    return " × ".join(str(int(n)) for n in sizes) if isinstance(sizes, tuple) else str(int(sizes))


def _count(shape) -> int:
    n = 1
    for d in shape:
        n *= int(d)
    return n
