"""Build outputs written atomically, and only when their bytes change."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_if_changed(path: Path, content: bytes | str) -> bool:
    """Write beside the target, then rename, unless it already holds these bytes; True if written.

    An unchanged file keeps its modification time, so a re-run with the same inputs touches nothing.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True
