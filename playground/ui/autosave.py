"""The autosave that lets unsaved work survive a crash.

Each window autosaves to a file of its own, ``data_dir/autosave-<id>.json``, a second
after each edit, and holds ``autosave-<id>.lock`` (a QLockFile) while it lives; closing
normally removes both. At start-up a window offers back only autosaves whose lock it
can take: their window is gone (Qt sees that the process that held the lock is dead).
It never reads, offers or deletes the autosave of a window that is still open.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from playground.design.schema import Design
from playground.errors import PlaygroundError
from playground.files import STALE_TEMP_SECONDS, remove_stale_temps

from playground.ui.document import DesignDocument

AUTOSAVE_DELAY_MS = 1000


class Autosave(QObject):
    """This window's autosave of ``document`` in ``data_dir`` (None: the user's application data),
    and the recovery of other windows'.

    ``saved_path()`` is the file the design was last saved to (None: never saved), kept
    with the autosave so that a restored design saves there again.
    """

    def __init__(self, document: DesignDocument, data_dir: Path | None, saved_path: Callable[[], Path | None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._saved_path = saved_path
        self.data_dir = Path(data_dir) if data_dir is not None else _app_data_dir()
        self.file = self.data_dir / f"autosave-{uuid.uuid4().hex[:12]}.json"  # this window's
        self._lock: QLockFile | None = None  # held from the first autosave until the window closes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.write)
        document.changed.connect(self._on_document_changed)

    def write(self) -> None:
        """Keep the unsaved design where a crash cannot take it (atomic, in the data folder)."""
        from playground.design.io import design_to_json
        from playground.files import atomic_write_text

        if self._document.undo_stack.isClean():
            return
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if not self._hold_lock():
                return
            atomic_write_text(self.file, design_to_json(self._document.design))
            path = self._saved_path()
            info = {"path": str(path) if path else "", "saved_at": time.time()}
            atomic_write_text(self.file.with_suffix(".info.json"), json.dumps(info))
        except OSError:
            pass  # the next edit tries again; saving by hand reports errors

    def remove(self) -> None:
        """The design is saved: this window's autosave is not needed (the lock stays)."""
        self._timer.stop()
        _remove_autosave_files(self.file)

    def end(self) -> None:
        """The window closes normally: remove its autosave and its lock."""
        self.remove()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def recover(self, ask: Callable[[Design], bool], restore: Callable[[Design, Path | None], None]) -> bool:
        """At start-up: offer the designs left by windows that did not close; True if one was restored.

        Newest first, until one is taken: ``ask(design)`` says whether to restore it, and
        ``restore(design, saved path)`` puts it on screen (as unsaved work). A declined or
        unreadable one is deleted, the ones not offered stay for the next start. The
        autosaves of windows still open are left alone.
        """
        restored = False
        for design_file, lock in self._orphaned():
            try:
                if restored:
                    continue
                restored = self._offer(design_file, ask, restore)
                _remove_autosave_files(design_file, temps_older_than=0)  # nobody writes it: its lock is ours
            finally:
                lock.unlock()
        return restored

    def _on_document_changed(self, _new, _old) -> None:
        self._timer.start()

    def _hold_lock(self) -> bool:
        if self._lock is None:
            lock = _autosave_lock(self.file)
            if not lock.tryLock(0):  # cannot be another window's (the name is new): the folder is not writable
                return False
            self._lock = lock
        return True

    def _orphaned(self) -> list[tuple[Path, QLockFile]]:
        """The autosaves in the data folder whose window is gone, newest first, each with its
        lock now held here. A lock left without an autosave is removed."""
        names = {p.stem for p in self.data_dir.glob("autosave*.lock")}
        names |= {p.name.removesuffix(".json") for p in self.data_dir.glob("autosave*.json")
                  if not p.name.endswith(".info.json")}
        names.discard(self.file.stem)
        found = []
        for name in names:
            design_file = self.data_dir / f"{name}.json"
            lock = _autosave_lock(design_file)
            if not lock.tryLock(0):
                continue  # its window is still open (or the folder cannot be written)
            if design_file.exists():
                found.append((design_file, lock))
            else:
                lock.unlock()
        return sorted(found, key=lambda item: _modified(item[0]), reverse=True)

    def _offer(self, design_file: Path, ask, restore) -> bool:
        """Ask about one autosave; True when its design is now on screen (and autosaved as this window's)."""
        from playground.design.io import load_design

        try:
            design = load_design(design_file, check=False)
            info = json.loads(design_file.with_suffix(".info.json").read_text("utf-8"))
            path = Path(info["path"]) if isinstance(info, dict) and info.get("path") else None
        except (PlaygroundError, OSError, ValueError, TypeError):
            return False
        if not ask(design):
            return False
        restore(design, path)
        self.write()  # before the old autosave goes
        return True


def _autosave_lock(design_file: Path) -> QLockFile:
    """The lock of an autosave; stale only when the process that took it has ended."""
    lock = QLockFile(str(design_file.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # a window may stay open for days: age alone never makes it stale
    return lock


def _remove_autosave_files(design_file: Path, temps_older_than: float = STALE_TEMP_SECONDS) -> None:
    """An autosave's design and info, and the temp files of its saves that a kill cut off."""
    for file in (design_file, design_file.with_suffix(".info.json")):
        file.unlink(missing_ok=True)
        remove_stale_temps(file, temps_older_than)


def _app_data_dir() -> Path:
    """The user's data folder (playground.platforms.user_folders: Qt's AppDataLocation)."""
    from playground.platforms import user_folders

    return Path(user_folders().data)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
