"""Draw the app icon with QPainter and write resources/icons/ (run once; the files are committed).

    .venv/bin/python packaging/make_icon.py

The picture is a tiny network on a blue rounded square: two inputs, three hidden
neurons, one output, with blue (positive) and orange (negative) connections, the
colours the Network view uses. Written as a 256 px PNG (window icon, Linux), a
multi-size .ico (Windows executable), a multi-size .icns (macOS app) and an .svg
(scalable, for desktop entries). packaging/platform_parts.py says which one each
system's build uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, QSize, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen  # noqa: E402
from PySide6.QtSvg import QSvgGenerator  # noqa: E402

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "nn-playground"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's icon types that hold PNG data, by side in pixels (ic09 and ic10 are the 512 and
# 1024 px of the Retina "256@2x" and "512@2x" slots); the Finder and the Dock pick one.
ICNS_TYPES = {128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}

POSITIVE = "#0877bd"
NEGATIVE = "#f59322"

# Neuron centres in a 256 x 256 canvas, one list per layer.
LAYERS = (
    ((64, 92), (64, 164)),
    ((128, 64), (128, 128), (128, 192)),
    ((192, 128),),
)
# (from layer, from index, to index) -> True for a positive weight; the rest are negative.
NEGATIVE_LINKS = {(0, 0, 2), (0, 1, 0), (1, 1, 0)}


def draw(painter: QPainter, size: int) -> None:
    """Paint the icon into a ``size`` x ``size`` area at the origin."""
    painter.setRenderHint(QPainter.Antialiasing)
    painter.scale(size / 256, size / 256)
    gradient = QLinearGradient(0, 0, 0, 256)
    gradient.setColorAt(0, QColor("#2b6cb0"))
    gradient.setColorAt(1, QColor("#1a365d"))
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    for layer in range(len(LAYERS) - 1):
        for i, start in enumerate(LAYERS[layer]):
            for j, end in enumerate(LAYERS[layer + 1]):
                colour = NEGATIVE if (layer, i, j) in NEGATIVE_LINKS else "#7cc4fa"
                width = 7 if (i + j) % 2 == 0 else 5
                painter.setPen(QPen(QColor(colour), width, Qt.SolidLine, Qt.RoundCap))
                painter.drawLine(QPointF(*start), QPointF(*end))
    painter.setPen(QPen(QColor("#1a365d"), 5))
    for layer, neurons in enumerate(LAYERS):
        painter.setBrush(QColor("#ffffff" if layer != len(LAYERS) - 1 else NEGATIVE))
        radius = 22 if layer != len(LAYERS) - 1 else 26
        for x, y in neurons:
            painter.drawEllipse(QPointF(x, y), radius, radius)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    draw(painter, size)
    painter.end()
    return image


def write_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(256, 256))
    generator.setViewBox(QRectF(0, 0, 256, 256))
    generator.setTitle("NN Playground")
    painter = QPainter(generator)
    draw(painter, 256)
    painter.end()


def png_bytes(size: int) -> bytes:
    """The icon at ``size`` px as PNG file data."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    render(size).save(buffer, "PNG")
    return bytes(data.data())


def write_icns(path: Path) -> None:
    """A macOS .icns: b"icns", the file's length, then one chunk per size (a 4-byte
    type, the chunk's length including its 8-byte header, PNG data); all big-endian."""
    import struct

    chunks = b"".join(kind + struct.pack(">I", 8 + len(blob)) + blob
                      for kind, blob in ((kind, png_bytes(size)) for size, kind in ICNS_TYPES.items()))
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)


def write_ico(path: Path) -> bool:
    """A multi-resolution .ico; Qt's ico plugin writes one image per file, so the
    container is assembled here from PNG-compressed entries (valid since Windows Vista)."""
    import struct

    blobs = [png_bytes(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = len(header) + 16 * len(blobs)
    entries = b""
    for size, blob in zip(ICO_SIZES, blobs):
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))
    return True


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts and painting need it
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    ok = render(256).save(str(ICON_DIR / f"{NAME}.png"))
    ok = write_ico(ICON_DIR / f"{NAME}.ico") and ok
    write_icns(ICON_DIR / f"{NAME}.icns")
    write_svg(ICON_DIR / f"{NAME}.svg")
    for file in sorted(ICON_DIR.iterdir()):
        print(f"{file}  {file.stat().st_size:,} bytes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
