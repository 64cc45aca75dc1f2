import shutil
from pathlib import Path

import pytest

from dantoc_analysis import paths

SEEDS = paths.REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ (raw files included) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.REPO_ROOT / "data", target)
    return target
