"""The evaluation sets the benches score, declared once in tests/fixtures/evaluation_sets.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def evaluation_sets() -> list[dict]:
    """Each set's name and note, in the order they were written."""
    return tomllib.loads((FIXTURES / "evaluation_sets.toml").read_text(encoding="utf-8"))["set"]


def folders(task: Path) -> list[tuple[str, Path]]:
    """(name, folder) of every set with texts for one task's fixtures (heldout, audit)."""
    return [(s["name"], task / s["name"]) for s in evaluation_sets() if (task / s["name"]).is_dir()]
