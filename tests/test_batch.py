"""The batch runner on tiny fixture notebooks: isolation, cache, atomicity, offline HTML."""

import re
import shutil
from pathlib import Path

import pytest

from dantoc_analysis.batch import Job, run_batch

FIXTURES = Path(__file__).parent / "notebooks"


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(FIXTURES, folder)
    return folder


def jobs(notebooks: Path, output: Path, *names: str) -> list[Job]:
    return [Job(notebooks / f"{n}.ipynb", lang, output, "lang-son") for n in names for lang in ("vi", "en")]


def test_one_failure_does_not_stop_the_others(notebooks, tmp_path):
    outcomes = run_batch(jobs(notebooks, tmp_path / "out", "ok", "raises", "missing_param"), workers=2, progress=False)
    status = {o.job.label: (o.status, o.message) for o in outcomes}
    assert status["lang-son/ok.vi"] == ("ran", "")
    assert status["lang-son/raises.vi"][0] == "failed"
    assert "ValueError: dữ liệu hỏng: lang-son" in status["lang-son/raises.vi"][1]
    assert status["lang-son/missing_param.en"] == (
        "failed", "ParameterError: missing_param.ipynb does not declare parameter(s) lang")
    written = sorted(p.name for p in (tmp_path / "out" / "lang-son").iterdir() if not p.name.startswith("."))
    assert written == ["ok.en.html", "ok.en.ipynb", "ok.vi.html", "ok.vi.ipynb"]


def test_unchanged_inputs_rewrite_nothing_and_force_is_byte_identical(notebooks, tmp_path):
    batch = jobs(notebooks, tmp_path / "out", "ok")
    run_batch(batch, workers=2, progress=False)
    page = batch[0].path("html")
    first, stamp = page.read_bytes(), page.stat().st_mtime_ns
    assert [o.status for o in run_batch(batch, progress=False)] == ["cached", "cached"]
    assert page.stat().st_mtime_ns == stamp
    assert [o.status for o in run_batch(batch, force=True, workers=2, progress=False)] == ["ran", "ran"]
    assert page.read_bytes() == first


def test_a_failed_rerun_keeps_the_previous_good_output(notebooks, tmp_path):
    batch = jobs(notebooks, tmp_path / "out", "ok")[:1]
    run_batch(batch, progress=False)
    good = batch[0].path("html").read_bytes()
    shutil.copy(notebooks / "raises.ipynb", notebooks / "ok.ipynb")  # the notebook breaks
    assert run_batch(batch, progress=False)[0].status == "failed"
    assert batch[0].path("html").read_bytes() == good
    assert not list(batch[0].folder.glob("*.tmp"))


def test_html_is_offline_code_free_and_escapes_source_text(notebooks, tmp_path):
    batch = jobs(notebooks, tmp_path / "out", "ok")
    run_batch(batch, workers=2, progress=False)
    page = batch[0].path("html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in page
    assert "<script" not in page  # nothing to fetch, nothing to run
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "&lt;script&gt;window.__injected" in page
    assert "display(Markdown" not in page  # code hidden
    assert "Tổng kế hoạch vốn 1.188.600 triệu đồng" in page
    assert 'href="ok.en.html"' in page
    assert str(tmp_path) not in page and "/work/" not in page


def test_a_report_leaves_no_client_of_its_warm_kernel_connected(notebooks, tmp_path):
    # A connected client of a kernel the batch keeps warm would queue every later report's output,
    # unread: the CLI grew by megabytes a report until the clients a report makes were stopped.
    from dantoc_analysis.batch import KernelPool, execute

    pool = KernelPool("python3")
    try:
        km = pool.kernel()
        made, original = [], km.client

        def recording(*args, **kwargs):
            made.append(original(*args, **kwargs))
            return made[-1]

        km.client = recording
        for job in jobs(notebooks, tmp_path / "out", "ok"):
            execute(job, pool, timeout=60)
        assert made and not any(client.channels_running for client in made)
    finally:
        pool.shutdown()
