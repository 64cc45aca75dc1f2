"""Where things are: the one module that knows the project's paths (data root overridable)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
REPO_ROOT = PACKAGE_DIR.parent
DATA_ENV = "DANTOC_DATA_DIR"
# The tables of a data folder that every report reads, whichever province it is about (beside
# facts.csv, sources.csv, raw/ and ignored_mentions.csv, which are read per source).
CATALOGUE_FILES = ("indicators.csv", "projects.csv", "plausibility.csv", "area_levels.csv", "domains.csv",
                   "capital_types.csv", "severities.csv")
FIGURES_ENV = "DANTOC_FIGURES_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument, else $DANTOC_DATA_DIR, else the repository's data/."""
    chosen = override or os.environ.get(DATA_ENV) or REPO_ROOT / "data"
    return Path(chosen).resolve()


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def figures_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The figures folder: the argument, else $DANTOC_FIGURES_DIR, else the repository's figures/."""
    return Path(override or os.environ.get(FIGURES_ENV) or REPO_ROOT / "figures").resolve()
