"""The pinned environment: pyproject ranges, requirements.lock and environment.yml agree."""

import subprocess
import tomllib

from packaging.requirements import Requirement

from dantoc_analysis.environment import PYTHON, environment_yml, pinned
from dantoc_analysis.paths import REPO_ROOT


def lock() -> dict[str, str]:
    text = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {p.split("==")[0].lower().replace("_", "-"): p.split("==")[1] for p in pinned(text)}


def test_environment_yml_installs_the_lock():
    text = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert (REPO_ROOT / "environment.yml").read_text(encoding="utf-8") == environment_yml(text), \
        "run `make environment`"


def test_every_dependency_is_pinned_within_its_range():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [d for group in project["optional-dependencies"].values() for d in group]
    pins = lock()
    for line in declared:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not in requirements.lock"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} outside {requirement.specifier}"


def test_conda_python_satisfies_requires_python():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from packaging.specifiers import SpecifierSet
    assert SpecifierSet(project["requires-python"]).contains(PYTHON + ".0")


def test_make_installs_the_lock_with_the_uv_it_pins():
    # uv is pinned in the lock like any package (so environment.yml carries it too); the Makefile
    # reads its version from there, fetches it with pip, and hands the lock to it.
    commands = subprocess.run(["make", "-n", "-B", ".venv/.installed"], cwd=REPO_ROOT, capture_output=True,
                              text=True, check=True).stdout
    assert f"pip install --quiet --disable-pip-version-check uv=={lock()['uv']}\n" in commands
    assert "uv pip install --quiet --python .venv/bin/python -r requirements.lock\n" in commands
