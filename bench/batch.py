"""Benchmark: the report batch the plain way against `dantoc report`, and a no-change re-run.

The plain way runs, one report at a time, `papermill` and then `jupyter nbconvert --to html`
(as a researcher would from a shell). `dantoc report --force` runs the same notebooks for the
same provinces and languages in-process with a bounded pool. Prints times and ratios.

    .venv/bin/python bench/batch.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dantoc_analysis import batch, kernel, loaders
from dantoc_analysis.report import provinces_with_facts

BIN = Path(sys.executable).parent
LANGS = ("vi", "en")


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def plain_way(work: Path, env: dict) -> tuple[float, int]:
    provinces = provinces_with_facts(loaders.load_facts())
    work.mkdir(parents=True, exist_ok=True)
    name, total, count = kernel.ensure_kernel(), 0.0, 0
    for notebook in batch.report_notebooks():
        per_province = "province" in batch.declared_parameters(notebook)
        for province in provinces if per_province else [None]:
            for lang in LANGS:
                out = work / f"{notebook.stem}.{province or 'all'}.{lang}.ipynb"
                params = ["-p", "lang", lang] + (["-p", "province", province] if province else [])
                total += timed([str(BIN / "papermill"), str(notebook), str(out), "-k", name, *params], env)
                total += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out)], env)
                count += 1
    return total, count


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "DANTOC_FIGURES_DIR": str(work / "figures")}
        plain, count = plain_way(work / "plain", env)
        report = [str(BIN / "dantoc"), "report", "--output", str(work / "reports"), "--figures", str(work / "figures")]
        full = timed([*report, "--force"], env)
        unchanged = timed(report, env)
    cores = os.cpu_count()
    print(f"reports: {count} (notebooks × provinces × languages), cores: {cores}")
    print(f"plain way (papermill CLI + nbconvert CLI, one at a time): {plain:7.1f} s")
    print(f"dantoc report --force:                                 {full:7.1f} s   {plain / full:4.1f}× faster")
    print(f"dantoc report, nothing changed:                        {unchanged:7.2f} s   "
          f"{100 * unchanged / full:4.1f}% of a full run")


if __name__ == "__main__":
    main()
