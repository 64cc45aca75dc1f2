"""Run report notebooks per province and language, in-process, cached, with atomic writes.

One failing report never stops the others and never replaces a good previous output.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError
from tqdm import tqdm

from . import html, paths
from .kernel import ensure_kernel

log = logging.getLogger(__name__)
KERNEL_START_ATTEMPTS = 3
LANGS = ("vi", "en")


class ParameterError(ValueError):
    """The notebook's parameters cell does not accept what the runner passes."""


@dataclass(frozen=True)
class Job:
    """One notebook for one province (or all) in one language."""

    notebook: Path
    lang: str
    output_dir: Path
    province: str | None = None  # None: a notebook about all provinces

    @property
    def parameters(self) -> dict[str, str]:
        return {"province": self.province, "lang": self.lang} if self.province else {"lang": self.lang}

    @property
    def folder(self) -> Path:
        return self.output_dir / (self.province or "all")

    def path(self, suffix: str, lang: str | None = None) -> Path:
        return self.folder / f"{self.notebook.stem}.{lang or self.lang}.{suffix}"

    @property
    def key_path(self) -> Path:
        return self.folder / f".{self.notebook.stem}.{self.lang}.key"

    @property
    def label(self) -> str:
        return f"{self.province or 'all'}/{self.notebook.stem}.{self.lang}"


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # ran | cached | failed
    message: str = ""
    seconds: float = 0.0


def data_version(data_dir: Path) -> str:
    """A hash of every file in the data folder: reports depend on all of it."""
    digest = hashlib.sha256()
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(file.relative_to(data_dir).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(job: Job, data_hash: str) -> str:
    parts = [job.notebook.read_bytes(), json.dumps(job.parameters, sort_keys=True).encode(),
             data_hash.encode(), version("dantoc-analysis").encode(), _package_hash().encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _package_hash() -> str:
    # An editable install keeps its version while the code changes: hash the code too.
    digest = hashlib.sha256()
    for file in sorted(paths.PACKAGE_DIR.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def is_current(job: Job, key: str) -> bool:
    return job.path("html").is_file() and job.key_path.is_file() and job.key_path.read_text() == key


def check_parameters(job: Job) -> None:
    """Own the parameter schema: papermill would inject unknown names silently."""
    declared = papermill.inspect_notebook(str(job.notebook))
    if not declared:
        raise ParameterError(f"{job.notebook.name} has no cell tagged 'parameters'")
    unknown = sorted(set(job.parameters) - set(declared))
    if unknown:
        raise ParameterError(f"{job.notebook.name} does not declare parameter(s) {', '.join(unknown)}")


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def execute(job: Job, kernel_name: str) -> nbformat.NotebookNode:
    """Run the notebook; retry only a kernel that fails to start, never a cell error."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            notebook = papermill.execute_notebook(
                str(job.notebook), None, parameters=job.parameters, kernel_name=kernel_name,
                progress_bar=False, start_timeout=60, cwd=str(job.notebook.parent),
            )
            return _deterministic(notebook)
        except PapermillExecutionError:
            raise
        except (RuntimeError, TimeoutError, OSError) as exc:
            if attempt == KERNEL_START_ATTEMPTS:
                raise
            log.warning("kernel start failed for %s (%s); retrying", job.label, exc)
            time.sleep(attempt)
    raise AssertionError("unreachable")


def _deterministic(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    # papermill stamps times and gives its injected cell a random id: a forced re-run must be
    # byte-identical.
    notebook.metadata.get("papermill", {}).pop("start_time", None)
    for name in ("end_time", "duration", "exception"):
        notebook.metadata.get("papermill", {}).pop(name, None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    return notebook


def run_job(job: Job, key: str, data_hash: str, kernel_name: str) -> Outcome:
    """Execute one report and write its .ipynb and .html; runs in a worker thread."""
    started = time.perf_counter()
    try:
        check_parameters(job)
        notebook = execute(job, kernel_name)
        page = html.notebook_html(
            notebook, lang=job.lang, parameters=job.parameters, data_version=data_hash,
            title=f"{job.notebook.stem} · {job.province or 'all'} · {job.lang}",
            other_language_href=_other_language(job),
        )
    except Exception as exc:  # one report's failure is reported, never raised into the batch
        return Outcome(job, "failed", _one_line(exc), time.perf_counter() - started)
    write_atomic(job.path("ipynb"), nbformat.writes(notebook))
    write_atomic(job.path("html"), page)
    write_atomic(job.key_path, key)  # last: only a complete report counts as current
    return Outcome(job, "ran", "", time.perf_counter() - started)


def _other_language(job: Job) -> str | None:
    other = [lang for lang in LANGS if lang != job.lang]
    return job.path("html", other[0]).name if other else None


def _one_line(exc: Exception) -> str:
    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}".splitlines()[0]
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def run_batch(jobs: list[Job], *, workers: int | None = None, force: bool = False,
              data_dir: Path | None = None, progress: bool = True) -> list[Outcome]:
    """Run every job that is not current; return one outcome per job, in the given order."""
    data = paths.data_dir(data_dir)
    data_hash = data_version(data)
    keys = {job: cache_key(job, data_hash) for job in jobs}
    outcomes = {job: Outcome(job, "cached") for job in jobs if not force and is_current(job, keys[job])}
    todo = [job for job in jobs if job not in outcomes]
    if todo:
        kernel_name = ensure_kernel()
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        os.environ[paths.DATA_ENV] = str(data)  # every kernel inherits it
        # Threads suffice: each kernel is its own process; the threads only wait on them.
        with ThreadPoolExecutor(workers) as pool:
            futures = {pool.submit(run_job, job, keys[job], data_hash, kernel_name): job for job in todo}
            for future in tqdm(as_completed(futures), total=len(futures), disable=not progress, unit="report"):
                outcomes[futures[future]] = future.result()
    return [outcomes[job] for job in jobs]
