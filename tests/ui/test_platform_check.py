"""The message shown instead of Qt's bare abort when the xcb plugin cannot load."""

from playground.ui.platform_check import advice, check_display, missing_libraries, uses_xcb

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibmystery.so.9 => not found
"""


def test_missing_libraries_are_read_from_ldd():
    assert missing_libraries(LDD) == ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libmystery.so.9"]


def test_advice_names_the_packages_to_install():
    text = advice(missing_libraries(LDD))
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in text
    assert "libmystery.so.9" in text and "apt-file search" in text


def test_which_platform_qt_would_use():
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "darwin")


def test_no_display_is_explained():
    assert "no display" in check_display({}, "linux")
    assert check_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert check_display({}, "win32") is None
