"""The one exception for unusable data, carrying the file, line and column at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import display_path


@dataclass
class DataError(Exception):
    """Data that cannot be used: names the file, the line (1 = header) and the column."""

    file: Path
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [display_path(Path(self.file))]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"
