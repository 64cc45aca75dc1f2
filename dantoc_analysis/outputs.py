"""Build outputs written atomically, only when their bytes change, never leaving a temporary file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from . import paths

TEMPORARY_SUFFIX = ".tmp"


class OutputError(Exception):
    """An output folder cannot be written (read-only, out of space): the batch stops."""


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file, and a failed write
    (a full disk, a read-only folder) leaves no temporary file behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}{TEMPORARY_SUFFIX}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {paths.display_path(path)}: {exc.strerror or exc}") from None


def remove_temporaries(*folders: Path) -> int:
    """Delete temporary files a stopped run left (ours are '.NAME.PID-THREAD.tmp'); the lock
    guarantees no other run is writing them."""
    removed = 0
    for folder in folders:
        for temporary in folder.rglob(f".*{TEMPORARY_SUFFIX}") if folder.is_dir() else ():
            temporary.unlink(missing_ok=True)
            removed += 1
    return removed


def check_writable(*folders: Path) -> None:
    """Create each folder and prove a file can be written there, before any report is computed."""
    for folder in folders:
        probe = folder / f".probe.{os.getpid()}{TEMPORARY_SUFFIX}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise OutputError(f"cannot write to {paths.display_path(folder)}: {exc.strerror or exc}") from None


def write_if_changed(path: Path, content: bytes | str) -> bool:
    """write_atomic unless the file already holds these bytes; True if written.

    An unchanged file keeps its modification time, so a re-run with the same inputs touches nothing.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True
