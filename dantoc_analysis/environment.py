"""environment.yml for conda users, written from requirements.lock so the two cannot drift."""

from __future__ import annotations

import sys

from .paths import REPO_ROOT

PYTHON = "3.11"


def pinned(lock_text: str) -> list[str]:
    """The 'name==version' lines of a lock file."""
    return [line.strip() for line in lock_text.splitlines() if "==" in line and not line.startswith("#")]


def environment_yml(lock_text: str) -> str:
    pins = "\n".join(f"      - {pin}" for pin in pinned(lock_text))
    return (
        "# Written by `make environment` from requirements.lock: edit the lock, not this file.\n"
        "name: dantoc-analysis\n"
        "channels:\n  - conda-forge\n"
        f"dependencies:\n  - python={PYTHON}\n  - pip\n  - pip:\n{pins}\n      - -e .\n"
    )


if __name__ == "__main__":
    sys.stdout.write(environment_yml((REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")))
