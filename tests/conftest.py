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


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory) -> Path:
    """The real report notebooks run once for Lạng Sơn in both languages (plus the comparison)."""
    from dantoc_analysis.cli import main

    root = tmp_path_factory.mktemp("built")
    code = main(["report", "--province", "lang-son", "--output", str(root / "reports"),
                 "--figures", str(root / "figures"), "--jobs", "2"])
    assert code == 0
    return root
