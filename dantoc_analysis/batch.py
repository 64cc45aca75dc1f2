"""Run report notebooks per province and language, in-process, cached, with atomic writes.

One failing report never stops the others and never replaces a good previous output.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from tqdm import tqdm

from . import paths
from .kernel import ensure_kernel
from .numbers import LANGS

# papermill, nbformat and nbconvert load only when a report runs: a batch with nothing to do
# stays near-instant (nbformat's schema validator alone takes seconds to import).

log = logging.getLogger(__name__)
MANIFEST = ".dantoc-manifest.json"
REPORT_NOTEBOOKS = paths.REPO_ROOT / "notebooks" / "reports"
NOTEBOOK_ORDER = ("narrative", "trends", "data-quality", "comparison")
KERNEL_START_ATTEMPTS = 3


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


# What every report reads whichever province it is about.
SHARED_DATA = ("indicators.csv", "projects.csv", "plausibility.csv", "area_levels.csv")


def province_data_version(data_dir: Path, province: str) -> str:
    """A hash of the data one province's reports read: its facts, their sources and raw files,
    the ignored mentions in those sources, and the shared catalogue. Another province's edit
    leaves it unchanged."""
    facts = _csv_rows(data_dir / "facts.csv")
    sources = _csv_rows(data_dir / "sources.csv")
    used = {r["source_id"] for r in facts if r.get("province") == province}
    used |= {r["source_id"] for r in sources if r.get("province") == province}
    digest = hashlib.sha256()
    for name in SHARED_DATA:
        path = data_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    ignored = _csv_rows(data_dir / "ignored_mentions.csv")
    for table, rows in (("facts", facts), ("sources", sources), ("ignored", ignored)):
        for row in rows:
            if row.get("source_id") in used:
                digest.update(table.encode() + json.dumps(row, sort_keys=True).encode())
    for row in sources:
        raw = data_dir / row.get("path", "")
        if row.get("source_id") in used and raw.is_file():
            digest.update(raw.read_bytes())
    return digest.hexdigest()[:16]


def _csv_rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


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


def report_notebooks(folder: Path | None = None) -> list[Path]:
    found = sorted((folder or REPORT_NOTEBOOKS).glob("*.ipynb"))
    return sorted(found, key=lambda p: (NOTEBOOK_ORDER.index(p.stem) if p.stem in NOTEBOOK_ORDER else 99, p.stem))


def fingerprint(notebooks: list[Path], data_dir: Path, settings: dict) -> str:
    """Everything a whole batch depends on: data, package code, notebooks and the options."""
    digest = hashlib.sha256()
    for part in (data_version(data_dir), _package_hash(), json.dumps(settings, sort_keys=True)):
        digest.update(part.encode() + b"\0")
    for notebook in notebooks:
        digest.update(notebook.name.encode() + b"\0" + notebook.read_bytes())
    return digest.hexdigest()


def unchanged_batch(output_dir: Path, batch_fingerprint: str) -> list[str] | None:
    """The outputs of the last clean batch, if it had the same fingerprint and they all exist."""
    manifest = output_dir / MANIFEST
    if not manifest.is_file():
        return None
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    outputs = recorded.get("outputs", [])
    current = recorded.get("fingerprint") == batch_fingerprint and all((output_dir / o).is_file() for o in outputs)
    return outputs if current else None


def record_batch(output_dir: Path, batch_fingerprint: str, outputs: list[Path]) -> None:
    listed = sorted(p.relative_to(output_dir).as_posix() for p in outputs)
    text = json.dumps({"fingerprint": batch_fingerprint, "outputs": listed}, indent=1)
    manifest = output_dir / MANIFEST
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != text:
        write_atomic(manifest, text)


def is_current(job: Job, key: str) -> bool:
    return job.path("html").is_file() and job.key_path.is_file() and job.key_path.read_text() == key


def declared_parameters(notebook: Path) -> list[str]:
    """The names the cell tagged 'parameters' assigns, read with ast (no kernel, no papermill)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            tree = ast.parse(source)
            return [target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(target, ast.Name)]
    return []


def check_parameters(job: Job) -> None:
    """Own the parameter schema: papermill would inject unknown names silently."""
    declared = declared_parameters(job.notebook)
    if not declared:
        raise ParameterError(f"{job.notebook.name} has no cell tagged 'parameters'")
    unknown = sorted(set(job.parameters) - set(declared))
    if unknown:
        raise ParameterError(f"{job.notebook.name} does not declare parameter(s) {', '.join(unknown)}")


def write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class KernelPool:
    """One warm kernel per worker thread, reused across that worker's reports.

    Starting a kernel and importing pandas cost more than most reports; a reused kernel has its
    user namespace reset before each report, so no variable survives from one to the next. A
    kernel that fails to start is retried; one that died is replaced.
    """

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name
        self.local = threading.local()
        self.started: list = []
        self.lock = threading.Lock()

    def kernel(self):
        from jupyter_core.utils import run_sync

        km = getattr(self.local, "km", None)
        if km is not None and run_sync(km.is_alive)():
            self._reset(km)
            return km
        km = self._start()
        self.local.km = km
        return km

    def _start(self):
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            km = AsyncKernelManager(kernel_name=self.kernel_name)
            try:
                run_sync(km.start_kernel)()
                self._reset(km)  # also proves the kernel answers
                with self.lock:
                    self.started.append(km)
                return km
            except (RuntimeError, TimeoutError, OSError) as exc:
                run_sync(km.shutdown_kernel)(now=True)
                if attempt == KERNEL_START_ATTEMPTS:
                    raise
                log.warning("kernel start failed (%s); retrying", exc)
                time.sleep(attempt)
        raise AssertionError("unreachable")

    @staticmethod
    def _reset(km) -> None:
        from jupyter_core.utils import run_sync

        client = km.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=60)
            run_sync(client.execute_interactive)("%reset -f", store_history=False, timeout=60)
        finally:
            client.stop_channels()

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        for km in self.started:
            run_sync(km.shutdown_kernel)(now=True)


def execute(job: Job, pool: KernelPool):
    """Run the notebook in a warm kernel; a cell error fails the report, never retried."""
    import papermill

    km = pool.kernel()
    notebook = papermill.execute_notebook(
        str(job.notebook), None, parameters=job.parameters, kernel_name=pool.kernel_name, km=km,
        progress_bar=False, start_timeout=60,
    )  # no cwd=: papermill would chdir the whole process, which races between threads
    return _deterministic(notebook)


def _deterministic(notebook):
    # papermill stamps times and gives its injected cell a random id: a forced re-run must be
    # byte-identical.
    notebook.metadata.get("papermill", {}).pop("start_time", None)
    for name in ("end_time", "duration", "exception"):
        notebook.metadata.get("papermill", {}).pop(name, None)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for count, cell in enumerate(code, start=1):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
        # A reused kernel keeps counting: number from 1 so the output does not depend on the worker.
        if cell.execution_count is not None:
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output.execution_count = count
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
    return notebook


def run_job(job: Job, key: str, data_hash: str, pool: KernelPool) -> Outcome:
    """Execute one report and write its .ipynb and .html; runs in a worker thread."""
    import nbformat

    from . import html

    started = time.perf_counter()
    try:
        check_parameters(job)
        notebook = execute(job, pool)
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
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}".splitlines()[0]
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


@contextmanager
def environment(**variables: str):
    """Set variables for the kernels started inside the block, then restore the caller's."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_batch(jobs: list[Job], *, workers: int | None = None, force: bool = False,
              data_dir: Path | None = None, progress: bool = True) -> list[Outcome]:
    """Run every job that is not current; return one outcome per job, in the given order."""
    data = paths.data_dir(data_dir)
    data_hash = data_version(data)
    versions = {p: province_data_version(data, p) for p in {job.province for job in jobs} if p}
    keys = {job: cache_key(job, versions.get(job.province, data_hash)) for job in jobs}
    outcomes = {job: Outcome(job, "cached") for job in jobs if not force and is_current(job, keys[job])}
    todo = [job for job in jobs if job not in outcomes]
    if todo:
        pool = KernelPool(ensure_kernel())
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        # Threads suffice: each kernel is its own process; the threads only wait on them.
        try:
            with environment(**{paths.DATA_ENV: str(data)}), ThreadPoolExecutor(workers) as threads:
                futures = {threads.submit(run_job, job, keys[job], versions.get(job.province, data_hash), pool): job
                           for job in todo}
                for future in tqdm(as_completed(futures), total=len(futures), disable=None if progress else True,
                                   unit="report"):  # None: only on a terminal
                    outcomes[futures[future]] = future.result()
        finally:
            pool.shutdown()
    return [outcomes[job] for job in jobs]
