"""Run report notebooks per province and language, in-process, cached, with atomic writes.

One failing report never stops the others and never replaces a good previous output.
"""

from __future__ import annotations

import ast
import csv
import fcntl
import hashlib
import json
import logging
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from . import paths
from .kernel import ensure_kernel
from .numbers import LANGS
from .outputs import OutputError, check_writable, remove_temporaries, write_atomic  # noqa: F401

# papermill, nbformat and nbconvert load only when a report runs: a batch with nothing to do
# stays near-instant (nbformat's schema validator alone takes seconds to import).

log = logging.getLogger(__name__)
MANIFEST = ".dantoc-manifest.json"
LOCK = ".dantoc.lock"
REPORT_NOTEBOOKS = paths.REPO_ROOT / "notebooks" / "reports"
NOTEBOOK_ORDER = ("narrative", "trends", "data-quality", "comparison")
KERNEL_START_ATTEMPTS = 3
CELL_TIMEOUT = 120  # seconds a cell may run; the slowest real cell takes about 3 s


class ParameterError(ValueError):
    """The notebook's parameters cell does not accept what the runner passes."""


class Busy(Exception):
    """Another run holds the output folder."""


@dataclass
class Interrupted(Exception):
    """The batch was stopped (Ctrl-C, SIGTERM, or an OutputError); `outcomes` are the finished reports."""

    outcomes: list = field(default_factory=list)
    cause: BaseException | None = None


@dataclass(frozen=True)
class Job:
    """One notebook for one province (or all) in one language."""

    notebook: Path
    lang: str
    output_dir: Path
    province: str | None = None  # None: a notebook about all provinces
    siblings: tuple[str, ...] = ()  # the notebook stems of the same folder, which the page links

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
    status: str  # ran | cached | failed | stopped (not run: the batch was interrupted)
    message: str = ""
    seconds: float = 0.0
    current: bool = True  # the page on disk matches this run's inputs (False: missing or stale)


def data_version(data_dir: Path) -> str:
    """A hash of every file in the data folder: reports depend on all of it."""
    digest = hashlib.sha256()
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(file.relative_to(data_dir).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


# What every report reads whichever province it is about.
SHARED_DATA = paths.CATALOGUE_FILES


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
             json.dumps(job.siblings).encode(), data_hash.encode(), version("dantoc-analysis").encode(),
             _package_hash().encode()]
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


def template_problem(notebook: Path) -> str | None:
    """Why a notebook cannot serve as a report template (None when it can): the contract is a
    readable notebook with a cell tagged 'parameters' that declares at least `lang`."""
    try:
        declared = declared_parameters(notebook)
    except (OSError, ValueError, KeyError, TypeError, SyntaxError) as exc:
        return f"not a readable notebook ({type(exc).__name__}: {exc})".splitlines()[0]
    if not declared:
        return "no cell tagged 'parameters'"
    if "lang" not in declared:
        return "its parameters cell does not declare `lang`"
    return None


def fingerprint(notebooks: list[Path], data_dir: Path, settings: dict) -> str:
    """Everything a whole batch depends on: data, package code, notebooks and the options."""
    digest = hashlib.sha256()
    for part in (data_version(data_dir), _package_hash(), json.dumps(settings, sort_keys=True)):
        digest.update(part.encode() + b"\0")
    for notebook in notebooks:
        digest.update(notebook.name.encode() + b"\0" + notebook.read_bytes())
    return digest.hexdigest()


def unchanged_batch(output_dir: Path, batch_fingerprint: str) -> int | None:
    """The number of reports of the last clean batch, if it had the same fingerprint and all its
    outputs still exist."""
    try:
        recorded = json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
        outputs = [str(o) for o in recorded["outputs"]]
        fingerprint_, reports = recorded["fingerprint"], int(recorded["reports"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, corrupt or foreign: the run goes on and writes a fresh one
    current = fingerprint_ == batch_fingerprint and all((output_dir / o).is_file() for o in outputs)
    return reports if current else None


def forget_batch(output_dir: Path) -> None:
    """Remove the record of the last clean batch before a run writes its first page: if this run
    stops half-way, the next one must not trust a record its pages no longer match."""
    (output_dir / MANIFEST).unlink(missing_ok=True)


def record_batch(output_dir: Path, batch_fingerprint: str, reports: list[Path], others: list[Path]) -> None:
    """Record a clean batch: its fingerprint, its report pages and every other file it wrote."""
    listed = sorted(p.relative_to(output_dir).as_posix() for p in [*reports, *others])
    text = json.dumps({"fingerprint": batch_fingerprint, "reports": len(reports), "outputs": listed}, indent=1)
    manifest = output_dir / MANIFEST
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != text:
        write_atomic(manifest, text)


def is_current(job: Job, key: str) -> bool:
    try:
        return job.path("html").is_file() and job.key_path.read_text(encoding="utf-8") == key
    except (OSError, ValueError):
        return False  # no key, or an unreadable one: the page is not known to be current


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


@contextmanager
def output_lock(output_dir: Path) -> Iterator[None]:
    """One run at a time per output folder; a second one stops at once instead of interleaving.
    The lock file is only opened, never rewritten, so a no-change run leaves every mtime alone."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        handle = os.open(output_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write to {paths.display_path(output_dir)}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another `dantoc report` is writing to {paths.display_path(output_dir)}; "
                       "wait for it to finish or use another --output") from None
        yield
    finally:
        os.close(handle)  # closing releases the lock, and so does the death of the process


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
        """Clear the user namespace; also proves the kernel answers. Every wait here notices
        within a second that the kernel died (a Ctrl-C kills kernels), so nothing hangs on it."""
        from jupyter_core.utils import run_sync

        client = km.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=60)
            msg_id = client.execute("%reset -f", store_history=False)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    reply = run_sync(client.get_shell_msg)(timeout=0.5)
                except queue.Empty:
                    if not run_sync(km.is_alive)():
                        raise RuntimeError("the kernel died while being reset") from None
                    continue
                if reply["parent_header"].get("msg_id") == msg_id:
                    return
            raise TimeoutError("the kernel did not answer a reset within 60 s")
        finally:
            client.stop_channels()

    def discard(self) -> None:
        """Drop this worker's kernel after a failure: it may still be busy with a cell that timed out."""
        km = getattr(self.local, "km", None)
        self.local.km = None
        if km is not None:
            self._stop(km)

    def kill_all(self) -> None:
        """Stop every kernel at once, from any thread: a running cell ends and its report fails
        within about a second (nbclient polls the kernel)."""
        with self.lock:
            kernels = list(self.started)
        for km in kernels:
            process = getattr(km.provisioner, "process", None)
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the kernel leads its own session
                except (ProcessLookupError, PermissionError):
                    pass

    def shutdown(self) -> None:
        with self.lock:
            kernels, self.started = list(self.started), []
        for km in kernels:
            self._stop(km)

    def _stop(self, km) -> None:
        from jupyter_core.utils import run_sync

        with self.lock:
            if km in self.started:
                self.started.remove(km)
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc:  # a kernel already killed may not answer; its files are cleaned up anyway
            log.debug("kernel shutdown: %s", exc)


def execute(job: Job, pool: KernelPool, timeout: float):
    """Run the notebook in a warm kernel; a cell error or a timeout fails the report, never retried."""
    import papermill

    km = pool.kernel()
    with _closing_clients(km):
        notebook = papermill.execute_notebook(
            str(job.notebook), None, parameters=job.parameters, kernel_name=pool.kernel_name, km=km,
            progress_bar=False, start_timeout=60, execution_timeout=timeout,
        )  # no cwd=: papermill would chdir the whole process, which races between threads
    return _deterministic(notebook)


@contextmanager
def _closing_clients(km) -> Iterator[None]:
    """nbclient leaves connected the client it makes of a kernel it does not own: its sockets would
    go on queueing every later report's output, images included, unread, as long as the batch runs
    (the CLI grew by megabytes a report). Once a report is done, stop the clients it made."""
    made = []
    original = km.client

    def client(*args, **kwargs):
        made.append(original(*args, **kwargs))
        return made[-1]

    km.client = client
    try:
        yield
    finally:
        km.client = original
        for kc in made:
            kc.stop_channels()


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


def run_job(job: Job, key: str, data_hash: str, pool: KernelPool, timeout: float,
            stop: threading.Event) -> Outcome:
    """Execute one report and write its .ipynb and .html; runs in a worker thread."""
    import nbformat

    from . import html

    started = time.perf_counter()
    if stop.is_set():
        return Outcome(job, "stopped")
    try:
        check_parameters(job)
        notebook = execute(job, pool, timeout)
        page = html.notebook_html(
            notebook, lang=job.lang, parameters=job.parameters, data_version=data_hash,
            title=f"{job.notebook.stem} · {job.province or 'all'} · {job.lang}",
            other_language_href=_other_language(job),
            **html.navigation(job.siblings or (job.notebook.stem,), job.notebook.stem, job.province, job.lang),
        )
    except Exception as exc:  # one report's failure is reported, never raised into the batch
        pool.discard()
        if stop.is_set():
            return Outcome(job, "stopped", "", time.perf_counter() - started)
        return Outcome(job, "failed", _one_line(exc, timeout), time.perf_counter() - started)
    if stop.is_set():
        return Outcome(job, "stopped", "", time.perf_counter() - started)
    # The key goes first and comes back last: a run stopped in between leaves a page without a
    # key, which the next run re-makes, never a new page beside an old key that vouches for it.
    job.key_path.unlink(missing_ok=True)
    write_atomic(job.path("ipynb"), nbformat.writes(notebook))
    write_atomic(job.path("html"), page)
    write_atomic(job.key_path, key)
    return Outcome(job, "ran", "", time.perf_counter() - started)


def _other_language(job: Job) -> str | None:
    other = [lang for lang in LANGS if lang != job.lang]
    return job.path("html", other[0]).name if other else None


def _one_line(exc: Exception, timeout: float) -> str:
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}".splitlines()[0]
    if isinstance(exc, CellTimeoutError):
        return f"a cell ran longer than {timeout:g} s (--timeout)"
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
              data_dir: Path | None = None, progress: bool | None = None, timeout: float = CELL_TIMEOUT
              ) -> list[Outcome]:
    """Run every job that is not current; return one outcome per job, in the given order.

    Ctrl-C or SIGTERM stops the batch within seconds: queued reports never start, running
    kernels are killed, and Interrupted carries the outcomes of the reports that finished.
    """
    data = paths.data_dir(data_dir)
    data_hash = data_version(data)
    versions = {p: province_data_version(data, p) for p in {job.province for job in jobs} if p}
    keys = {job: cache_key(job, versions.get(job.province, data_hash)) for job in jobs}
    outcomes = {job: Outcome(job, "cached") for job in jobs if not force and is_current(job, keys[job])}
    todo = [job for job in jobs if job not in outcomes]
    if not todo:
        return [outcomes[job] for job in jobs]
    pool = KernelPool(ensure_kernel())
    stop = threading.Event()
    show = Progress(len(todo), progress)
    threads = ThreadPoolExecutor(max(1, min(workers or os.cpu_count() or 1, len(todo))))
    # Threads suffice: each kernel is its own process; the threads only wait on them.
    try:
        with environment(**{paths.DATA_ENV: str(data)}), terminate_as_interrupt():
            futures = {threads.submit(run_job, job, keys[job], versions.get(job.province, data_hash), pool,
                                      timeout, stop): job for job in todo}
            pending = set(futures)
            while pending:
                # A short wait keeps the main thread responsive to Ctrl-C.
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    outcomes[futures[future]] = outcome
                    show.finished(outcome)
    except (KeyboardInterrupt, OutputError) as exc:
        stop.set()
        threads.shutdown(wait=False, cancel_futures=True)
        pool.kill_all()
        threads.shutdown(wait=True)  # quick: every kernel is gone, so every running cell has failed
        raise Interrupted(_settled(jobs, outcomes, keys), exc) from None
    finally:
        threads.shutdown(wait=True)
        pool.shutdown()
        show.close()
    return _settled(jobs, outcomes, keys)


def _settled(jobs: list[Job], outcomes: dict[Job, Outcome], keys: dict[Job, str]) -> list[Outcome]:
    """One outcome per job in order; a report that did not run says whether its old page still holds."""
    settled = []
    for job in jobs:
        outcome = outcomes.get(job) or Outcome(job, "stopped")
        if outcome.status in ("failed", "stopped"):
            outcome = Outcome(job, outcome.status, outcome.message, outcome.seconds, is_current(job, keys[job]))
        settled.append(outcome)
    return settled


@contextmanager
def terminate_as_interrupt():
    """SIGTERM (a scheduler's kill) stops the batch the way Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Progress:
    """A tqdm bar on a terminal; elsewhere (a log file, CI) one line per finished report."""

    def __init__(self, total: int, enabled: bool | None):
        self.total, self.done = total, 0
        self.enabled = enabled is not False
        self.bar = None
        if self.enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr)

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.enabled:
            print(f"[{self.done}/{self.total}] {outcome.status} {outcome.job.label} ({outcome.seconds:.1f} s)",
                  file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
